import { AsyncLocalStorage } from 'node:async_hooks';

/** What one function invocation cost: the figures Forge bills and the benchmark reports. */
export interface InvocationCounters {
  kvsReads: number;
  kvsReadBytes: number;
  kvsWrites: number;
  kvsWriteBytes: number;
  queuePushes: number;
  productCalls: number;
}

export interface Invocation {
  readonly id: string;
  readonly functionKey: string;
  readonly accountId?: string | undefined;
  readonly counters: InvocationCounters;
}

export function emptyCounters(): InvocationCounters {
  return { kvsReads: 0, kvsReadBytes: 0, kvsWrites: 0, kvsWriteBytes: 0, queuePushes: 0, productCalls: 0 };
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
