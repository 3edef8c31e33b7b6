import type { HistoryEntry, HistoryPerson } from '../../domain/history';
import { sameParticipant } from '../../domain/participant';
import type { CoreDeps } from '../ports';
import { conversationTranscript, type ConversationTranscript } from '../transcript/conversation-transcript';
import type { HistoryPage, HistoryQuery } from './history-port';

/** A page of the History tab: the results, newest first, 20 at a time. */
export const HISTORY_PAGE_SIZE = 20;
/** A page of a person picker. */
export const PEOPLE_PAGE_SIZE = 50;

const NONE: HistoryPage<never> = { items: [] };

/**
 * Past conversations of a project. With a ticket key, the one conversation that ticket was made from (one
 * index read), if it matches the other filters too; otherwise one page of the project's, a user's or an
 * operator's conversations, the channel filtered on the page (a page may then hold fewer than 20: *Load more*
 * goes on while there is a cursor).
 */
export async function findHistory(deps: Pick<CoreDeps, 'history'>, query: Omit<HistoryQuery, 'limit'> & { readonly ticketKey?: string | undefined }): Promise<HistoryPage<HistoryEntry>> {
  if (!deps.history) return NONE;
  if (query.ticketKey === undefined) return deps.history.find({ ...query, limit: HISTORY_PAGE_SIZE });
  const found = await deps.history.byTicket(query.projectId, query.ticketKey);
  return { items: found && matches(found, query) ? [found] : [] };
}

/** The users or operators who appear in the project's history, most recently seen first. */
export async function historyPeople(deps: Pick<CoreDeps, 'history'>, projectId: string, role: HistoryPerson['role'], cursor: string | undefined): Promise<HistoryPage<HistoryPerson>> {
  return deps.history ? deps.history.people(projectId, role, { limit: PEOPLE_PAGE_SIZE, cursor }) : NONE;
}

/** One past conversation of the project, with its transcript and rating; undefined once it is no longer kept. */
export async function pastConversation(
  deps: Pick<CoreDeps, 'history' | 'transcripts' | 'ratings'>,
  projectId: string,
  conversationId: string,
): Promise<{ readonly entry: HistoryEntry; readonly transcript: ConversationTranscript } | undefined> {
  const entry = await deps.history?.get(projectId, conversationId);
  if (!entry) return undefined;
  return { entry, transcript: await conversationTranscript(deps, conversationId) };
}

function matches(entry: HistoryEntry, query: Omit<HistoryQuery, 'limit'>): boolean {
  const { person } = query;
  const who = person && (person.role === 'user' ? entry.user : entry.operator);
  const samePerson = !person || (who !== undefined && sameParticipant(who, person.participant));
  return (
    samePerson &&
    (query.channel === undefined || entry.channel === query.channel) &&
    (query.from === undefined || entry.endedAt >= query.from) &&
    (query.to === undefined || entry.endedAt <= query.to)
  );
}
