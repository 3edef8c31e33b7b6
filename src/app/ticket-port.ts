import type { Language } from '../domain/language';
import type { Participant } from '../domain/participant';
import type { TranscriptLine } from '../domain/transcript';

/** The service desk as the core sees it: tickets made from conversations (on Forge: JSM requests, jsm-ticket-service.ts). */

export interface TicketRequest {
  /** Creating twice for one conversation returns the first ticket. */
  readonly conversationId: string;
  readonly projectId: string;
  readonly summary: string;
  readonly requester: { readonly participant: Participant; readonly name: string; readonly email?: string | undefined };
  /** The operator who created it; absent when the user took up a ticket offer. */
  readonly operatorName?: string | undefined;
  /** Without `operatorName`: the operator who had served the user before nobody was left to (Conversation.servedBy). */
  readonly servedByName?: string | undefined;
  readonly requestTypeId?: string | undefined;
  readonly lines: readonly TranscriptLine[];
  /** The user's language (Conversation.lang), kept with the ticket so what Koji later tells them about it needs no read. */
  readonly lang?: Language | undefined;
}

export interface CreatedTicket {
  readonly key: string;
  readonly url: string;
  /**
   * How many of the request's lines, from the first, the ticket holds when not
   * all of them made it (a long conversation's overflow comments failed): the
   * rest goes on the ticket with the next comment. Absent: all of them.
   */
  readonly linesIncluded?: number | undefined;
  /**
   * The conversation's ticket was made before this request (by an attempt that
   * stopped before the conversation knew it): nothing new was created, and
   * `linesIncluded` says how many of the request's lines that ticket already has.
   */
  readonly existing?: boolean | undefined;
}

/** Makes service desk tickets. Throws TicketServiceError with a reason the operator can act on. */
export interface TicketService {
  createTicket(request: TicketRequest): Promise<CreatedTicket>;
  /** `reply`: the user's own answer from the chat (ticket follow-up): the comment opens with their name, no time. */
  addComment(ticketKey: string, conversationId: string, lines: readonly TranscriptLine[], options?: { readonly reply?: boolean }): Promise<void>;
}
