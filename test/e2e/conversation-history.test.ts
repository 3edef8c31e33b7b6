import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * The supervisor's History, end to end: conversations on Slack and Teams through the real web triggers, then a
 * Jira admin reads them through the real backoffice resolvers; whatever a script sends is checked before anything
 * is read, and answered `invalid_request` with the reason.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say } = deskChat(() => ({ platform, slack, teams }));
const { admin } = localPlatformClient(() => platform);

interface Found {
  conversations: Array<{ conversationId: string; userName: string; operatorName?: string; channel: string; ending: string; ticket?: { key: string } }>;
  cursor?: string;
}

async function search(payload: Record<string, unknown>): Promise<Found> {
  const answer = await admin('history/search', payload);
  if (!answer.ok) throw new Error(`history/search failed: ${JSON.stringify(answer)}`);
  return answer.data as unknown as Found;
}

beforeAll(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}));
  await say('slack', 'UALICE', '#on');
  await say('slack', 'UBOB', 'operator');
  await say('slack', 'UBOB', 'My laptop will not start');
  await say('slack', 'UALICE', '#note Probably the battery');
  await say('slack', 'UALICE', 'stop');
  await say('teams', 'vic', 'operator');
  await say('teams', 'vic', 'stop');
}, 60_000);

afterAll(() => platform.close());

describe('the History through the resolvers', () => {
  it('should list both conversations newest first, and each person once in the pickers', async () => {
    const all = await search({});
    const users = await admin('history/people', { role: 'user' });
    const operators = await admin('history/people', { role: 'operator' });

    expect(all.conversations.map((c) => [c.userName, c.channel, c.ending])).toEqual([
      [expect.stringMatching(/^Vic/), 'teams', 'user-left'],
      ['Bob User', 'slack', 'operator-ended'],
    ]);
    expect(all.conversations[1]?.operatorName).toBe('Alice Operator');
    expect(users).toMatchObject({ ok: true, data: { people: [{ name: expect.stringMatching(/^Vic/) }, { name: 'Bob User', channel: 'slack', userId: 'UBOB' }] } });
    expect(operators).toMatchObject({ ok: true, data: { people: [{ name: 'Alice Operator', userId: 'UALICE' }] } });
  });

  it('should find Alice’s conversations on Slack, and open one with its note marked internal', async () => {
    const alices = await search({ person: { role: 'operator', channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' }, channel: 'slack' });
    const everywhere = await search({ person: { role: 'operator', channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' } });
    const opened = await admin('history/get', { conversationId: alices.conversations[0]!.conversationId });

    expect(alices.conversations.map((c) => c.userName)).toEqual(['Bob User']);
    expect(everywhere.conversations).toHaveLength(2);
    expect(opened).toMatchObject({
      ok: true,
      data: {
        conversation: { userName: 'Bob User', operatorName: 'Alice Operator' },
        transcript: { lines: expect.arrayContaining([expect.objectContaining({ text: 'Probably the battery', internal: true }), expect.objectContaining({ text: 'My laptop will not start' })]) },
      },
    });
  });

  it.each([
    ['a role that is neither', 'history/people', { role: 'admin' }, /“role”/],
    ['a cursor with spaces', 'history/people', { role: 'user', cursor: 'not a cursor' }, /“cursor”/],
    ['a date as text', 'history/search', { from: 'yesterday' }, /“from”/],
    ['a span that ends before it starts', 'history/search', { from: Date.UTC(2026, 5, 2), to: Date.UTC(2026, 5, 1) }, /“from” must not be after “to”/],
    ['an unknown channel', 'history/search', { channel: 'irc' }, /“channel”/],
    ['a ticket key that is not one', 'history/search', { ticketKey: 'SUP-12; DROP' }, /“ticketKey”/],
    ['a person without a user id', 'history/search', { person: { role: 'user', channel: 'slack', tenantId: 'T0SANDBOX' } }, /“userId”/],
    ['an unknown field', 'history/search', { text: 'printer' }, /Unknown search fields: text/],
    ['a conversation id that is not one', 'history/get', { conversationId: '../../etc' }, /“conversationId”/],
    ['a conversation id whose storage key would be too long', 'history/get', { conversationId: `slack/${':'.repeat(700)}` }, /“conversationId”/],
  ])('should refuse %s with the reason, reading nothing', async (_what, key, payload, reason) => {
    const answer = await admin(key, payload);

    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(reason) } });
  });

  it.each([
    ['history/search', {}, /search again/],
    ['history/people', { role: 'operator' }, /open the list again/],
  ])('should answer %s a page cursor it never gave by asking for the list again', async (key, payload, reason) => {
    for (const cursor of ['NaN', 'eyJ4IjoxfQ', '!'.repeat(2_000)]) {
      const answer = await admin(key, { ...payload, cursor });

      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(reason) } });
    }
  });

  it('should say a conversation it does not keep is not in the history', async () => {
    const answer = await admin('history/get', { conversationId: 'slack/T0SANDBOX/UNOBODY/Ev1' });

    expect(answer).toMatchObject({ ok: false, error: { code: 'no_conversation' } });
  });
});
