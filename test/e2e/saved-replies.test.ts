import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { slackInlines, teamsCardRuns } from '../support/chat-surfaces';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Saved replies end to end: a Jira admin saves them through the backoffice's real `settings/update` resolver,
 * and operators on Slack and on Teams send them to users on the other channel with `#reply`, typed or picked
 * from the pick list's buttons, through the real web triggers.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin } = localPlatformClient(() => platform);
const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

const REPLIES = [
  { name: 'VPN reset', text: 'Hi {user}, {operator} here: your VPN token was reset.' },
  { name: 'VPN slow', text: 'A slow VPN is often the *Wi-Fi*: try a <b>cable</b>.' },
];

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'vic']));
  expect(await admin('settings/update', { change: { savedReplies: REPLIES } })).toMatchObject({ ok: true, data: { settings: { savedReplies: REPLIES } } });
});

afterEach(() => platform.close());

describe('saved replies, end to end', () => {
  it('should keep what an admin saved, and refuse a bad reply with the reason, changing nothing', async () => {
    const refused = await admin('settings/update', { change: { savedReplies: [...REPLIES, { name: '#vpn', text: 'See {tikcet}' }] } });

    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    expect((refused as { error: { message: string } }).error.message).toBe(
      'Saved reply 3: Write the name without #: operators type #reply and then the name. Saved reply 3: {tikcet} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).',
    );
    expect(await admin('settings/get', {})).toMatchObject({ ok: true, data: { settings: { savedReplies: REPLIES } } });
  });

  it('should send a Slack operator’s typed reply and one picked from the pick list to a Teams user, as her words', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');

    await say('slack', 'UALICE', '#reply vpn r');
    expect(teamsWords('vic').at(-1)).toBe('Alice Operator: Hi Vic User, Alice Operator here: your VPN token was reset.');
    expect(slackWords('UALICE').at(-1)).toBe('You sent Vic User the saved reply “VPN reset”:\nHi Vic User, Alice Operator here: your VPN token was reset.');

    await say('slack', 'UALICE', '#reply vpn');
    const card = slack.conversation('UALICE').at(-1)!;
    expect(slackInlines(card.blocks).map((i) => i.text ?? '').join('')).toContain('Several saved replies start with “vpn”.');
    const buttons = (card.blocks ?? []).filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Record<string, unknown>[]);
    expect(buttons.map((b) => (b['text'] as { text: string }).text)).toEqual(['VPN reset', 'VPN slow']);

    expect((await slack.click('UALICE', card.ts, 'koji:send-saved-reply:1')).status).toBe(200);
    await say('slack', 'UALICE', 'list_operators');

    expect(teamsWords('vic').at(-1)).toBe('Alice Operator: A slow VPN is often the *Wi-Fi*: try a <b>cable</b>.');
    const used = slack.conversation('UALICE').find((m) => m.ts === card.ts)!;
    expect(slackInlines(used.blocks).map((i) => i.text ?? '').join('')).toMatch(/✓ Sent “VPN slow”$/);
  });

  it('should send a Teams operator’s typed reply and one picked from the pick list card to a Slack user, as his words', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');

    await say('teams', 'tom', '#reply VPN RESET');
    expect(slackWords('UBOB').at(-1)).toBe('Hi Bob User, Tom Operator here: your VPN token was reset.');

    await say('teams', 'tom', '#reply vpn');
    const card = teams.conversation('tom').at(-1)!;
    const actions = (card.attachments ?? []).flatMap((a) => (a['content'] as { actions?: Record<string, unknown>[] }).actions ?? []);
    expect(actions.map((a) => a['title'])).toEqual(['VPN reset', 'VPN slow']);
    expect(teamsCardRuns({ attachments: card.attachments }).map((r) => r.text).join('')).toContain('Several saved replies start with “vpn”.');

    expect((await teams.clickSubmit('tom', card.id, 'VPN slow')).status).toBe(200);
    await say('teams', 'tom', 'list_operators');

    expect(slackWords('UBOB').at(-1)).toBe('A slow VPN is often the *Wi-Fi*: try a <b>cable</b>.');
    expect(slack.conversation('UBOB').at(-1)?.username).toBe('Tom Operator');
  });
});
