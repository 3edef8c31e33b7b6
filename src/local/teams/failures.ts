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

/** Queued failures per operation, each answered instead of the real thing a number of times. */
export class FailureInjector {
  private readonly queued = new Map<TeamsOperation, Array<InjectedFailure & { remaining: number }>>();

  add(operation: TeamsOperation, status: number, times: number, retryAfterSeconds?: number): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`A failure is an HTTP status from 400 to 599, not ${status}.`);
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`Fail at least once, not ${times} times.`);
    const list = this.queued.get(operation) ?? [];
    list.push({ status, remaining: times, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
    this.queued.set(operation, list);
  }

  /** The next `times` calls of `operation` misbehave: a 200 whose body is not JSON, or no answer at all. */
  misbehave(operation: TeamsOperation, misbehaviour: Misbehaviour, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`Fail at least once, not ${times} times.`);
    const list = this.queued.get(operation) ?? [];
    list.push({ status: misbehaviour === 'garbage' ? 200 : 504, misbehaviour, remaining: times });
    this.queued.set(operation, list);
  }

  /** The failure to answer this call of `operation` with, if one is queued (used up one at a time). */
  take(operation: TeamsOperation): InjectedFailure | undefined {
    const list = this.queued.get(operation);
    const next = list?.[0];
    if (!list || !next) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) list.shift();
    return {
      status: next.status,
      ...(next.retryAfterSeconds !== undefined ? { retryAfterSeconds: next.retryAfterSeconds } : {}),
      ...(next.misbehaviour !== undefined ? { misbehaviour: next.misbehaviour } : {}),
    };
  }

  clear(): void {
    this.queued.clear();
  }
}

/** `Retry-After` for an injected failure that has one. */
export function retryAfterHeader(failure: InjectedFailure): Record<string, string> {
  return failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
}
