import { timerStart, type Conversation, type ConversationStateKind } from '../../domain/conversation';
import { notesFor, say } from '../../domain/replies';
import { withDefaults, type LiveAgentSettings } from '../../domain/settings';
import { dispatchQueue } from './dispatch-queue';
import { closeWithoutOperator, endConversation } from '../conversation/end-conversation';
import { notify } from '../delivery/notify';
import type { CoreDeps, Versioned } from '../ports';
import { eachWithinBudget, RunBudget, type RunLimits } from './run-budget';
import { offerTicketInstead } from '../tickets/ticket-offer';
import { windDownProject } from '../settings/wind-down';
import { putIdleOperatorsOffDuty } from '../duty/idle-away';
import { messageOf } from '../../domain/koji-error';
import { expireOffer } from '../offers/settle-offer';
import { countFigures } from '../figures/service-figures';
import { sweepRetention } from '../history/retention-sweep';

/** An offered ticket nobody took up is forgotten after a day. */
export const TICKET_OFFER_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** How late an operator offer's own expiry event may be before the sweep ends the offer instead. */
const OFFER_EXPIRY_GRACE_MS = MINUTE_MS;
const PAGE = 100;

/**
 * One run's share (the trigger runs every five minutes, with a 120 s timeout):
 * at most this many conversations, and nothing new started after 60 s, eight
 * at a time. What is left is still due at the next run, which starts with it:
 * the index is ordered by deadline, so no cursor needs storing.
 */
export const SWEEP_LIMITS: RunLimits = { maxItems: 1_000, maxMillis: 60_000, concurrency: 8 };

export interface SweepReport {
  readonly closedForInactivity: number;
  /** Conversations past their stored deadline that had messages since: their deadline now counts from the last one. */
  readonly inactivityDeadlinesMoved: number;
  readonly queueTimeouts: number;
  readonly offersExpired: number;
  /** Operator offers whose expiry event had not come a minute after their window: expired here instead. */
  readonly operatorOffersExpired: number;
  /** On-duty operators with nobody to serve and no activity for the project's idle time, put off duty (duty/idle-away.ts). */
  readonly operatorsIdleAway: number;
  /** People wound down in projects where support is off (what saving "off" did not reach). */
  readonly woundDown: number;
  /** Conversations (or steps) that failed: logged as `timeout_sweep_failed` and left for the next run. */
  readonly failed: number;
  /** Transcript lines past retention that carried no TTL, deleted (history/retention-sweep.ts). */
  readonly transcriptLinesDeleted?: number;
  /** The run stopped at its limits with work left over. */
  readonly leftForNextRun: boolean;
}

/**
 * Run on a schedule: closes silent conversations, tells users who waited too
 * long that nobody could come (and offers a ticket), forgets stale offers, and
 * finishes winding down projects where support is off.
 *
 * Timeouts come from the `by-state-timer` index (LiveAgentState.sessionsByTimer):
 * per project and state, only the conversations whose timeout has passed are read,
 * however many are open. The relay never writes a "last active" time (a relayed
 * message costs one write, its transcript line): a conversation past its stored
 * deadline has its last transcript line read, and is either closed or, having
 * had messages since, gets its deadline moved on to count from the last one.
 *
 * A run is bounded (SWEEP_LIMITS) and each conversation is handled on its own:
 * one that fails is logged and skipped, and the next run tries it again.
 */
export async function sweepTimeouts(deps: CoreDeps, limits: RunLimits = SWEEP_LIMITS): Promise<SweepReport> {
  const budget = new RunBudget(deps.clock, limits);
  const report = { closedForInactivity: 0, inactivityDeadlinesMoved: 0, queueTimeouts: 0, offersExpired: 0, operatorOffersExpired: 0, operatorsIdleAway: 0, woundDown: 0, failed: 0 };
  const projects = rotated((await deps.settings.allProjects()).map((p) => ({ ...p, settings: withDefaults(p.settings) })), deps.clock.now());
  for (const { projectId, settings } of projects) {
    if (budget.spent) break;
    await guarded(deps, report, { projectId, step: 'project' }, async () => {
      if (settings.enabled) {
        await sweepProject(deps, projectId, settings, budget, report);
      } else {
        const wound = await windDownProject(deps, projectId, settings, budget);
        report.woundDown += wound.conversationsEnded + wound.ticketsOffered + wound.waitingClosed + wound.operatorsOffDuty;
        report.failed += wound.failed;
      }
      await expireOffers(deps, projectId, budget, report);
    });
  }
  // Old transcript lines wait when the run's time is spent: the next run starts with them.
  const retention = budget.spent ? { deleted: 0, more: true } : await sweepRetention(deps, projects);
  return { ...report, ...(retention.deleted > 0 ? { transcriptLinesDeleted: retention.deleted } : {}), leftForNextRun: budget.spent || retention.more };
}

type Counts = { -readonly [K in Exclude<keyof SweepReport, 'leftForNextRun' | 'transcriptLinesDeleted'>]: number };

