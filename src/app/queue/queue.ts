import type { Conversation, ConversationStateKind } from '../../domain/conversation';
import type { CoreDeps, Versioned } from '../ports';

const PAGE = 100;

/**
 * Every conversation of a project in one state, oldest first. Read whole before
 * anything acts on it, because acting changes the index being paged through.
 */
export async function allConversationsInState(
  deps: Pick<CoreDeps, 'state'>,
  projectId: string,
  state: ConversationStateKind,
): Promise<Versioned<Conversation>[]> {
  const all: Versioned<Conversation>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.state.conversationsInState(projectId, state, { limit: PAGE, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** Every waiting conversation of a project, first come first served. */
export function queuedConversations(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<Versioned<Conversation>[]> {
  return allConversationsInState(deps, projectId, 'queued');
}

export async function queueLength(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<number> {
  return (await queuedConversations(deps, projectId)).length;
}

/** 1 for the first in line; undefined when the conversation is not waiting. */
export async function queuePosition(deps: Pick<CoreDeps, 'state'>, projectId: string, sessionId: string): Promise<number | undefined> {
  const index = (await queuedConversations(deps, projectId)).findIndex((s) => s.value.id === sessionId);
  return index < 0 ? undefined : index + 1;
}

export async function oldestQueued(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<Versioned<Conversation> | undefined> {
  return (await deps.state.conversationsInState(projectId, 'queued', { limit: 1 })).items[0];
}
