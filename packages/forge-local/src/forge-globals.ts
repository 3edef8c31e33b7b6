import { randomUUID } from 'node:crypto';

/**
 * The two globals through which the Forge SDKs reach the platform
 * (shared reference forge-platform.md §1; @forge/api@8.3.0 out/api/runtime.js and fetch.js,
 * @forge/kvs@1.6.5 out/index.js). This is an undocumented contract between Atlassian's closed
 * runtime wrapper and the SDKs: the SDK versions are pinned, and
 * test/local/forge-sdk-contract.test.ts fails when an upgrade changes what they send.
 */

/** The first argument of `__forge_fetch__`, as the SDKs build it. */
export interface ForgeFetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export type RemoteHandler = (path: string, init: RequestInit, descriptor: ForgeFetchDescriptor) => Promise<Response>;

export interface ForgeRemotes {
  kvs?: RemoteHandler;
  jira?: RemoteHandler;
  stargate?: RemoteHandler;
}

export interface LocalAppContext {
  appId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT';
  appVersion: string;
  installationId: string;
  /** The manifest module being invoked, when the caller knows it. */
  moduleKey?: string;
}

export interface InstallForgeGlobalsOptions {
  remotes: ForgeRemotes;
  appContext: LocalAppContext;
  /** e.g. 'ari:cloud:jira::site/local' */
  contextAri: string;
  /**
   * The Atlassian account acting in the current invocation, if any. Filled into the descriptor
   * of `asUser()` calls that name no account, and exposed as the runtime's `aaid`.
   */
  currentAccountId?: () => string | undefined;
}

type ForgeFetch = (descriptor: ForgeFetchDescriptor, path: string, init?: RequestInit) => Promise<Response>;

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: ForgeFetch;
}

/**
 * Sets `globalThis.__forge_runtime__` and `globalThis.__forge_fetch__`; returns a function that
 * puts back whatever was there before.
 *
 * The runtime deliberately has no `kvs` field: @forge/kvs then sends its calls with the
 * descriptor `{ type: 'kvs', provider: 'app', remote: 'kvs' }` (it decides at import time).
 */
export function installForgeGlobals(options: InstallForgeGlobalsOptions): () => void {
  const globals = globalThis as unknown as ForgeGlobals;
  const previous = { runtime: globals.__forge_runtime__, fetch: globals.__forge_fetch__ };
  globals.__forge_runtime__ = buildRuntime(options);
  globals.__forge_fetch__ = (descriptor, path, init) => routeFetch(options, descriptor, path, init ?? {});

  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    restore(globals, '__forge_runtime__', previous.runtime);
    restore(globals, '__forge_fetch__', previous.fetch);
  };
}

function restore<K extends keyof ForgeGlobals>(globals: ForgeGlobals, name: K, value: ForgeGlobals[K]): void {
  if (value === undefined) {
    delete globals[name];
  } else {
    globals[name] = value;
  }
}

/** What @forge/api@8.3.0 and @forge/kvs@1.6.5 read from the runtime (ForgeRuntime in runtime.d.ts). */
function buildRuntime(options: InstallForgeGlobalsOptions): unknown {
  const invocationId = randomUUID();
  const noop = (): void => undefined;
  const counter = { incr: noop, incrBy: noop, decr: noop, decrBy: noop };
  return {
    proxy: { token: 'local-forge-proxy-token', url: 'http://forge-proxy.local' },
    contextAri: options.contextAri,
    container: {},
    appContext: { ...options.appContext, invocationId },
    get aaid(): string | undefined {
      return options.currentAccountId?.();
    },
    lambdaContext: { awsRequestId: invocationId, getRemainingTimeInMillis: () => 25_000 },
    tracing: { traceId: invocationId.replace(/-/g, ''), spanId: invocationId.slice(0, 16).replace(/-/g, '0') },
    realtime: {},
    metrics: {
      counter: () => counter,
      timing: () => ({ measure: () => ({ stop: noop }) }),
      gauge: () => ({ set: noop }),
    },
    externalAuth: [],
    featureFlags: () => false,
  };
}

function routeFetch(
  options: InstallForgeGlobalsOptions,
  descriptor: ForgeFetchDescriptor,
  path: string,
  init: RequestInit,
): Promise<Response> {
  const routed: ForgeFetchDescriptor =
    descriptor.provider === 'user' && descriptor.accountId === undefined
      ? { ...descriptor, accountId: options.currentAccountId?.() }
      : descriptor;
  const name = remoteName(routed);
  const handler = name === undefined ? undefined : options.remotes[name];
  if (!handler) {
    const what = name === undefined ? 'this kind of call' : `the '${name}' remote`;
    return Promise.resolve(
      new Response(
        JSON.stringify({
          code: 'NOT_IMPLEMENTED',
          message: `The local Forge platform does not serve ${what} (descriptor ${JSON.stringify(routed)}, path ${path}); it routes kvs, jira and stargate calls to the handlers it was given.`,
        }),
        { status: 501, headers: { 'content-type': 'application/json' } },
      ),
    );
  }
  return handler(path, init, routed);
}

function remoteName(descriptor: ForgeFetchDescriptor): keyof ForgeRemotes | undefined {
  if (descriptor.type === 'kvs') return 'kvs';
  if (descriptor.remote === 'jira') return 'jira';
  if (descriptor.remote === 'stargate') return 'stargate';
  return undefined;
}
