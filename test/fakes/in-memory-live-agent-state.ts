import type { ChatSession, SessionStateKind } from '../../src/domain/chat-session';
import type { DutyStatus, Operator } from '../../src/domain/operator';
import { participantKey, type ChatChannel, type Participant } from '../../src/domain/participant';
import { compareQueueOrder } from '../../src/domain/chat-session';
import {
  MAX_WRITES_PER_COMMIT,
  type LiveAgentState,
  type Page,
  type StateWrite,
  type Versioned,
} from '../../src/app/ports';

interface Stored<T> {
  value: T;
  version: number;
}

/**
 * The store port in memory, with the same compare-and-set rules the Forge
 * adapter enforces. `yieldBetweenCalls` lets tests interleave concurrent
 * handlers at every store call, the way network round trips do.
 */
export class InMemoryLiveAgentState implements LiveAgentState {
  readonly operators = new Map<string, Stored<Operator>>();
  readonly sessions = new Map<string, Stored<ChatSession>>();
  commits = 0;
  rejectedCommits = 0;

  constructor(private readonly yieldBetweenCalls: () => Promise<void> = () => Promise.resolve()) {}

  async getOperator(participant: Participant): Promise<Versioned<Operator> | undefined> {
    await this.yieldBetweenCalls();
    return copy(this.operators.get(participantKey(participant)));
  }

  async getSession(user: Participant): Promise<Versioned<ChatSession> | undefined> {
    await this.yieldBetweenCalls();
    return copy(this.sessions.get(participantKey(user)));
  }

  async operatorsByDuty(projectId: string, duty: DutyStatus): Promise<Versioned<Operator>[]> {
    await this.yieldBetweenCalls();
    return [...this.operators.values()]
      .filter((o) => o.value.projectId === projectId && o.value.duty === duty)
      .map((o) => copy(o)!);
  }

  async operatorsOfTenant(channel: ChatChannel, tenantId: string): Promise<Versioned<Operator>[]> {
    await this.yieldBetweenCalls();
    return [...this.operators.values()]
      .filter((o) => o.value.participant.channel === channel && o.value.participant.tenantId === tenantId)
      .map((o) => copy(o)!);
  }

  async sessionsInState(
    projectId: string,
    state: SessionStateKind,
    page: { limit?: number; cursor?: string | undefined } = {},
  ): Promise<Page<Versioned<ChatSession>>> {
    await this.yieldBetweenCalls();
    const all = [...this.sessions.values()]
      .filter((s) => s.value.projectId === projectId && s.value.state.kind === state)
      .sort((a, b) => compareBySince(a.value, b.value));
    const start = page.cursor ? Number(page.cursor) : 0;
    const limit = page.limit ?? 10;
    const items = all.slice(start, start + limit).map((s) => copy(s)!);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return { items, cursor: next };
  }

  async commit(writes: readonly StateWrite[]): Promise<boolean> {
    await this.yieldBetweenCalls();
    if (writes.length === 0 || writes.length > MAX_WRITES_PER_COMMIT) {
      throw new RangeError(`A commit holds 1 to ${MAX_WRITES_PER_COMMIT} writes, not ${writes.length}`);
    }
    const keys = writes.map(keyOf);
    if (new Set(keys).size !== keys.length) throw new RangeError('A commit may write each record once');
    const ok = writes.every((w) => {
      const current = this.tableOf(w).get(keyOf(w).slice(2));
      return w.expected === 'absent' ? current === undefined : current?.version === w.expected;
    });
    if (!ok) {
      this.rejectedCommits += 1;
      return false;
    }
    for (const w of writes) {
      const table = this.tableOf(w) as Map<string, Stored<unknown>>;
      const key = keyOf(w).slice(2);
      const version = (table.get(key)?.version ?? 0) + 1;
      switch (w.kind) {
        case 'put-operator':
          table.set(key, { value: structuredClone(w.operator), version });
          break;
        case 'put-session':
          table.set(key, { value: structuredClone(w.session), version });
          break;
        default:
          table.delete(key);
      }
    }
    this.commits += 1;
    return true;
  }

  private tableOf(w: StateWrite): Map<string, Stored<Operator>> | Map<string, Stored<ChatSession>> {
    return w.kind === 'put-operator' || w.kind === 'delete-operator' ? this.operators : this.sessions;
  }
}

function keyOf(w: StateWrite): string {
  switch (w.kind) {
    case 'put-operator':
      return `o:${participantKey(w.operator.participant)}`;
    case 'delete-operator':
      return `o:${participantKey(w.participant)}`;
    case 'put-session':
      return `s:${participantKey(w.session.user)}`;
    case 'delete-session':
      return `s:${participantKey(w.user)}`;
  }
}

function compareBySince(a: ChatSession, b: ChatSession): number {
  if (a.state.kind === 'queued' && b.state.kind === 'queued') return compareQueueOrder(a, b);
  const since = (s: ChatSession) => s.state.since;
  return since(a) - since(b) || (a.id < b.id ? -1 : 1);
}

function copy<T>(stored: Stored<T> | undefined): Versioned<T> | undefined {
  return stored && { value: structuredClone(stored.value), version: stored.version };
}
