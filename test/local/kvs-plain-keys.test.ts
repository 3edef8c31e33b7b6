import { kvs, MetadataField, WhereConditions } from '@forge/kvs';

import { kvsErrorOf, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

describe('local KVS: plain keys through the real @forge/kvs', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should return what was set, for every JSON value type', async () => {
    const values = { text: 'hello', number: 42.5, flag: false, list: [1, 'two', { three: 3 }], object: { nested: { deep: true } } };
    for (const [key, value] of Object.entries(values)) {
      await kvs.set(`value:${key}`, value);
    }

    for (const [key, value] of Object.entries(values)) {
      await expect(kvs.get(`value:${key}`)).resolves.toEqual(value);
    }
  });

  it('should return undefined for a key that was never set, and after delete', async () => {
    await expect(kvs.get('missing')).resolves.toBeUndefined();

    await kvs.set('doomed', 'x');
    await kvs.delete('doomed');

    await expect(kvs.get('doomed')).resolves.toBeUndefined();
    await expect(kvs.delete('doomed')).resolves.toBeUndefined();
  });

  it('should return createdAt and updatedAt in epoch seconds when asked, keeping createdAt on overwrite', async () => {
    const createdMs = harness.clock.ms;
    await kvs.set('meta', 1);
    harness.clock.advance(90_000);
    await kvs.set('meta', 2);

    const result = await kvs.get('meta', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });

    expect(result).toEqual({ key: 'meta', value: 2, createdAt: createdMs / 1000, updatedAt: createdMs / 1000 + 90 });
  });

  it('should refuse a second FAIL_IF_EXISTS set of the same key with a ForgeKvsAPIError and keep the first value', async () => {
    await kvs.set('lock:slack-event:Ev1', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });

    const error = await kvsErrorOf(kvs.set('lock:slack-event:Ev1', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));

    expect(error.code).toBe('KEY_ALREADY_EXISTS');
    expect(error.responseDetails.status).toBe(409);
    expect(error.message).toContain("key 'lock:slack-event:Ev1' already exists");
    await expect(kvs.get('lock:slack-event:Ev1')).resolves.toBe('first');
  });

  it('should swap atomically and return the previous item with OVERRIDE + PREVIOUS', async () => {
    await expect(kvs.set('swap', 'v1', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).resolves.toBeUndefined();

    const previous = await kvs.set('swap', 'v2', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    const latest = await kvs.set('swap', 'v3', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      returnMetadataFields: [MetadataField.UPDATED_AT],
    });

    expect(previous).toEqual({ key: 'swap', value: 'v1' });
    expect(latest).toEqual({ key: 'swap', value: 'v3', updatedAt: harness.clock.ms / 1000 });
    await expect(kvs.get('swap')).resolves.toBe('v3');
  });

  it('should page through a key prefix in ascending key order with cursors', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `item:${String(i).padStart(2, '0')}`);
    for (const key of [...keys].reverse()) {
      await kvs.set(key, { key });
    }
    await kvs.set('itemz', 'not in the prefix');
    await kvs.set('other:1', 'not in the prefix');

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(10);
      const page = await (cursor ? query.cursor(cursor) : query).getMany<{ key: string }>();
      pages.push(page.results.map((result) => result.key));
      cursor = page.nextCursor;
    } while (cursor);

    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(keys);
  });

  it('should return 10 results by default, and refuse a limit above 100', async () => {
    for (let i = 0; i < 12; i += 1) {
      await kvs.set(`k${String(i).padStart(2, '0')}`, i);
    }

    const firstPage = await kvs.query().getMany();
    const error = await kvsErrorOf(kvs.query().limit(101).getMany());

    expect(firstPage.results).toHaveLength(10);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    expect(error.message).toContain('limit must be an integer from 1 to 100');
  });

  it('should batch set, get and delete with per-key results', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { two: 2 } },
      { key: 'bad key!', value: 'x' },
      { key: 't1', value: { priority: 1 }, entityName: 'ticket' },
    ]);
    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b2' }, { key: 'b3' }, { key: 't1', entityName: 'ticket' }]);
    const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'b3' }]);

    expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }, { key: 't1', entityName: 'ticket' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad key!', error: { code: 'INVALID_KEY', message: expect.stringContaining('invalid characters') } }]);
    expect(got.successfulKeys).toEqual([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { two: 2 } },
      { key: 't1', value: { priority: 1 }, entityName: 'ticket' },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'b3', error: { code: 'KEY_NOT_FOUND', message: "key 'b3' does not exist" } }]);
    expect(deleted).toEqual({
      successfulKeys: [{ key: 'b1' }],
      failedKeys: [{ key: 'b3', error: { code: 'KEY_NOT_FOUND', message: "key 'b3' does not exist" } }],
    });
    await expect(kvs.get('b1')).resolves.toBeUndefined();
  });

  it('should refuse a batch that names the same key twice or holds more than 25 items', async () => {
    const duplicate = await kvsErrorOf(kvs.batchSet([{ key: 'same', value: 1 }, { key: 'same', value: 2 }]));
    const tooMany = await kvsErrorOf(kvs.batchGet(Array.from({ length: 26 }, (_, i) => ({ key: `k${i}` }))));

    expect(duplicate.message).toContain("names key 'same' more than once");
    expect(tooMany.message).toContain('must hold 1 to 25 items, got 26');
    await expect(kvs.get('same')).resolves.toBeUndefined();
  });
});
