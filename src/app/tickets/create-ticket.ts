import type { Language } from '../../domain/language';
import { allHandoffPhrases } from '../../domain/language-settings';
import type { Conversation, TicketRef } from '../../domain/conversation';
import { isOnlyAHandoffPhrase } from '../../domain/chat-command';
import type { TextLink } from '../../domain/chat-text';
import { TicketInProgressError, TicketServiceError } from '../../domain/errors';
import { KojiError } from '../../domain/koji-error';
import { assignmentOf, type Assignment, type Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { cursorOf, oneLineSummary, summaryFromLines, type TranscriptLine } from '../../domain/transcript';
import { retryDelaySeconds } from '../delivery/timing';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { closeConversation } from '../conversation/end-conversation';
import { notify } from '../delivery/notify';
import { loadSettings } from '../settings/project-settings';
import { countFigures } from '../figures/service-figures';
import { forgetErasedServer } from '../privacy/erased-people';
import type { ChatProfile, CoreDeps, CreatedTicket } from '../ports';
import { recordSystemLine } from '../transcript/system-line';
import { recordHistory } from '../history/record-history';
import { attachFilesLater, ticketOf } from '../files/ticket-files';
import { addRemainderToTicket, linesAfterTicket } from './ticket-remainder';

/** `#create_ticket` handed to the queue, for the conversation it was typed in and no other. */
export interface TicketJob {
  readonly kind: 'create-ticket';
  readonly operator: Participant;
  /** The operator's language, for telling them when the conversation is gone by the time the job runs. */
  readonly operatorLang?: Language | undefined;
  readonly conversationId: string;
  readonly userName: string;
  readonly summary?: string | undefined;
  /** Tries this job already had: Jira failing for a passing reason is tried again, up to TICKET_ATTEMPTS. */
  readonly attempt?: number | undefined;
}

/** A queued ticket is tried this often (backoff 5, 10, 20 s) before the operator hears it failed. */
export const TICKET_ATTEMPTS = 4;

/**
 * Runs a queued `#create_ticket`. The job names the conversation, so if it
 * ended (or the operator forwarded it) before the job ran, no ticket is made
 * from it or from whatever the operator took on next; the operator is told.
 */
export async function createTicketFromJob(deps: CoreDeps, job: TicketJob): Promise<TicketOutcome> {
  const operator = await deps.state.getOperator(job.operator);
  const assignment = operator && assignmentOf(operator.value, job.conversationId);
  if (!operator || !assignment) {
    await notify(deps, job.operator, { kind: 'notice', text: say(job.operatorLang).toOperator.endedBeforeTicket(job.userName), conversationId: job.conversationId });
    return { kind: 'not-done' };
  }
  const attempt = job.attempt ?? 1;
  const retryLater =
    attempt < TICKET_ATTEMPTS
      ? async () => {
          await deps.outbox.ticketLater({ ...job, attempt: attempt + 1 }, retryDelaySeconds(attempt));
          return true;
        }
      : undefined;
  return createTicketFromConversation(deps, operator.value, assignment, job.summary, await loadSettings(deps, operator.value.projectId), { retryLater });
}

/** What `#create_ticket` came to: the ticket made or commented on, or nothing (the operator was told why). */
export type TicketOutcome = { readonly kind: 'created' | 'updated'; readonly key: string } | { readonly kind: 'not-done' };

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
  /** From the queue: Jira failing for a passing reason is tried again later, without a word to the operator yet. */
  options: { readonly retryLater?: (() => Promise<boolean>) | undefined } = {},
): Promise<TicketOutcome> {
  const conversation = await deps.state.getConversation(assignment.user);
  if (!conversation || conversation.value.id !== assignment.sessionId) {
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.notInConversation(operator.duty) });
    return { kind: 'not-done' };
  }
  const lines = await deps.transcripts.read(conversation.value.id);
  const existing = conversation.value.ticket;
  if (existing) {
    return (await commentOnTicket(deps, operator, conversation.value, existing, lines)) ? { kind: 'updated', key: existing.key } : { kind: 'not-done' };
  }
  try {
    const { ticket, ref, recorded } = await openTicket(deps, conversation.value, lines, summary, operator.displayName, settings);
    if (ticket.existing) {
      // An earlier attempt made the ticket: like a second #create_ticket, what it lacks goes on as a comment.
      if (!recorded) {
        // The conversation ended meanwhile, and openTicket put the rest on the ticket.
        await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.ticketUpdated(ticket.key, 0), conversationId: conversation.value.id });
        return { kind: 'updated', key: ticket.key };
      }
      // The conversation never learnt of it (the attempt stopped before recording it), so nobody was told: tell both sides now.
      await announceTicket(deps, operator, conversation.value, ticket);
      return (await commentOnTicket(deps, operator, conversation.value, ref, lines)) ? { kind: 'updated', key: ticket.key } : { kind: 'not-done' };
    }
    await announceTicket(deps, operator, conversation.value, ticket);
    return { kind: 'created', key: ticket.key };
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    if (error.retryable && !(error instanceof TicketInProgressError) && options.retryLater && (await options.retryLater())) {
      deps.log.warn('ticket_retrying', { conversationId: conversation.value.id, reason: error.message });
      return { kind: 'not-done' };
    }
    const text = error instanceof TicketInProgressError ? say(operator.lang).toOperator.ticketInProgress() : say(operator.lang).toOperator.ticketFailed(error.message, error.retryable);
    await notify(deps, operator.participant, { kind: 'notice', text, conversationId: conversation.value.id });
    return { kind: 'not-done' };
  }
}

