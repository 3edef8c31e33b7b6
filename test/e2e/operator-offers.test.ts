import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { slackInlines, teamsCardRuns } from '../support/chat-surfaces';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Operator offers (offer-first) with users and operators on Slack and Teams through their real web triggers, the
 * real queue consumer and the local queue: the operator routing picks gets a card to accept or decline; the user
 * waits until they accept. An offer nobody answers ends when its queued expiry comes (brought forward here: the
 * app's clock is not moved, a minute passes for the queue at once).
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin } = localPlatformClient(() => platform);
const { say, timePasses, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }), { leaveTimers: true });

const CONNECTING = /^Connecting you to an operator\./;
const WENT_ROUND = /^The operators free right now couldn’t take your chat\./;
const offerFor = (name: string, channel: string) => `${name} (${channel}) is waiting to talk to an operator. Accept within 60 seconds`;

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({ operatorAssignment: 'offer-first' }, ['tom', 'vic']));
});

afterEach(() => platform.close());

/** Alice's offer card as Slack holds it now (found by the ts it was posted with): its words and its buttons. */
function slackCard(ts: string) {
  const message = slack.conversation('UALICE').find((m) => m.ts === ts);
  const blocks = message?.blocks ?? [];
  return {
    words: slackInlines(blocks).map((i) => i.text ?? '').join(''),
    buttons: blocks.filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Record<string, unknown>[]),
  };
}

/** Tom's offer card as the Bot Connector holds it now (by its activity id): its words and its actions. */
function teamsCard(id: string) {
  const message = teams.conversation('tom').find((m) => m.id === id);
  const actions = (message?.attachments ?? []).flatMap((a) => (a['content'] as { actions?: Record<string, unknown>[] }).actions ?? []);
  return { words: teamsCardRuns({ attachments: message?.attachments }).map((r) => r.text).join(''), actions };
}

/** The newest card offering Alice a user that she can still answer. */
const lastSlackOffer = () => slack.conversation('UALICE').filter((m) => JSON.stringify(m.blocks ?? []).includes('koji:accept-offer')).at(-1);
const lastTeamsOffer = () => teams.conversation('tom').filter((m) => JSON.stringify(m.attachments ?? []).includes('"accept-offer"')).at(-1);

const onDuty = async () => ((await admin('activity/get', {})).data as { onDuty?: { rows: Array<{ name: string }> } } | undefined)?.onDuty?.rows.map((o) => o.name) ?? [];

