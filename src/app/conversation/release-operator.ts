import type { Backlog, ChatSession } from '../../domain/chat-session';
import { sameParticipant, type Participant } from '../../domain/participant';
import type { Assignment, Operator } from '../../domain/operator';
import { transcriptNotes } from '../../domain/replies';
import { senderSideOf } from '../delivery/lane';
import { tellDroppedBacklog } from '../delivery/notices';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { notify } from '../delivery/notify';
import type { CoreDeps, StateWrite } from '../ports';
import { queuedSessions } from '../queue/queue';
import { recordSystemLine } from '../transcript/system-line';

export interface Released {
  readonly operator: Operator;
  /** Users who were with the operator and are now waiting again, at the front by their original request time. */
  readonly requeued: readonly ChatSession[];
}

/**
 * Why an operator leaves service: their own `#off` (or an uninstall), their role
 * removed, or Koji taking them off duty because their chat can't be reached
 * (`reason`: the platform's word, kept on the record for the backoffice).
 */
export type ReleaseMode = 'off-duty' | 'remove-role' | { readonly unreachable: string };

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
    const now = deps.clock.now();
    const writes: StateWrite[] = [];
    const requeued: ChatSession[] = [];
    const dropped: Array<{ readonly assignment: Assignment; readonly backlog: Backlog }> = [];
    for (const assignment of current.value.assignments) {
      const session = await deps.state.getSession(assignment.user);
      const stillHeld =
        session?.value.id === assignment.sessionId &&
        session.value.state.kind === 'with-operator' &&
        sameParticipant(session.value.state.operator, participant);
      if (!session || !stillHeld) continue;
      // Served users were, first come first served, ahead of everyone still waiting: their request time puts them in front.
      const waiting: ChatSession = { ...session.value, state: { kind: 'queued', since: session.value.requestedAt, enteredAt: now } };
      writes.push({ kind: 'put-session', session: waiting, expected: session.version });
      requeued.push(waiting);
      if (assignment.backlog) dropped.push({ assignment, backlog: assignment.backlog });
    }
    const released: Operator = {
      ...current.value,
      duty: 'off',
      assignments: [],
      idleSince: now,
      ...(typeof mode === 'object' ? { unreachable: { at: now, reason: mode.unreachable } } : {}),
    };
    writes.push(
      mode === 'remove-role'
        ? { kind: 'delete-operator', participant, expected: current.version }
        : { kind: 'put-operator', operator: released, expected: current.version },
    );
    return (await deps.state.commit(writes)) ? { operator: released, requeued, dropped } : LOST_RACE;
  });
  if (!released) return undefined;
  // Their messages still waiting to reach those users will not be sent now; an operator who can't be reached isn't told.
  if (typeof mode !== 'object') {
    for (const { assignment, backlog } of released.dropped) {
      await tellDroppedBacklog(deps, senderSideOf('to-user', participant, assignment.userName, assignment.sessionId), backlog, 'off-duty');
    }
  }
  for (const session of released.requeued) {
    await recordSystemLine(deps, session.id, 'handed-back', handedBackLine(mode, released.operator));
  }
  return released;
}

function handedBackLine(mode: ReleaseMode, operator: Operator): string {
  const name = operator.displayName;
  if (mode === 'off-duty') return transcriptNotes.wentOffDuty(name);
  if (mode === 'remove-role') return transcriptNotes.lostRole(name);
  return transcriptNotes.operatorUnreachable(name, operator.participant.channel, mode.unreachable);
}

/**
 * Tells each user handed back to the queue their real place in it, read once
 * for all of them. A user who stopped waiting meanwhile (connected by a
 * concurrent match, or gone) is told only that the operator left.
 */
export async function tellHandedBack(
  deps: CoreDeps,
  projectId: string,
  requeued: readonly ChatSession[],
  say: (position: number | undefined) => string,
): Promise<void> {
  if (requeued.length === 0) return;
  const queue = await queuedSessions(deps, projectId);
  for (const session of requeued) {
    const index = queue.findIndex((s) => s.value.id === session.id);
    await notify(deps, session.user, { kind: 'notice', text: say(index < 0 ? undefined : index + 1), conversationId: session.id });
  }
}
