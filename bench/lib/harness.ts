import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import { currentInvocation, emptyCounters, addCounters, type InvocationCounters, type InvocationStep } from '../../packages/forge-local/src/invocation-counters';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { SANDBOX_WORKSPACE, type SlackApiCall, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { httpPost } from './http-post';

/**
 * The local platform as the benchmark drives it: a fresh data directory with a
 * FILE database (WAL, as `npm start` ships it), every finished invocation kept
 * with the log lines it wrote, admin steps through the resolvers over HTTP.
 */

/** One finished invocation and what it logged (the app's one log sink is console.info/warn). */
export interface RecordedInvocation {
  readonly id: string;
  readonly functionKey: string;
  readonly counters: InvocationCounters;
  readonly durationMs: number;
  readonly cpuMicros: number;
  readonly failed: boolean;
  /**
   * Time the local KVS stand-in (LocalKvs over SQLite, on its own thread or this one) spent on
   * this invocation's KVS calls, inside `cpuMicros` (the process's CPU, every thread's). On Forge
   * that work is done by the KVS service, and the function only waits for it.
   */
  readonly kvsStandInMicros: number;
  readonly logLines: readonly string[];
  /** UTF-8 bytes of the log lines, newline included. */
  readonly logBytes: number;
  /** The app's KVS calls and fetches, timed by the platform (ms, performance.now()), and when the handler ran. */
  readonly steps: readonly InvocationStep[];
  readonly endedAtMs: number;
}

export type AdminResult = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

export interface BenchPlatform {
  readonly platform: LocalPlatform;
  readonly slack: SlackSandbox;
  readonly dataDir: string;
  /** Every finished invocation, in the order they finished. */
  readonly invocations: RecordedInvocation[];
  /** Log lines written outside any invocation (the sandbox's own warnings, the platform's errors). */
  readonly strayLogLines: string[];
  admin(functionKey: string, payload?: unknown): Promise<AdminResult>;
  /** Waits until the sandbox's echoes and the queue are done. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Print the app's log lines as well as recording them (off: a bench run would print thousands). */
  readonly printLogs?: boolean;
  /** `:memory:` for a database that is never written to disk; default a fresh temp directory. */
  readonly dataDir?: string;
}

export const SLACK_WEB_TRIGGER = 'slack-webtrigger';

export async function startBenchPlatform(options: StartOptions = {}): Promise<BenchPlatform> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'koji-bench-'));
  const invocations: RecordedInvocation[] = [];
  const strayLogLines: string[] = [];
  const pendingLogs = new Map<string, string[]>();

  /* eslint-disable no-console -- the app's one log sink is console.info/warn (src/adapters/system/json-logger.ts): the bench
     takes it over while the platform runs, to count each invocation's log bytes, and gives it back in close() */
  const original = { info: console.info, warn: console.warn };
  const capture =
    (print: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const line = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
      const id = currentInvocation.getStore()?.id;
      if (id) {
        const lines = pendingLogs.get(id) ?? [];
        lines.push(line);
        pendingLogs.set(id, lines);
      } else {
        strayLogLines.push(line);
      }
      if (options.printLogs) print(...args);
    };
  console.info = capture(original.info);
  console.warn = capture(original.warn);
  const restoreConsole = (): void => {
    console.info = original.info;
    console.warn = original.warn;
  };
  /* eslint-enable no-console */

  const onInvocation = (finished: FinishedInvocation): void => {
    const logLines = pendingLogs.get(finished.id) ?? [];
    pendingLogs.delete(finished.id);
    const kvsStandInMicros = finished.counters.kvsStandInMicros;
    invocations.push({
      id: finished.id,
      functionKey: finished.functionKey,
      counters: { ...finished.counters },
      durationMs: finished.durationMs,
      // NaN when it overlapped another invocation (see FinishedInvocation): a sum or median over it then says so rather than mislead.
      cpuMicros: finished.cpuMicros ?? Number.NaN,
      failed: finished.failed,
      kvsStandInMicros,
      logLines,
      logBytes: logLines.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8') + 1, 0),
      steps: finished.steps ?? [],
      endedAtMs: performance.now(),
    });
  };

  let platform: LocalPlatform;
  try {
    // A real SLACK_BOT_TOKEN in the environment would replace the sandbox: the bench always plays Slack itself.
    // Retry backoffs run in real time: a check for a post that may have arrived must not overtake the post.
    platform = await startLocalPlatform({ port: 0, dataDir, onInvocation, slackSandbox: true, env: {} });
  } catch (error) {
    restoreConsole();
    throw error;
  }
  const slack = platform.slack!;

  return {
    platform,
    slack,
    dataDir,
    invocations,
    strayLogLines,
    async admin(functionKey, payload = {}) {
      const { status, body } = await postJson(`${platform.url}/__forge/invoke`, { moduleKey: 'koji-backoffice', functionKey, payload }, { 'x-koji-local-account': 'local-admin' });
      if (status !== 200) throw new Error(`resolver ${functionKey}: HTTP ${status} ${body}`);
      return (JSON.parse(body) as { result: AdminResult }).result;
    },
    async settle() {
      await slack.whenIdle();
      await platform.queue.drained();
      await slack.whenIdle();
    },
    async close() {
      try {
        await platform.close();
      } finally {
        restoreConsole();
        if (dataDir !== ':memory:' && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * One POST on a connection of its own. fetch's pooled keep-alive connection may be one the server is closing
 * after a long quiet spell (seeding 100,000 conversations), which fails the call with ECONNRESET.
 */
function postJson(url: string, payload: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return httpPost(false, url, JSON.stringify(payload), { 'content-type': 'application/json', ...headers });
}

/** What the admin does first (as test/e2e/slack-scenario.test.ts does): turn live agents on, connect the sandbox, grant roles. */
export async function setUpDesk(
  bench: BenchPlatform,
  options: { readonly operators: readonly string[]; readonly operatorCapacity?: number; readonly autoRedaction?: boolean },
): Promise<void> {
  const change: Record<string, unknown> = { enabled: true };
  if (options.operatorCapacity !== undefined) change['operatorCapacity'] = options.operatorCapacity;
  if (options.autoRedaction !== undefined) change['autoRedaction'] = options.autoRedaction;
  expectOk(await bench.admin('settings/update', { change }), 'settings/update');
  expectOk(
    await bench.admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret }),
    'tenants/connect',
  );
  for (const userId of options.operators) {
    expectOk(await bench.admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId }), `roles/grant ${userId}`);
  }
  await bench.settle();
}

