import type { ChatGateway, ChatProfile, Logger, SentCard } from '../../app/ports';
import { ChatDeliveryError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import { jsonLogger } from '../system/json-logger';
import type { TeamsCard, TeamsConversationReference } from './teams-activity';
import { renderForTeams, renderUsedCard } from './teams-cards';
import { TeamsConnector, type ConnectorOptions } from './teams-connector';
import { appIdOfBot, type KvsTeamsReferences, type KvsTeamsTenants, type TeamsTenant } from './teams-tenants';
import { messageOf } from '../../domain/koji-error';
import { teamsActivityOf, teamsSentCard } from './teams-sent-card';

/**
 * Every connected Teams tenant as one chat gateway: a message goes to the
 * person's 1:1 conversation with the bot, through the tenant's bot. The
 * tenant and the sender of the incoming activity are handed in already read.
 */
export class TeamsGateways implements ChatGateway {
  private readonly tenants = new Map<string, Promise<TeamsTenant | undefined>>();
  private readonly references = new Map<string, Promise<TeamsConversationReference | undefined>>();
  private readonly log: Logger;

  constructor(
    private readonly stores: { readonly tenants: Pick<KvsTeamsTenants, 'get'>; readonly references: Pick<KvsTeamsReferences, 'get'> },
    private readonly connector: Omit<ConnectorOptions, 'now'> & { readonly now: () => number },
    known: { readonly tenants?: readonly TeamsTenant[]; readonly references?: readonly TeamsConversationReference[] } = {},
    log?: Logger,
  ) {
    this.log = log ?? jsonLogger();
    for (const t of known.tenants ?? []) this.tenants.set(`${t.tenantId}|${t.appId}`, Promise.resolve(t));
    for (const r of known.references ?? []) this.references.set(`${r.tenantId}|${r.userId}`, Promise.resolve(r));
  }

  /** Answers where the activity went when the Bot Connector names it, so it can be replaced later. */
  async send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    const { tenant, reference } = await this.reach(to);
    const activity = renderForTeams(message);
    const activityId = await this.connectorFor(tenant).send(reference.serviceUrl, reference.conversationId, activity);
    return teamsSentCard(reference.conversationId, activityId, activity['attachments'] !== undefined);
  }

  /**
   * Replaces an activity the bot sent (`sent`, from send) with `message`, through the person's bot and service
   * URL as they are now; a card stays a card, its buttons gone when `message` has none. A ref that names no Teams
   * activity is a ChatDeliveryError.
   */
  async replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    const where = teamsActivityOf(sent);
    if (!where) throw new ChatDeliveryError('Koji does not know which Teams message to update.');
    const { tenant, reference } = await this.reach(to);
    await this.connectorFor(tenant).update(reference.serviceUrl, where.conversationId, where.activityId, renderForTeams(message, { asCard: where.card }));
  }

  /** Deletes an activity the bot sent (`sent`, from send), through the person's bot and service URL as they are now. */
  async remove(to: Participant, sent: SentCard): Promise<void> {
    const where = teamsActivityOf(sent);
    if (!where) throw new ChatDeliveryError('Koji does not know which Teams message to delete.');
    const { tenant, reference } = await this.reach(to);
    await this.connectorFor(tenant).delete(reference.serviceUrl, where.conversationId, where.activityId);
  }

  /** Replaces a clicked card, through the bot of the tenant it was clicked in, with its used form. */
  async markCardUsed(tenant: TeamsTenant, card: TeamsCard, note: string): Promise<void> {
    await this.connectorFor(tenant).update(card.serviceUrl, card.conversationId, card.activityId, renderUsedCard(card.lead, note));
  }

  /**
   * Activities carry a name but no e-mail; the Bot Connector's roster has the
   * person's e-mail and UPN, which let a ticket be raised on their behalf.
   * Without the roster the name still serves.
   */
  async profile(participant: Participant): Promise<ChatProfile> {
    const { tenant, reference } = await this.reach(participant);
    try {
      const member = await this.connectorFor(tenant).member(reference.serviceUrl, reference.conversationId, participant.userId);
      return { displayName: reference.name, email: member.email ?? member.userPrincipalName };
    } catch (error) {
      // Whatever went wrong (refused, too slow, an answer that makes no sense), the name still serves.
      this.log.warn('teams_member_unavailable', {
        userId: participant.userId,
        reason: messageOf(error),
      });
      return { displayName: reference.name };
    }
  }

  /**
   * The tenant Microsoft puts the sender of an activity in, asked with the
   * binding's own bot; undefined when it cannot be asked (network, refusal,
   * an answer without one), which proves nothing either way.
   */
  async tenantOfSender(tenant: TeamsTenant, where: { serviceUrl: string; conversationId: string; userId: string }): Promise<string | undefined> {
    try {
      return (await this.connectorFor(tenant).member(where.serviceUrl, where.conversationId, where.userId)).tenantId;
    } catch (error) {
      this.log.warn('teams_tenant_not_checked', { tenantId: tenant.tenantId, reason: messageOf(error) });
      return undefined;
    }
  }

  /** The app id of the bot this person uses in their tenant (the reference a send just read: no I/O then), if known. */
  async botOf(p: Participant): Promise<string | undefined> {
    const reference = await this.cached(this.references, `${p.tenantId}|${p.userId}`, () => this.stores.references.get(p.tenantId, p.userId));
    return reference ? appIdOfBot(reference.botId) : undefined;
  }

  /** Where a person is and the connector of their bot, for the file port (teams-files.ts). */
  async reachWithConnector(p: Participant): Promise<{ reference: TeamsConversationReference; connector: TeamsConnector }> {
    const { tenant, reference } = await this.reach(p);
    return { reference, connector: this.connectorFor(tenant) };
  }

  /** The person's reference says which bot they use; that bot's binding in their tenant writes to them. */
  private async reach(p: Participant): Promise<{ tenant: TeamsTenant; reference: TeamsConversationReference }> {
    const reference = await this.cached(this.references, `${p.tenantId}|${p.userId}`, () => this.stores.references.get(p.tenantId, p.userId));
    if (!reference) throw new ChatDeliveryError('This Teams user has not installed the Koji app, so the bot cannot write to them.');
    const appId = appIdOfBot(reference.botId);
    const tenant = await this.cached(this.tenants, `${p.tenantId}|${appId}`, () => this.stores.tenants.get(p.tenantId, appId));
    if (!tenant) throw new ChatDeliveryError(`The Teams tenant ${p.tenantId} is no longer connected to Koji.`);
    return { tenant, reference };
  }

  private connectorFor(tenant: TeamsTenant): TeamsConnector {
    return new TeamsConnector({ appId: tenant.appId, appPassword: tenant.appPassword, tenantId: tenant.botTenantId }, this.connector);
  }

  private cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let found = map.get(key);
    if (!found) {
      found = load();
      map.set(key, found);
    }
    return found;
  }
}
