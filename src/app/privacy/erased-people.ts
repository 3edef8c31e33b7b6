import type { Conversation } from '../../domain/conversation';
import type { Participant } from '../../domain/participant';

/** Whose erasure was asked for in a project (the erasure's own progress record, kept 30 days). */
export interface ErasedPeople {
  wasErased(projectId: string, person: Participant): Promise<boolean>;
}

/**
 * The conversation as it may be told of once it ends: without the operator who last served it (Conversation.servedBy)
 * when that operator's data was erased while the user still waited. Erasure cannot find another person's waiting
 * conversation to forget them there, so History and a ticket ask here before they name them: one read, and only for
 * a conversation that nobody holds and somebody served.
 */
export async function withoutErasedServer(deps: { readonly erased?: ErasedPeople | undefined }, conversation: Conversation): Promise<Conversation> {
  const { servedBy } = conversation;
  if (!servedBy || conversation.state.kind === 'with-operator' || !deps.erased) return conversation;
  if (!(await deps.erased.wasErased(conversation.projectId, servedBy.operator))) return conversation;
  const { servedBy: _erased, ...rest } = conversation;
  return rest;
}
