import { timerStart, type Conversation, type ConversationStateKind } from '../../src/domain/conversation';
import type { LastOperator } from '../../src/domain/last-operator';
import type { CommentWindow } from '../../src/domain/rating';
import { operatorLoad, type DutyStatus, type Operator } from '../../src/domain/operator';
import { ROUTING_LANES, routingLane, type RoutingLane } from '../../src/domain/operator-selection';
import { participantKey, type ChatChannel, type Participant } from '../../src/domain/participant';
import {
  MAX_WRITES_PER_COMMIT,
  type KeptLocale,
  type LiveAgentState,
  type Ordered,
  type Page,
  type SentCard,
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
  readonly conversations = new Map<string, Stored<Conversation>>();
  /** Who last served each user; their lifetime is left to the domain's window check here. */
  readonly lastOperators = new Map<string, LastOperator>();
  /** Rating comment windows (InMemoryRatings writes them), read with a participant's records like the KVS batch does. */
  readonly commentWindows = new Map<string, CommentWindow>();
  /** Locales kept for people (rememberLocale), read with their other records like the KVS batch does. */
  readonly keptLocales = new Map<string, KeptLocale>();
  commits = 0;
  rejectedCommits = 0;
  /** Calls that read records, each one KVS read on Forge: what a bounded page must not grow. */
  reads = 0;
  /** Versions are never reused, even after a delete, so a stale expectation can never match a new record. */
  private lastVersion = 0;

  constructor(private readonly yieldBetween: () => Promise<void> = () => Promise.resolve()) {}

  /** Every store call goes through here: reads are counted (a commit is undone from the count). */
  private yieldBetweenCalls(): Promise<void> {
    this.reads += 1;
    return this.yieldBetween();
  }

  async conversationsFrom(projectId: string, state: ConversationStateKind, from: number | undefined, limit: number): Promise<Array<Ordered<Conversation>>> {
    await this.yieldBetweenCalls();
    return [...this.conversations.values()]
      .filter((s) => s.value.projectId === projectId && s.value.state.kind === state && (from === undefined || s.value.state.since >= from))
      .sort((a, b) => compareSortKeys(sortKeyOf(a.value), sortKeyOf(b.value)))
      .slice(0, Math.min(limit, 100))
      .map((s) => ({ at: s.value.state.since, record: structuredClone(s.value) }));
  }

  async operatorsOnDutyFrom(projectId: string, from: number | undefined, limit: number): Promise<Array<Ordered<Operator>>> {
    await this.yieldBetweenCalls();
    // One number in routing order, as the KVS adapter's rank: lane, then load, then idle since.
    const orderOf = (o: Operator) => ROUTING_LANES.indexOf(routingLane(o)) * 1e15 + operatorLoad(o) * 1e13 + o.idleSince;
    return [...this.operators.values()]
      .filter((o) => o.value.projectId === projectId && o.value.duty === 'on' && (from === undefined || orderOf(o.value) >= from))
      .sort((a, b) => orderOf(a.value) - orderOf(b.value))
      .slice(0, Math.min(limit, 100))
      .map((o) => ({ at: orderOf(o.value), record: structuredClone(o.value) }));
  }

  async operatorsTakenOffDuty(projectId: string, limit: number): Promise<Operator[]> {
    await this.yieldBetweenCalls();
    return [...this.operators.values()]
      .filter((o) => o.value.projectId === projectId && o.value.duty === 'off' && o.value.unreachable)
      .sort((a, b) => b.value.unreachable!.at - a.value.unreachable!.at)
      .slice(0, limit)
      .map((o) => structuredClone(o.value));
  }

  async getOperator(participant: Participant): Promise<Versioned<Operator> | undefined> {
    await this.yieldBetweenCalls();
    return copy(this.operators.get(participantKey(participant)));
  }

  async getConversation(user: Participant): Promise<Versioned<Conversation> | undefined> {
    await this.yieldBetweenCalls();
    return copy(this.conversations.get(participantKey(user)));
  }

  async getParticipant(participant: Participant): ReturnType<LiveAgentState['getParticipant']> {
    await this.yieldBetweenCalls();
    const key = participantKey(participant);
    const commentWindow = this.commentWindows.get(key);
    const kept = this.keptLocales.get(key);
    return {
      conversation: copy(this.conversations.get(key)),
      operator: copy(this.operators.get(key)),
      ...(commentWindow ? { commentWindow: { ...commentWindow } } : {}),
      ...(kept ? { kept: { ...kept } } : {}),
    };
  }

  async rememberLocale(participant: Participant, locale: string | undefined): Promise<void> {
    await this.yieldBetweenCalls();
    this.reads -= 1;
    this.keptLocales.set(participantKey(participant), locale === undefined ? {} : { locale });
  }

  async getRequester(user: Participant): Promise<{ conversation?: Versioned<Conversation>; lastOperator?: LastOperator }> {
    await this.yieldBetweenCalls();
    const key = participantKey(user);
    const last = this.lastOperators.get(key);
    return { conversation: copy(this.conversations.get(key)), lastOperator: last && structuredClone(last) };
  }

  async operatorsByDuty(projectId: string, duty: DutyStatus): Promise<Versioned<Operator>[]> {
    await this.yieldBetweenCalls();
    return [...this.operators.values()]
      .filter((o) => o.value.projectId === projectId && o.value.duty === duty)
      .map((o) => copy(o)!);
  }

  async operatorsForRouting(
    projectId: string,
    page: { limit?: number; cursor?: string | undefined; lane?: RoutingLane | undefined } = {},
  ): Promise<Page<Versioned<Operator>>> {
    await this.yieldBetweenCalls();
    const after = page.cursor ? (JSON.parse(page.cursor) as RoutingKey) : undefined;
    const all = [...this.operators.entries()]
      .filter(([, o]) => o.value.projectId === projectId && o.value.duty === 'on')
      .filter(([, o]) => page.lane === undefined || routingLane(o.value) === page.lane)
      .map(([key, o]) => ({ o, sortKey: routingKeyOf(key, o.value) }))
      .filter(({ sortKey }) => !after || compareRoutingKeys(sortKey, after) > 0)
      .sort((a, b) => compareRoutingKeys(a.sortKey, b.sortKey));
    const limit = page.limit ?? 10;
    const items = all.slice(0, limit);
    const last = items.at(-1);
    // Like a KVS cursor, this one points after the last item returned, not at a position.
    const next = all.length > limit && last ? JSON.stringify(last.sortKey) : undefined;
    return { items: items.map(({ o }) => copy(o)!), cursor: next };
  }

  async idleOperators(
    projectId: string,
    lane: RoutingLane,
    idleBy: number,
    page: { limit?: number; cursor?: string | undefined } = {},
  ): Promise<Page<Versioned<Operator>>> {
    const head = await this.operatorsForRouting(projectId, { lane, limit: Number.MAX_SAFE_INTEGER });
    // Like a KVS cursor, this one points after the last item returned: operators handled meanwhile shift nothing.
    const keyOf = (o: Versioned<Operator>): [number, string] => [o.value.idleSince, participantKey(o.value.participant)];
    const after = page.cursor ? (JSON.parse(page.cursor) as [number, string]) : undefined;
    const later = (k: [number, string], than: [number, string]) => k[0] - than[0] || (k[1] < than[1] ? -1 : k[1] > than[1] ? 1 : 0);
    const idle = head.items
      .filter((o) => operatorLoad(o.value) === 0 && o.value.idleSince <= idleBy)
      .filter((o) => !after || later(keyOf(o), after) > 0)
      .sort((x, y) => later(keyOf(x), keyOf(y)));
    const limit = page.limit ?? 10;
    const items = idle.slice(0, limit);
    const last = items.at(-1);
    return { items, cursor: idle.length > limit && last ? JSON.stringify(keyOf(last)) : undefined };
  }

  async operatorsOfTenant(channel: ChatChannel, tenantId: string): Promise<Versioned<Operator>[]> {
    await this.yieldBetweenCalls();
    return [...this.operators.values()]
      .filter((o) => o.value.participant.channel === channel && o.value.participant.tenantId === tenantId)
      .map((o) => copy(o)!);
  }

  async conversationsInState(
    projectId: string,
    state: ConversationStateKind,
    page: { limit?: number; cursor?: string | undefined } = {},
  ): Promise<Page<Versioned<Conversation>>> {
    await this.yieldBetweenCalls();
    const after = page.cursor ? (JSON.parse(page.cursor) as { since: number; id: string }) : undefined;
    const all = [...this.conversations.values()]
      .filter((s) => s.value.projectId === projectId && s.value.state.kind === state)
      .filter((s) => !after || compareSortKeys(sortKeyOf(s.value), after) > 0)
      .sort((a, b) => compareSortKeys(sortKeyOf(a.value), sortKeyOf(b.value)));
    const limit = page.limit ?? 10;
    const items = all.slice(0, limit).map((s) => copy(s)!);
    const last = items.at(-1);
    // Like a KVS cursor, this one points after the last item returned, not at a position.
    const next = all.length > limit && last ? JSON.stringify(sortKeyOf(last.value)) : undefined;
    return { items, cursor: next };
  }

  async conversationsByTimer(
    projectId: string,
    state: ConversationStateKind,
    startedBy: number,
    page: { limit?: number; cursor?: string | undefined } = {},
  ): Promise<Page<Versioned<Conversation>>> {
    await this.yieldBetweenCalls();
    const after = page.cursor ? (JSON.parse(page.cursor) as { since: number; id: string }) : undefined;
    const all = [...this.conversations.values()]
      .filter((s) => s.value.projectId === projectId && s.value.state.kind === state && timerStart(s.value.state) <= startedBy)
      .filter((s) => !after || compareSortKeys(timerKeyOf(s.value), after) > 0)
      .sort((a, b) => compareSortKeys(timerKeyOf(a.value), timerKeyOf(b.value)));
    const limit = page.limit ?? 10;
    const items = all.slice(0, limit).map((s) => copy(s)!);
    const last = items.at(-1);
    const next = all.length > limit && last ? JSON.stringify(timerKeyOf(last.value)) : undefined;
    return { items, cursor: next };
  }

  async commit(writes: readonly StateWrite[]): Promise<boolean> {
    await this.yieldBetweenCalls();
    this.reads -= 1;
    if (writes.length === 0 || writes.length > MAX_WRITES_PER_COMMIT) {
      throw new RangeError(`A commit holds 1 to ${MAX_WRITES_PER_COMMIT} writes, not ${writes.length}`);
    }
    const keys = writes.map(keyOf);
    if (new Set(keys).size !== keys.length) throw new RangeError('A commit may write each record once');
    const ok = writes.every((w) => {
      if (w.kind === 'put-last-operator') return true;
      const current = this.tableOf(w).get(keyOf(w).slice(2));
      return w.expected === 'absent' ? current === undefined : current?.version === w.expected;
    });
    if (!ok) {
      this.rejectedCommits += 1;
      return false;
    }
    for (const w of writes) {
      if (w.kind === 'put-last-operator') {
        this.lastOperators.set(participantKey(w.user), structuredClone(w.last));
        continue;
      }
      const table = this.tableOf(w) as Map<string, Stored<unknown>>;
      const key = keyOf(w).slice(2);
      this.lastVersion += 1;
      const version = this.lastVersion;
      switch (w.kind) {
        case 'put-operator':
          table.set(key, { value: structuredClone(w.operator), version });
          break;
        case 'put-conversation':
          table.set(key, { value: structuredClone(w.conversation), version });
          break;
        default:
          table.delete(key);
      }
    }
    this.commits += 1;
    return true;
  }

  /** Where cards went, by the app's key; lifetimes are not kept (a spec never runs an hour). */
  readonly cards = new Map<string, SentCard>();

  async rememberCard(key: string, sent: SentCard): Promise<void> {
    await this.yieldBetweenCalls();
    this.reads -= 1;
    this.cards.set(key, structuredClone(sent));
  }

  async recallCard(key: string): Promise<SentCard | undefined> {
    await this.yieldBetweenCalls();
    return this.cards.get(key);
  }

  private tableOf(w: Exclude<StateWrite, { kind: 'put-last-operator' }>): Map<string, Stored<Operator>> | Map<string, Stored<Conversation>> {
    return w.kind === 'put-operator' || w.kind === 'delete-operator' ? this.operators : this.conversations;
  }
}

