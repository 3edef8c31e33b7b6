import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { INTERVAL_MS, loadAppManifest, type AppManifest } from './app-manifest';
import { installEgressGuard, type EgressRoute } from './egress';
import { SLACK_FILES_ORIGIN } from './slack/file-store';
import { ONEDRIVE_ORIGIN, ONEDRIVE_PATH } from './teams/onedrive';
import { SLACK_FILES_PATH } from './slack/slack-sandbox';
import { installForgeGlobals } from './forge-globals';
import { FunctionRunner, type FinishedInvocation } from './function-runner';
import { checkpointOffThread } from './sqlite-checkpointer';
import { DEFAULT_LOCAL_ACCOUNT, createLocalServer, webTriggerPath, type LocalRoutes } from './http-server';
import { countInCurrent, currentInvocation, timedStep } from './invocation-counters';
import { jiraRemote, realJiraSiteFromEnv } from './jira/jira-remote';
import { JsmStandIn, LOCAL_PROJECT } from './jira/jsm-stand-in';
import { loadEntityDefinitions } from './kvs/entity-definitions';
import { kvsRemote } from './kvs/kvs-remote';
import { isKvsRead } from './kvs/local-kvs';
import { openKvsStore, type KvsStore, type KvsThreading } from './kvs/kvs-store';
import type { KvsOperation } from './kvs/local-kvs';
import { LocalQueue, type QueueSwitches } from './local-queue';
import { FaultPlan, type FaultTarget } from './faults';
import { LocalFaults, faultRoutes } from './fault-endpoint';
import { stargateRemote } from './stargate-remote';
import { ProductEvents } from './product-events';
import { SlackSandbox } from './slack';
import { TeamsSandbox } from './teams';
import { localPagesRoutes } from './local-pages/routes';
import type { LocalApp } from './local-app';
import { REAL_ENDPOINTS, slackWorkspaceFromEnv, teamsBotFromEnv } from './real-chat-env';
import { AgentsPlaygroundBridge, PLAYGROUND_MESSAGES_PATH, ensurePlaygroundTenant } from './playground';

