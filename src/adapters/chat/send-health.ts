import type { ChatGateway, ChatProfile, SentCard, SentLine } from '../../app/ports';
import { ChatDeliveryError, ChatRecipientUnreachableError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { ChatChannel, Participant } from '../../domain/participant';
import type { HealthSubject, TenantHealth } from '../forge/tenant-health';
import { isSlackTokenRefused } from '../slack/slack-chat-gateway';
import { isTeamsBotRefused } from '../teams/teams-connector';

/**
 * The chat, telling the tenant's health (tenant-health.ts) how its sends go: a
 * send refused for the bot's own credentials marks the tenant Failing, a send
 * that goes out answers that. A person who can't be reached says nothing about
 * the tenant. Costs no I/O unless a status has to be written.
 */
export class SendHealthReporting implements ChatGateway {
  constructor(
    private readonly chat: ChatGateway,
    private readonly health: Pick<TenantHealth, 'sendRefused' | 'sent'>,
    /** The connection a send to this person goes through: for Teams, the bot of their tenant they use. */
    private readonly connectionOf: (to: Participant) => Promise<HealthSubject>,
  ) {}

  async send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    return this.reporting(to, () => this.chat.send(to, message));
  }

  /** An update goes through the same bot as a send, and tells as much about it. */
  async replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    const { chat } = this;
    if (!chat.replace) throw new ChatDeliveryError('This chat can’t update a message sent earlier.');
    await this.reporting(to, () => chat.replace!(to, sent, message));
  }

  /** A deletion goes through the same bot as a send (edits/relayed-copy.ts). */
  async remove(to: Participant, sent: SentCard): Promise<void> {
    const { chat } = this;
    if (!chat.remove) throw new ChatDeliveryError('This chat can’t delete a message sent earlier.');
    await this.reporting(to, () => chat.remove!(to, sent));
  }

  findsCopies(to: Participant): boolean {
    return this.chat.findsCopies?.(to) ?? this.chat.findCopy !== undefined;
  }

  findCopy(to: Participant, sent: SentLine): Promise<SentCard | undefined> {
    return this.chat.findCopy?.(to, sent) ?? Promise.resolve(undefined);
  }

  private async reporting<T>(to: Participant, call: () => Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await call();
    } catch (error) {
      if (error instanceof ChatRecipientUnreachableError && botRefused(to.channel, error.reason)) {
        await this.health.sendRefused(await this.connectionOf(to), error.reason);
      }
      throw error;
    }
    await this.health.sent(await this.connectionOf(to));
    return answer;
  }

  profile(participant: Participant): Promise<ChatProfile> {
    return this.chat.profile(participant);
  }

  delivered(to: Participant, sent: SentLine): Promise<boolean | undefined> {
    return this.chat.delivered?.(to, sent) ?? Promise.resolve(undefined);
  }

  threadTicket(to: Participant, threadTs: string): Promise<string | undefined> {
    return this.chat.threadTicket?.(to, threadTs) ?? Promise.resolve(undefined);
  }
}

function botRefused(channel: ChatChannel, reason: string): boolean {
  return channel === 'slack' ? isSlackTokenRefused(reason) : isTeamsBotRefused(reason);
}