/** Both sides of a conversation learn its ticket's key and link. */
async function announceTicket(deps: CoreDeps, operator: Operator, conversation: Conversation, ticket: CreatedTicket): Promise<void> {
  const links = ticketLink(ticket.url);
  await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.ticketCreated(ticket.key, ticket.url), links, conversationId: conversation.id });
  await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.ticketCreated(ticket.key, ticket.url), links, conversationId: conversation.id });
}

/** A second `#create_ticket`: what was said since the ticket goes on it as a comment. False when Jira refused it. */
async function commentOnTicket(deps: CoreDeps, operator: Operator, conversation: Conversation, ticket: TicketRef, lines: readonly TranscriptLine[]): Promise<boolean> {
  const fresh = linesAfterTicket(lines, ticket.coveredThrough);
  try {
    if (fresh.length > 0) {
      await deps.tickets.addComment(ticket.key, conversation.id, fresh);
      await recordTicket(deps, conversation, { ...ticket, coveredThrough: cursorOf(lastOf(fresh)) });
      await attachFilesLater(deps, ticketOf(conversation, ticket.key), fresh);
    }
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.ticketUpdated(ticket.key, fresh.length), conversationId: conversation.id });
    return true;
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    await notify(deps, operator.participant, {
      kind: 'notice',
      text: say(operator.lang).toOperator.ticketNotUpdated(ticket.key, fresh.length, error.message, error.retryable),
      conversationId: conversation.id,
    });
    return false;
  }
}

/**
 * A user nobody could serve takes up the offered ticket: it is made from their
 * own messages, they get its key, and they are back with the bot.
 */
export async function acceptTicketOffer(deps: CoreDeps, conversation: Conversation, settings: LiveAgentSettings): Promise<void> {
  if (conversation.ticket) {
    // An operator already made the ticket before the user was handed back: closing adds what was said since.
    const { key, url } = conversation.ticket;
    const closed = await closeConversation(deps, conversation.user, conversation.id, ['ticket-offered']);
    if (closed) await recordHistory(deps, closed.conversation, 'ticket-taken');
    if (closed) await addRemainderToTicket(deps, closed.conversation);
    await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.ticketUpdatedForYou(key, url), conversationId: conversation.id });
    return;
  }
  // Before its lines are read for Jira: an operator erased while the user waited is named nowhere on the ticket.
  const told = await forgetErasedServer(deps, conversation);
  const lines = await deps.transcripts.read(conversation.id);
  try {
    const { ticket } = await openTicket(deps, told, lines, undefined, undefined, settings);
    const closed = await closeConversation(deps, conversation.user, conversation.id, ['ticket-offered']);
    // Whether its server was erased was asked above: History is told the answer rather than asking (and reading) again.
    if (closed) await recordHistory(deps, { ...closed.conversation, servedBy: told.servedBy }, 'ticket-taken');
    // Whatever the user wrote while Jira worked (or an earlier attempt's ticket lacks) goes on the ticket too.
    if (closed) await addRemainderToTicket(deps, closed.conversation);
    await notify(deps, conversation.user, {
      kind: 'notice',
      text: ticket.existing ? say(conversation.lang).toUser.ticketUpdatedForYou(ticket.key, ticket.url) : say(conversation.lang).toUser.ticketCreatedForYou(ticket.key, ticket.url),
      links: ticketLink(ticket.url),
      conversationId: conversation.id,
    });
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    // The reason is for a Jira admin; the user hears what it means for them.
    deps.log.warn('ticket_not_created', { conversationId: conversation.id, code: error.code, reason: error.message });
    const text = error instanceof TicketInProgressError ? say(conversation.lang).toUser.ticketInProgress() : say(conversation.lang).toUser.ticketNotCreated(error.retryable);
    await notify(deps, conversation.user, { kind: 'notice', text, conversationId: conversation.id });
  }
}

