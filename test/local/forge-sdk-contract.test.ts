/**
 * CONTRACT: what @forge/kvs sends through `globalThis.__forge_fetch__`.
 *
 * The globals `__forge_fetch__` / `__forge_runtime__` and the KVS wire format are an
 * undocumented contract between Atlassian's closed runtime wrapper and the SDKs. The local
 * platform (packages/forge-local/src) implements the platform side of it, so the SDK versions are pinned
 * exactly in package.json (@forge/kvs 1.6.5, @forge/api 8.3.0) and this test records what the
 * SDK really sends and compares it literally. If an SDK upgrade changes a descriptor, a path or
 * a body, this fails loudly: read the new SDK source, update packages/forge-local/src/kvs, then this test.
 */
import { Filter, FilterConditions, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';

import type { ForgeFetchDescriptor } from '../../packages/forge-local/src/forge-globals';
import { startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

type ForgeFetch = (descriptor: ForgeFetchDescriptor, path: string, init: RequestInit) => Promise<Response>;

interface RecordedCall {
  descriptor: ForgeFetchDescriptor;
  path: string;
  method: string | undefined;
  headers: RequestInit['headers'];
  body: unknown;
  status: number;
}

const KVS_DESCRIPTOR = { type: 'kvs', provider: 'app', remote: 'kvs' };
const JSON_POST = { method: 'POST', headers: { 'content-type': 'application/json' } };

describe('contract: the requests @forge/kvs@1.6.5 sends through __forge_fetch__', () => {
  let harness: LocalKvsHarness;
  let calls: RecordedCall[];

  beforeEach(() => {
    harness = startLocalKvs();
    calls = [];
    const globals = globalThis as unknown as { __forge_fetch__: ForgeFetch };
    const platformFetch = globals.__forge_fetch__;
    globals.__forge_fetch__ = async (descriptor, path, init) => {
      const response = await platformFetch(descriptor, path, init);
      calls.push({ descriptor, path, method: init.method, headers: init.headers, body: init.body, status: response.status });
      return response;
    };
  });
  afterEach(() => harness.close());

  it('get: POST /api/v1/get { key, options? }', async () => {
    await kvs.set('settings', { on: true });
    calls.length = 0;

    await kvs.get('settings');
    await kvs.get('settings', { metadataFields: [MetadataField.CREATED_AT, MetadataField.EXPIRE_TIME] });
    await kvs.get('missing');

    expect(calls).toEqual([
      { descriptor: KVS_DESCRIPTOR, path: '/api/v1/get', ...JSON_POST, body: '{"key":"settings"}', status: 200 },
      {
        descriptor: KVS_DESCRIPTOR,
        path: '/api/v1/get',
        ...JSON_POST,
        body: '{"key":"settings","options":{"metadataFields":["CREATED_AT","EXPIRE_TIME"]}}',
        status: 200,
      },
      { descriptor: KVS_DESCRIPTOR, path: '/api/v1/get', ...JSON_POST, body: '{"key":"missing"}', status: 404 },
    ]);
  });

  it('set with ttl: POST /api/v1/set { key, value, options: { ttl: { value, unit }, keyPolicy } }', async () => {
    await kvs.set('dedupe:Ev1', true, { ttl: { value: 1, unit: 'HOURS' }, keyPolicy: 'FAIL_IF_EXISTS' });
    await kvs.set('counter', 7, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });

    expect(calls).toEqual([
      {
        descriptor: KVS_DESCRIPTOR,
        path: '/api/v1/set',
        ...JSON_POST,
        body: '{"key":"dedupe:Ev1","value":true,"options":{"ttl":{"value":1,"unit":"HOURS"},"keyPolicy":"FAIL_IF_EXISTS"}}',
        status: 204,
      },
      {
        descriptor: KVS_DESCRIPTOR,
        path: '/api/v1/set',
        ...JSON_POST,
        body: '{"key":"counter","value":7,"options":{"keyPolicy":"OVERRIDE","returnValue":"PREVIOUS"}}',
        status: 204,
      },
    ]);
  });

  it('entity query: POST /api/v1/entity/query { entityName, indexName, partition, range, sort, limit, cursor, filters: { and: [...] } }', async () => {
    for (const [key, priority] of [['t1', 1], ['t2', 2], ['t3', 3]] as const) {
      await kvs.entity('ticket').set(key, { queue: 'it', status: 'open', priority, urgent: true });
    }
    calls.length = 0;
    const query = () =>
      kvs
        .entity('ticket')
        .query()
        .index('by-queue-status-priority', { partition: ['it', 'open'] })
        .where(WhereConditions.between(1, 5))
        .filters(new Filter<{ urgent: boolean; title: string }>().and('urgent', FilterConditions.equalTo(true)).and('title', FilterConditions.notExists()))
        .sort(Sort.DESC)
        .limit(2);

    const first = await query().getMany();
    await query().cursor(first.nextCursor!).getMany();

    const filters = '"filters":{"and":[{"property":"urgent","condition":"EQUAL_TO","values":[true]},{"property":"title","condition":"NOT_EXISTS","values":[true]}]}';
    const head = '{"entityName":"ticket","indexName":"by-queue-status-priority","partition":["it","open"],"range":{"condition":"BETWEEN","values":[1,5]},"sort":"DESC","limit":2';
    expect(calls).toEqual([
      { descriptor: KVS_DESCRIPTOR, path: '/api/v1/entity/query', ...JSON_POST, body: `${head},${filters}}`, status: 200 },
      {
        descriptor: KVS_DESCRIPTOR,
        path: '/api/v1/entity/query',
        ...JSON_POST,
        body: `${head},"cursor":${JSON.stringify(first.nextCursor)},${filters}}`,
        status: 200,
      },
    ]);
  });

  it('transaction: POST /api/v1/transaction { set: [...], delete: [...], check: [...] }', async () => {
    await kvs.entity('ticket').set('t1', { version: 1 });
    await kvs.entity('ticket').set('t3', { status: 'open' });
    calls.length = 0;

    await kvs
      .transact()
      .set(
        't1',
        { version: 2 },
        { entityName: 'ticket', conditions: new Filter<{ version: number }>().and('version', FilterConditions.equalTo(1)) },
        { ttl: { value: 5, unit: 'MINUTES' } },
      )
      .set('plain', 'v')
      .delete('t2', { entityName: 'ticket' })
      .check('t3', { entityName: 'ticket', conditions: new Filter<{ status: string }>().or('status', FilterConditions.equalTo('open')) })
      .execute();

    expect(calls).toEqual([
      {
        descriptor: KVS_DESCRIPTOR,
        path: '/api/v1/transaction',
        ...JSON_POST,
        body:
          '{"set":[' +
          '{"key":"t1","value":{"version":2},"entityName":"ticket","conditions":{"and":[{"property":"version","condition":"EQUAL_TO","values":[1]}]},"options":{"ttl":{"value":5,"unit":"MINUTES"}}},' +
          '{"key":"plain","value":"v"}],' +
          '"delete":[{"key":"t2","entityName":"ticket"}],' +
          '"check":[{"key":"t3","entityName":"ticket","conditions":{"or":[{"property":"status","condition":"EQUAL_TO","values":["open"]}]}}]}',
        status: 204,
      },
    ]);
  });
});
