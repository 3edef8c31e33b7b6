import { Session } from 'node:inspector/promises';
import { signSlackRequest, verifySlackSignature } from '../../src/adapters/slack/slack-signature';
import type { InvocationStep } from '../../packages/forge-local/src/invocation-counters';
import { ownerOf } from '../flame-graph';
import type { RecordedInvocation } from './harness';

/**
 * Where a relayed message's time goes, from the local platform's timers on one
 * lane (one message at a time, so a step's wall time is its own): the app's KVS
 * reads and writes and its outbound call (the send) as the platform timed them
 * from call to answer, the product's own time between them, and the platform's
 * overhead outside the handler (HTTP in and out, the request's conversion, the
 * function runner). Round trips are the app's remote calls in sequence: calls
 * made while an earlier one was still unanswered ride in the same round trip.
 */
export interface Breakdown {
  readonly relays: number;
  /** Mean ms per relay. */
  readonly latencyMs: number;
  readonly handlerMs: number;
  readonly readsMs: number;
  readonly writeMs: number;
  readonly sendMs: number;
  /** The handler's time outside every remote call: the product's CPU (verify included) and the SDKs'. */
  readonly productMs: number;
  readonly platformMs: number;
  /** Signature verification alone, measured apart on the same body (included in productMs). */
  readonly verifyMs: number;
  readonly roundTrips: number;
  readonly reads: number;
  /** Bytes allocated per relayed message, the whole process (the fake Slack and echoes included), and by whose code. */
  readonly allocatedBytes: number;
  readonly allocatedByOwner: Record<string, number>;
}

/** Merges overlapping intervals: the time covered, and how many separate runs of calls. */
function union(steps: readonly InvocationStep[]): { ms: number; groups: number } {
  const sorted = [...steps].filter((s) => Number.isFinite(s.endMs)).sort((a, b) => a.startMs - b.startMs);
  let ms = 0;
  let groups = 0;
  let end = -Infinity;
  let start = 0;
  for (const s of sorted) {
    if (s.startMs > end) {
      if (groups > 0) ms += end - start;
      groups += 1;
      start = s.startMs;
      end = s.endMs;
    } else {
      end = Math.max(end, s.endMs);
    }
  }
  if (groups > 0) ms += end - start;
  return { ms, groups };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

export function breakdownOf(relays: readonly RecordedInvocation[], latenciesMs: readonly number[], allocated: { bytes: number; byOwner: Record<string, number> }): Breakdown {
  const of = (kind: InvocationStep['kind']) => relays.map((r) => union(r.steps.filter((s) => s.kind === kind)).ms);
  const all = relays.map((r) => union(r.steps));
  const handlerMs = mean(relays.map((r) => r.durationMs));
  const per = (bytes: number) => Math.round(bytes / Math.max(1, relays.length));
  return {
    relays: relays.length,
    latencyMs: mean(latenciesMs),
    handlerMs,
    readsMs: mean(of('kvs-read')),
    writeMs: mean(of('kvs-write')),
    sendMs: mean(of('fetch')),
    productMs: handlerMs - mean(all.map((a) => a.ms)),
    platformMs: mean(latenciesMs) - handlerMs,
    verifyMs: verifyCostMs(),
    roundTrips: mean(all.map((a) => a.groups)),
    reads: mean(relays.map((r) => r.counters.kvsReads)),
    allocatedBytes: per(allocated.bytes),
    allocatedByOwner: Object.fromEntries(Object.entries(allocated.byOwner).map(([o, b]) => [o, per(b)])),
  };
}

/** The product's verifySlackSignature on a relay-sized body, ms per call. */
function verifyCostMs(): number {
  const secret = 'bench-signing-secret-0123456789abcdef';
  const rawBody = JSON.stringify({ type: 'event_callback', team_id: 'T0BENCH', event_id: 'Ev0BENCH', event: { type: 'message', text: 'x'.repeat(400) } });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signSlackRequest(rawBody, timestamp, secret);
  const input = { rawBody, timestamp: String(timestamp), signature, nowMs: Date.now(), signingSecret: secret };
  for (let i = 0; i < 200; i += 1) verifySlackSignature(input);
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) verifySlackSignature(input);
  return (performance.now() - t0) / n;
}

interface SamplingNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

/**
 * V8's sampling heap profiler over `work` (this thread only), counting objects the GC already collected too:
 * bytes allocated, by owner and by function (`name file:line`).
 */
export async function allocationsDuring<T>(work: () => Promise<T>): Promise<{ result: T; bytes: number; byOwner: Record<string, number>; byFunction: Map<string, number> }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  let outcome: { ok: true; result: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, result: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const stopped = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
  session.disconnect();
  if (!outcome.ok) throw outcome.error;
  const { result } = outcome;
  const byOwner: Record<string, number> = {};
  const byFunction = new Map<string, number>();
  let bytes = 0;
  const walk = (n: SamplingNode): void => {
    const { functionName, url, lineNumber } = n.callFrame;
    const owner = ownerOf(url, functionName);
    byOwner[owner] = (byOwner[owner] ?? 0) + n.selfSize;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|packages|bench)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + n.selfSize);
    bytes += n.selfSize;
    n.children.forEach(walk);
  };
  walk(stopped.profile.head);
  return { result, bytes, byOwner, byFunction };
}

const f1 = (ms: number) => ms.toFixed(ms < 1 ? 2 : 1);

/** The one line: where a relayed message's time goes. */
export function breakdownLine(b: Breakdown): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const owners = Object.entries(b.allocatedByOwner)
    .sort((x, y) => y[1] - x[1])
    .map(([o, bytes]) => `${o} ${kb(bytes)}`)
    .join(', ');
  return (
    `${f1(b.latencyMs)} ms a relay at the sender (one lane, ${b.relays} relays): verify ${f1(b.verifyMs)} · reads ${f1(b.readsMs)} · write ${f1(b.writeMs)} · send ${f1(b.sendMs)} · ` +
    `product's own ${f1(b.productMs)} (verify included) · platform overhead ${f1(b.platformMs)} ms; ${b.roundTrips.toFixed(1)} round trips (${b.reads.toFixed(1)} KVS reads); ` +
    `${kb(b.allocatedBytes)} allocated per relay (${owners})`
  );
}
