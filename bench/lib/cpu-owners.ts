import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Whose code the main thread's CPU went to during a run, per relayed message: the like-for-like
 * comparison P3's rates cannot give. Koji runs inside the local platform's stand-in for Forge
 * (its web trigger server, function runner and KVS service), which a bare Bolt app does not;
 * this splits the two so the app's own cost can be set beside Bolt's framework.
 *
 * Each sample of V8's CPU profiler is charged to the nearest frame on its stack that belongs to
 * someone (Node's internals are charged to the code that called them): the app (`src/`), the
 * Forge SDKs it bundles (`@forge/*`), any other package (for Bolt: Bolt, its Web API client and
 * their helpers), fetch itself (undici: Node's bundled copy or npm's), the local platform's Forge
 * emulation, its fake Slack or Teams, the bench, or Node alone (event loop, sockets, HTTP parser
 * with no owned caller). The shares are then scaled to the thread's CPU time read from /proc, so
 * the profiler's own overhead does not count.
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

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The owner of one frame, or undefined for Node's internals and native frames (charged to their caller). */
export function ownerOfFrame(url: string): CpuOwner | undefined {
  if (url.includes('node:internal/deps/undici') || url.includes('/node_modules/undici/')) return 'fetch';
  if (url.includes('/node_modules/@forge/')) return 'forgeSdk';
  if (url.includes('/node_modules/')) return 'framework';
  if (url.includes('/packages/forge-local/src/slack/') || url.includes('/packages/forge-local/src/teams/')) return 'fakeChat';
  if (url.includes('/packages/forge-local/')) return 'emulation';
  if (url.includes('/bench/')) return 'bench';
  if (url.includes('/src/')) return 'app';
  return undefined;
}

/** The share of the profile's busy time (idle excluded) that went to each owner (the shares add up to 1), and that time in µs. */
export function cpuShares(profile: CpuProfile): { shares: Record<CpuOwner, number>; busyMicros: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerOfNode = new Map<number, CpuOwner | 'idle'>();
  const resolve = (id: number): CpuOwner | 'idle' => {
    const known = ownerOfNode.get(id);
    if (known) return known;
    const node = byId.get(id);
    const name = node?.callFrame.functionName;
    let owner: CpuOwner | 'idle';
    if (name === '(idle)') owner = 'idle';
    else if (name === '(garbage collector)') owner = 'gc';
    else {
      const own = node ? ownerOfFrame(node.callFrame.url) : undefined;
      const up = parent.get(id);
      owner = own ?? (up === undefined ? 'node' : resolve(up));
      if (owner === 'idle') owner = 'node';
    }
    ownerOfNode.set(id, owner);
    return owner;
  };
  const time = Object.fromEntries(CPU_OWNERS.map((o) => [o, 0])) as Record<CpuOwner, number>;
  profile.samples.forEach((id, i) => {
    // The first delta runs from the profiler's start to its first sample: not time any frame was seen in.
    if (i === 0) return;
    const owner = resolve(id);
    if (owner !== 'idle') time[owner] += profile.timeDeltas[i] ?? 0;
  });
  const busy = CPU_OWNERS.reduce((s, o) => s + time[o], 0);
  return { shares: Object.fromEntries(CPU_OWNERS.map((o) => [o, busy > 0 ? time[o] / busy : 0])) as Record<CpuOwner, number>, busyMicros: busy };
}

/** The main thread's CPU time so far (user + system), in ms, from /proc; undefined where there is no /proc. */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
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
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const cpu0 = mainThreadCpuMs();
  let outcome: { ok: true; result: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, result: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const cpu1 = mainThreadCpuMs();
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  if (!outcome.ok) throw outcome.error;
  const { shares, busyMicros } = cpuShares(profile);
  const totalMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : busyMicros / 1000;
  const mainMs = totalMs / Math.max(1, messages);
  return {
    result: outcome.result,
    cpu: { messages, mainMs, byOwner: Object.fromEntries(CPU_OWNERS.map((o) => [o, mainMs * shares[o]])) as Record<CpuOwner, number> },
  };
}
