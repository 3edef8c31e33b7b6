import { WhereConditions, type kvs as KvsClient } from '@forge/kvs';
import { timerStart, type Conversation, type ConversationStateKind } from '../../domain/conversation';
import type { LastOperator } from '../../domain/last-operator';
import { operatorLoad, type DutyStatus, type Operator } from '../../domain/operator';
import { ROUTING_LANES, routingLane, type RoutingLane } from '../../domain/operator-selection';
import type { ChatChannel, Participant } from '../../domain/participant';
import { MAX_WRITES_PER_COMMIT, type LiveAgentState, type Page, type SentCard, type StateWrite, type Versioned } from '../../app/ports';
import { keepLocale, keptLocaleOf } from './kvs-kept-locale';
import { PAGE_LIMIT, pageOf, type PageRequest } from './kvs-index-page';
import { isWriteConflict } from './kvs-errors';
import { KvsOverviewQueries } from './kvs-overview-queries';
import { commentWindowOf } from './kvs-ratings';
import { ENTITY, INDEX, storageKeys } from './kvs-keys';
import { currentSchema, upgraded } from './record-versions';
import { nextVersion, versionIs } from './kvs-versioned';

type Kvs = typeof KvsClient;

/** How an operator is stored: the record whole, plus the attributes its indexes need. */
export interface OperatorEntity {
  readonly projectId: string;
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly userId: string;
  readonly duty: DutyStatus;
  /** Routing order as one number, for the `by-duty-rank` index (see routingRank). */
  readonly rank: number;
  /** When Koji took them off duty (`unreachable.at`), else 0: the `by-away` index the Overview reads. */
  readonly awayAt: number;
  /** The shape of `data` (record-versions.ts); absent on records release 1.x wrote, which are shape 1. */
  readonly schema?: number;
  readonly version: number;
  readonly data: Operator;
}

export interface SessionEntity {
  readonly projectId: string;
  readonly state: ConversationStateKind;
  readonly since: number;
  /** When the state's timeout started counting (timerStart), for the `by-state-timer` index the timeout sweep reads. */
  readonly timer: number;
  readonly schema?: number;
  readonly version: number;
  readonly data: Conversation;
}

/**
 * Operators and conversations as Forge KVS custom entities. Compare-and-set is a
 * conditional transaction on the `version` attribute: all writes of a commit
 * land together or not at all, and a lost race reads as `false`.
 */
export class KvsLiveAgentState implements LiveAgentState {
  private readonly overview: KvsOverviewQueries;

  constructor(private readonly kvs: Kvs) {
    this.overview = new KvsOverviewQueries(kvs);
  }

  readonly conversationsFrom: LiveAgentState['conversationsFrom'] = (...args) => this.overview.conversationsFrom(...args);
  readonly operatorsOnDutyFrom: LiveAgentState['operatorsOnDutyFrom'] = (...args) => this.overview.operatorsOnDutyFrom(...args);
  readonly operatorsTakenOffDuty: LiveAgentState['operatorsTakenOffDuty'] = (...args) => this.overview.operatorsTakenOffDuty(...args);

  async getOperator(participant: Participant): Promise<Versioned<Operator> | undefined> {
    return operatorRead(await this.kvs.entity<OperatorEntity>(ENTITY.operator).get(storageKeys.operator(participant)));
  }

  async getConversation(user: Participant): Promise<Versioned<Conversation> | undefined> {
    return conversationRead(await this.kvs.entity<SessionEntity>(ENTITY.conversation).get(storageKeys.conversation(user)));
  }

  async getParticipant(participant: Participant): ReturnType<LiveAgentState['getParticipant']> {
    const sessionKey = storageKeys.conversation(participant);
    const operatorKey = storageKeys.operator(participant);
    const commentKey = storageKeys.ratingComment(participant);
    const localeKey = storageKeys.keptLocale(participant);
    // The rating's comment window and the kept locale ride in the same read: a message costs no extra read for them.
    const found = await this.batch<SessionEntity | OperatorEntity>([
      { key: sessionKey, entityName: ENTITY.conversation },
      { key: operatorKey, entityName: ENTITY.operator },
      { key: commentKey },
      { key: localeKey },
    ]);
    const conversation = found.find((k) => k.entityName === ENTITY.conversation && k.key === sessionKey)?.value as SessionEntity | undefined;
    const operator = found.find((k) => k.entityName === ENTITY.operator && k.key === operatorKey)?.value as OperatorEntity | undefined;
    const commentWindow = commentWindowOf(found.find((k) => k.entityName === undefined && k.key === commentKey)?.value);
    const kept = keptLocaleOf(found.find((k) => k.entityName === undefined && k.key === localeKey)?.value);
    return { conversation: conversationRead(conversation), operator: operatorRead(operator), ...(commentWindow ? { commentWindow } : {}), ...(kept ? { kept } : {}) };
  }

