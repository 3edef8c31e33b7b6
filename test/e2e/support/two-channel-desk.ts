import { slackInlines, teamsCardRuns, teamsTextShown } from '../../support/chat-surfaces';
import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { setUpSandboxes, teamsPersonId } from '../../../dev/sandbox-setup';
import { localPlatformClient, settle as settleLeaving, startSandboxedPlatform, type SandboxedPlatform } from '../../local/support/local-platform-client';

/**
 * The desk most end-to-end specs start from, set up the way an admin would through the backoffice's resolvers
 * (`setUpSandboxes`): live agent support on with `settings`, both sandboxes connected, the Teams people in
 * `teamsPeople` with the app installed, and the Live agent role for Alice (Slack) and Tom (Teams). Nobody is on
 * duty yet.
 */
export async function openTwoChannelDesk(settings: Record<string, unknown>, teamsPeople: readonly string[] = ['tom', 'vic']): Promise<SandboxedPlatform> {
  const desk = await startSandboxedPlatform();
  await setUpSandboxes(desk.platform, { settings, operators: { slack: ['UALICE'], teams: ['tom'] }, teamsInstalls: teamsPeople });
  return desk;
}

export { teamsPersonId };

export interface DeskChatOptions {
  /**
   * Each step waits only for queued work due within a few seconds, leaving what the app set for later (an operator
   * offer's expiry) to go off when the spec says: `timePasses` brings it forward.
   */
  readonly leaveTimers?: boolean;
}

/** Queued events due further ahead than this are timers the app set, not work a step set off. */
const TIMER_HORIZON_MS = 5_000;

/**
 * Talking at the desk and reading what the bot said, as each person sees it: `say` posts through the channel's
 * real web trigger (answered 200) and waits until everything it set off is done; the words are the bot's messages,
 * Slack's rich text and Teams' cards or text read the way each client shows them. `desk` is read on each call, so a
 * spec may open a fresh desk for every test.
 */
export function deskChat(desk: () => SandboxedPlatform, options: DeskChatOptions = {}) {
  const settle = options.leaveTimers ? () => settleLeaving(desk().platform, { leavingLaterThanMs: TIMER_HORIZON_MS }) : localPlatformClient(() => desk().platform).settle;
  const slackBotMessages = (userId: string) => desk().slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId);
  const teamsBotMessages = (person: string) => desk().teams.conversation(person).filter((m) => m.from === 'bot');
  return {
    async say(channel: 'slack' | 'teams', who: string, text: string): Promise<void> {
      const { slack, teams } = desk();
      const delivered = channel === 'slack' ? await slack.sendAs(who, text) : await teams.sendAs(who, text);
      if (delivered.status !== 200) throw new Error(`${who}'s "${text}" was answered ${delivered.status}`);
      await settle();
    },
    /** `seconds` pass for the app's queued timers (the app's clock stays), then everything they set off is done. */
    async timePasses(seconds: number): Promise<void> {
      desk().platform.queue.bringForward(seconds);
      await settle();
    },
    slackBotMessages,
    teamsBotMessages,
    slackWords: (userId: string) => slackBotMessages(userId).map((m) => slackInlines(m.blocks).map((i) => i.text ?? '').join('')),
    /** A Teams bot message as shown: a card's runs, or the text of a plain message. */
    teamsWords: (person: string) =>
      teamsBotMessages(person).map((m) => (m.attachments ? teamsCardRuns(m as unknown as Record<string, unknown>).map((r) => r.text).join('') : teamsTextShown(m.text ?? '').shown)),
  };
}