async function sweepProject(deps: CoreDeps, projectId: string, settings: LiveAgentSettings, budget: RunBudget, report: Counts): Promise<void> {
  // A match missed after a crash between commit and matching is made here, within one sweep.
  await guarded(deps, report, { projectId, step: 'dispatch' }, () => dispatchQueue(deps, projectId, settings));

  // People waiting for a human first: they are the fewest and the most in need of an answer.
  const queueCutoff = deps.clock.now() - settings.queueTimeoutMinutes * MINUTE_MS;
  await eachDue(deps, projectId, 'queued', queueCutoff, budget, report, async (conversation) => {
    const offered = await offerTicketInstead(deps, conversation, 'queue-timeout', (current) => timerStart(current.state) <= queueCutoff);
    if (!offered) return;
    report.queueTimeouts += 1;
    await countFigures(deps, projectId, settings, [{ kind: 'timed-out' }]);
    const { toUser, buttonLabels } = say(conversation.lang);
    await notify(deps, conversation.user, {
      kind: 'notice',
      text: toUser.queueTimedOut(settings.queueTimeoutMinutes),
      conversationId: conversation.id,
      buttons: [{ action: 'accept-ticket', label: buttonLabels.createTicketForMe }],
    });
  });

  // The delayed queue event ends each operator offer on time; one that never came is caught here.
  await eachDue(deps, projectId, 'offered', deps.clock.now() - OFFER_EXPIRY_GRACE_MS, budget, report, async (conversation) => {
    if (conversation.state.kind !== 'offered') return;
    const outcome = await expireOffer(deps, { kind: 'offer-expiry', user: conversation.user, offerId: conversation.state.offer.id });
    if (outcome === 'expired') report.operatorOffersExpired += 1;
  });

  const timeoutMs = settings.inactivityTimeoutMinutes * MINUTE_MS;
  await eachDue(deps, projectId, 'with-operator', deps.clock.now() - timeoutMs, budget, report, async (conversation, version) => {
    const outcome = await closeOrMoveDeadline(deps, conversation, version, settings, timeoutMs);
    if (outcome === 'closed') report.closedForInactivity += 1;
    if (outcome === 'moved') report.inactivityDeadlinesMoved += 1;
  });

  const idleMinutes = settings.idleAwayMinutes;
  if (idleMinutes === 'off') return;
  await guarded(deps, report, { projectId, step: 'idle' }, async () => {
    report.operatorsIdleAway += await putIdleOperatorsOffDuty(deps, projectId, idleMinutes, budget, () => (report.failed += 1));
  });
}

async function expireOffers(deps: CoreDeps, projectId: string, budget: RunBudget, report: Counts): Promise<void> {
  await eachDue(deps, projectId, 'ticket-offered', deps.clock.now() - TICKET_OFFER_LIFETIME_MS, budget, report, async (conversation) => {
    const closed = await closeWithoutOperator(deps, conversation, (s) => notesFor(s).ticketOfferExpired(s.userName), ['ticket-offered']);
    if (closed) report.offersExpired += 1;
  });
}

/**
 * A conversation whose stored deadline passed: silent since, it is closed;
 * with messages since, its deadline moves on to count from the last of them
 * (one write, compare-and-set on the version read: if the conversation changed
 * meanwhile, the next run looks again).
 */
async function closeOrMoveDeadline(
  deps: CoreDeps,
  conversation: Conversation,
  version: number,
  settings: LiveAgentSettings,
  timeoutMs: number,
): Promise<'closed' | 'moved' | undefined> {
  if (conversation.state.kind !== 'with-operator') return undefined;
  const [last] = await deps.transcripts.read(conversation.id, { last: 1 });
  const lastActivity = Math.max(last?.at ?? 0, timerStart(conversation.state));
  if (deps.clock.now() - lastActivity >= timeoutMs) {
    return (await endConversation(deps, conversation.user, conversation.id, 'inactivity', settings)) ? 'closed' : undefined;
  }
  const moved: Conversation = { ...conversation, state: { ...conversation.state, activeAt: lastActivity } };
  return (await deps.state.commit([{ kind: 'put-conversation', conversation: moved, expected: version }])) ? 'moved' : undefined;
}

/**
 * Every conversation of the project in `state` whose timeout started by `cutoff`,
 * earliest first, a page at a time within the run's budget. A page is handled
 * before the next is read; handled conversations leave the range (closed, or their
 * timer moved past the cutoff), and the cursor continues after the last one
 * read, so one that failed is not read again in this run.
 */
async function eachDue(
  deps: CoreDeps,
  projectId: string,
  state: ConversationStateKind,
  cutoff: number,
  budget: RunBudget,
  report: Counts,
  handle: (conversation: Conversation, version: number) => Promise<void>,
): Promise<void> {
  await guarded(deps, report, { projectId, step: state }, async () => {
    let cursor: string | undefined;
    do {
      const room = budget.room();
      if (room === 0) return;
      const page = await deps.state.conversationsByTimer(projectId, state, cutoff, { limit: Math.min(PAGE, room), cursor });
      await eachWithinBudget(
        page.items,
        budget,
        deps.log,
        {
          event: 'timeout_sweep_failed',
          describe: (s: Versioned<Conversation>) => ({ projectId, state, conversationId: s.value.id }),
          onFailure: () => (report.failed += 1),
        },
        (s) => handle(s.value, s.version),
      );
      cursor = page.cursor;
    } while (cursor && !budget.spent);
  });
}

/** A step that fails (a page that cannot be read) is logged and counted; the run goes on with the next. */
async function guarded(deps: CoreDeps, report: Counts, fields: Record<string, unknown>, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    report.failed += 1;
    deps.log.warn('timeout_sweep_failed', { ...fields, reason: messageOf(error) });
  }
}

/**
 * Projects in an order that moves on by one each minute, so that a project
 * with more due than one run handles does not always come first and leave the
 * others waiting.
 */
function rotated<T>(projects: readonly T[], now: number): T[] {
  if (projects.length < 2) return [...projects];
  const start = Math.floor(now / MINUTE_MS) % projects.length;
  return [...projects.slice(start), ...projects.slice(0, start)];
}
