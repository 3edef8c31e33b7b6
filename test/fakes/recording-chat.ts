import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError } from '../../src/domain/errors';
import type { OutgoingMessage } from '../../src/domain/outgoing-message';
import { participantKey, type Participant } from '../../src/domain/participant';
import type { ChatGateway, ChatProfile, Outbox } from '../../src/app/ports';

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

  send(to: Participant, message: OutgoingMessage): Promise<void> {
    if (this.rateLimited.has(participantKey(to))) return Promise.reject(new ChatRateLimitedError(30));
    const reason = this.gone.get(participantKey(to));
    if (reason !== undefined) return Promise.reject(new ChatRecipientUnreachableError(`${to.userId} can no longer be reached: ${reason}`, reason));
    if (this.unreachable.has(participantKey(to))) {
      return Promise.reject(new ChatDeliveryError(`${to.userId} cannot be reached`));
    }
    this.sent.push({ to, message: structuredClone(message) });
    return Promise.resolve();
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

/** Messages held back for later, as the Forge outbox would queue them. */
export class RecordingOutbox implements Outbox {
  readonly held: Array<{ to: Participant; message: OutgoingMessage; afterSeconds: number }> = [];

  sendLater(to: Participant, message: OutgoingMessage, afterSeconds: number): Promise<void> {
    this.held.push({ to, message: structuredClone(message), afterSeconds });
    return Promise.resolve();
  }
}
