import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../src/domain/errors';
import type { FilesJob } from '../../src/app/files/relay-files';
import type { TicketFilesJob } from '../../src/app/files/ticket-files';
import type { OutgoingMessage } from '../../src/domain/outgoing-message';
import { participantKey, type Participant } from '../../src/domain/participant';
import type { DrainJob } from '../../src/app/delivery/drain-job';
import type { TicketJob } from '../../src/app/tickets/create-ticket';
import type { ChatGateway, ChatProfile, Outbox, SentCard } from '../../src/app/ports';
import type { OfferExpiryJob } from '../../src/app/offers/offer-expiry-job';

export type Fault = '5xx' | '429' | 'store' | 'timeout-after-send';

export interface SentMessage {
  readonly to: Participant;
  readonly message: OutgoingMessage;
}

/** Records what people were sent; can be told that someone is unreachable. */
export class RecordingChat implements ChatGateway {
  readonly sent: SentMessage[] = [];
  readonly profiles = new Map<string, ChatProfile>();
  readonly unreachable = new Set<string>();
  /** People Slack is rate-limiting: sends to them fail with a retry-after. */
  readonly rateLimited = new Set<string>();
  /** People the platform says can't be reached any more, by key, with its reason (`account_inactive`, `403`, ...). */
  readonly gone = new Map<string, string>();
  /** Faults the next sends to a person meet, one per send, in order (see failNext). */
  private readonly faults = new Map<string, Fault[]>();
  /** Whether the platform can look back for a message that timed out (Slack can, Teams can't). */
  canLookBack = false;
  /** Sends that timed out after the platform took them: they arrived, and the sender was not told. */
  readonly arrivedUnseen: SentMessage[] = [];

  /**
   * The next `times` sends to `to` fail: `5xx` before the platform took the
   * message, `timeout-after-send` once it had (it arrives, the caller hears a
   * failure), `429` asking to wait, `store` for a store error on the way.
   */
  failNext(to: Participant, fault: Fault, times = 1): void {
    const list = this.faults.get(participantKey(to)) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(participantKey(to), list);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  delivered(to: Participant, sent: { readonly lineId: string }): Promise<boolean | undefined> {
    if (!this.canLookBack) return Promise.resolve(undefined);
    const all = [...this.sent, ...this.arrivedUnseen];
    return Promise.resolve(all.some((s) => participantKey(s.to) === participantKey(to) && s.message.lineId === sent.lineId));
  }

  send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    const fault = this.faults.get(participantKey(to))?.shift();
    if (fault === '5xx') return Promise.reject(new ChatTransientError('The platform answered 503.', false));
    if (fault === '429') return Promise.reject(new ChatRateLimitedError(30));
    if (fault === 'store') return Promise.reject(new Error('KVS answered 500 while finding the chat'));
    if (fault === 'timeout-after-send') {
      this.sent.push({ to, message: structuredClone(message) });
      return Promise.reject(new ChatTransientError('The platform did not answer in time.', true));
    }
    if (this.rateLimited.has(participantKey(to))) return Promise.reject(new ChatRateLimitedError(30));
    const reason = this.gone.get(participantKey(to));
    if (reason !== undefined) return Promise.reject(new ChatRecipientUnreachableError(`${to.userId} can no longer be reached: ${reason}`, reason));
    if (this.unreachable.has(participantKey(to))) {
      return Promise.reject(new ChatDeliveryError(`${to.userId} cannot be reached`));
    }
    this.sent.push({ to, message: structuredClone(message) });
    return Promise.resolve({ ref: `sent-${this.sent.length - 1}` });
  }

  /** Cards replaced after they were sent (`ref`: what send answered), in order. */
  readonly replaced: Array<{ to: Participant; ref: string; message: OutgoingMessage }> = [];
  /** Whether cards can be updated (Slack and Teams both can; off: the core falls back to a message). */
  canReplace = true;

  replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    if (!this.canReplace) return Promise.reject(new ChatDeliveryError('This platform cannot update messages'));
    this.replaced.push({ to, ref: sent.ref, message: structuredClone(message) });
    return Promise.resolve();
  }

  /** What a sent card (as `sent` holds it) reads now: its latest replacement, or itself. */
  currentCard(card: SentMessage): OutgoingMessage {
    const ref = `sent-${this.sent.indexOf(card)}`;
    return this.replaced.filter((r) => r.ref === ref).at(-1)?.message ?? card.message;
  }

  profile(participant: Participant): Promise<ChatProfile> {
    const found = this.profiles.get(participantKey(participant));
    return found ? Promise.resolve(found) : Promise.reject(new ChatDeliveryError(`No profile for ${participant.userId}`));
  }

  /** Texts sent to one person, in order. */
  textsTo(p: Participant): string[] {
    return this.messagesTo(p).map((m) => m.text);
  }

  messagesTo(p: Participant): OutgoingMessage[] {
    return this.sent.filter((s) => participantKey(s.to) === participantKey(p)).map((s) => s.message);
  }

  lastTo(p: Participant): OutgoingMessage | undefined {
    return this.messagesTo(p).at(-1);
  }

  clear(): void {
    this.sent.length = 0;
  }
}

/** Messages held back for later, and backlog jobs, as the Forge outbox would queue them. */
export class RecordingOutbox implements Outbox {
  readonly held: Array<{ to: Participant; message: OutgoingMessage; afterSeconds: number; attempt: number }> = [];
  readonly drains: Array<{ job: DrainJob; afterSeconds: number }> = [];

  sendLater(to: Participant, message: OutgoingMessage, afterSeconds: number, attempt = 1): Promise<void> {
    this.held.push({ to, message: structuredClone(message), afterSeconds, attempt });
    return Promise.resolve();
  }

  readonly tickets: TicketJob[] = [];
  readonly ticketDelays: number[] = [];

  ticketLater(job: TicketJob, afterSeconds = 0): Promise<void> {
    this.tickets.push(structuredClone(job));
    this.ticketDelays.push(afterSeconds);
    return Promise.resolve();
  }

  drainLater(job: DrainJob, afterSeconds: number): Promise<void> {
    this.drains.push({ job: structuredClone(job), afterSeconds });
    return Promise.resolve();
  }

  readonly offerExpiries: Array<{ job: OfferExpiryJob; afterSeconds: number }> = [];
  readonly files: Array<FilesJob | TicketFilesJob> = [];

  filesLater(job: FilesJob | TicketFilesJob): Promise<void> {
    this.files.push(structuredClone(job));
    return Promise.resolve();
  }

  expireOfferLater(job: OfferExpiryJob, afterSeconds: number): Promise<void> {
    this.offerExpiries.push({ job: structuredClone(job), afterSeconds });
    return Promise.resolve();
  }
}
