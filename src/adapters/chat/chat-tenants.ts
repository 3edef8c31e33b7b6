import type { CoreDeps } from '../../app/ports';
import type { TenantToDisconnect, TenantWoundDown } from '../../app/tenants/disconnect-tenant';
import type { ChatChannel } from '../../domain/participant';
import type { TenantConnectRequest, TenantView } from '../../shared/resolver-contract';
import type { SlackWorkspace } from '../slack/slack-workspaces';
import type { SlackPeoplePage, TenantPerson } from '../slack/slack-directory';
import type { TeamsTenant } from '../teams/teams-tenants';
import type { TenantCheck } from '../forge/tenant-check';
import { healthOfConnection, shownCheck, type HealthSubject, type TenantHealth } from '../forge/tenant-health';
import { TenantConnectionError } from './tenant-connection-error';

/** What an admin types to connect a tenant, per channel. */
export type ConnectRequest = TenantConnectRequest;

/** Connections already read, handed to the services so that the tenant's bot can still write to its people. */
export interface KnownConnections {
  readonly slackWorkspaces?: readonly SlackWorkspace[];
  readonly teamsTenants?: readonly TeamsTenant[];
}

/** Who a connected tenant's people are, for the role setup page. */
export interface TenantPeople {
  /**
   * One page of the tenant's people: those who can be operators, and those left out
   * (bots, deactivated accounts), so that a role one of them still holds can be removed.
   */
  people(page: { readonly cursor?: string | undefined }): Promise<SlackPeoplePage>;
  /** Who one person is now, unfit ones included; undefined when the tenant does not know them. */
  person(userId: string): Promise<TenantPerson | undefined>;
}

/**
 * The part of a tenant's lifecycle that is the channel's own: how a connection is
 * proven, stored and keyed (`C`: a stored connection, secrets included), and who
 * its people are. Everything else (status, test, disconnect) is ChatTenants'.
 */
export interface ChannelTenants<C, R extends ConnectRequest = ConnectRequest> {
  readonly channel: ChatChannel;
  /** Said when a request names a tenant this project has not connected. */
  readonly notConnected: string;
  /** Checks what the admin typed with the platform, and saves only what works. */
  connect(projectId: string, request: R): Promise<{ readonly view: TenantView; readonly subject: HealthSubject }>;
  /** This project's connection of the tenant, or undefined. */
  ofProject(projectId: string, tenantId: string): Promise<C | undefined>;
  /** This project's connections as the Tenants table lists them, with their stored last check. */
  views(projectId: string): Promise<TenantView[]>;
  /** Test connection: the stored credentials still work (throws TenantConnectionError when not). */
  test(connection: C): Promise<object>;
  recordCheck(connection: C, check: TenantCheck): Promise<void>;
  /** Deletes the connection: last, once the tenant was wound down. */
  remove(connection: C): Promise<void>;
  /** The key of the connection's traffic status: Slack its team id, Teams its tenant and bot. */
  subject(connection: C): HealthSubject;
  known(connection: C): KnownConnections;
  /** Why the tenant's people are not yet this project's to manage, if they are not. */
  peopleRefusal(connection: C): string | undefined;
  people(connection: C): TenantPeople;
}

/** One connected tenant as the role setup page sees it: its people, and services that can reach them. */
export interface TenantDirectory<S extends CoreDeps> extends TenantPeople {
  readonly channel: ChatChannel;
  readonly tenantId: string;
  /** Core services that already know this tenant's credentials. */
  readonly services: S;
}

export interface ChatTenantsDeps<S extends CoreDeps> {
  readonly health: Pick<TenantHealth, 'records' | 'forget'>;
  readonly now: () => number;
  /** Core services that already know these connections. */
  readonly servicesKnowing: (projectId: string, known: KnownConnections) => S;
  /** Ends what the tenant has open in the project (src/app/tenants/disconnect-tenant.ts). */
  readonly windDown: (services: S, tenant: TenantToDisconnect) => Promise<TenantWoundDown>;
}

// Method parameters are bivariant: each channel's part, whatever its connection type, is one of these.
type AnyChannelTenants = ChannelTenants<unknown, never>;