export interface LocalPlatformOptions {
  /** The app to run: its folder, and the few things the platform can't read from manifest.yml (local-app.ts). */
  readonly app: LocalApp;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where the SQLite database lives (default `.forge-local` in the app's folder); `:memory:` keeps nothing. */
  readonly dataDir?: string;
  readonly manifestPath?: string;
  readonly now?: () => number;
  /**
   * Where the app's real chat services are (default `process.env`). SLACK_BOT_TOKEN and
   * SLACK_SIGNING_SECRET connect a real workspace; TEAMS_APP_ID, TEAMS_APP_PASSWORD and
   * TEAMS_TENANT_ID a real bot. SLACK_API_URL, TEAMS_LOGIN_URL and TEAMS_OPENID_METADATA_URL
   * send the app's calls to slack.com/api, Microsoft's login and Bot Framework's metadata
   * to another stand-in than the sandbox's.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Run scheduled triggers on their intervals (off in tests, which call them directly). */
  readonly runSchedules?: boolean;
  readonly routes?: LocalRoutes;
  readonly onInvocation?: (invocation: FinishedInvocation) => void;
  /**
   * The Slack sandbox: a fake Slack Web API and a chat page. On unless a real
   * workspace is configured with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.
   */
  readonly slackSandbox?: boolean;
  /**
   * The Teams sandbox: Microsoft's login, Bot Framework keys and Bot Connector,
   * and a chat page. On unless TEAMS_OPENID_METADATA_URL names other keys or a
   * real bot is configured with TEAMS_APP_ID, TEAMS_APP_PASSWORD and
   * TEAMS_TENANT_ID. The Agents Playground bridge comes with it.
   */
  readonly teamsSandbox?: boolean;
  /**
   * The queue's switches for specs: `order` (`newest-first`, or `shuffled` with `seed`) for events
   * due together, and `redeliver` (every event twice). `POST /local/faults` sets them too.
   */
  readonly queue?: QueueSwitches;
  /**
   * Where the KVS runs: `worker` (its own thread and file, kvs.sqlite, as on Forge where the KVS is a
   * service apart from the function: the default over a data directory) or `main` (this thread: the
   * default, and the only choice, for `:memory:`).
   */
  readonly kvsThreading?: KvsThreading;
}

export interface LocalPlatform {
  readonly url: string;
  readonly manifest: AppManifest;
  readonly runner: FunctionRunner;
  readonly queue: LocalQueue;
  /** The embedded JSM, unless a real Jira site is configured. */
  readonly jsm?: JsmStandIn | undefined;
  /** Jira's product events (a comment, a transition on the embedded JSM) delivered to the app's `trigger` modules. */
  readonly productEvents: ProductEvents;
  /** The Slack sandbox, unless a real workspace is configured. */
  readonly slack?: SlackSandbox | undefined;
  /** The Teams sandbox, unless Microsoft's endpoints are configured. */
  readonly teams?: TeamsSandbox | undefined;
  /** Where the Agents Playground posts (with the Teams sandbox only: it signs with the sandbox's key). */
  readonly playground?: AgentsPlaygroundBridge | undefined;
  /** The platform's own tables: the queue, the embedded JSM, the sandboxes. */
  readonly db: Database.Database;
  /** The KVS's tables, for looking at (read-only when the KVS runs on its own thread). */
  readonly kvsDb: Database.Database;
  /** Where the app's calls to slack.com/api go, if not to Slack itself: the sandbox's Web API or SLACK_API_URL. */
  readonly slackApiUrl?: string | undefined;
  /** Faults for the stand-ins and the queue's switches, as `/local/faults` sets them. */
  readonly faults: LocalFaults;
  webTriggerUrl(moduleKey: string): string;
  close(): Promise<void>;
}

/**
 * Forge on this machine: the app's own entry points from its src/index.ts, run
 * unchanged, with the SDKs' platform calls answered by SQLite-backed KVS, an
 * in-process queue, and an embedded Jira Service Management (or a real site).
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { app } = options;
  const manifestPath = options.manifestPath ?? path.join(app.root, 'manifest.yml');
  const manifest = loadAppManifest(manifestPath);
  const now = options.now ?? (() => Date.now());
  const env = options.env ?? process.env;
  // Read first: a half-configured bot stops the start before anything is opened.
  const realTeams = teamsBotFromEnv(env);
  const dataDir = options.dataDir ?? path.join(app.root, '.forge-local');
  const db = openDatabase(dataDir);
  const checkpointer = checkpointOffThread(db);

  let kvs: KvsStore;
  try {
    kvs = await openKvsStore({
      dataDir,
      platformDb: db,
      entities: loadEntityDefinitions(manifestPath),
      now,
      threading: options.kvsThreading,
      onOperation: countKvsOperation,
    });
  } catch (error) {
    // A store that cannot open (a move that failed, a thread that would not start) leaves nothing open behind it.
    await checkpointer?.stop();
    db.close();
    throw error;
  }

  let baseUrl = '';
  const site = realJiraSiteFromEnv(env);
  const plan = new FaultPlan();
  const jsm = site ? undefined : new JsmStandIn(db, { siteUrl: () => `${baseUrl}/jira`, now, faults: plan });
  const jira = jiraRemote(site ? { site } : { standIn: jsm! }, manifest.scopes, app.jiraCalls);

  // The queue delivers to the runner, which exists only once the app is loaded below.
  const runnerRef: { current?: FunctionRunner } = {};
  const queue = new LocalQueue(
    db,
    async (queueName, event) => {
      const consumer = manifest.consumers.find((c) => c.queue === queueName);
      if (!consumer || !runnerRef.current) throw new Error(`No consumer for queue ${queueName} in manifest.yml`);
      await runnerRef.current.invoke(consumer.functionKey, [event, { installContext: 'ari:cloud:jira::site/local' }]);
    },
    (queueName, error, attempt, givenUp) =>
      console.error(`consumer of ${queueName} failed (attempt ${attempt}${givenUp ? ', given up: the event is dropped' : ''})`, error),
    options.queue,
  );

  // Filled in once the stand-ins listen: the real endpoints the app names, and who answers for them here.
  let routes: readonly EgressRoute[] = [];
  const uninstallEgressGuard = installEgressGuard(manifest.egress, () => routes);
  const kvsAnswers = kvsRemote(kvs.answerer, plan);
  const uninstall = installForgeGlobals({
    appContext: { appId: 'local-koji', environmentId: 'local', environmentType: 'DEVELOPMENT', appVersion: '1.0.0', installationId: 'local' },
    contextAri: 'ari:cloud:jira::site/local',
    currentAccountId: () => currentInvocation.getStore()?.accountId,
    remotes: {
      kvs: (p, init, descriptor) => timedStep(isKvsRead(p) ? 'kvs-read' : 'kvs-write', () => kvsAnswers(p, init, descriptor)),
      jira: (p, init, descriptor) => {
        countInCurrent((c) => (c.productCalls += 1));
        const accountId = descriptor.provider === 'user' ? (descriptor.accountId ?? currentInvocation.getStore()?.accountId) : undefined;
        return jira(p, init, accountId);
      },
      stargate: stargateRemote({
        webTriggerUrl: (key) => (manifest.webTriggers.some((w) => w.key === key) ? `${baseUrl}${webTriggerPath(manifest, key)}` : undefined),
        queue,
        onQueuePush: (events) => countInCurrent((c) => (c.queuePushes += events)),
      }),
    },
  });

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the globals exist, exactly as Forge loads the bundle
  const exportsOfIndex = require(path.join(app.root, 'src', 'index')) as Record<string, unknown>;
  const runner = new FunctionRunner(manifest, exportsOfIndex, options.onInvocation);
  runnerRef.current = runner;
  const productEvents = new ProductEvents(manifest, () => runnerRef.current);
  jsm?.onProductEvent((event) => productEvents.deliver(event));

  const realSlack = slackWorkspaceFromEnv(env);
  const slack =
    (options.slackSandbox ?? !realSlack) ? new SlackSandbox(db, { webTriggerUrl: () => `${baseUrl}${webTriggerPath(manifest, 'slack-events')}`, now, faults: plan }) : undefined;
  const teams =
    (options.teamsSandbox ?? !(env['TEAMS_OPENID_METADATA_URL'] || realTeams))
      ? new TeamsSandbox(db, { webTriggerUrl: () => `${baseUrl}${webTriggerPath(manifest, 'teams-activities')}`, baseUrl: () => baseUrl, now, faults: plan })
      : undefined;
  const playground = teams
    ? new AgentsPlaygroundBridge({
        sign: (activity) => teams.tokenFor(activity),
        webTriggerUrl: () => `${baseUrl}${webTriggerPath(manifest, 'teams-activities')}`,
        ensureTenant: () => ensurePlaygroundTenant(app, LOCAL_PROJECT.id, now),
      })
    : undefined;
  const running = new Set<FaultTarget>(['kvs', ...(slack ? ['slack' as const] : []), ...(teams ? ['teams' as const] : []), ...(jsm ? ['jira' as const] : [])]);
  const faults = new LocalFaults(plan, queue, running);
  const extra = options.routes?.extra;
  // The server listens before the workspace and tenant named in the environment are connected (their
  // stand-ins need its port), so until then the web triggers say "not yet" instead of refusing the
  // request as from an unknown workspace: Slack and Teams retry a 503, and nothing is lost.
  let ready = false;
  // The names of the real workspace and tenant, once connected, for the start page.
  const connected: { slack?: string; teams?: string } = {};
  const setup = app.sandboxSetup;
  const pages = localPagesRoutes({
    baseUrl: () => baseUrl,
    manifest,
    dataDir,
    jsm,
    realJiraSite: site?.baseUrl,
    slack: () => (slack ? { kind: 'sandbox' } : realSlack ? { kind: 'real', name: connected.slack } : { kind: 'off' }),
    teams: () => (teams ? { kind: 'sandbox' } : realTeams ? { kind: 'real', name: connected.teams } : { kind: 'off' }),
    playground: playground ? { path: PLAYGROUND_MESSAGES_PATH, clientUrl: `http://localhost:${env['TEAMSAPPTESTER_PORT'] ?? 56150}` } : undefined,
    triggers: manifest.webTriggers.map((w) => ({ key: w.key, path: webTriggerPath(manifest, w.key) })),
    bench: app.bench,
    sandboxSetup: setup && (slack || teams) ? { does: setup.does, run: () => setup.run(self) } : undefined,
  });
  const otherRoutes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> =>
    (await faultRoutes(faults, req, res, url)) ||
    (!ready && notReadyYet(res, url)) ||
    (extra ? await extra(req, res, url) : false) ||
    (slack ? await slack.routes(req, res, url) : false) ||
    (playground ? await playground.routes(req, res, url) : false) ||
    (teams ? await teams.routes(req, res, url) : false) ||
    (await pages(req, res, url));
  const server = createLocalServer(manifest, runner, {
    extra: async (req, res, url) =>
      // A web trigger (every relay) is none of the sandboxes' pages: only the readiness check applies to it.
      url.pathname.startsWith(WEB_TRIGGER_PREFIX)
        ? (!ready && notReadyYet(res, url)) || (extra ? await extra(req, res, url) : false)
        : await otherRoutes(req, res, url),
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  // The sandboxes play Slack and Microsoft unless the environment names other stand-ins.
  const slackApiUrl = env['SLACK_API_URL'] || (slack ? `${baseUrl}${slack.apiPath}` : undefined);
  if (teams) await teams.ready();
  const teamsLogin = env['TEAMS_LOGIN_URL'] || (teams && !env['TEAMS_OPENID_METADATA_URL'] ? teams.endpoints.loginUrl : undefined);
  const teamsMetadata = env['TEAMS_OPENID_METADATA_URL'] || (teams ? teams.endpoints.openIdMetadataUrl : undefined);
  routes = [
    ...(slackApiUrl ? [{ from: REAL_ENDPOINTS.slackApi, to: slackApiUrl }] : []),
    ...(slack && !env['SLACK_API_URL'] ? [{ from: `${SLACK_FILES_ORIGIN}/`, to: `${baseUrl}${SLACK_FILES_PATH}` }] : []),
    ...(teamsLogin ? [{ from: `${REAL_ENDPOINTS.microsoftLogin}/`, to: `${teamsLogin.replace(/\/+$/, '')}/` }] : []),
    ...(teamsMetadata ? [{ from: REAL_ENDPOINTS.botFrameworkOpenIdMetadata, to: teamsMetadata }] : []),
    // The sandbox tenant's OneDrive: where a file a person allowed through a file consent card is uploaded.
    ...(teams ? [{ from: `${ONEDRIVE_ORIGIN}/`, to: `${baseUrl}${ONEDRIVE_PATH}` }] : []),
  ];
  if (realSlack) {
    const workspace = await app.connectSlackWorkspace({ projectId: LOCAL_PROJECT.id, ...realSlack }, now);
    connected.slack = workspace.teamName;
    console.error(`Connected the Slack workspace ${workspace.teamName} (${workspace.teamId}) to project ${LOCAL_PROJECT.key}.`);
  }
  if (realTeams) {
    // The backoffice's own connect path: Microsoft issues the bot a token first, or npm start stops here.
    const tenant = await app.connectTeamsTenant(LOCAL_PROJECT.id, realTeams, now);
    connected.teams = tenant.name || tenant.tenantId;
    console.error(`Connected the Microsoft Teams tenant ${tenant.tenantId} (bot ${tenant.appId}) to project ${LOCAL_PROJECT.key}.`);
  }

  ready = true;
  // Now that the consumers exist: delivers what an earlier run on this data directory left pending, too.
  queue.start();

  const timers = (options.runSchedules ? manifest.scheduledTriggers : []).map((s) =>
    setInterval(() => {
      runner.invoke(s.functionKey, [{ context: { cloudId: 'local' } }]).catch((error: unknown) => console.error(`scheduled ${s.key} failed`, error));
    }, INTERVAL_MS[s.interval] ?? INTERVAL_MS['hour']),
  );

  const self: LocalPlatform = {
    url: baseUrl,
    manifest,
    runner,
    queue,
    jsm,
    productEvents,
    slack,
    teams,
    playground,
    db,
    kvsDb: kvs.db,
    slackApiUrl,
    faults,
    webTriggerUrl: (key) => `${baseUrl}${webTriggerPath(manifest, key)}`,
    async close() {
      for (const t of timers) clearInterval(t);
      await productEvents.whenIdle();
      await slack?.whenIdle();
      await teams?.whenIdle();
      queue.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      uninstall();
      uninstallEgressGuard();
      await kvs.close();
      await checkpointer?.stop();
      db.close();
    },
  };
  return self;
}

/** While the platform is still connecting what the environment names, a web trigger request gets 503 and Retry-After. */
const WEB_TRIGGER_PREFIX = '/webtrigger/';

function notReadyYet(res: ServerResponse, url: URL): boolean {
  if (!url.pathname.startsWith(WEB_TRIGGER_PREFIX) && url.pathname !== PLAYGROUND_MESSAGES_PATH) return false;
  res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
  res.end(JSON.stringify({ error: 'starting', message: 'Koji is still starting: connecting the workspace and tenant named in its environment. Retry in a second.' }));
  return true;
}

function openDatabase(dataDir: string): Database.Database {
  if (dataDir === ':memory:') return new Database(':memory:');
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'koji.sqlite'));
  db.pragma('journal_mode = WAL');
  return db;
}

export { DEFAULT_LOCAL_ACCOUNT };

/** Credits a KVS operation to the invocation that made it: what Forge would bill, and the stand-in's own time apart. */
function countKvsOperation(op: KvsOperation): void {
  countInCurrent((c) => {
    if (op.kind === 'read') {
      c.kvsReads += 1;
      c.kvsReadBytes += op.bytes;
    } else {
      c.kvsWrites += 1;
      c.kvsWriteBytes += op.bytes;
    }
    c.kvsStandInMicros += op.micros;
  });
}