  async getRequester(user: Participant): Promise<{ conversation?: Versioned<Conversation>; lastOperator?: LastOperator }> {
    const sessionKey = storageKeys.conversation(user);
    const lastKey = storageKeys.lastOperator(user);
    const found = await this.batch<SessionEntity | LastOperator>([{ key: sessionKey, entityName: ENTITY.conversation }, { key: lastKey }]);
    const conversation = found.find((k) => k.entityName === ENTITY.conversation && k.key === sessionKey)?.value as SessionEntity | undefined;
    const lastOperator = found.find((k) => k.entityName === undefined && k.key === lastKey)?.value as LastOperator | undefined;
    return { conversation: conversationRead(conversation), lastOperator };
  }

  /** One read of several records; a missing one is simply absent. */
  private async batch<T>(keys: Array<{ key: string; entityName?: string }>): Promise<Array<{ key: string; entityName?: string | undefined; value: T }>> {
    const { successfulKeys, failedKeys } = await this.kvs.batchGet<T>(keys);
    const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (!failure) return successfulKeys;
    throw new Error(`KVS could not read ${failure.key}: ${failure.error.code} ${failure.error.message}`);
  }

  async operatorsByDuty(projectId: string, duty: DutyStatus): Promise<Versioned<Operator>[]> {
    return this.allOperators(INDEX.operatorsByDutyAndRank, [projectId, duty]);
  }

  async operatorsForRouting(
    projectId: string,
    page: PageRequest & { readonly lane?: RoutingLane | undefined } = {},
  ): Promise<Page<Versioned<Operator>>> {
    const onDuty = this.kvs.entity<OperatorEntity>(ENTITY.operator).query().index(INDEX.operatorsByDutyAndRank, { partition: [projectId, 'on'] });
    if (page.lane === undefined) return pageOf(onDuty, page, operatorRead);
    const start = laneOffset(page.lane);
    return pageOf(onDuty.where(WhereConditions.between(start, start + RANK_LANE_STEP - 1)), page, operatorRead);
  }

  async idleOperators(projectId: string, lane: RoutingLane, idleBy: number, page: PageRequest = {}): Promise<Page<Versioned<Operator>>> {
    // Load 0 in a lane ranks as the lane's offset plus idle since (routingRank): one range of the index.
    const start = laneOffset(lane);
    const onDuty = this.kvs.entity<OperatorEntity>(ENTITY.operator).query().index(INDEX.operatorsByDutyAndRank, { partition: [projectId, 'on'] });
    return pageOf(onDuty.where(WhereConditions.between(start, start + Math.min(Math.max(Math.trunc(idleBy), 0), RANK_LOAD_STEP - 1))), page, operatorRead);
  }

  async operatorsOfTenant(channel: ChatChannel, tenantId: string): Promise<Versioned<Operator>[]> {
    return this.allOperators(INDEX.operatorsByTenant, [channel, tenantId]);
  }

  async conversationsInState(
    projectId: string,
    state: ConversationStateKind,
    page: PageRequest = {},
  ): Promise<Page<Versioned<Conversation>>> {
    return pageOf(this.kvs.entity<SessionEntity>(ENTITY.conversation).query().index(INDEX.sessionsByStateAndSince, { partition: [projectId, state] }), page, conversationRead);
  }

  async conversationsByTimer(
    projectId: string,
    state: ConversationStateKind,
    startedBy: number,
    page: PageRequest = {},
  ): Promise<Page<Versioned<Conversation>>> {
    const query = this.kvs
      .entity<SessionEntity>(ENTITY.conversation)
      .query()
      .index(INDEX.sessionsByStateAndTimer, { partition: [projectId, state] })
      .where(WhereConditions.lessThanEqualTo(startedBy));
    return pageOf(query, page, conversationRead);
  }

  async commit(writes: readonly StateWrite[]): Promise<boolean> {
    if (writes.length === 0 || writes.length > MAX_WRITES_PER_COMMIT) {
      throw new RangeError(`A commit holds 1 to ${MAX_WRITES_PER_COMMIT} writes, not ${writes.length}`);
    }
    const tx = this.kvs.transact();
    for (const write of writes) {
      switch (write.kind) {
        case 'put-operator': {
          const entity = operatorEntity(write.operator, nextVersion(write.expected));
          tx.set(storageKeys.operator(write.operator.participant), entity, {
            entityName: ENTITY.operator,
            conditions: versionIs(write.expected),
          });
          break;
        }
        case 'delete-operator':
          tx.delete(storageKeys.operator(write.participant), {
            entityName: ENTITY.operator,
            conditions: versionIs(write.expected),
          });
          break;
        case 'put-conversation': {
          const entity = sessionEntity(write.conversation, nextVersion(write.expected));
          tx.set(storageKeys.conversation(write.conversation.user), entity, {
            entityName: ENTITY.conversation,
            conditions: versionIs(write.expected),
          });
          break;
        }
        case 'delete-conversation':
          tx.delete(storageKeys.conversation(write.user), {
            entityName: ENTITY.conversation,
            conditions: versionIs(write.expected),
          });
          break;
        case 'put-last-operator':
          tx.set(storageKeys.lastOperator(write.user), write.last, undefined, { ttl: { value: Math.max(1, Math.round(write.lifetimeSeconds)), unit: 'SECONDS' } });
          break;
      }
    }
    try {
      await tx.execute();
      return true;
    } catch (error) {
      if (isWriteConflict(error)) return false;
      throw error;
    }
  }

