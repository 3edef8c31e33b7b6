import { handedBack, type Backlog, type Conversation } from '../../domain/conversation';
import { sameParticipant, type Participant } from '../../domain/participant';
import { isIdleOnDuty, offersOf, type Assignment, type Operator, type PendingOffer } from '../../domain/operator';
import { backInLine, isOpenOffer } from '../../domain/operator-offer';
import { settleOfferCard } from '../offers/make-offer';
import { type HandedBackTo, type HandedOver, notesFor, type OperatorGone, say } from '../../domain/replies';
import { senderSideOf } from '../delivery/lane';
import { tellDroppedBacklog } from '../delivery/notices';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { notify } from '../delivery/notify';
import type { CoreDeps, StateWrite } from '../ports';
import { queuedConversations } from '../queue/queue';
import { recordSystemLine } from '../transcript/system-line';
import { offerTicketInstead } from '../tickets/ticket-offer';

export interface Released {
  readonly operator: Operator;
  /** Users who were with the operator and are now waiting again, at the front by their original request time. */
  readonly requeued: readonly Conversation[];
  /** Operator offers they held, withdrawn: those users wait again in the same place, and the cards say why. */
  readonly withdrawn: readonly PendingOffer[];
  /**
   * The operator was already off duty and held nobody when this release read them (their own `#off`, or an
   * admin's, got there first): nothing changed and nobody needs telling again.
   */
  readonly alreadyOff: boolean;
}

/**
 * Why an operator leaves service: their own `#off` (or an uninstall), a Jira admin
 * putting them off duty from the backoffice, their role removed, or Koji taking them
 * off duty because their chat can't be reached (`reason`: the platform's word, kept
 * on the record for the backoffice).
 */
export type ReleaseMode = 'off-duty' | 'put-off-duty' | 'remove-role' | { readonly unreachable: string } | IdleRelease | MissedOffersRelease;

/**
 * An operator let this many operator offers in a row expire (offers/missed-offers.ts): off duty, their open offers
 * passed on, but the conversations they hold stay with them (a missed offer says nothing about those), and only
 * if they have not answered one since.
 */
export interface MissedOffersRelease {
  readonly missedOffers: number;
}

/** The timeout sweep puts an idle operator off duty, only if they are still idle since `idleBy` (duty/idle-away.ts). */
export interface IdleRelease {
  readonly idleBy: number;
}

const isIdleRelease = (mode: ReleaseMode): mode is IdleRelease => typeof mode === 'object' && 'idleBy' in mode;
const isMissedOffersRelease = (mode: ReleaseMode): mode is MissedOffersRelease => typeof mode === 'object' && 'missedOffers' in mode;
const unreachableReason = (mode: ReleaseMode): string | undefined => (typeof mode === 'object' && 'unreachable' in mode ? mode.unreachable : undefined);

/**
 * Takes an operator out of service (off duty, or their role removed) and puts
 * every user they were serving back in the queue, in one commit: nobody is
 * dropped, and nobody is held by an operator who is gone. Each of those
 * transcripts records the hand-over, as a forward records its own.
 */
