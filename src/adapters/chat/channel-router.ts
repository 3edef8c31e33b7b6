import type { ChatGateway, ChatProfile, SentCard, SentLine } from '../../app/ports';
import { ChatDeliveryError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { ChatChannel, Participant } from '../../domain/participant';

const CHANNEL_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

/**
 * One chat port for the core over the per-channel gateways, so a Teams user
 * and a Slack operator can talk. A channel that is not connected fails the way
 * an unreachable person does: with a ChatDeliveryError the core already handles.
 */
export class ChannelRouter implements ChatGateway {
  constructor(private readonly gateways: Partial<Record<ChatChannel, ChatGateway>>) {}

  send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    return this.gatewayFor(to).send(to, message);
  }

  replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    const gateway = this.gatewayFor(to);
    if (!gateway.replace) return Promise.reject(new ChatDeliveryError(`${CHANNEL_NAMES[to.channel]} can’t update a message sent earlier.`));
    return gateway.replace(to, sent, message);
  }

  profile(participant: Participant): Promise<ChatProfile> {
    return this.gatewayFor(participant).profile(participant);
  }

  delivered(to: Participant, sent: SentLine): Promise<boolean | undefined> {
    return this.gatewayFor(to).delivered?.(to, sent) ?? Promise.resolve(undefined);
  }

  /** Edits (app/edits): a channel whose gateway cannot look back has its copies kept at the relay. */
  findsCopies(to: Participant): boolean {
    return this.gateways[to.channel]?.findCopy !== undefined;
  }

  findCopy(to: Participant, sent: SentLine): Promise<SentCard | undefined> {
    return this.gatewayFor(to).findCopy?.(to, sent) ?? Promise.resolve(undefined);
  }

  remove(to: Participant, sent: SentCard): Promise<void> {
    const gateway = this.gatewayFor(to);
    if (!gateway.remove) return Promise.reject(new ChatDeliveryError(`${CHANNEL_NAMES[to.channel]} can’t delete a message sent earlier.`));
    return gateway.remove(to, sent);
  }

  threadTicket(to: Participant, threadTs: string): Promise<string | undefined> {
    return this.gatewayFor(to).threadTicket?.(to, threadTs) ?? Promise.resolve(undefined);
  }

  private gatewayFor(p: Participant): ChatGateway {
    const gateway = this.gateways[p.channel];
    if (!gateway) throw new ChatDeliveryError(`${CHANNEL_NAMES[p.channel]} is not connected to Koji yet.`);
    return gateway;
  }
}
