/**
 * Faults the local platform's stand-ins answer with instead of the real thing, queued per
 * target (the stand-in) and method (a Slack Web API method, a Teams operation, a Jira
 * `METHOD /path-prefix`, a KVS operation), each used up `times` calls.
 *
 * One plan per platform: the Slack and Teams sandboxes, the JSM stand-in and the KVS remote
 * all take from it, and `POST /local/faults` adds to it.
 */

/**
 * - `status`: answer that HTTP status (429 with `Retry-After` when `retryAfterSeconds` is given;
 *   Teams also takes other 4xx statuses, e.g. 412) in the stand-in's own error shape.
 * - `stallMs`: wait, then answer normally; the call takes effect (a late answer, not a lost one).
 * - `reset`: drop the connection without an answer. `afterEffect: true` does the call first (the
 *   message IS posted, the row IS written) and then drops it, the case a client cannot tell from a
 *   lost request; the default drops it before anything happened.
 * - `misbehaviour` (Teams only, as before): `garbage` answers 200 with a body that is not JSON,
 *   `hang` never answers.
 */
export type Fault =
  | { readonly status: number; readonly retryAfterSeconds?: number | undefined }
  | { readonly stallMs: number }
  | { readonly reset: true; readonly afterEffect?: boolean | undefined }
  | { readonly misbehaviour: 'garbage' | 'hang' };

export type FaultTarget = 'slack' | 'teams' | 'jira' | 'kvs';

export const FAULT_TARGETS: readonly FaultTarget[] = ['slack', 'teams', 'jira', 'kvs'];

/** A fault waiting to be used, as `GET /local/faults` lists it. */
export interface QueuedFault {
  readonly target: FaultTarget;
  readonly method: string;
  readonly fault: Fault;
  readonly remaining: number;
}

/** A fault plan entry refused (bad target, method, status or count): the endpoint answers 400 with the message. */
export class FaultRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRequestError';
  }
}

/** Longest stall accepted: past Forge's own 25 s invocation limit there is nothing more to learn. */
export const MAX_STALL_MS = 60_000;

export class FaultPlan {
  private readonly queued: Array<{ target: FaultTarget; method: string; fault: Fault; remaining: number }> = [];

  /** Queues `fault` for the next `times` calls of `method` on `target`, after any already queued for it. */
  add(target: FaultTarget, method: string, fault: Fault, times = 1): void {
    checkFault(target, method, fault, times);
    this.queued.push({ target, method, fault, remaining: times });
  }

  /** The fault for this call of `method`, if one is queued (used up one at a time). */
  take(target: FaultTarget, method: string): Fault | undefined {
    return this.takeWhere(target, (queued) => queued === method);
  }

  /** Like `take`, for targets whose queued `method` is a pattern (Jira's `METHOD /path-prefix`). */
  takeWhere(target: FaultTarget, matches: (queuedMethod: string) => boolean): Fault | undefined {
    const index = this.queued.findIndex((q) => q.target === target && matches(q.method));
    const entry = this.queued[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queued.splice(index, 1);
    return entry.fault;
  }

  list(target?: FaultTarget): QueuedFault[] {
    return this.queued.filter((q) => target === undefined || q.target === target).map((q) => ({ ...q }));
  }

  clear(target?: FaultTarget): void {
    for (let i = this.queued.length - 1; i >= 0; i -= 1) {
      if (target === undefined || this.queued[i]?.target === target) this.queued.splice(i, 1);
    }
  }
}

function checkFault(target: FaultTarget, method: string, fault: Fault, times: number): void {
  if (!FAULT_TARGETS.includes(target)) throw new FaultRequestError(`target must be one of ${FAULT_TARGETS.join(', ')}, or queue; not ${String(target)}.`);
  if (typeof method !== 'string' || method.trim() === '') throw new FaultRequestError('method must name the call to fail, e.g. chat.postMessage.');
  if (!Number.isInteger(times) || times < 1) throw new FaultRequestError(`times must be a whole number of at least 1, not ${String(times)}.`);
  if ('status' in fault) {
    const { status, retryAfterSeconds } = fault;
    // Teams' specs inject 412 and other 4xx answers; elsewhere a fault is a rate limit or a server failure.
    const lowest = target === 'teams' ? 400 : 500;
    if (!Number.isInteger(status) || status > 599 || (status < lowest && status !== 429)) {
      throw new FaultRequestError(`status must be 429 or ${lowest === 400 ? '400 to 599' : '500 to 599'} for ${target}, not ${String(status)}.`);
    }
    if (retryAfterSeconds !== undefined && (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
      throw new FaultRequestError(`retryAfterSeconds must be a whole number of seconds, not ${String(retryAfterSeconds)}.`);
    }
  } else if ('stallMs' in fault) {
    if (!Number.isInteger(fault.stallMs) || fault.stallMs < 0 || fault.stallMs > MAX_STALL_MS) {
      throw new FaultRequestError(`stallMs must be a whole number from 0 to ${MAX_STALL_MS}, not ${String(fault.stallMs)}.`);
    }
  } else if ('reset' in fault) {
    if (fault.reset !== true) throw new FaultRequestError('reset must be true.');
    if (fault.afterEffect !== undefined && typeof fault.afterEffect !== 'boolean') throw new FaultRequestError('afterEffect must be true or false.');
  } else if ('misbehaviour' in fault) {
    if (target !== 'teams') throw new FaultRequestError('misbehaviour (garbage, hang) is a Teams fault only.');
    if (fault.misbehaviour !== 'garbage' && fault.misbehaviour !== 'hang') throw new FaultRequestError('misbehaviour must be garbage or hang.');
  } else {
    throw new FaultRequestError('fault must be {status}, {stallMs}, {reset: true} or (Teams) {misbehaviour}.');
  }
}

/** Waits out a stall fault. Unref'd: a stall never keeps a finished process alive. */
export function stall(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * What a client's fetch throws when the peer drops the connection (undici's shape), for the
 * stand-ins the app reaches in-process rather than over a socket (KVS, Jira).
 */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return new TypeError('fetch failed', { cause });
}
