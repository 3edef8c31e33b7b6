import { kvs } from '@forge/kvs';
import { ChannelRouter } from './adapters/chat/channel-router';
import { ChannelFiles } from './adapters/chat/channel-files';
import { SlackFileSide } from './adapters/slack/slack-files';
import { TeamsFileSide } from './adapters/teams/teams-files';
import { KvsFileConsents, type ConsentDeps } from './adapters/teams/teams-file-consent';
import { notify } from './app/delivery/notify';
import { SendHealthReporting } from './adapters/chat/send-health';
import { ForgeOutbox, ForgeWorkQueue } from './adapters/forge/forge-work-queue';
import { JsmTicketService } from './adapters/forge/jsm-ticket-service';
import { JsmTicketFiles } from './adapters/forge/jsm-ticket-files';
import { JsmTicketFollowUps } from './adapters/forge/jsm-ticket-follow-ups';
import { KvsDeliveryLog } from './adapters/forge/kvs-delivery-log';
import { ReadAheadLiveAgentState } from './adapters/forge/read-ahead-state';
import type { Participant } from './domain/participant';
import { KvsRatingStore } from './adapters/forge/kvs-ratings';
import { KvsDeflectionCounters } from './adapters/forge/kvs-deflection-counters';
import { KvsServiceFigures } from './adapters/forge/kvs-service-figures';
import { KvsConversationHistory, KvsTranscriptRetention } from './adapters/forge/kvs-history';
import { KvsSettingsRepository } from './adapters/forge/kvs-settings-repository';
import { KvsTenantHealthStore, TenantHealth } from './adapters/forge/tenant-health';
import { KvsTranscriptLog } from './adapters/forge/kvs-transcript-log';
import { SlackGateways } from './adapters/slack/slack-gateways';
import { KvsSlackWorkspaces } from './adapters/slack/slack-workspaces';
import { slackClient } from './adapters/slack/slack-chat-gateway';
import { slackTenants } from './adapters/slack/slack-tenants';
import { ChatTenants, type KnownConnections } from './adapters/chat/chat-tenants';
import { teamsTenants as teamsTenantLifecycle } from './adapters/teams/teams-tenant-lifecycle';
import { disconnectTenant } from './app/tenants/disconnect-tenant';
import { jsonLogger } from './adapters/system/json-logger';
import type { TeamsConversationReference } from './adapters/teams/teams-activity';
import { BOT_FRAMEWORK_OPENID_METADATA, type BotFrameworkKeySource } from './adapters/teams/teams-auth';
import { MICROSOFT_LOGIN } from './adapters/teams/teams-connector';
import { TeamsGateways } from './adapters/teams/teams-gateways';
import { KvsTeamsReferences, KvsTeamsTenants } from './adapters/teams/teams-tenants';
import { systemClock } from './adapters/system/system-clock';
import { KnowledgeBaseAssistant } from './app/conversation/kb-assistant';
import { JsmKnowledgeBase } from './adapters/forge/jsm-knowledge-base';
import type { CoreDeps, WorkQueue } from './app/ports';
import { whenUnreachable } from './app/delivery/unreachable';
import { KvsPersonRecords } from './adapters/forge/kvs-person-records';
import type { ErasedPeople } from './app/privacy/erased-people';
import type { ErasureDeps } from './app/privacy/erase-person-job';

export interface Services extends CoreDeps {
  readonly workQueue: WorkQueue;
  readonly slackWorkspaces: KvsSlackWorkspaces;
  /** The Slack side of `chat`, to hand it a workspace already read. */
  readonly slackGateways: SlackGateways;
  /** The Teams side of `chat`, to update a card in a tenant already read. */
  readonly teamsGateways: TeamsGateways;
  readonly teamsTenants: KvsTeamsTenants;
  readonly teamsReferences: KvsTeamsReferences;
  /** Refused requests and sends per tenant, for its status in the backoffice. */
  readonly tenantHealth: TenantHealth;
  /** Files offered to Teams people through a file consent card, waiting for Allow or Decline. */
  readonly fileConsents: KvsFileConsents;
  /** Starts the core's first read about a sender early, beside authentication's (ReadAheadLiveAgentState). */
  readonly readAhead: (sender: Participant) => void;
}

/**
 * One per warm function, like the Slack clients: its counts are what let a status be
 * written at most once a minute per tenant instead of on every refused request.
 */
let health: TenantHealth | undefined;

export function tenantHealth(): TenantHealth {
  health ??= new TenantHealth(new KvsTenantHealthStore(kvs), () => systemClock.now(), jsonLogger({ component: 'tenant-health' }));
  return health;
}

/** For tests: forget what was counted (a fresh warm function). */
export function forgetTenantHealth(): void {
  health = undefined;
}

/** Bot Framework's keys, kept while the function is warm. Token validation has no switch, nor does where the keys come from. */
export function botFrameworkKeys(): BotFrameworkKeySource {
  return { openIdMetadataUrl: BOT_FRAMEWORK_OPENID_METADATA, fetch: (input, init) => fetch(input, init), now: () => systemClock.now() };
}

/**
 * Adapters that hold nothing but the KVS client (no caller's state, no cache): built
 * once per warm function, as Forge keeps a warm function's module scope, instead of
 * on every invocation.
 */