  async rememberCard(key: string, sent: SentCard, lifetimeSeconds: number): Promise<void> {
    await this.kvs.set(storageKeys.card(key), { ref: sent.ref }, { ttl: { value: Math.max(1, Math.round(lifetimeSeconds)), unit: 'SECONDS' } });
  }

  async rememberLocale(participant: Participant, locale: string | undefined): Promise<void> {
    await keepLocale(this.kvs, participant, locale);
  }

  async recallCard(key: string): Promise<SentCard | undefined> {
    const found = await this.kvs.get<SentCard>(storageKeys.card(key));
    return typeof found?.ref === 'string' ? { ref: found.ref } : undefined;
  }

  private async allOperators(index: string, partition: unknown[]): Promise<Versioned<Operator>[]> {
    const all: Versioned<Operator>[] = [];
    let cursor: string | undefined;
    do {
      let query = this.kvs.entity<OperatorEntity>(ENTITY.operator).query().index(index, { partition }).limit(PAGE_LIMIT);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      all.push(...page.results.map((r) => operatorRead(r.value)));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}

/** A stored operator in the current shape (upgraded on the fly: no extra read), with its compare-and-set version. */
export function operatorRead(found: OperatorEntity): Versioned<Operator>;
export function operatorRead(found: OperatorEntity | undefined): Versioned<Operator> | undefined;
export function operatorRead(found: OperatorEntity | undefined): Versioned<Operator> | undefined {
  return found && { value: upgraded<Operator>('operator', found), version: found.version };
}

export function conversationRead(found: SessionEntity): Versioned<Conversation>;
export function conversationRead(found: SessionEntity | undefined): Versioned<Conversation> | undefined;
export function conversationRead(found: SessionEntity | undefined): Versioned<Conversation> | undefined {
  return found && { value: upgraded<Conversation>('conversation', found), version: found.version };
}

export function operatorEntity(operator: Operator, version: number): OperatorEntity {
  return {
    projectId: operator.projectId,
    channel: operator.participant.channel,
    tenantId: operator.participant.tenantId,
    userId: operator.participant.userId,
    duty: operator.duty,
    rank: routingRank(operator),
    awayAt: operator.unreachable?.at ?? 0,
    schema: currentSchema('operator'),
    version,
    data: operator,
  };
}

/**
 * The routing lane first (operator-selection.ts), then least busy, then idle
 * longest, as one float: a KVS index has a single range attribute. Epoch
 * milliseconds stay below 1e13 until the year 2286, so the load decides next; a
 * lane spans a load of up to 99, far above any capacity, and three lanes stay an
 * exact double (below 2^53). Clamping keeps a strange clock from breaking the order.
 */
const RANK_LOAD_STEP = 1e13;
const RANK_LANE_STEP = 1e15;

export function routingRank(operator: Operator): number {
  const idleSince = Math.min(Math.max(Math.trunc(operator.idleSince), 0), RANK_LOAD_STEP - 1);
  const load = Math.min(operatorLoad(operator), RANK_LANE_STEP / RANK_LOAD_STEP - 1);
  return laneOffset(routingLane(operator)) + load * RANK_LOAD_STEP + idleSince;
}

/**
 * Where a lane's ranks start. The project's lane starts at 0, so a record ranked before there were lanes
 * (load * 1e13 + idle since) sits where it belongs, among those who follow the project's capacity, and
 * needs no rewrite on upgrade; operators with room under their own capacity come before it, below 0.
 */
function laneOffset(lane: RoutingLane): number {
  return (ROUTING_LANES.indexOf(lane) - ROUTING_LANES.indexOf('project-capacity')) * RANK_LANE_STEP;
}

export function sessionEntity(conversation: Conversation, version: number): SessionEntity {
  return {
    projectId: conversation.projectId,
    state: conversation.state.kind,
    since: conversation.state.since,
    timer: timerStart(conversation.state),
    schema: currentSchema('conversation'),
    version,
    data: conversation,
  };
}