function keyOf(w: StateWrite): string {
  switch (w.kind) {
    case 'put-operator':
      return `o:${participantKey(w.operator.participant)}`;
    case 'delete-operator':
      return `o:${participantKey(w.participant)}`;
    case 'put-conversation':
      return `s:${participantKey(w.conversation.user)}`;
    case 'delete-conversation':
      return `s:${participantKey(w.user)}`;
    case 'put-last-operator':
      return `l:${participantKey(w.user)}`;
  }
}

/**
 * Routing order, ties by store key from last to first: the port leaves ties in
 * any order, and this order (the reverse of names, for the builders' people)
 * makes a caller that forgot to break ties itself pick the wrong operator.
 */
interface RoutingKey {
  lane: number;
  load: number;
  idleSince: number;
  key: string;
}

function routingKeyOf(key: string, o: Operator): RoutingKey {
  return { lane: ROUTING_LANES.indexOf(routingLane(o)), load: operatorLoad(o), idleSince: o.idleSince, key };
}

function compareRoutingKeys(a: RoutingKey, b: RoutingKey): number {
  return a.lane - b.lane || a.load - b.load || a.idleSince - b.idleSince || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

function sortKeyOf(s: Conversation): { since: number; id: string } {
  return { since: s.state.since, id: s.id };
}

function timerKeyOf(s: Conversation): { since: number; id: string } {
  return { since: timerStart(s.state), id: s.id };
}

function compareSortKeys(a: { since: number; id: string }, b: { since: number; id: string }): number {
  return a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function copy<T>(stored: Stored<T> | undefined): Versioned<T> | undefined {
  return stored && { value: structuredClone(stored.value), version: stored.version };
}