function warmStores() {
  return {
    slackWorkspaces: new KvsSlackWorkspaces(kvs),
    teamsTenants: new KvsTeamsTenants(kvs),
    teamsReferences: new KvsTeamsReferences(kvs),
    deliveries: new KvsDeliveryLog(kvs),
    ratings: new KvsRatingStore(kvs),
    deflection: new KvsDeflectionCounters(kvs),
    figures: new KvsServiceFigures(kvs),
    history: new KvsConversationHistory(kvs),
    transcriptRetention: new KvsTranscriptRetention(kvs),
    settings: new KvsSettingsRepository(kvs),
    transcripts: new KvsTranscriptLog(kvs),
    personRecords: new KvsPersonRecords(kvs),
  };
}
let stores: ReturnType<typeof warmStores> | undefined;

/**
 * The only place that builds real adapters. Entry points call it once per
 * invocation: no caller's state is cached between invocations, since Forge may
 * run each one in a different process and per-caller state must not leak. What
 * is the same for every caller may be kept while the process is warm (the
 * stateless stores above, Slack clients per bot token, Teams bot tokens and Bot
 * Framework keys); what holds an invocation's reads (the state with its read
 * ahead, the gateways knowing a workspace) is built here each time.
 */
export function buildServices(
  context: Record<string, unknown> = {},
  known: KnownConnections & { readonly teamsReferences?: readonly TeamsConversationReference[] } = {},
): Services {
  stores ??= warmStores();
  const { slackWorkspaces, teamsTenants, teamsReferences, deliveries } = stores;
  const log = jsonLogger(context);
  const teams = new TeamsGateways(
    { tenants: teamsTenants, references: teamsReferences },
    { loginUrl: MICROSOFT_LOGIN, fetch: (input, init) => fetch(input, init), now: () => systemClock.now() },
    { tenants: known.teamsTenants, references: known.teamsReferences },
    log,
  );
  const workQueue = new ForgeWorkQueue();
  const fileConsents = new KvsFileConsents(kvs, deliveries);
  // Inside the Slack web trigger every call must leave room to answer Slack within 3 s.
  const slackGateways = new SlackGateways(slackWorkspaces, known.slackWorkspaces, context['trigger'] === 'slack' ? 'inline' : 'queued');
  const state = new ReadAheadLiveAgentState(kvs);
  return {
    state,
    readAhead: (sender) => state.readAhead(sender),
    ratings: stores.ratings,
    deflection: stores.deflection,
    figures: stores.figures,
    history: stores.history,
    transcriptRetention: stores.transcriptRetention,
    erased: erasedIn(stores.personRecords),
    settings: stores.settings,
    transcripts: stores.transcripts,
    deliveries,
    chat: new SendHealthReporting(new ChannelRouter({ slack: slackGateways, teams }), tenantHealth(), async (to) =>
      to.channel === 'teams' ? { channel: 'teams', tenantId: to.tenantId, appId: await teams.botOf(to) } : { channel: to.channel, tenantId: to.tenantId },
    ),
    // Files are relayed by queued jobs only, so their Slack calls get the queue's budget, never the web trigger's.
    files: new ChannelFiles({ slack: new SlackFileSide(slackWorkspaces, (token) => slackClient(token)), teams: new TeamsFileSide(teams, undefined, { store: fileConsents, now: () => systemClock.now() }) }, new JsmTicketFiles()),
    outbox: new ForgeOutbox(workQueue),
    tickets: new JsmTicketService({ log }),
    followUps: new JsmTicketFollowUps(),
    assistant: new KnowledgeBaseAssistant(new JsmKnowledgeBase(), log),
    clock: systemClock,
    log,
    deferSlowWork: context['trigger'] === 'slack',
    whenUnreachable,
    workQueue,
    slackWorkspaces,
    slackGateways,
    teamsGateways: teams,
    teamsTenants,
    teamsReferences,
    tenantHealth: tenantHealth(),
    fileConsents,
  };
}

/** What answering a Teams file consent needs: the offers, the file port to open the file again, and the sender to tell. */
export function fileConsentDeps(services: Services): ConsentDeps {
  return {
    consents: services.fileConsents,
    files: services.files,
    reach: services.teamsGateways,
    fetch: (input, init) => fetch(input, init),
    now: () => services.clock.now(),
    tell: async (pending, text) => {
      await notify(services, pending.from, { kind: 'notice', text, conversationId: pending.conversationId });
    },
    log: services.log,
  };
}

/** Export and erasure of a person's data (app/privacy/): their records, the erasure's progress, the queue. */
export function erasureDeps(services: Pick<Services, 'workQueue' | 'clock' | 'log'>): ErasureDeps {
  const records = new KvsPersonRecords(kvs);
  return { records, progress: records, workQueue: services.workQueue, clock: services.clock, log: services.log };
}

/** The tenant lifecycle of both channels: the backoffice's Tenants table and role setup. */
export function buildChatTenants(): ChatTenants<Services> {
  const now = () => systemClock.now();
  return new ChatTenants(
    {
      slack: slackTenants({ workspaces: new KvsSlackWorkspaces(kvs), client: (token) => slackClient(token), now }),
      teams: teamsTenantLifecycle({
        tenants: new KvsTeamsTenants(kvs),
        references: new KvsTeamsReferences(kvs),
        connector: { loginUrl: MICROSOFT_LOGIN, fetch: (input, init) => fetch(input, init), now },
      }),
    },
    { health: tenantHealth(), now, servicesKnowing: (projectId, known) => buildServices({ projectId }, known), windDown: disconnectTenant },
  );
}

/** An erasure leaves its progress record (30 days): that it exists is what History and tickets ask. */
function erasedIn(records: KvsPersonRecords): ErasedPeople {
  return { wasErased: async (projectId, person) => (await records.progress(projectId, person)) !== undefined };
}
