import type { ChatSession } from '../domain/chat-session';
import { sameParticipant, type Participant } from '../domain/participant';
import type { Operator } from '../domain/operator';
import { LOST_RACE, untilCommitted } from './compare-and-set';
import type { CoreDeps, StateWrite } from './ports';

export interface Released {
  readonly operator: Operator;
  /** Users who were with the operator and are now waiting again, at the front by their original request time. */
  readonly requeued: readonly ChatSession[];
}

/**
 * Takes an operator out of service (off duty, or their role removed) and puts
 * every user they were serving back in the queue, in one commit: nobody is
 * dropped, and nobody is held by an operator who is gone.
 */
export async function releaseOperator(
  deps: CoreDeps,
  participant: Participant,
  mode: 'off-duty' | 'remove-role',
): Promise<Released | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getOperator(participant);
    if (!current) return undefined;
    const now = deps.clock.now();
    const writes: StateWrite[] = [];
    const requeued: ChatSession[] = [];
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
    }
    const released: Operator = { ...current.value, duty: 'off', assignments: [], idleSince: now };
    writes.push(
      mode === 'off-duty'
        ? { kind: 'put-operator', operator: released, expected: current.version }
        : { kind: 'delete-operator', participant, expected: current.version },
    );
    return (await deps.state.commit(writes)) ? { operator: released, requeued } : LOST_RACE;
  });
}
