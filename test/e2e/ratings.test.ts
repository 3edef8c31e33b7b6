import { kvs } from '@forge/kvs';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { KvsRatingStore } from '../../src/adapters/forge/kvs-ratings';
import { satisfactionOf } from '../../src/app/ratings/rate-conversation';
import { slackInlines, teamsCardRuns } from '../support/chat-surfaces';
import { deskChat, openTwoChannelDesk, teamsPersonId } from './support/two-channel-desk';

/**
 * Users on Slack and Teams rate their conversation by tapping the card Koji sends after it ends, through the real
 * web triggers; the card is updated, and a second tap (from the same card, at the same moment) scores nothing more.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));
const ratings = () => new KvsRatingStore(kvs);
const PROJECT = '10000';
const ALICE = { channel: 'slack' as const, tenantId: 'T0SANDBOX', userId: 'UALICE' };
const TOM = () => ({ channel: 'teams' as const, tenantId: TEAMS_SANDBOX.tenantId, userId: teamsPersonId('tom') });

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'vic']));
});

afterEach(() => platform.close());

function slackCard(userId: string, ts: string) {
  const blocks = slack.conversation(userId).find((m) => m.ts === ts)?.blocks ?? [];
  return { words: slackInlines(blocks).map((i) => i.text ?? '').join(''), buttons: blocks.filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Record<string, unknown>[]) };
}

function teamsCard(person: string, id: string) {
  const message = teams.conversation(person).find((m) => m.id === id);
  const actions = (message?.attachments ?? []).flatMap((a) => (a['content'] as { actions?: Record<string, unknown>[] }).actions ?? []);
  return { words: teamsCardRuns({ attachments: message?.attachments }).map((r) => r.text).join(''), actions };
}

describe('rating a conversation, end to end', () => {
  it('should let a Slack user rate with the card, update the card, and keep the first score when two taps come at once', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('teams', 'tom', 'stop');

    expect(slackWords('UBOB').slice(-2)).toEqual(['Tom Operator closed the conversation. You can continue talking to the Koji assistant.', 'How did Tom Operator do? Tap a score from 1 (poor) to 5 (great) within 24 hours.']);
    const card = slack.conversation('UBOB').filter((m) => JSON.stringify(m.blocks ?? []).includes('koji:rate')).at(-1)!;
    expect(slackCard('UBOB', card.ts).buttons.map((b) => (b['text'] as { text: string }).text)).toEqual(['1', '2', '3', '4', '5']);
    const conversationId = (JSON.parse(String(slackCard('UBOB', card.ts).buttons[0]?.['value'])) as { c: string }).c;

    const taps = await Promise.all([slack.click('UBOB', card.ts, 'koji:rate:3'), slack.click('UBOB', card.ts, 'koji:rate:4')]);
    await say('slack', 'UBOB', 'Quick and kind');

    expect(taps.map((t) => t.status)).toEqual([200, 200]);
    const stored = (await ratings().get(conversationId)).rating?.value;
    expect(stored).toMatchObject({ score: expect.any(Number) as unknown, comment: 'Quick and kind', operatorName: 'Tom Operator' });
    expect(slackCard('UBOB', card.ts).buttons).toEqual([]);
    expect(slackCard('UBOB', card.ts).words).toMatch(new RegExp(`✓ (You rated ${stored?.score}/5\\. Thanks!|You already rated this conversation ${stored?.score}/5\\.)`));
    expect(slackWords('UBOB').at(-1)).toBe('Thanks, I added your comment to your rating.');
    expect(await satisfactionOf({ ratings: ratings() }, PROJECT, TOM())).toEqual({ rated: 1, satisfied: 1, share: 100 });
  });

  it('should let a Teams user rate with the card, update the card, and answer a second tap on the card without changing the score', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'stop');

    expect(teamsWords('vic').at(-1)).toBe('How did Alice Operator do? Tap a score from 1 (poor) to 5 (great) within 24 hours.');
    const card = teams.conversation('vic').filter((m) => JSON.stringify(m.attachments ?? []).includes('"rate"')).at(-1)!;
    expect(teamsCard('vic', card.id).actions.map((a) => a['title'])).toEqual(['1', '2', '3', '4', '5']);

    const taps = await Promise.all([teams.clickSubmit('vic', card.id, '2'), teams.clickSubmit('vic', card.id, '5')]);
    await say('teams', 'vic', 'hello again');

    expect(taps.map((t) => t.status)).toEqual([200, 200]);
    expect(teamsCard('vic', card.id).actions).toEqual([]);
    expect(teamsCard('vic', card.id).words).toMatch(/✓ (You rated [25]\/5\. Thanks!|You already rated this conversation [25]\/5\.)/);
    expect(await satisfactionOf({ ratings: ratings() }, PROJECT, ALICE)).toMatchObject({ rated: 1 });
  });
});
