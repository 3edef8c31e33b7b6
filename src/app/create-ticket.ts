import type { ChatSession, TicketRef, TranscriptCursor } from '../domain/chat-session';
import { DomainError, TicketServiceError } from '../domain/errors';
import type { Assignment, Operator } from '../domain/operator';
import { toOperator, toUser } from '../domain/replies';
import type { LiveAgentSettings } from '../domain/settings';
import { cursorOf, isAfter, summaryFromLines, type TranscriptLine } from '../domain/transcript';
import { LOST_RACE, untilCommitted } from './compare-and-set';
import { closeSession } from './end-session';
import { notify } from './notify';
import type { ChatProfile, CoreDeps, CreatedTicket } from './ports';
import { recordSystemLine } from './system-line';
import { systemLineId } from './transcript-ids';

/**
 * `#create_ticket [summary]`: makes a service desk ticket from the conversation
 * and tells both sides its key. A conversation gets one ticket: asking again
 * adds what was said since as a comment.
 */
export async function createTicketFromConversation(
  deps: CoreDeps,
  operator: Operator,
  assignment: Assignment,
  summary: string | undefined,
  settings: LiveAgentSettings,
): Promise<void> {
  const session = await deps.state.getSession(assignment.user);
  if (!session || session.value.id !== assignment.sessionId) {
    await notify(deps, operator.participant, { kind: 'notice', text: toOperator.notInConversation(operator.duty) });
    return;
  }
  const lines = await deps.transcripts.read(session.value.id);
  const existing = session.value.ticket;
  try {
    if (existing) {
      const fresh = linesAfterTicket(lines, existing.coveredThrough);
      if (fresh.length > 0) {
        await deps.tickets.addComment(existing.key, session.value.id, fresh);
        await recordTicket(deps, session.value, { ...existing, coveredThrough: cursorOf(lastOf(fresh)) });
      }
      await notify(deps, operator.participant, {
        kind: 'notice',
        text: toOperator.ticketUpdated(existing.key, fresh.length),
        conversationId: session.value.id,
      });
      return;
    }
    const ticket = await openTicket(deps, session.value, lines, summary, operator.displayName, settings);
    await notify(deps, operator.participant, {
      kind: 'notice',
      text: toOperator.ticketCreated(ticket.key, ticket.url),
      conversationId: session.value.id,
    });
    await notify(deps, session.value.user, {
      kind: 'notice',
      text: toUser.ticketCreated(ticket.key, ticket.url),
      conversationId: session.value.id,
    });
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    await notify(deps, operator.participant, {
      kind: 'notice',
      text: toOperator.ticketFailed(error.message),
      conversationId: session.value.id,
    });
  }
}

/**
 * A user nobody could serve takes up the offered ticket: it is made from their
 * own messages, they get its key, and they are back with the bot.
 */
export async function acceptTicketOffer(deps: CoreDeps, session: ChatSession, settings: LiveAgentSettings): Promise<void> {
  const lines = await deps.transcripts.read(session.id);
  try {
    const ticket = await openTicket(deps, session, lines, undefined, undefined, settings);
    await closeSession(deps, session.user, session.id);
    await notify(deps, session.user, {
      kind: 'notice',
      text: toUser.ticketCreatedForYou(ticket.key, ticket.url),
      conversationId: session.id,
    });
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    await notify(deps, session.user, { kind: 'notice', text: toUser.ticketNotCreated(error.message), conversationId: session.id });
  }
}

async function openTicket(
  deps: CoreDeps,
  session: ChatSession,
  lines: readonly TranscriptLine[],
  summary: string | undefined,
  operatorName: string | undefined,
  settings: LiveAgentSettings,
): Promise<CreatedTicket> {
  const profile = await profileForTicket(deps, session);
  const ticket = await deps.tickets.createTicket({
    conversationId: session.id,
    projectId: session.projectId,
    summary: summary?.trim() || summaryFromLines(lines, `Conversation with ${session.userName}`),
    requester: { participant: session.user, name: session.userName, email: profile?.email },
    operatorName,
    requestTypeId: settings.requestTypeId,
    lines,
  });
  await recordSystemLine(deps, session.id, 'ticket', `Ticket ${ticket.key} was created from this conversation.`);
  // The ticket has exactly the lines sent to Jira: whatever was said while Jira worked comes in the next comment.
  const covered = lines.length > 0 ? cursorOf(lastOf(lines)) : { at: 0, id: '' };
  await recordTicket(deps, session, { key: ticket.key, url: ticket.url, coveredThrough: covered });
  return ticket;
}

/** Remembers the ticket on the session, unless the session ended meanwhile. */
async function recordTicket(deps: CoreDeps, session: ChatSession, ticket: TicketRef): Promise<void> {
  await untilCommitted(async () => {
    const current = await deps.state.getSession(session.user);
    if (!current || current.value.id !== session.id) return undefined;
    const ok = await deps.state.commit([{ kind: 'put-session', session: { ...current.value, ticket }, expected: current.version }]);
    return ok ? undefined : LOST_RACE;
  });
}

/** The requester's e-mail lets the ticket be raised on their behalf; without it the ticket names them instead. */
async function profileForTicket(deps: CoreDeps, session: ChatSession): Promise<ChatProfile | undefined> {
  try {
    return await deps.chat.profile(session.user);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    deps.log.warn('profile_unavailable', { userId: session.user.userId, code: error.code });
    return undefined;
  }
}

/** What a ticket does not have yet; the note that it was created is not news to the ticket itself. */
export function linesAfterTicket(lines: readonly TranscriptLine[], cursor: TranscriptCursor): TranscriptLine[] {
  return lines.filter((l) => isAfter(l, cursor) && !l.id.startsWith(TICKET_NOTE_PREFIX));
}

const TICKET_NOTE_PREFIX = systemLineId('ticket', 0).replace(/0$/, '');

function lastOf(lines: readonly TranscriptLine[]): TranscriptLine {
  const last = lines[lines.length - 1];
  if (!last) throw new RangeError('lastOf needs at least one line');
  return last;
}
