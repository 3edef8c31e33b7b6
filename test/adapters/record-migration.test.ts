import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsLiveAgentState, operatorEntity, sessionEntity } from '../../src/adapters/forge/kvs-live-agent-state';
import { KvsRatingStore } from '../../src/adapters/forge/kvs-ratings';
import type { ConversationRating } from '../../src/domain/rating';
import { ENTITY, storageKeys } from '../../src/adapters/forge/kvs-keys';
import { migrateRecords, migrationProgressKey } from '../../src/adapters/forge/record-migration';
import { RECORD_UPGRADES } from '../../src/adapters/forge/record-upgrades';
import { currentSchema, type UpgradeStep } from '../../src/adapters/forge/record-versions';
import type { Conversation } from '../../src/domain/conversation';
import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { aConversation } from '../builders/conversation';
import { anOperator, aParticipant } from '../builders/operator';
import { startLocalKvs, type LocalKvsHarness } from '../local/support/local-kvs-harness';

/**
 * The record migration job over the local KVS: records release 1.x wrote (no `schema` attribute) are moved to
 * the next shape a bounded number of pages a run, resuming where the last run stopped, and a run with nothing
 * old to move reads nothing or next to nothing. The next shape is a test-only step: a conversation's user name
 * trimmed and kept under `displayName` too, as a real v2 might.
 */
const ENTITIES = loadEntityDefinitions(path.join(__dirname, '..', '..', 'manifest.yml'));
const CONVERSATIONS = 250;
const PAGE = { pages: 2, pageSize: 100 };

const conversationV2: UpgradeStep = {
  to: 2,
  why: 'the user name is trimmed, and kept as displayName',
  upgrade: (data) => {
    const v1 = data as Conversation & { displayName?: string };
    return { ...v1, userName: v1.userName.trim(), displayName: v1.displayName ?? v1.userName.trim() };
  },
};

let harness: LocalKvsHarness;
beforeEach(() => {
  harness = startLocalKvs({ entities: ENTITIES });
});
afterEach(() => harness.close());

/** Conversations as release 1.x stored them: the entity of the day, with no `schema` attribute. */
async function storeReleaseOneConversations(count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    const { schema: _none, ...releaseOne } = sessionEntity(aConversation(n, { userName: ` User ${n} ` }), n);
    await kvs.entity(ENTITY.conversation).set(storageKeys.conversation(aParticipant({ userId: `U0USER${String(n).padStart(2, '0')}` })), releaseOne);
  }
}

function storedConversations(): Array<{ schema?: number; data: Conversation & { displayName?: string } }> {
  const rows = harness.db.prepare("SELECT value FROM kvs_items WHERE ns = 'entity:session'").all() as Array<{ value: string }>;
  return rows.map((r) => JSON.parse(r.value) as { schema?: number; data: Conversation & { displayName?: string } });
}

function operationsDuring<T>(run: () => Promise<T>): Promise<{ result: T; reads: number; writes: number }> {
  const before = harness.operations.length;
  return run().then((result) => {
    const ops = harness.operations.slice(before);
    return { result, reads: ops.filter((o) => o.kind === 'read').length, writes: ops.filter((o) => o.kind !== 'read').length };
  });
}