describe('operator offers, end to end', () => {
  it('should offer a Teams user to a Slack operator with their first message, keep their words from her, and connect them when she clicks Accept', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'My laptop won’t start');
    await say('teams', 'vic', 'operator');

    expect(teamsWords('vic').at(-1)).toMatch(CONNECTING);
    const offer = lastSlackOffer()!;
    expect(slackCard(offer.ts).words).toContain(offerFor('Vic User', 'Microsoft Teams'));
    expect(slackCard(offer.ts).words).toContain('Vic User: My laptop won’t start');
    expect(slackCard(offer.ts).buttons).toEqual([
      expect.objectContaining({ action_id: 'koji:accept-offer:0', text: expect.objectContaining({ text: 'Accept' }), style: 'primary' }),
      expect.objectContaining({ action_id: 'koji:decline-offer:1', text: expect.objectContaining({ text: 'Decline' }) }),
    ]);

    const aliceHeard = slack.conversation('UALICE').length;
    await say('teams', 'vic', 'Is anyone there?');
    expect(slack.conversation('UALICE')).toHaveLength(aliceHeard);

    expect((await slack.click('UALICE', offer.ts, 'koji:accept-offer:0')).status).toBe(200);
    await timePasses(0);

    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Alice Operator/);
    expect(slackCard(offer.ts).words).toMatch(/✓ Accepted by you$/);
    expect(slackCard(offer.ts).buttons).toEqual([]);
    await say('teams', 'vic', 'It beeps three times');
    expect(slackWords('UALICE').at(-1)).toBe('It beeps three times');
  });

  it('should offer a Slack user to a Teams operator and connect them when he clicks Accept', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'My printer is on fire');
    await say('slack', 'UBOB', 'operator');

    expect(slackWords('UBOB').at(-1)).toMatch(CONNECTING);
    const offer = lastTeamsOffer()!;
    expect(teamsCard(offer.id).words).toContain(offerFor('Bob User', 'Slack'));
    expect(teamsCard(offer.id).words).toContain('Bob User: My printer is on fire');
    expect(teamsCard(offer.id).actions).toEqual([
      expect.objectContaining({ type: 'Action.Submit', title: 'Accept', style: 'positive' }),
      expect.not.objectContaining({ style: expect.anything() as unknown }),
    ]);
    const tomHeard = teams.conversation('tom').length;
    await say('slack', 'UBOB', 'Hello?');
    expect(teams.conversation('tom')).toHaveLength(tomHeard);

    expect((await teams.clickSubmit('tom', offer.id, 'Accept')).status).toBe(200);
    await timePasses(0);

    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
    expect(teamsCard(offer.id).words).toMatch(/✓ Accepted by you$/);
    expect(teamsCard(offer.id).actions).toEqual([]);
  });

  it('should pass a user declined with #decline to the other operator, update each declined card, and never offer them back', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    const aliceOffer = lastSlackOffer()!;

    await say('slack', 'UALICE', '#decline');

    expect(slackCard(aliceOffer.ts)).toEqual({ words: 'You declined Bob User; they were passed on to the next operator.', buttons: [] });
    const tomOffer = lastTeamsOffer()!;
    expect(teamsCard(tomOffer.id).words).toContain(offerFor('Bob User', 'Slack'));
    const aliceHeard = slack.conversation('UALICE').length;

    await say('teams', 'tom', '#decline');

    expect(teamsCard(tomOffer.id)).toEqual({ words: 'You declined Bob User; they were passed on to the next operator.', actions: [] });
    expect(slackWords('UBOB').at(-1)).toMatch(WENT_ROUND);
    expect(slack.conversation('UALICE')).toHaveLength(aliceHeard);
    expect(lastSlackOffer()).toBeUndefined();
  });

  it('should pass an offer left to expire to the next operator and say so on the expired card', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    const tomOffer = lastTeamsOffer()!;
    expect(lastSlackOffer()).toBeUndefined();

    await timePasses(50);
    expect(teamsCard(tomOffer.id).actions).toHaveLength(2);
    await timePasses(10);

    expect(teamsCard(tomOffer.id)).toEqual({ words: 'Nobody accepted within 60 seconds, so Vic User was passed on to the next operator.', actions: [] });
    const aliceOffer = lastSlackOffer()!;
    expect(slackCard(aliceOffer.ts).words).toContain(offerFor('Vic User', 'Microsoft Teams'));

    await timePasses(60);

    expect(slackCard(aliceOffer.ts)).toEqual({ words: 'Nobody accepted within 60 seconds, so Vic User was passed on to the next operator.', buttons: [] });
    expect(teamsWords('vic').at(-1)).toMatch(WENT_ROUND);
  });

  it.each([
    ['Slack', 'UALICE', () => slackWords('UALICE').at(-1)],
    ['Teams', 'tom', () => teamsWords('tom').at(-1)],
  ] as const)('should put a %s operator who let two offers in a row expire off duty, and tell them to type #on', async (channel, operator, lastHeard) => {
    const on = channel === 'Slack' ? 'slack' : 'teams';
    await say(on, operator, '#on');
    await say('slack', 'UBOB', 'operator');
    await timePasses(60);
    expect(slackWords('UBOB').at(-1)).toMatch(WENT_ROUND);
    expect(await onDuty()).toHaveLength(1);

    await say('teams', 'vic', 'operator');
    await timePasses(60);

    expect(lastHeard()).toBe('You let 2 offers in a row go unanswered, so I put you off duty and passed your open offers to other operators. Type #on when you’re back.');
    expect(await onDuty()).toEqual([]);
    expect(teamsWords('vic').at(-1)).toMatch(WENT_ROUND);
  });
});
