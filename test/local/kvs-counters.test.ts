import { kvs } from '@forge/kvs';

import { startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** What Forge would bill for each operation: the stand-in's own time (`micros`) is the harness's, not the app's. */
const billed = (operations: LocalKvsHarness['operations']) => operations.map(({ micros: _micros, ...billedPart }) => billedPart);

describe('local KVS: operation counters', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should count writes by the bytes of values written and reads by the bytes answered', async () => {
    await kvs.set('a', { hello: 'world' });
    await kvs.get('a');
    await kvs.get('missing');
    await kvs.delete('a');
    await kvs.entity('ticket').set('t1', { priority: 1 });
    await kvs.entity('ticket').query().index('priority').getMany();
    await kvs.setSecret('s', 'secret');
    await kvs.getSecret('s');

    expect(billed(harness.operations)).toEqual([
      { kind: 'write', path: '/api/v1/set', bytes: bytes({ hello: 'world' }), status: 204 },
      { kind: 'read', path: '/api/v1/get', bytes: bytes({ key: 'a', value: { hello: 'world' } }), status: 200 },
      { kind: 'read', path: '/api/v1/get', bytes: bytes({ code: 'KEY_NOT_FOUND', message: "key 'missing' does not exist" }), status: 404 },
      { kind: 'write', path: '/api/v1/delete', bytes: 0, status: 204 },
      { kind: 'write', path: '/api/v1/entity/set', bytes: bytes({ priority: 1 }), status: 204 },
      { kind: 'read', path: '/api/v1/entity/query', bytes: bytes({ data: [{ key: 't1', value: { priority: 1 } }] }), status: 200 },
      { kind: 'write', path: '/api/v1/secret/set', bytes: bytes('secret'), status: 204 },
      { kind: 'read', path: '/api/v1/secret/get', bytes: bytes({ key: 's', value: 'secret' }), status: 200 },
    ]);
  });

  it('should count a transaction as one write carrying the sum of its values', async () => {
    await kvs.transact().set('x', 'one').set('y', [1, 2, 3]).delete('z').execute();

    expect(billed(harness.operations)).toEqual([
      { kind: 'write', path: '/api/v1/transaction', bytes: bytes('one') + bytes([1, 2, 3]), status: 204 },
    ]);
  });
});
