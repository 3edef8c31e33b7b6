import { Filter, FilterConditions, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';

import { kvsErrorOf, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

interface Ticket {
  queue?: string;
  status?: string;
  priority?: number;
  title?: string;
  score?: number;
  urgent?: boolean;
  version?: number;
  tags?: unknown;
}

const tickets = () => kvs.entity<Ticket>('ticket');

async function seed(items: Record<string, Ticket>): Promise<void> {
  for (const [key, value] of Object.entries(items)) {
    await tickets().set(key, value);
  }
}

describe('local KVS: custom entities', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should set, get and delete an entity item, apart from a plain key of the same name', async () => {
    await tickets().set('t1', { queue: 'it', status: 'open', priority: 3, title: 'Printer', tags: ['hw', { floor: 2 }] });
    await kvs.set('t1', 'plain');

    await expect(tickets().get('t1')).resolves.toEqual({ queue: 'it', status: 'open', priority: 3, title: 'Printer', tags: ['hw', { floor: 2 }] });
    await expect(tickets().get('t1', { metadataFields: [MetadataField.CREATED_AT] })).resolves.toEqual({
      key: 't1',
      value: expect.objectContaining({ title: 'Printer' }),
      createdAt: harness.clock.ms / 1000,
    });

    await tickets().delete('t1');

    await expect(tickets().get('t1')).resolves.toBeUndefined();
    await expect(kvs.get('t1')).resolves.toBe('plain');
  });

  it('should query a partition+range index with a range condition, in range order then key order', async () => {
    await seed({
      a: { queue: 'it', status: 'open', priority: 2 },
      b: { queue: 'it', status: 'open', priority: 1 },
      c: { queue: 'it', status: 'open', priority: 2 },
      d: { queue: 'it', status: 'open', priority: 9 },
      e: { queue: 'it', status: 'closed', priority: 1 },
      f: { queue: 'hr', status: 'open', priority: 1 },
      g: { queue: 'it', status: 'open' }, // no range value: not in the index
    });

    const page = await tickets()
      .query()
      .index('by-queue-status-priority', { partition: ['it', 'open'] })
      .where(WhereConditions.lessThan(5))
      .getMany();

    expect(page.results.map((result) => result.key)).toEqual(['b', 'a', 'c']);
    expect(page.nextCursor).toBeUndefined();
  });

  it('should apply and/or filters and sort DESC, paging with cursors', async () => {
    await seed({
      t1: { queue: 'it', status: 'open', priority: 1, title: 'VPN down', urgent: true },
      t2: { queue: 'it', status: 'open', priority: 2, title: 'New laptop', urgent: false },
      t3: { queue: 'it', status: 'open', priority: 3, title: 'VPN slow', urgent: true },
      t4: { queue: 'it', status: 'open', priority: 4, title: 'Mouse' },
      t5: { queue: 'it', status: 'open', priority: 5, title: 'VPN again', urgent: true },
      t6: { queue: 'it', status: 'open', priority: 6, title: 'VPN broken', urgent: false },
    });
    const vpnOnes = new Filter<Ticket>().and('title', FilterConditions.beginsWith('VPN')).and('urgent', FilterConditions.equalTo(true));
    const query = () => tickets().query().index('by-queue-status-priority', { partition: ['it', 'open'] }).filters(vpnOnes).sort(Sort.DESC).limit(2);

    const first = await query().getMany();
    const second = await query().cursor(first.nextCursor!).getMany();
    const either = await tickets()
      .query()
      .index('by-queue-status-priority', { partition: ['it', 'open'] })
      .filters(new Filter<Ticket>().or('urgent', FilterConditions.notExists()).or('priority', FilterConditions.equalTo(2)))
      .getMany();

    expect(first.results.map((result) => result.key)).toEqual(['t5', 't3']);
    expect(second.results.map((result) => result.key)).toEqual(['t1']);
    expect(second.nextCursor).toBeUndefined();
    expect(either.results.map((result) => result.key)).toEqual(['t2', 't4']);
  });

  it('should query a plain index (no partition) with between, and a string range with beginsWith', async () => {
    await seed({
      a: { queue: 'it', priority: 5, title: 'Printer jam' },
      b: { queue: 'hr', priority: 7, title: 'Payroll' },
      c: { queue: 'it', priority: 8, title: 'Projector' },
      d: { queue: 'it', priority: 1, title: 'Phone' },
    });

    const byPriority = await tickets().query().index('priority').where(WhereConditions.between(5, 7)).getMany();
    const byTitle = await tickets().query().index('by-queue-title', { partition: ['it'] }).where(WhereConditions.beginsWith('Pr')).getMany();

    expect(byPriority.results.map((result) => result.key)).toEqual(['a', 'b']);
    expect(byTitle.results.map((result) => [result.key, result.value.title])).toEqual([
      ['a', 'Printer jam'],
      ['c', 'Projector'],
    ]);
  });

  it('should move an item between partitions when its attributes change, and drop it from indexes on delete', async () => {
    await tickets().set('t1', { queue: 'it', status: 'open', priority: 1 });
    await tickets().set('t1', { queue: 'it', status: 'closed', priority: 1 });
    await tickets().set('t2', { queue: 'it', status: 'closed', priority: 2 });
    await tickets().delete('t2');

    const open = await tickets().query().index('by-queue-status-priority', { partition: ['it', 'open'] }).getMany();
    const closed = await tickets().query().index('by-queue-status-priority', { partition: ['it', 'closed'] }).getMany();

    expect(open.results).toEqual([]);
    expect(closed.results).toEqual([{ key: 't1', value: { queue: 'it', status: 'closed', priority: 1 } }]);
  });

  it('should support getOne and contains/notContains on strings and lists', async () => {
    await seed({
      a: { queue: 'it', priority: 1, title: 'Broken screen', tags: ['hardware', 'urgent'] },
      b: { queue: 'it', priority: 2, title: 'Screen flicker', tags: ['hardware'] },
    });

    const urgent = await tickets().query().index('priority').filters(new Filter<Ticket>().and('tags', FilterConditions.contains('urgent'))).getMany();
    const notBroken = await tickets().query().index('priority').filters(new Filter<Ticket>().and('title', FilterConditions.notContains('Broken'))).getOne();

    expect(urgent.results.map((result) => result.key)).toEqual(['a']);
    expect(notBroken?.key).toBe('b');
  });

  it('should refuse unknown entities, unknown indexes, missing partitions and undeclared or mistyped attributes, saying what is wrong', async () => {
    const unknownEntity = await kvsErrorOf(kvs.entity('tickets').set('t1', { priority: 1 }));
    const unknownIndex = await kvsErrorOf(tickets().query().index('by-status').getMany());
    const missingPartition = await kvsErrorOf(tickets().query().index('by-queue-status-priority').getMany());
    const undeclared = await kvsErrorOf(tickets().set('t1', { priority: 1, assignee: 'bob' } as Ticket));
    const mistyped = await kvsErrorOf(tickets().set('t1', { priority: 1.5 }));
    const notAnObject = await kvsErrorOf(kvs.entity('ticket').set('t1', 'text'));
    const badFilter = await kvsErrorOf(
      tickets().query().index('priority').filters(new Filter<Ticket>().and('priority', FilterConditions.beginsWith('1'))).getMany(),
    );
    const badRange = await kvsErrorOf(tickets().query().index('priority').where(WhereConditions.greaterThan('high')).getMany());

    expect(unknownEntity.code).toBe('INVALID_ENTITY');
    expect(unknownEntity.responseDetails.status).toBe(400);
    expect(unknownEntity.message).toBe(
      "unknown entity 'tickets': declare it under app.storage.entities in manifest.yml (declared: ticket, counter)",
    );
    expect(unknownIndex.message).toBe("entity 'ticket' has no index \"by-status\" (declared indexes: priority, by-queue-status-priority, by-queue-title)");
    expect(missingPartition.message).toContain("index 'by-queue-status-priority' of entity 'ticket' needs partition values for [queue, status]");
    expect(undeclared.message).toContain("attribute 'assignee' is not declared for entity 'ticket'");
    expect(mistyped.message).toBe("attribute 'priority' of entity 'ticket' must be a 32-bit integer, got 1.5");
    expect(notAnObject.message).toContain("a value of entity 'ticket' must be an object of its attributes, got string");
    expect(badFilter.message).toContain('needs a string value on a string attribute');
    expect(badRange.message).toContain('value "high" does not fit the attribute\'s type integer');
    await expect(tickets().get('t1')).resolves.toBeUndefined();
  });
});
