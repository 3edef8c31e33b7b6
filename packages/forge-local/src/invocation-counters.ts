import { AsyncLocalStorage } from 'node:async_hooks';

/** What one function invocation cost: the figures Forge bills and the benchmark reports. */
export interface InvocationCounters {
  kvsReads: number;
  kvsReadBytes: number;
  kvsWrites: number;
  kvsWriteBytes: number;
  queuePushes: number;
  productCalls: number;
  /** Not billed: the local KVS stand-in's own time on these calls (µs), which on Forge is the KVS service's, for the bench to set apart. */
  kvsStandInMicros: number;
}

/** One call of the app to the platform or the outside, timed from the call to its answer (performance.now(), ms). */
export interface InvocationStep {
  readonly kind: 'kvs-read' | 'kvs-write' | 'fetch';
  readonly startMs: number;
  endMs: number;
}

export interface Invocation {
  readonly id: string;
  readonly functionKey: string;
  readonly accountId?: string | undefined;
  readonly counters: InvocationCounters;
  /** The app's remote calls in the order made: where the invocation's time went (the bench's breakdown). */
  readonly steps?: InvocationStep[] | undefined;
}

export function emptyCounters(): InvocationCounters {
  return { kvsReads: 0, kvsReadBytes: 0, kvsWrites: 0, kvsWriteBytes: 0, queuePushes: 0, productCalls: 0, kvsStandInMicros: 0 };
}

export function addCounters(into: InvocationCounters, from: InvocationCounters): void {
  for (const key of Object.keys(into) as Array<keyof InvocationCounters>) into[key] += from[key];
}

/**
 * The invocation a platform call belongs to. The SDKs call the platform from
 * inside the handler's async context, so the store follows every await.
 */
export const currentInvocation = new AsyncLocalStorage<Invocation>();

export function countInCurrent(update: (c: InvocationCounters) => void): void {
  const invocation = currentInvocation.getStore();
  if (invocation) update(invocation.counters);
}

/** Times `call` as one step of the current invocation (nothing outside one): from now to its answer. */
export function timedStep<T>(kind: InvocationStep['kind'], call: () => Promise<T>): Promise<T> {
  const steps = currentInvocation.getStore()?.steps;
  if (!steps) return call();
  const step: InvocationStep = { kind, startMs: performance.now(), endMs: Number.NaN };
  steps.push(step);
  const done = (): void => {
    step.endMs = performance.now();
  };
  const answer = call();
  answer.then(done, done);
  return answer;
}
