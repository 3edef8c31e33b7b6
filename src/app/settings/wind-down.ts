import type { Conversation, ConversationStateKind } from '../../domain/conversation';
import { participantKey } from '../../domain/participant';
import { notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { closeWithoutOperator, endConversation } from '../conversation/end-conversation';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { withdrawOffer } from '../offers/settle-offer';
import { releaseOperator } from '../conversation/release-operator';
import { eachWithinBudget, type RunBudget, type RunLimits } from '../queue/run-budget';
import { offerTicketInstead } from '../tickets/ticket-offer';

/**
 * Saving "off" winds down what it can while the admin waits for the answer
 * (the resolver has 25 s); whatever is left, the timeout sweep finishes within
 * its next run.
 */
export const WIND_DOWN_WHILE_SAVING: RunLimits = { maxItems: 100, maxMillis: 10_000, concurrency: 4 };

export interface WindDownReport {
  /** Conversations with an operator, ended (the user told). */
  readonly conversationsEnded: number;
  /** Waiting users told, and offered a ticket from their messages. */
  readonly ticketsOffered: number;
  /** Waiting users whose conversation already had a ticket: closed, what they said since added to it. */
  readonly waitingClosed: number;
  /** Operators taken off duty (told). */
  readonly operatorsOffDuty: number;
  readonly failed: number;
  /** Nothing is left: a full pass found nobody to wind down and nothing failed. */
  readonly complete: boolean;
}

/** A safety bound: each further pass runs only if the one before found someone (who arrived while it ran). */
const MAX_PASSES = 5;
const PAGE = 100;

/**
 * Live agent support is off for this project: nobody may keep waiting for an
 * operator, talk to one, or be on duty. Conversations with an operator end
 * (the user is told), operators go off duty (told), and waiting users are told
 * and offered a ticket from their messages (closed instead, when their
 * conversation already has a ticket). Ticket offers stay open: a ticket needs
 * no operator, and the offer expires as usual.
 *
 * In this order, because each step can hand people to the next: ending a
 * conversation cannot requeue anyone, but taking an operator off duty hands
 * back whoever connected to them meanwhile, and those are waiting. A pass
 * reads each state page by page and acts on what it reads; passes repeat while
 * the last one found someone, so a request or a match that raced the admin's
 * save is caught too. Each person is handled on their own: one failure is
 * logged and skipped (the sweep retries it), never stopping the rest.
 */
export async function windDownProject(
  deps: CoreDeps,
  projectId: string,
  settings: LiveAgentSettings,
  budget: RunBudget,
): Promise<WindDownReport> {
  const counts = { conversationsEnded: 0, ticketsOffered: 0, waitingClosed: 0, operatorsOffDuty: 0, failed: 0 };
  const handled = () => counts.conversationsEnded + counts.ticketsOffered + counts.waitingClosed + counts.operatorsOffDuty;
  const failure = <T>(fields: (item: T) => Record<string, unknown>) => ({
    event: 'wind_down_failed',
    describe: fields,
    onFailure: () => (counts.failed += 1),
  });
  let complete = false;
  for (let pass = 0; pass < MAX_PASSES && !budget.spent; pass += 1) {
    const [handledBefore, failedBefore] = [handled(), counts.failed];

    await eachPage(deps, projectId, 'with-operator', budget, async (conversations) => {
      const ended = await eachWithinBudget(conversations, budget, deps.log, failure((s: Conversation) => ({ projectId, conversationId: s.id })), (s) =>
        endConversation(deps, s.user, s.id, 'support-disabled', settings, { dispatch: false }),
      );
      counts.conversationsEnded += ended.filter(Boolean).length;
    });

    const onDuty = (await deps.state.operatorsByDuty(projectId, 'on')).map((o) => o.value);
    const offDuty = await eachWithinBudget(onDuty, budget, deps.log, failure((o: (typeof onDuty)[number]) => ({ projectId, operator: participantKey(o.participant) })), async (operator) => {
      const released = await releaseOperator(deps, operator.participant, 'off-duty');
      if (!released) return false;
      await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.liveAgentTurnedOff() });
      return true;
    });
    counts.operatorsOffDuty += offDuty.filter(Boolean).length;

    await eachPage(deps, projectId, 'queued', budget, async (conversations) => {
      const outcomes = await eachWithinBudget(conversations, budget, deps.log, failure((s: Conversation) => ({ projectId, conversationId: s.id })), (s) =>
        windDownWaiting(deps, s),
      );
      counts.ticketsOffered += outcomes.filter((o) => o === 'offered').length;
      counts.waitingClosed += outcomes.filter((o) => o === 'closed').length;
    });

    if (handled() === handledBefore) {
      complete = counts.failed === failedBefore && !budget.spent;
      break;
    }
  }
  return { ...counts, complete };
}

/**
 * One person's part of a wind-down, for a request that raced the admin's save
 * (see request-operator.ts): the same as the whole wind-down does for them.
 */
export async function windDownConversation(deps: CoreDeps, conversation: Conversation, settings: LiveAgentSettings): Promise<void> {
  if (conversation.state.kind === 'with-operator') {
    await endConversation(deps, conversation.user, conversation.id, 'support-disabled', settings);
  } else if (conversation.state.kind === 'queued') {
    await windDownWaiting(deps, conversation);
  } else if (conversation.state.kind === 'offered') {
    const waiting = await withdrawOffer(deps, conversation);
    if (waiting) await windDownWaiting(deps, waiting);
  }
}

/** A waiting user is told why nobody will come, and offered a ticket instead (or, having one already, closed). */
async function windDownWaiting(deps: CoreDeps, conversation: Conversation): Promise<'offered' | 'closed' | undefined> {
  const { toUser, buttonLabels } = say(conversation.lang);
  const transcriptNotes = notesFor(conversation);
  if (conversation.ticket) {
    const closed = await closeWithoutOperator(deps, conversation, () => transcriptNotes.closedSupportDisabledWhileWaiting(), ['queued'], 'support-disabled');
    if (!closed) return undefined;
    await notify(deps, conversation.user, { kind: 'notice', text: toUser.liveAgentTurnedOff(), conversationId: conversation.id });
    return 'closed';
  }
  if (!(await offerTicketInstead(deps, conversation, 'support-disabled'))) return undefined;
  await notify(deps, conversation.user, {
    kind: 'notice',
    text: toUser.liveAgentTurnedOffWhileWaiting(),
    conversationId: conversation.id,
    buttons: [{ action: 'accept-ticket', label: buttonLabels.createTicketForMe }],
  });
  return 'offered';
}

/**
 * Reads a state of the project page by page and hands each page to `act`
 * before reading the next: the cursor continues after the last conversation read,
 * so conversations that left the state meanwhile do not make it skip anyone.
 */
async function eachPage(
  deps: CoreDeps,
  projectId: string,
  state: ConversationStateKind,
  budget: RunBudget,
  act: (conversations: Conversation[]) => Promise<void>,
): Promise<void> {
  let cursor: string | undefined;
  do {
    const room = budget.room();
    if (room === 0) return;
    const page = await deps.state.conversationsInState(projectId, state, { limit: Math.min(PAGE, room), cursor });
    await act(page.items.map((s) => s.value));
    cursor = page.cursor;
  } while (cursor && !budget.spent);
}
