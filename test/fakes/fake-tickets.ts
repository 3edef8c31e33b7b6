import { TicketServiceError } from '../../src/domain/errors';
import type { TranscriptLine } from '../../src/domain/transcript';
import type { CreatedTicket, TicketRequest, TicketService } from '../../src/app/ports';

export interface FakeTicket {
  readonly key: string;
  readonly request: TicketRequest;
  readonly comments: TranscriptLine[][];
}

/** A service desk in memory: one ticket per conversation, comments kept, failures on demand. */
export class FakeTickets implements TicketService {
  readonly tickets: FakeTicket[] = [];
  failNext: TicketServiceError | undefined;
  /** Every call fails with this until it is cleared (Jira down for a while). */
  failAlways: TicketServiceError | undefined;
  /** Runs while a ticket is being created, as if people kept talking while Jira worked. */
  whileCreating: (() => Promise<unknown>) | undefined;

  async createTicket(request: TicketRequest): Promise<CreatedTicket> {
    const during = this.whileCreating;
    this.whileCreating = undefined;
    if (during) await during();
    return this.create(request);
  }

  private create(request: TicketRequest): Promise<CreatedTicket> {
    const failure = this.takeFailure();
    if (failure) return Promise.reject(failure);
    const existing = this.tickets.find((t) => t.request.conversationId === request.conversationId);
    const ticket = existing ?? { key: `SUP-${this.tickets.length + 1}`, request: structuredClone(request), comments: [] };
    if (!existing) this.tickets.push(ticket);
    return Promise.resolve({ key: ticket.key, url: `https://example.atlassian.net/browse/${ticket.key}` });
  }

  addComment(ticketKey: string, _conversationId: string, lines: readonly TranscriptLine[]): Promise<void> {
    const failure = this.takeFailure();
    if (failure) return Promise.reject(failure);
    const ticket = this.tickets.find((t) => t.key === ticketKey);
    if (!ticket) return Promise.reject(new TicketServiceError(`Ticket ${ticketKey} does not exist.`, false));
    ticket.comments.push(structuredClone([...lines]));
    return Promise.resolve();
  }

  private takeFailure(): TicketServiceError | undefined {
    if (this.failAlways) return this.failAlways;
    const failure = this.failNext;
    this.failNext = undefined;
    return failure;
  }
}