function expectOk(result: AdminResult, what: string): void {
  if (!result.ok) throw new Error(`${what} failed: ${result.error?.code ?? ''} ${result.error?.message ?? JSON.stringify(result)}`);
}

/** What one chat message cost, split by who did the work. */
export interface StepCost {
  readonly eventId: string;
  /** The invocations that handled the message: the web trigger's, and the queue consumer's when it went through the queue. */
  readonly handling: InvocationsCost;
  /** Slack's echoes of the bot's own posts: each one a web trigger invocation that ignores it. */
  readonly echoes: InvocationsCost;
  /** The Slack Web API calls the app made, by method. */
  readonly slackCalls: Readonly<Record<string, number>>;
  readonly slackCallCount: number;
  readonly failedSlackCalls: readonly SlackApiCall[];
}

export interface InvocationsCost {
  readonly invocations: number;
  readonly counters: InvocationCounters;
  readonly cpuMicros: number;
  /** Of cpuMicros, what the local KVS stand-in spent (see RecordedInvocation). */
  readonly kvsStandInMicros: number;
  readonly durationMs: number;
  readonly logBytes: number;
  /** The web trigger invocation's own figures (the one that logged `slack_message` for this event). */
  readonly trigger?: RecordedInvocation | undefined;
  readonly failed: number;
}

/**
 * Someone writes in their DM with the bot, through the sandbox (signed, to the
 * web trigger), and everything it caused settles; then the invocations and Web
 * API calls since are split into the handling of this event and bot echoes.
 */
export async function measureSend(bench: BenchPlatform, from: string, text: string): Promise<StepCost> {
  const i0 = bench.invocations.length;
  const a0 = bench.slack.apiCalls.length;
  const sent = await bench.slack.sendAs(from, text);
  if (sent.status !== 200) throw new Error(`The web trigger answered ${from}'s “${text}” with HTTP ${sent.status}: ${sent.body}`);
  await bench.settle();
  const invocations = bench.invocations.slice(i0);
  const calls = bench.slack.apiCalls.slice(a0);
  const handling: RecordedInvocation[] = [];
  const echoes: RecordedInvocation[] = [];
  for (const inv of invocations) {
    if (inv.functionKey === SLACK_WEB_TRIGGER && !loggedDelivery(inv, sent.eventId)) echoes.push(inv);
    else handling.push(inv);
  }
  const slackCalls: Record<string, number> = {};
  for (const c of calls) slackCalls[c.method] = (slackCalls[c.method] ?? 0) + 1;
  return {
    eventId: sent.eventId,
    handling: sumInvocations(handling, (inv) => inv.functionKey === SLACK_WEB_TRIGGER && loggedDelivery(inv, sent.eventId)),
    echoes: sumInvocations(echoes),
    slackCalls,
    slackCallCount: calls.length,
    failedSlackCalls: calls.filter((c) => !c.ok),
  };
}

/** The receiver logs `slack_message` with the delivery id of every event it handed to the core. */
export function loggedDelivery(inv: RecordedInvocation, eventId: string): boolean {
  return inv.logLines.some((line) => {
    try {
      const entry = JSON.parse(line) as { event?: unknown; deliveryId?: unknown; eventId?: unknown };
      return entry.event === 'slack_message' && (entry.deliveryId === eventId || entry.eventId === eventId);
    } catch {
      return false;
    }
  });
}

export function sumInvocations(list: readonly RecordedInvocation[], isTrigger: (inv: RecordedInvocation) => boolean = () => false): InvocationsCost {
  const counters = emptyCounters();
  for (const inv of list) addCounters(counters, inv.counters);
  return {
    invocations: list.length,
    counters,
    cpuMicros: list.reduce((s, i) => s + i.cpuMicros, 0),
    kvsStandInMicros: list.reduce((s, i) => s + i.kvsStandInMicros, 0),
    durationMs: list.reduce((s, i) => s + i.durationMs, 0),
    logBytes: list.reduce((s, i) => s + i.logBytes, 0),
    trigger: list.find(isTrigger),
    failed: list.filter((i) => i.failed).length,
  };
}
