import { Sort, WhereConditions, type kvs as KvsClient } from '@forge/kvs';
import type { Conversation, ConversationStateKind } from '../../domain/conversation';
import type { Operator } from '../../domain/operator';
import type { Ordered, OverviewQueries } from '../../app/ports';
import { PAGE_LIMIT } from './kvs-index-page';
import { ENTITY, INDEX } from './kvs-keys';
import type { OperatorEntity, SessionEntity } from './kvs-live-agent-state';
import { upgraded } from './record-versions';

type Kvs = typeof KvsClient;

const bounded = (limit: number) => Math.max(1, Math.min(Math.trunc(limit), PAGE_LIMIT));

/**
 * The Overview's reads (OverviewQueries): each is one query of the head of an index, in the index's order,
 * from a range value on (keyset paging: the app keeps the cursor, so no KVS cursor ever reaches a page).
 */
export class KvsOverviewQueries implements OverviewQueries {
  constructor(private readonly kvs: Kvs) {}

  async conversationsFrom(projectId: string, state: ConversationStateKind, from: number | undefined, limit: number): Promise<Array<Ordered<Conversation>>> {
    let query = this.kvs.entity<SessionEntity>(ENTITY.conversation).query().index(INDEX.sessionsByStateAndSince, { partition: [projectId, state] });
    if (from !== undefined) query = query.where(WhereConditions.greaterThanEqualTo(from));
    const { results } = await query.sort(Sort.ASC).limit(bounded(limit)).getMany();
    return results.map((r) => ({ at: r.value.since, record: upgraded<Conversation>('conversation', r.value) }));
  }

  async operatorsOnDutyFrom(projectId: string, from: number | undefined, limit: number): Promise<Array<Ordered<Operator>>> {
    let query = this.kvs.entity<OperatorEntity>(ENTITY.operator).query().index(INDEX.operatorsByDutyAndRank, { partition: [projectId, 'on'] });
    if (from !== undefined) query = query.where(WhereConditions.greaterThanEqualTo(from));
    const { results } = await query.sort(Sort.ASC).limit(bounded(limit)).getMany();
    return results.map((r) => ({ at: r.value.rank, record: upgraded<Operator>('operator', r.value) }));
  }

  async operatorsTakenOffDuty(projectId: string, limit: number): Promise<Operator[]> {
    // `awayAt` is 0 for everyone Koji did not take off duty (operatorEntity): only the others are above it.
    const { results } = await this.kvs
      .entity<OperatorEntity>(ENTITY.operator)
      .query()
      .index(INDEX.operatorsByAway, { partition: [projectId, 'off'] })
      .where(WhereConditions.greaterThan(0))
      .sort(Sort.DESC)
      .limit(bounded(limit))
      .getMany();
    return results.map((r) => upgraded<Operator>('operator', r.value));
  }
}
