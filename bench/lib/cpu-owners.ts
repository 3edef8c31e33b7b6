import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Whose code the main thread's CPU went to during a run, per relayed message: the like-for-like
 * comparison P3's rates cannot give. Koji runs inside the local platform's stand-in for Forge
 * (its web trigger server, function runner and KVS service), which a bare Bolt app does not;
 * this splits the two so the app's own cost can be set beside Bolt's framework.
 *
 * Each sample of V8's CPU profiler is charged to the nearest frame on its stack that belongs to
 * someone; Node's internals count for the code that called them:
 * - the app (`src/`), and the packages it calls itself (the Web API client, jose);
 * - the Forge SDKs it bundles (`@forge/*`);
 * - fetch itself (undici: Node's bundled copy or npm's);
 * - the framework: for Bolt, Bolt, its Web API client and their helpers, and the bench's Bolt app
 *   (`lib/bolt-relay.ts`) and durable floor (`lib/floor-relay.ts`), the code a user of them writes;
 * - the local platform's Forge emulation, and the packages it calls (SQLite's wrapper);
 * - its fake Slack or Teams; the rest of the bench; Node alone (event loop, sockets, HTTP parser
 *   with no owned caller); GC.
 * The shares are then scaled to the thread's CPU time read from /proc: time the thread was off
 * the CPU, which the sampling profiler also counts, drops out. (The profiler's own sampling runs on
 * the thread, so it still weighs on every owner alike.)
 */
export type CpuOwner = 'app' | 'forgeSdk' | 'framework' | 'fetch' | 'emulation' | 'fakeChat' | 'bench' | 'node' | 'gc';

export const CPU_OWNERS: readonly CpuOwner[] = ['app', 'forgeSdk', 'framework', 'fetch', 'emulation', 'fakeChat', 'bench', 'node', 'gc'];

export const CPU_OWNER_NAMES: Record<CpuOwner, string> = {
  app: 'app',
  forgeSdk: 'Forge SDKs',
  framework: 'framework',
  fetch: 'fetch',
  emulation: 'Forge emulation',
  fakeChat: 'fake Slack',
  bench: 'bench',
  node: 'Node',
  gc: 'GC',
};

/** A V8 CPU profile (`.cpuprofile`), as `node --cpu-prof` and node:inspector's Profiler give it. */
export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber?: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** This repository's root as profiles name it (`file:///…/`): where the app, the platform and the bench live. */
const REPO_ROOT = `${pathToFileURL(path.resolve(__dirname, '../..')).href}/`;

type FrameOwner = CpuOwner | 'package';

/**
 * The owner of one frame by its script's URL, or undefined for Node's internals and native frames (charged to their
 * caller). `package` is a package other than fetch and the Forge SDKs: it is charged to whoever called it. `root`
 * is the repository's root URL.
 */
export function ownerOfFrame(url: string, root: string = REPO_ROOT): FrameOwner | undefined {
  if (url.startsWith('node:internal/deps/undici') || url.includes('/node_modules/undici/')) return 'fetch';
  if (url.includes('/node_modules/@forge/')) return 'forgeSdk';
  if (url.includes('/node_modules/')) return 'package';
  if (!url.startsWith(root)) return undefined;
  const inRepo = url.slice(root.length);
  if (inRepo.startsWith('packages/forge-local/src/slack/') || inRepo.startsWith('packages/forge-local/src/teams/')) return 'fakeChat';
  if (inRepo.startsWith('packages/forge-local/')) return 'emulation';
  if (inRepo === 'bench/lib/bolt-relay.ts' || inRepo === 'bench/lib/floor-relay.ts') return 'framework';
  if (inRepo.startsWith('bench/')) return 'bench';
  if (inRepo.startsWith('src/')) return 'app';
  return undefined;
}