/**
 * One lifecycle for Slack workspaces and Teams tenants: connect with proof,
 * status (with what the traffic says), Test connection, disconnect (wound down
 * first, the connection removed last), and the people of a connected tenant.
 */
export class ChatTenants<S extends CoreDeps> {
  constructor(
    private readonly parts: { readonly slack: ChannelTenants<SlackWorkspace, Extract<ConnectRequest, { channel: 'slack' }>>; readonly teams: ChannelTenants<TeamsTenant, Extract<ConnectRequest, { channel: 'teams' }>> },
    private readonly deps: ChatTenantsDeps<S>,
  ) {}

  /** This project's tenants of both channels; a Failing seen on a connection's traffic wins as shownCheck says. */
  async list(projectId: string): Promise<TenantView[]> {
    const records = await this.deps.health.records();
    const views = [...(await this.parts.slack.views(projectId)), ...(await this.parts.teams.views(projectId))];
    return views.map((view) => {
      const check = shownCheck(view.lastCheck, healthOfConnection(records, view));
      const { lastCheck: _stored, ...rest } = view;
      return check ? { ...rest, lastCheck: check } : rest;
    });
  }

  async connect(projectId: string, request: ConnectRequest): Promise<TenantView> {
    const { view, subject } = request.channel === 'slack' ? await this.parts.slack.connect(projectId, request) : await this.parts.teams.connect(projectId, request);
    // New credentials: what the old ones' traffic showed no longer applies.
    await this.deps.health.forget(subject);
    return view;
  }

  /** Test connection, recorded on the tenant's summary for the Status column; a failed test is recorded with its reason and still answered as an error. */
  async test(channel: ChatChannel, projectId: string, tenantId: string): Promise<object> {
    const part = this.part(channel);
    const connection = await this.connected(part, projectId, tenantId);
    let result: object;
    try {
      result = await part.test(connection);
    } catch (error) {
      if (error instanceof TenantConnectionError) await part.recordCheck(connection, { ok: false, at: this.deps.now(), message: error.message });
      throw error;
    }
    // Slack's granted scopes are recorded with the check (the list shows notices of those it lacks), not answered.
    const { scopes, ...answer } = result as { scopes?: readonly string[] };
    await part.recordCheck(connection, { ok: true, at: this.deps.now(), ...(scopes ? { scopes } : {}) });
    return answer;
  }

  /**
   * Wound down while the tenant's bot can still tell its people; the connection goes last,
   * so a disconnect that fails halfway can be run again.
   */
  async disconnect(channel: ChatChannel, projectId: string, tenantId: string): Promise<TenantWoundDown & { disconnected: string }> {
    const part = this.part(channel);
    const connection = await this.connected(part, projectId, tenantId);
    const services = this.deps.servicesKnowing(projectId, part.known(connection));
    const woundDown = await this.deps.windDown(services, { projectId, channel, tenantId });
    await part.remove(connection);
    await this.deps.health.forget(part.subject(connection));
    return { disconnected: tenantId, ...woundDown };
  }

  /** The tenant a role setup request names, refused unless this project connected it and it is proven. */
  async directory(channel: ChatChannel, projectId: string, tenantId: string): Promise<TenantDirectory<S>> {
    const part = this.part(channel);
    const connection = await this.connected(part, projectId, tenantId);
    const refusal = part.peopleRefusal(connection);
    if (refusal) throw new TenantConnectionError(refusal);
    const people = part.people(connection);
    return {
      channel,
      tenantId,
      services: this.deps.servicesKnowing(projectId, part.known(connection)),
      people: (page) => people.people(page),
      person: (userId) => people.person(userId),
    };
  }

  private part(channel: ChatChannel): AnyChannelTenants {
    return channel === 'slack' ? this.parts.slack : this.parts.teams;
  }

  private async connected(part: AnyChannelTenants, projectId: string, tenantId: string): Promise<unknown> {
    const connection = await part.ofProject(projectId, tenantId);
    if (connection === undefined) throw new TenantConnectionError(part.notConnected);
    return connection;
  }
}
