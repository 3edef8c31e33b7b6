import { FaultPlan, type Fault } from '../faults';

/**
 * What the sandbox can be told to fail: the token endpoint (`token`) and each
 * Bot Connector call: `send` (POST …/activities), `reply` (POST
 * …/activities/{id}), `update` (PUT), `delete`, `createConversation` (POST
 * v3/conversations) and `members` (GET …/members, …/members/{id},
 * …/pagedmembers).
 */
export type TeamsOperation = 'token' | 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'members';

export const TEAMS_OPERATIONS: readonly TeamsOperation[] = ['token', 'send', 'reply', 'update', 'delete', 'createConversation', 'members'];

export interface InjectedFailure {
  readonly status: number;
  readonly retryAfterSeconds?: number | undefined;
  /**
   * Instead of an error status: `garbage` answers 200 with a body that is not
   * JSON, `hang` never answers (until the caller gives up).
   */
  readonly misbehaviour?: Misbehaviour | undefined;
}

export type Misbehaviour = 'garbage' | 'hang';

/**
 * What to do with one call instead of (or before) answering it: an injected failure as before,
 * a stall (answer normally after `stallMs`), or a reset (drop the connection, after doing the
 * call when `afterEffect`).
 */
export type TeamsFault = InjectedFailure | { readonly stallMs: number } | { readonly reset: true; readonly afterEffect: boolean };

/**
 * The Teams sandbox's view of the platform's fault plan: its `teams` entries, one queue per
 * operation. `add` and `misbehave` are the sandbox's older API, kept as shorthands.
 */
export class FailureInjector {
  constructor(private readonly plan: FaultPlan = new FaultPlan()) {}

  add(operation: TeamsOperation, status: number, times: number, retryAfterSeconds?: number): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`A failure is an HTTP status from 400 to 599, not ${status}.`);
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`Fail at least once, not ${times} times.`);
    this.plan.add('teams', operation, { status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) }, times);
  }

  /** The next `times` calls of `operation` misbehave: a 200 whose body is not JSON, or no answer at all. */
  misbehave(operation: TeamsOperation, misbehaviour: Misbehaviour, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`Fail at least once, not ${times} times.`);
    this.plan.add('teams', operation, { misbehaviour }, times);
  }

  /** Any fault of the platform's plan (a stall, a reset, …) for the next `times` calls of `operation`. */
  inject(operation: TeamsOperation, fault: Fault, times: number): void {
    this.plan.add('teams', operation, fault, times);
  }

  /** The failure to answer this call of `operation` with, if one is queued (used up one at a time). */
  take(operation: TeamsOperation): TeamsFault | undefined {
    const fault = this.plan.take('teams', operation);
    if (!fault) return undefined;
    if ('misbehaviour' in fault) return { status: fault.misbehaviour === 'garbage' ? 200 : 504, misbehaviour: fault.misbehaviour };
    if ('stallMs' in fault) return { stallMs: fault.stallMs };
    if ('reset' in fault) return { reset: true, afterEffect: fault.afterEffect === true };
    return { status: fault.status, ...(fault.retryAfterSeconds !== undefined ? { retryAfterSeconds: fault.retryAfterSeconds } : {}) };
  }

  clear(): void {
    this.plan.clear('teams');
  }
}

/** `Retry-After` for an injected failure that has one. */
export function retryAfterHeader(failure: InjectedFailure): Record<string, string> {
  return failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
}
