import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { wellFormed } from '../../src/domain/text';
import { HOSTILE_TEXTS as HOSTILE_STRINGS } from '../support/hostile-strings';
import { slackInlines, teamsTextShown } from '../support/chat-surfaces';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Words crossing from Slack to Teams and back, through the real doors: what
 * the sender typed arrives as typed and inert (no HTML, link, mention or bold
 * they did not make), and a link their client made arrives as a link.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;
let slack: SlackSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

beforeEach(async () => {
  ({ platform, teams, slack } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  for (const person of ['tom', 'wendy']) await teams.install(person);
  await settle();
  await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') });
  await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
  await settle();
});
afterEach(() => platform.close());

/** The newest bot message in a Teams conversation: its text as Teams shows it. */
const teamsShown = (person: string) => teamsTextShown(teams.conversation(person).filter((m) => m.from === 'bot').at(-1)?.text ?? '');
/** The newest bot message in a Slack DM: its rich_text as Slack shows it. */
const slackShown = (userId: string) => slackInlines(slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId).at(-1)?.blocks);

// The 40,000-character string is left to the renderer specs: Slack's sandbox keeps Slack's 4,000-character text cap.
const CORPUS = HOSTILE_STRINGS.filter((s) => s.length < 4000 && s.trim() !== '');

describe('text across channels, end to end', () => {
  it('should relay what a Slack user types to a Teams operator as typed and inert', async () => {
    await teams.sendAs('tom', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
    for (const hostile of CORPUS) {
      await slack.sendAs('UBOB', hostile);
      await settle();
      const shown = teamsShown('tom');
      // Slack's client links a typed address: it may arrive as a link, but only one that reads as its own target.
      expect(shown.links.filter((l) => l.text !== l.href)).toEqual([]);
      expect(shown.bold).toEqual(['Bob User:']);
      expect(shown.shown.startsWith('Bob User: ')).toBe(true);
    }
    // The sandbox types Slack's escaping itself: what arrives is what Bob typed, link markup included.
    await slack.sendAs('UBOB', 'Hi <b>how</b> can I help?');
    await settle();
    expect(teamsShown('tom').shown).toBe('Bob User: Hi <b>how</b> can I help?');

    await slack.sendAs('UBOB', 'Reset it at https://portal.example/reset?a=1&b=2.');
    await settle();
    expect(teamsShown('tom')).toEqual({
      bold: ['Bob User:'],
      links: [{ text: 'https://portal.example/reset?a=1&b=2', href: 'https://portal.example/reset?a=1&b=2' }],
      shown: 'Bob User: Reset it at https://portal.example/reset?a=1&b=2.',
    });
  });

  it('should relay what a Teams user types to a Slack operator as typed and inert', async () => {
    await slack.sendAs('UALICE', '#on');
    await settle();
    await teams.sendAs('wendy', 'operator');
    await settle();
    for (const hostile of CORPUS) {
      await teams.sendAs('wendy', hostile);
      await settle();
      const inlines = slackShown('UALICE');
      // Teams' client links a typed address: it may arrive as a link, but only one that reads as its own target.
      expect(inlines.filter((i) => !(i.type === 'text' && i.style === undefined) && !(i.type === 'link' && i.text === i.url))).toEqual([]);
      // Half an emoji can't travel: it arrives as the replacement character, as any UTF-8 encoder makes it.
      expect(inlines.map((i) => i.text).join('')).toBe(wellFormed(hostile.trim()));
    }

    await teams.sendAs('wendy', 'Is it https://portal.example/reset?a=1&b=2?');
    await settle();
    expect(slackShown('UALICE')).toEqual([
      { type: 'text', text: 'Is it ' },
      { type: 'link', text: 'https://portal.example/reset?a=1&b=2', url: 'https://portal.example/reset?a=1&b=2' },
      { type: 'text', text: '?' },
    ]);
  });
});
