import type { kvs as KvsClient } from '@forge/kvs';
import type { CreatedTicket, TicketRequest } from '../../app/ports';
import type { TranscriptCursor } from '../../domain/conversation';
import { isTicketFollowUpLink, type TicketFollowUpLink } from '../../domain/ticket-follow-up';
import { isWriteConflict } from './kvs-errors';
import { storageKeys } from './kvs-keys';

type Kvs = typeof KvsClient;

/** What a conversation's ticket record says: a creation under way since `since`, or the ticket. */
export type TicketLink =
  | { readonly state: 'creating'; readonly since: number }
  | { readonly state: 'created'; readonly key: string; readonly url: string; readonly coveredThrough?: TranscriptCursor };

export type Claim =
  | { readonly kind: 'claimed' }
  /** `coveredThrough`: the last line the ticket holds, when the record says (records before it was kept do not). */
  | { readonly kind: 'created'; readonly ticket: CreatedTicket; readonly coveredThrough?: TranscriptCursor | undefined }
  | { readonly kind: 'in-progress'; readonly since: number };

/**
 * Which ticket belongs to which conversation, kept by the app itself: a
 * create-if-absent record per conversation is the claim that lets exactly one
 * caller ask Jira for the ticket, and then names it; a record per issue key
 * says which conversation a ticket really came from, whatever its (editable)
 * issue property says.
 */
export class KvsTicketLinks {
  constructor(private readonly kvs: Kvs) {}

  /** Claims the right to create the conversation's ticket, or says who has it. */
  async claim(conversationId: string, now: number): Promise<Claim> {
    try {
      await this.kvs.set<TicketLink>(storageKeys.ticketOfConversation(conversationId), { state: 'creating', since: now }, { keyPolicy: 'FAIL_IF_EXISTS', ...TICKET_LINK_TTL });
      return { kind: 'claimed' };
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
    }
    const link = await this.kvs.get<TicketLink>(storageKeys.ticketOfConversation(conversationId));
    if (!link) return this.claim(conversationId, now); // released between our write and our read
    return link.state === 'created'
      ? { kind: 'created', ticket: { key: link.key, url: link.url }, coveredThrough: link.coveredThrough }
      : { kind: 'in-progress', since: link.since };
  }

  /**
   * Takes over a claim whose holder stopped (its process died) after the
   * caller checked Jira has no ticket for the conversation. Two callers taking
   * over the same stale claim at the same moment could both go on; a stale
   * claim is rare and a simultaneous takeover rarer still.
   */
  async takeOver(conversationId: string, now: number): Promise<void> {
    await this.kvs.set<TicketLink>(storageKeys.ticketOfConversation(conversationId), { state: 'creating', since: now }, TICKET_LINK_TTL);
  }

  /**
   * Names the ticket: later claims get it (and, with `coveredThrough`, how far
   * the conversation it holds goes), and the issue key is tied to its conversation,
   * with whose it is (`owner`), so a Jira event about the ticket needs no other read.
   */
  async created(conversationId: string, ticket: CreatedTicket, coveredThrough?: TranscriptCursor, owner?: TicketOwner): Promise<void> {
    const link: TicketFollowUpLink | string = owner ? { conversationId, ...owner, url: ticket.url } : conversationId;
    await this.kvs.set(storageKeys.conversationOfTicket(ticket.key), link, TICKET_LINK_TTL);
    await this.kvs.set<TicketLink>(storageKeys.ticketOfConversation(conversationId), {
      state: 'created',
      key: ticket.key,
      url: ticket.url,
      ...(coveredThrough ? { coveredThrough } : {}),
    }, TICKET_LINK_TTL);
  }

  /** Jira made no ticket: a retry may claim again at once. */
  async release(conversationId: string): Promise<void> {
    await this.kvs.delete(storageKeys.ticketOfConversation(conversationId));
  }

  /** The conversation the app made this ticket from, if it made it. */
  async conversationOf(issueKey: string): Promise<string | undefined> {
    const value = await this.kvs.get<unknown>(storageKeys.conversationOfTicket(issueKey));
    return typeof value === 'string' ? value : isTicketFollowUpLink(value) ? value.conversationId : undefined;
  }

  /** The ticket's link with its owner: one read. Tickets made before links named their owner have none. */
  async followUpLink(issueKey: string): Promise<TicketFollowUpLink | undefined> {
    const value = await this.kvs.get<unknown>(storageKeys.conversationOfTicket(issueKey));
    return isTicketFollowUpLink(value) ? value : undefined;
  }

  /** Rewrites the link (whether the user was last told the ticket is resolved). */
  async updateFollowUpLink(issueKey: string, link: TicketFollowUpLink): Promise<void> {
    await this.kvs.set<TicketFollowUpLink>(storageKeys.conversationOfTicket(issueKey), link, TICKET_LINK_TTL);
  }
}

/**
 * A ticket's link names its user (their chat id, name and language), and a conversation's ticket record is keyed by
 * the conversation (the user's id): both kept no longer than the longest retention a project can set (365 days),
 * after which the ticket no longer follows up in the chat.
 */
const TICKET_LINK_TTL = { ttl: { value: 365, unit: 'DAYS' as const } };

/** Whose a ticket is, kept with its link: the user, their chat name and language, the project. */
export type TicketOwner = Omit<TicketFollowUpLink, 'conversationId' | 'url' | 'toldResolved'>;

/** Whose the ticket a request makes is, kept with its link for what Koji later tells them about it (ticket follow-up). */
export function ownerOf(request: TicketRequest): TicketOwner {
  const { participant, name } = request.requester;
  return { projectId: request.projectId, user: participant, userName: name, lang: request.lang ?? 'en' };
}
