import { Filter, FilterConditions, kvs, MetadataField, WhereConditions } from '@forge/kvs';

import { kvsErrorOf, SECOND, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

describe('local KVS: time to live', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should keep an item until its TTL passes, then treat it as absent', async () => {
    await kvs.set('dedupe:Ev1', true, { ttl: { value: 30, unit: 'SECONDS' } });

    harness.clock.advance(29 * SECOND);
    await expect(kvs.get('dedupe:Ev1')).resolves.toBe(true);

    harness.clock.advance(1 * SECOND);
    await expect(kvs.get('dedupe:Ev1')).resolves.toBeUndefined();
  });

  it('should report the expiry time when asked', async () => {
    await kvs.set('session', 'x', { ttl: { value: 2, unit: 'HOURS' } });

    const result = await kvs.get('session', { metadataFields: [MetadataField.EXPIRE_TIME] });

    expect(result).toEqual({ key: 'session', value: 'x', expireTime: '2026-01-15T11:00:00Z' });
  });

  it('should leave expired items out of queries and let FAIL_IF_EXISTS claim the key again', async () => {
    await kvs.set('lock:a', 'old', { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 1, unit: 'MINUTES' } });
    await kvs.set('lock:b', 'kept');

    harness.clock.advance(61 * SECOND);

    const page = await kvs.query().where('key', WhereConditions.beginsWith('lock:')).getMany();
    await kvs.set('lock:a', 'new', { keyPolicy: 'FAIL_IF_EXISTS' });

    expect(page.results.map((result) => result.key)).toEqual(['lock:b']);
    await expect(kvs.get('lock:a')).resolves.toBe('new');
  });

  it('should drop the TTL when the key is set again without one', async () => {
    await kvs.set('k', 1, { ttl: { value: 1, unit: 'DAYS' } });
    await kvs.set('k', 2);

    harness.clock.advance(2 * 86_400 * SECOND);

    await expect(kvs.get('k')).resolves.toBe(2);
  });

  it('should leave expired entity items out of index queries and treat them as missing in transaction conditions', async () => {
    await kvs.entity('ticket').set('t1', { queue: 'q', status: 'open', priority: 1, version: 1 }, { ttl: { value: 10, unit: 'SECONDS' } });
    await kvs.transact().set('t2', { queue: 'q', status: 'open', priority: 2, version: 1 }, { entityName: 'ticket' }, { ttl: { value: 10, unit: 'SECONDS' } }).execute();

    harness.clock.advance(10 * SECOND);

    const page = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['q', 'open'] }).getMany();
    const error = await kvsErrorOf(
      kvs
        .transact()
        .check('t1', { entityName: 'ticket', conditions: new Filter<{ version: number }>().and('version', FilterConditions.equalTo(1)) })
        .execute(),
    );

    expect(page.results).toEqual([]);
    expect(error.code).toBe('CONDITION_CHECK_FAILED');
    expect(error.message).toContain('the item does not exist');
  });

  it('should move an expired entity item to its new partition when its key is set again, leaving nothing in the old one', async () => {
    await kvs.entity('ticket').set('t1', { queue: 'q', status: 'open', priority: 1 }, { ttl: { value: 10, unit: 'SECONDS' } });
    harness.clock.advance(10 * SECOND);
    await kvs.entity('ticket').set('t1', { queue: 'q', status: 'closed', priority: 1 });

    const open = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['q', 'open'] }).getMany();
    const closed = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['q', 'closed'] }).getMany();

    expect(open.results).toEqual([]);
    expect(closed.results).toEqual([{ key: 't1', value: { queue: 'q', status: 'closed', priority: 1 } }]);
  });

  it('should refuse a TTL that is not a positive whole number of a known unit', async () => {
    const error = await kvsErrorOf(kvs.set('k', 1, { ttl: { value: 0, unit: 'SECONDS' } }));

    expect(error.message).toContain('options.ttl.value must be a positive integer');
  });
});
