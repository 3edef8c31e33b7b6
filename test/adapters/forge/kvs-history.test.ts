import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsConversationHistory, KvsTranscriptRetention } from '../../../src/adapters/forge/kvs-history';
import { KvsTranscriptLog } from '../../../src/adapters/forge/kvs-transcript-log';
import { DAY_SECONDS, type HistoryEntry } from '../../../src/domain/history';
import type { Participant } from '../../../src/domain/participant';
import { loadEntityDefinitions } from '../../../packages/forge-local/src/kvs';
import { startLocalKvs, type LocalKvsHarness } from '../../local/support/local-kvs-harness';

const APP_ENTITIES = loadEntityDefinitions(path.join(__dirname, '..', '..', '..', 'manifest.yml'));
const DAY_MS = DAY_SECONDS * 1000;

let harness: LocalKvsHarness;
beforeEach(() => {
  harness = startLocalKvs({ entities: APP_ENTITIES });
});
afterEach(() => harness.close());

const alice: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UALICE' };
const bob: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UBOB' };
const vic: Participant = { channel: 'teams', tenantId: '00000000-0000-0000-0000-000000000001', userId: '29:vic' };

function entry(n: number, user: Participant, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  const endedAt = harness.clock.now() + n * 60_000;
  return { conversationId: `${user.channel}/${user.tenantId}/${user.userId}/Ev${n}`, projectId: '10000', channel: user.channel, user, userName: user.userId.slice(1), requestedAt: endedAt - 120_000, endedAt, ending: 'user-left', ...extra };
}

// The real @forge/kvs over the entities and indexes manifest.yml declares, against the local platform's KVS.
describe('KvsConversationHistory', () => {
  it('should page a project’s, a user’s and an operator’s conversations newest first, each page one index read', async () => {
    const history = new KvsConversationHistory(kvs);
    for (let n = 0; n < 30; n += 1) {
      const served = n % 2 === 0 ? { operator: alice, operatorName: 'Alice', startedAt: 1 } : {};
      await history.record(entry(n, n % 3 === 0 ? vic : bob, served), 90 * DAY_SECONDS);
    }

    const reads = harness.operations.length;
    const all = await history.find({ projectId: '10000', limit: 20 });
    const pageReads = harness.operations.length - reads;
    const rest = await history.find({ projectId: '10000', limit: 20, cursor: all.cursor });
    const bobs = await history.find({ projectId: '10000', person: { role: 'user', participant: bob }, limit: 100 });
    const alices = await history.find({ projectId: '10000', person: { role: 'operator', participant: alice }, limit: 100 });
    const teams = await history.find({ projectId: '10000', channel: 'teams', limit: 100 });

    expect(pageReads).toBe(1);
    expect([all.items.length, rest.items.length, rest.cursor]).toEqual([20, 10, undefined]);
    expect(all.items.map((e) => e.conversationId)[0]).toMatch(/Ev29$/);
    expect(bobs.items).toHaveLength(20);
    expect(alices.items).toHaveLength(15);
    expect(teams.items.every((e) => e.channel === 'teams')).toBe(true);
    expect(teams.items).toHaveLength(10);
  });

  it('should find the conversation of a ticket, and the people seen, and forget all of it after its TTL', async () => {
    const history = new KvsConversationHistory(kvs);
    const withTicket = entry(1, bob, { operator: alice, operatorName: 'Alice', ticket: { key: 'SUP-7', url: 'https://example.atlassian.net/browse/SUP-7' } });
    await history.record(withTicket, 7 * DAY_SECONDS);

    const byTicket = await history.byTicket('10000', 'SUP-7');
    const users = await history.people('10000', 'user', { limit: 50 });
    const operators = await history.people('10000', 'operator', { limit: 50 });
    harness.clock.advance(7 * DAY_MS + 1000);

    expect(byTicket?.conversationId).toBe(withTicket.conversationId);
    expect(users.items.map((p) => p.name)).toEqual(['BOB']);
    expect(operators.items.map((p) => p.person)).toEqual([alice]);
    expect(await history.get('10000', withTicket.conversationId)).toBeUndefined();
    expect((await history.find({ projectId: '10000', limit: 20 })).items).toEqual([]);
    expect((await history.people('10000', 'user', { limit: 50 })).items).toEqual([]);
  });

  it('should not show a conversation of another project', async () => {
    const history = new KvsConversationHistory(kvs);
    const other = { ...entry(1, bob), projectId: '20000' };
    await history.record(other, DAY_SECONDS);

    expect(await history.get('10000', other.conversationId)).toBeUndefined();
    expect((await history.find({ projectId: '10000', limit: 20 })).items).toEqual([]);
  });
});

describe('KvsTranscriptRetention', () => {
  it('should delete only lines without a TTL written before the cutoff, oldest first, a page at a time', async () => {
    const log = new KvsTranscriptLog(kvs);
    const t0 = harness.clock.now();
    for (let i = 0; i < 5; i += 1) await log.append('old', { id: `o${i}`, at: t0 + i, role: 'user', speakerName: 'Old', text: 'before retention' });
    await log.append('new', { id: 'n0', at: t0, role: 'user', speakerName: 'New', text: 'kept a day' }, { expiresInSeconds: DAY_SECONDS });
    harness.clock.advance(2 * DAY_MS);
    const retention = new KvsTranscriptRetention(kvs);

    const first = await retention.deleteLinesBefore(t0 + 3, 2);
    const second = await retention.deleteLinesBefore(t0 + 3, 2, first.cursor);

    expect(first).toEqual({ deleted: 2, cursor: expect.any(String) });
    expect(second).toEqual({ deleted: 1, cursor: undefined });
    expect((await log.read('old')).map((l) => l.id)).toEqual(['o3', 'o4']);
  });

  it('should leave a line that carries a TTL to it, even past a cutoff an admin lowered since', async () => {
    const log = new KvsTranscriptLog(kvs);
    const t0 = harness.clock.now();
    await log.append('kept-a-year', { id: 'y0', at: t0, role: 'user', speakerName: 'Bob', text: 'kept 365 days' }, { expiresInSeconds: 365 * DAY_SECONDS });
    await log.append('before-retention', { id: 'b0', at: t0, role: 'user', speakerName: 'Eve', text: 'no TTL' });
    harness.clock.advance(31 * DAY_MS);

    // Retention lowered to 30 days: the cutoff is 30 days ago.
    const swept = await new KvsTranscriptRetention(kvs).deleteLinesBefore(harness.clock.now() - 30 * DAY_MS, 100);

    expect(swept.deleted).toBe(1);
    expect((await log.read('kept-a-year')).map((l) => l.id)).toEqual(['y0']);
    expect(await log.read('before-retention')).toEqual([]);
  });
});
