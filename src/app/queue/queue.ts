import type { ChatSession, SessionStateKind } from '../../domain/chat-session';
import type { CoreDeps, Versioned } from '../ports';

const PAGE = 100;

/**
 * Every session of a project in one state, oldest first. Read whole before
 * anything acts on it, because acting changes the index being paged through.
 */
export async function allSessionsInState(
  deps: Pick<CoreDeps, 'state'>,
  projectId: string,
  state: SessionStateKind,
): Promise<Versioned<ChatSession>[]> {
  const all: Versioned<ChatSession>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.state.sessionsInState(projectId, state, { limit: PAGE, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** Every waiting session of a project, first come first served. */
export function queuedSessions(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<Versioned<ChatSession>[]> {
  return allSessionsInState(deps, projectId, 'queued');
}

export async function queueLength(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<number> {
  return (await queuedSessions(deps, projectId)).length;
}

/** 1 for the first in line; undefined when the session is not waiting. */
export async function queuePosition(deps: Pick<CoreDeps, 'state'>, projectId: string, sessionId: string): Promise<number | undefined> {
  const index = (await queuedSessions(deps, projectId)).findIndex((s) => s.value.id === sessionId);
  return index < 0 ? undefined : index + 1;
}

export async function oldestQueued(deps: Pick<CoreDeps, 'state'>, projectId: string): Promise<Versioned<ChatSession> | undefined> {
  return (await deps.state.sessionsInState(projectId, 'queued', { limit: 1 })).items[0];
}