async function openTicket(
  deps: CoreDeps,
  conversation: Conversation,
  lines: readonly TranscriptLine[],
  summary: string | undefined,
  operatorName: string | undefined,
  settings: LiveAgentSettings,
): Promise<{ ticket: CreatedTicket; ref: TicketRef; recorded: boolean }> {
  const profile = await profileForTicket(deps, conversation);
  const ticket = await deps.tickets.createTicket({
    conversationId: conversation.id,
    projectId: conversation.projectId,
    summary: oneLineSummary(summary?.trim() || summaryFromLines(lines, `Conversation with ${conversation.userName}`, (text) => isOnlyAHandoffPhrase(text, allHandoffPhrases(settings)))),
    requester: { participant: conversation.user, name: conversation.userName, email: profile?.email },
    operatorName,
    ...servedByName(conversation, operatorName),
    requestTypeId: settings.requestTypeId,
    lines,
    lang: conversation.lang,
  });
  // An earlier attempt that made the ticket may have withCardNote it before it stopped: one note per ticket.
  if (!ticket.existing) {
    const { state } = conversation;
    const operator = state.kind === 'with-operator' ? { participant: state.operator, name: state.operatorName } : undefined;
    await countFigures(deps, conversation.projectId, settings, [{ kind: 'ticket', operator }]);
  }
  const note = `Ticket ${ticket.key} was created from this conversation.`;
  if (!lines.some((l) => l.role === 'system' && l.text === note)) await recordSystemLine(deps, conversation.id, 'ticket', note, conversation);
  // The ticket has the lines Jira took: whatever was said while Jira worked (or did not fit) comes in the next comment.
  const onTicket = lines.slice(0, ticket.linesIncluded ?? lines.length);
  const covered = onTicket.length > 0 ? cursorOf(lastOf(onTicket)) : { at: 0, id: '' };
  const ref: TicketRef = { key: ticket.key, url: ticket.url, coveredThrough: covered };
  const recorded = await recordTicket(deps, conversation, ref);
  await attachFilesLater(deps, ticketOf(conversation, ticket.key), onTicket);
  if (!recorded) {
    // The conversation ended while Jira worked, so its close found no ticket to complete: complete it here.
    await addRemainderToTicket(deps, { ...conversation, ticket: ref });
  }
  return { ticket, ref, recorded };
}

/** Remembers the ticket on the conversation; false when the conversation ended meanwhile. */
async function recordTicket(deps: CoreDeps, conversation: Conversation, ticket: TicketRef): Promise<boolean> {
  return untilCommitted(async () => {
    const current = await deps.state.getConversation(conversation.user);
    if (!current || current.value.id !== conversation.id) return false;
    const ok = await deps.state.commit([{ kind: 'put-conversation', conversation: { ...current.value, ticket }, expected: current.version }]);
    return ok ? true : LOST_RACE;
  });
}

/** The requester's e-mail lets the ticket be raised on their behalf; without it the ticket names them instead. */
async function profileForTicket(deps: CoreDeps, conversation: Conversation): Promise<ChatProfile | undefined> {
  try {
    return await deps.chat.profile(conversation.user);
  } catch (error) {
    if (!(error instanceof KojiError)) throw error;
    deps.log.warn('profile_unavailable', { userId: conversation.user.userId, code: error.code });
    return undefined;
  }
}

function lastOf(lines: readonly TranscriptLine[]): TranscriptLine {
  const last = lines[lines.length - 1];
  if (!last) throw new RangeError('lastOf needs at least one line');
  return last;
}

/** A ticket's address, shown as a link in the notice that names it (Slack's rich text links nothing by itself). */
function ticketLink(url: string): TextLink[] {
  return [{ text: url, url }];
}

/** Who served the user before nobody was left to, for a ticket they took up themselves (acceptTicketOffer forgot the erased). */
function servedByName(conversation: Conversation, operatorName: string | undefined): { servedByName?: string } {
  return !operatorName && conversation.servedBy ? { servedByName: conversation.servedBy.operatorName } : {};
}
