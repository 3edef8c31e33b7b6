import { offersOf, type Assignment, type Operator } from '../../domain/operator';
import { say } from '../../domain/replies';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';

export type ConversationTarget =
  | { readonly kind: 'one'; readonly assignment: Assignment }
  | { readonly kind: 'none' }
  | { readonly kind: 'ended' }
  | { readonly kind: 'ambiguous'; readonly assignments: readonly Assignment[] };

/** Which conversation an operator's words are for: the one named by the card or thread, or their only one. */
export function targetConversation(operator: Operator, conversationId: string | undefined): ConversationTarget {
  const { assignments } = operator;
  if (conversationId !== undefined) {
    // A button on an old card names a conversation that ended: it must not act on whoever came next.
    const named = assignments.find((a) => a.sessionId === conversationId);
    return named ? { kind: 'one', assignment: named } : { kind: 'ended' };
  }
  const [only] = assignments;
  if (assignments.length === 1 && only) return { kind: 'one', assignment: only };
  return assignments.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', assignments };
}

export async function replyAboutTarget(
  deps: CoreDeps,
  operator: Operator,
  target: Exclude<ConversationTarget, { kind: 'one' }>,
): Promise<void> {
  const { toOperator } = say(operator.lang);
  const offered = offersOf(operator)[0];
  const text =
    target.kind === 'none'
      ? offered
        ? toOperator.answerOfferFirst(offered.userName)
        : toOperator.notInConversation(operator.duty)
      : target.kind === 'ended'
        ? toOperator.conversationAlreadyEnded()
        : toOperator.whichConversation(target.assignments.map((a) => a.userName));
  await notify(deps, operator.participant, { kind: 'notice', text });
}