export async function releaseOperator(deps: CoreDeps, participant: Participant, mode: ReleaseMode, onlyOfProject?: string): Promise<Released | undefined> {
  const released = await untilCommitted(async () => {
    const current = await deps.state.getOperator(participant);
    if (!current) return undefined;
    if (onlyOfProject !== undefined && current.value.projectId !== onlyOfProject) return undefined;
    // Active, busy or off duty since the sweep read them: not idle after all.
    if (isIdleRelease(mode) && !isIdleOnDuty(current.value, mode.idleBy)) return undefined;
    if (isMissedOffersRelease(mode) && (current.value.duty !== 'on' || (current.value.missedOffers ?? 0) < mode.missedOffers)) return undefined;
    const alreadyOff = current.value.duty === 'off' && current.value.assignments.length === 0;
    // Going off duty twice (their #off racing an admin's) writes nothing the second time.
    if (alreadyOff && (mode === 'off-duty' || mode === 'put-off-duty')) return { operator: current.value, requeued: [], dropped: [], withdrawn: [], alreadyOff };
    const now = deps.clock.now();
    const writes: StateWrite[] = [];
    const requeued: Conversation[] = [];
    const dropped: Array<{ readonly assignment: Assignment; readonly backlog: Backlog }> = [];
    const withdrawn: PendingOffer[] = [];
    for (const offer of offersOf(current.value)) {
      const conversation = await deps.state.getConversation(offer.user);
      if (!conversation || !isOpenOffer(conversation.value, offer)) continue;
      // Not passed over: going off duty is not a refusal of this user.
      writes.push({ kind: 'put-conversation', conversation: backInLine(conversation.value, undefined), expected: conversation.version });
      withdrawn.push(offer);
    }
    const kept = isMissedOffersRelease(mode) ? current.value.assignments : [];
    for (const assignment of isMissedOffersRelease(mode) ? [] : current.value.assignments) {
      const conversation = await deps.state.getConversation(assignment.user);
      const stillHeld =
        conversation?.value.id === assignment.sessionId &&
        conversation.value.state.kind === 'with-operator' &&
        sameParticipant(conversation.value.state.operator, participant);
      if (!conversation || !stillHeld) continue;
      // Served users were, first come first served, ahead of everyone still waiting: their request time puts them in front.
      const waiting = handedBack(conversation.value, { kind: 'queued', since: conversation.value.requestedAt, enteredAt: now });
      writes.push({ kind: 'put-conversation', conversation: waiting, expected: conversation.version });
      requeued.push(waiting);
      if (assignment.backlog) dropped.push({ assignment, backlog: assignment.backlog });
    }
    const released: Operator = {
      ...current.value,
      duty: 'off',
      assignments: kept,
      offers: [],
      idleSince: now,
      ...(unreachableReason(mode) !== undefined ? { unreachable: { at: now, reason: unreachableReason(mode)! } } : {}),
    };
    writes.push(
      mode === 'remove-role'
        ? { kind: 'delete-operator', participant, expected: current.version }
        : { kind: 'put-operator', operator: released, expected: current.version },
    );
    return (await deps.state.commit(writes)) ? { operator: released, requeued, dropped, withdrawn, alreadyOff } : LOST_RACE;
  });
  if (!released) return undefined;
  for (const offer of unreachableReason(mode) === undefined ? released.withdrawn : []) {
    await settleOfferCard(deps, participant, offer.id, say(released.operator.lang).toOperator.offerHandedBack(offer.userName), offer.sessionId);
  }
  // Their messages still waiting to reach those users will not be sent now; an operator who can't be reached isn't told.
  if (unreachableReason(mode) === undefined) {
    for (const { assignment, backlog } of released.dropped) {
      await tellDroppedBacklog(deps, senderSideOf('to-user', participant, assignment.userName, assignment.sessionId, released.operator.lang), backlog, 'off-duty');
    }
  }
  for (const conversation of released.requeued) {
    await recordSystemLine(deps, conversation.id, 'handed-back', handedBackLine(mode, released.operator, conversation), conversation);
  }
  return released;
}

function handedBackLine(mode: ReleaseMode, operator: Operator, conversation: Conversation): string {
  const name = operator.displayName;
  const transcriptNotes = notesFor(conversation);
  if (mode === 'off-duty') return transcriptNotes.wentOffDuty(name);
  if (mode === 'put-off-duty') return transcriptNotes.putOffDuty(name);
  if (mode === 'remove-role') return transcriptNotes.lostRole(name);
  // Nobody is handed back from an idle operator (they hold no conversation) or one who missed offers (they keep theirs).
  if (isIdleRelease(mode) || isMissedOffersRelease(mode)) return transcriptNotes.wentOffDuty(name);
  return transcriptNotes.operatorUnreachable(name, operator.participant.channel, mode.unreachable);
}

/**
 * Tells each user handed back to the queue why, and where they stand: their real place in it, read once for
 * all of them, or, when nobody is left on duty, the ticket offer a new request gets then (request-operator.ts),
 * since waiting would be for no one. A user who stopped waiting meanwhile (connected by a concurrent match, or
 * gone) is told only why, or, with nobody on duty, nothing more. Answers what became of them, for the operator's
 * own line.
 */
export async function tellHandedBack(deps: CoreDeps, projectId: string, requeued: readonly Conversation[], why: OperatorGone): Promise<HandedOver> {
  if (requeued.length === 0) return { queued: [], offeredTicket: [] };
  const anyoneOnDuty = (await deps.state.operatorsForRouting(projectId, { limit: 1 })).items.length > 0;
  if (!anyoneOnDuty) {
    const offeredTicket: string[] = [];
    for (const conversation of requeued) {
      // Not waiting any more: they left (and heard so) or an operator who just came on duty took them (ditto).
      if (!(await offerTicketInstead(deps, conversation, 'no-operator-on-duty'))) continue;
      offeredTicket.push(conversation.userName);
      // After the hand-back's own note, which says the conversation went back to the queue: where it went from there.
      await recordSystemLine(deps, conversation.id, 'ticket-offered', notesFor(conversation).offeredTicketNobodyOnDuty(conversation.userName), conversation);
      const { toUser, buttonLabels } = say(conversation.lang);
      await notify(deps, conversation.user, {
        kind: 'notice',
        text: toUser.handedBack(why, { kind: 'ticket-offer' }),
        conversationId: conversation.id,
        buttons: [{ action: 'accept-ticket', label: buttonLabels.createTicketForMe }],
      });
    }
    return { queued: [], offeredTicket };
  }
  const queue = await queuedConversations(deps, projectId);
  for (const conversation of requeued) {
    const index = queue.findIndex((s) => s.value.id === conversation.id);
    const to: HandedBackTo = index < 0 ? { kind: 'elsewhere' } : { kind: 'queue', position: index + 1 };
    await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.handedBack(why, to), conversationId: conversation.id });
  }
  return { queued: requeued.map((c) => c.userName), offeredTicket: [] };
}
