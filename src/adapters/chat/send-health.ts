import type { ChatGateway, ChatProfile, SentLine } from '../../app/ports';
import { ChatRecipientUnreachableError } from '../../domain/errors';
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

  async send(to: Participant, message: OutgoingMessage): Promise<void> {
    try {
      await this.chat.send(to, message);
    } catch (error) {
      if (error instanceof ChatRecipientUnreachableError && botRefused(to.channel, error.reason)) {
        await this.health.sendRefused(await this.connectionOf(to), error.reason);
      }
      throw error;
    }
    await this.health.sent(await this.connectionOf(to));
  }

  profile(participant: Participant): Promise<ChatProfile> {
    return this.chat.profile(participant);
  }

  delivered(to: Participant, sent: SentLine): Promise<boolean | undefined> {
    return this.chat.delivered?.(to, sent) ?? Promise.resolve(undefined);
  }
}

function botRefused(channel: ChatChannel, reason: string): boolean {
  return channel === 'slack' ? isSlackTokenRefused(reason) : isTeamsBotRefused(reason);
}