describe('the record migration job', () => {
  it('should read nothing at all while no record type has an upgrade step: 1.x records are the current shape', async () => {
    await storeReleaseOneConversations(3);

    const run = await operationsDuring(() => migrateRecords(kvs, harness.clock.now, PAGE));

    expect(run).toEqual({ result: [], reads: 0, writes: 0 });
    expect(storedConversations().every((c) => c.schema === undefined)).toBe(true);
  });

  it('should stamp new records with the current shape, and read 1.x records without one as shape 1', async () => {
    const state = new KvsLiveAgentState(kvs);
    await state.commit([{ kind: 'put-operator', operator: anOperator(), expected: 'absent' }]);
    const stored = harness.db.prepare("SELECT value FROM kvs_items WHERE ns = 'entity:operator'").get() as { value: string };
    expect(JSON.parse(stored.value)).toMatchObject({ schema: 1 });

    await storeReleaseOneConversations(1);
    expect((await state.getConversation(aParticipant({ userId: 'U0USER01' })))?.value.userName).toBe(' User 1 ');
  });

  it('should let reads see the next shape at once, then move every record to it over several runs of bounded pages', async () => {
    await storeReleaseOneConversations(CONVERSATIONS);
    jest.replaceProperty(RECORD_UPGRADES, 'conversation', [conversationV2]);
    expect(currentSchema('conversation')).toBe(2);

    // Before the job has run, a read already gets the v2 shape, for the same one read.
    const state = new KvsLiveAgentState(kvs);
    const read = await operationsDuring(() => state.getConversation(aParticipant({ userId: 'U0USER07' })));
    expect(read.result?.value).toMatchObject({ userName: 'User 7', displayName: 'User 7' });
    expect(read.reads).toBe(1);

    // Run 1: two pages of 100, then it stops and says where it is.
    const first = await operationsDuring(() => migrateRecords(kvs, harness.clock.now, PAGE));
    expect(first.result).toEqual([expect.objectContaining({ record: 'conversation', schema: 2, done: false, seen: 200, rewritten: 200 })]);
    expect(first.reads).toBe(1 + 2);
    expect(storedConversations().filter((c) => c.schema === 2)).toHaveLength(200);

    // Meanwhile the app changes a conversation the job has not reached: it writes the current shape itself.
    const last = aParticipant({ userId: `U0USER${CONVERSATIONS}` });
    const before = await state.getConversation(last);
    expect(await state.commit([{ kind: 'put-conversation', conversation: { ...before!.value, lang: 'fr' }, expected: before!.version }])).toBe(true);

    // Run 2 resumes at record 201 and finishes; the one the app wrote needed no rewrite.
    const second = await migrateRecords(kvs, harness.clock.now, PAGE);
    expect(second).toEqual([expect.objectContaining({ done: true, seen: CONVERSATIONS, rewritten: CONVERSATIONS - 1 })]);
    const all = storedConversations();
    expect(all).toHaveLength(CONVERSATIONS);
    expect(all.every((c) => c.schema === 2 && c.data.displayName === c.data.userName && !c.data.userName.startsWith(' '))).toBe(true);
    expect(all.find((c) => c.data.user.userId === last.userId)?.data.lang).toBe('fr');

    // Done: a run reads its progress and nothing else.
    const third = await operationsDuring(() => migrateRecords(kvs, harness.clock.now, PAGE));
    expect(third).toMatchObject({ reads: 1, writes: 0 });
  });

  it('should be safe to run again from the start: records already moved are not written twice', async () => {
    await storeReleaseOneConversations(120);
    jest.replaceProperty(RECORD_UPGRADES, 'conversation', [conversationV2]);
    await migrateRecords(kvs, harness.clock.now, PAGE);
    await kvs.delete(migrationProgressKey('conversation'));

    const again = await operationsDuring(() => migrateRecords(kvs, harness.clock.now, PAGE));

    expect(again.result).toEqual([expect.objectContaining({ done: true, seen: 120, rewritten: 0 })]);
    // Its progress, once a page: no record.
    expect(again.writes).toBe(2);
  });

  it('should keep an operator where routing finds them when it rewrites them', async () => {
    const alice = anOperator();
    const { schema: _none, ...releaseOne } = operatorEntity(alice, 7);
    await kvs.entity(ENTITY.operator).set(storageKeys.operator(alice.participant), releaseOne);
    jest.replaceProperty(RECORD_UPGRADES, 'operator', [{ to: 2, why: 'nothing but the stamp', upgrade: (data) => data }]);

    await migrateRecords(kvs, harness.clock.now, PAGE);

    const routed = await new KvsLiveAgentState(kvs).operatorsForRouting(alice.projectId);
    expect(routed.items).toEqual([{ value: alice, version: 7 }]);
  });

  it('should keep the time a rating has left when it moves it, and the store should read it in its new shape before', async () => {
    const rating: ConversationRating = {
      conversationId: 'conv-01',
      projectId: '10000',
      operator: aParticipant({ userId: 'UALICE' }),
      operatorName: 'Alice',
      user: aParticipant(),
      userName: 'User 01',
      scale: 'thumbs',
      score: 1,
      at: harness.clock.now(),
    };
    // As release 1.x wrote it: no shape, kept 90 days.
    await kvs.transact().set(storageKeys.rating('conv-01'), { version: 3, data: rating }, { entityName: ENTITY.rating }, { ttl: { value: 90, unit: 'DAYS' } }).execute();
    const expiresAt = () => (harness.db.prepare("SELECT expires_at FROM kvs_items WHERE ns = 'entity:rating'").get() as { expires_at: number }).expires_at;
    const before = expiresAt();
    jest.replaceProperty(RECORD_UPGRADES, 'rating', [{ to: 2, why: 'test: ratings say which scale in words', upgrade: (data) => ({ ...(data as object), scaleName: 'Thumbs' }) }]);
    expect((await new KvsRatingStore(kvs).get('conv-01')).rating?.value).toMatchObject({ score: 1, scaleName: 'Thumbs' });

    harness.clock.advance(60_000);
    const [moved] = await migrateRecords(kvs, harness.clock.now, PAGE);

    expect(moved).toMatchObject({ record: 'rating', done: true, rewritten: 1 });
    const stored = JSON.parse((harness.db.prepare("SELECT value FROM kvs_items WHERE ns = 'entity:rating'").get() as { value: string }).value) as { schema: number; version: number; data: object };
    expect(stored).toMatchObject({ schema: 2, version: 3, data: { scaleName: 'Thumbs' } });
    expect(Math.abs(expiresAt() - before)).toBeLessThanOrEqual(1000);
  });
});
