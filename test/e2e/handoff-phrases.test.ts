import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { slackFallbackShown, slackInlines, teamsCardRuns } from '../support/chat-surfaces';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * The phrases that ask for a human, from the backoffice to the chat: what an admin saves is what users are told
 * to type, on Slack and on Teams alike, and a list with an emptied or repeated phrase is refused with what to fix.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

/** An admin's phrase with what Slack's mrkdwn, Teams' HTML and Markdown would read as markup. */
const PHRASE = 'Talk to *a human* <now> & fast';
const HINT = `I couldn’t find an article about that. To talk to a person, type “${PHRASE}”.`;

beforeEach(async () => {
  ({ platform, slack, teams } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  for (const person of ['tom', 'wendy']) await teams.install(person);
  await settle();
  await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') });
  await settle();
});
afterEach(() => platform.close());

/** The newest bot message to a Slack user, as Slack shows it: its blocks' words, and its notification. */
function slackShown(userId: string): { words: string; notification: string } {
  const last = slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId).at(-1);
  const inlines = slackInlines(last?.blocks);
  // Only words: nothing bold, linked or styled as code.
  expect(inlines.filter((i) => i.type !== 'text' || i.style !== undefined)).toEqual([]);
  return { words: inlines.map((i) => i.text).join(''), notification: slackFallbackShown(last?.text ?? '') };
}

/** The newest bot message to a Teams user, a card here (it has a button): its runs' words, none styled. */
function teamsShown(person: string): string {
  const last = teams.conversation(person).filter((m) => m.from === 'bot').at(-1);
  const runs = teamsCardRuns((last ?? {}) as unknown as Record<string, unknown>);
  expect(runs.filter((r) => r.weight !== undefined || r.fontType !== undefined || r.selectAction !== undefined)).toEqual([]);
  return runs.map((r) => r.text).join('');
}

describe('the phrases that ask for a human', () => {
  it('should tell Slack and Teams users to type the admin’s first phrase, shown as typed, and connect them when they do', async () => {
    expect(await admin('settings/update', { change: { handoffPhrases: [PHRASE, 'real person'] } })).toMatchObject({ ok: true });

    // "operator" is no longer one of the phrases: it is a question for the assistant, which points to the admin's.
    await slack.sendAs('UBOB', 'operator');
    await teams.sendAs('wendy', 'operator');
    await settle();
    expect(slackShown('UBOB')).toEqual({ words: HINT, notification: HINT });
    expect(teamsShown('wendy')).toBe(HINT);

    await teams.sendAs('tom', '#on');
    await settle();
    await slack.sendAs('UBOB', PHRASE);
    await settle();
    expect(slackShown('UBOB').words).toBe('You’re now talking to Tom Operator, a live agent. Type “stop” when you’re done.');
    await teams.sendAs('wendy', PHRASE);
    await settle();
    expect(teamsShown('wendy')).toBe('All operators are busy. You’re number 1 in the queue, and I’ll tell you as soon as one is free. Type “cancel” to leave the queue.');
  });

  it.each([
    ['an emptied phrase', ['operator', '   ', 'human'], 'Phrase 2 is empty: type a phrase or remove it.'],
    ['a phrase given twice', ['operator', 'human', 'Operator '], '“operator” and “Operator” are the same phrase to Koji (capitals, spaces and punctuation don’t count): keep one.'],
    ['more than 20 phrases', Array.from({ length: 21 }, (_, i) => `phrase ${i + 1}`), 'Give at most 20 phrases that ask for a human (there are 21).'],
  ])('should refuse %s with what to fix, save nothing, and keep telling users the saved phrase', async (_what, handoffPhrases, message) => {
    expect(await admin('settings/update', { change: { handoffPhrases: [PHRASE, 'human'] } })).toMatchObject({ ok: true });

    const refused = await admin('settings/update', { change: { handoffPhrases, operatorCapacity: 3 } });

    expect(refused).toEqual({ ok: false, error: { code: 'invalid_settings', message } });
    expect((await admin('settings/get')).data?.['settings']).toMatchObject({ handoffPhrases: [PHRASE, 'human'], operatorCapacity: 1 });
    await slack.sendAs('UBOB', 'hello');
    await settle();
    expect(slackShown('UBOB').words).toBe(HINT);
  });
});
