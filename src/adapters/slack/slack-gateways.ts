import type { ChatGateway, ChatProfile, SentCard, SentLine } from '../../app/ports';
import { ChatDeliveryError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import { SlackChatGateway, slackClient, slackPoster, type SlackCallBudget } from './slack-chat-gateway';
import type { SlackCard } from './slack-event';
import type { KvsSlackWorkspaces, SlackWorkspace } from './slack-workspaces';

/**
 * Every connected Slack workspace as one chat gateway: a message goes out with
 * the bot token of the workspace the person belongs to. The workspace of the
 * incoming event is handed in already read; another one costs one read, once
 * per invocation.
 */
export class SlackGateways implements ChatGateway {
  private readonly gateways = new Map<string, Promise<SlackChatGateway>>();

  constructor(
    private readonly workspaces: Pick<KvsSlackWorkspaces, 'get'>,
    known: readonly SlackWorkspace[] = [],
    private readonly budget: SlackCallBudget = 'queued',
  ) {
    for (const ws of known) this.know(ws);
  }

  /** A workspace already read (the incoming event's): sending to its people costs no read. */
  know(ws: SlackWorkspace): void {
    this.gateways.set(ws.teamId, Promise.resolve(this.gatewayFor(ws)));
  }

  async send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    return (await this.forTeam(to.tenantId)).send(to, message);
  }

  /** Through the bot of the person's workspace, which posted the message: only a bot's own messages can change. */
  async replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    return (await this.forTeam(to.tenantId)).replace(to, sent, message);
  }

  async findCopy(to: Participant, sent: SentLine): Promise<SentCard | undefined> {
    return (await this.forTeam(to.tenantId)).findCopy(to, sent);
  }

  async remove(to: Participant, sent: SentCard): Promise<void> {
    return (await this.forTeam(to.tenantId)).remove(to, sent);
  }

  async delivered(to: Participant, sent: SentLine): Promise<boolean | undefined> {
    return (await this.forTeam(to.tenantId)).delivered(to, sent);
  }

  async threadTicket(to: Participant, threadTs: string): Promise<string | undefined> {
    return (await this.forTeam(to.tenantId)).threadTicket(to, threadTs);
  }

  async markCardUsed(teamId: string, card: SlackCard, note: string): Promise<void> {
    return (await this.forTeam(teamId)).markCardUsed(card, note);
  }

  async profile(participant: Participant): Promise<ChatProfile> {
    return (await this.forTeam(participant.tenantId)).profile(participant);
  }

  private forTeam(teamId: string): Promise<SlackChatGateway> {
    let gateway = this.gateways.get(teamId);
    if (!gateway) {
      gateway = this.workspaces.get(teamId).then((ws) => {
        if (!ws) throw new ChatDeliveryError(`The Slack workspace ${teamId} is no longer connected to Koji.`);
        return this.gatewayFor(ws);
      });
      this.gateways.set(teamId, gateway);
    }
    return gateway;
  }

  private gatewayFor(ws: SlackWorkspace): SlackChatGateway {
    const poster = this.budget === 'inline' ? 'inline' : 'queued-post';
    return new SlackChatGateway(slackClient(ws.botToken, undefined, this.budget), slackPoster(ws.botToken, poster));
  }
}