/** Whose a package's frame is, by the first owned frame above it that is not a package: the app's, the platform's, or else a framework's. */
function packageOwner(caller: CpuOwner | undefined): CpuOwner {
  return caller === 'app' || caller === 'emulation' || caller === 'fakeChat' ? caller : 'framework';
}

/** The share of the profile's busy time (idle excluded) that went to each owner (the shares add up to 1), and that time in µs. */
export function cpuShares(profile: CpuProfile, root: string = REPO_ROOT): { shares: Record<CpuOwner, number>; busyMicros: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerOfNode = new Map<number, CpuOwner | 'idle'>();
  const resolve = (leaf: number): CpuOwner | 'idle' => {
    const known = ownerOfNode.get(leaf);
    if (known) return known;
    const name = byId.get(leaf)?.callFrame.functionName;
    let owner: CpuOwner | 'idle';
    if (name === '(idle)') owner = 'idle';
    else if (name === '(garbage collector)') owner = 'gc';
    else {
      // Up the stack, iteratively: the nearest owned frame, and for a package the nearest owned frame that is not one.
      let found: FrameOwner | undefined;
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        const own = ownerOfFrame(byId.get(id)?.callFrame.url ?? '', root);
        if (own === undefined) continue;
        if (found === undefined) found = own;
        if (own !== 'package') {
          if (found === 'package') found = packageOwner(own);
          break;
        }
      }
      owner = found === undefined ? 'node' : found === 'package' ? packageOwner(undefined) : found;
    }
    ownerOfNode.set(leaf, owner);
    return owner;
  };
  const time = Object.fromEntries(CPU_OWNERS.map((o) => [o, 0])) as Record<CpuOwner, number>;
  profile.samples.forEach((id, i) => {
    // The first delta runs from the profiler's start to its first sample: not time any frame was seen in.
    if (i === 0) return;
    const owner = resolve(id);
    if (owner !== 'idle') time[owner] += Math.max(0, profile.timeDeltas[i] ?? 0);
  });
  const busy = CPU_OWNERS.reduce((s, o) => s + time[o], 0);
  return { shares: Object.fromEntries(CPU_OWNERS.map((o) => [o, busy > 0 ? time[o] / busy : 0])) as Record<CpuOwner, number>, busyMicros: busy };
}

/** One thread of this process from /proc: its name and its CPU ticks so far (user + system, 100 a second on Linux); undefined once it ended. */
export function threadCpuTicks(tid: string): { name: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name: /\((.*)\)/.exec(stat)?.[1] ?? tid, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** The main thread's CPU time so far, in ms (good to 10 ms); undefined where there is no /proc. */
export function mainThreadCpuMs(): number | undefined {
  const main = threadCpuTicks(String(process.pid));
  return main && main.ticks * 10;
}

/** V8's CPU profiler on this thread over `work`, sampling every `intervalMicros`; the session is closed whatever happens. */
export async function cpuProfileDuring<T>(work: () => Promise<T>, intervalMicros: number): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** Main-thread CPU ms per message, by owner, over `work` (which relays `messages` messages). */
export interface CpuByOwner {
  readonly messages: number;
  /** The main thread's CPU per message (ms), or the profile's busy time when /proc is missing. */
  readonly mainMs: number;
  readonly byOwner: Record<CpuOwner, number>;
}

export async function cpuByOwnerDuring<T>(messages: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuByOwner }> {
  let cpu0: number | undefined;
  let cpu1: number | undefined;
  const { result, profile } = await cpuProfileDuring(async () => {
    cpu0 = mainThreadCpuMs();
    const done = await work();
    cpu1 = mainThreadCpuMs();
    return done;
  }, 500);
  const { shares, busyMicros } = cpuShares(profile);
  const totalMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : busyMicros / 1000;
  const mainMs = totalMs / Math.max(1, messages);
  return { result, cpu: { messages, mainMs, byOwner: Object.fromEntries(CPU_OWNERS.map((o) => [o, mainMs * shares[o]])) as Record<CpuOwner, number> } };
}
