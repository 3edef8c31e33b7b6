import { Filter, FilterConditions, kvs } from '@forge/kvs';

import { kvsErrorOf, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

interface Ticket {
  queue?: string;
  status?: string;
  priority?: number;
  version?: number;
}

const versionIs = (version: number) => new Filter<Ticket>().and('version', FilterConditions.equalTo(version));

describe('local KVS: transactions', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should write every operation when all conditions hold', async () => {
    await kvs.entity<Ticket>('ticket').set('t1', { status: 'open', version: 1 });
    await kvs.entity<Ticket>('ticket').set('queue-head', { status: 'open' });
    await kvs.set('gone', 'x');

    await kvs
      .transact()
      .set<Ticket>('t1', { status: 'assigned', version: 2 }, { entityName: 'ticket', conditions: versionIs(1) })
      .set('assignment:t1', { operator: 'U1' })
      .delete('gone')
      .check('queue-head', { entityName: 'ticket', conditions: new Filter<Ticket>().and('status', FilterConditions.equalTo('open')) })
      .execute();

    await expect(kvs.entity('ticket').get('t1')).resolves.toEqual({ status: 'assigned', version: 2 });
    await expect(kvs.get('assignment:t1')).resolves.toEqual({ operator: 'U1' });
    await expect(kvs.get('gone')).resolves.toBeUndefined();
  });

  it('should write nothing and throw when one condition fails', async () => {
    await kvs.entity<Ticket>('ticket').set('t1', { status: 'open', version: 5 });
    await kvs.set('keep', 'still here');

    const error = await kvsErrorOf(
      kvs
        .transact()
        .set('new-key', 'should not appear')
        .delete('keep')
        .set<Ticket>('t1', { status: 'assigned', version: 6 }, { entityName: 'ticket', conditions: versionIs(4) })
        .execute(),
    );

    expect(error.code).toBe('CONDITION_CHECK_FAILED');
    expect(error.responseDetails.status).toBe(409);
    expect(error.message).toContain("set key 't1' of entity 'ticket'");
    expect(error.message).toContain('nothing was written');
    await expect(kvs.get('new-key')).resolves.toBeUndefined();
    await expect(kvs.get('keep')).resolves.toBe('still here');
    await expect(kvs.entity('ticket').get('t1')).resolves.toEqual({ status: 'open', version: 5 });
  });

  it('should let exactly one of two racing compare-and-set transactions win', async () => {
    await kvs.entity<Ticket>('ticket').set('t1', { status: 'open', version: 1 });
    const claim = (operator: string) =>
      kvs
        .transact()
        .set<Ticket>('t1', { status: `claimed-by-${operator}`, version: 2 }, { entityName: 'ticket', conditions: versionIs(1) })
        .set(`claim:${operator}`, 't1')
        .execute();

    const outcomes = await Promise.allSettled([claim('U1'), claim('U2')]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = outcomes[0].status === 'fulfilled' ? 'U1' : 'U2';
    const loser = winner === 'U1' ? 'U2' : 'U1';
    await expect(kvs.entity('ticket').get('t1')).resolves.toEqual({ status: `claimed-by-${winner}`, version: 2 });
    await expect(kvs.get(`claim:${loser}`)).resolves.toBeUndefined();
  });

  it('should pass notExists on an item that does not exist and fail any other condition (documented choice)', async () => {
    const create = (key: string) =>
      kvs
        .transact()
        .set<Ticket>(key, { status: 'open', version: 1 }, { entityName: 'ticket', conditions: new Filter<Ticket>().and('version', FilterConditions.notExists()) })
        .execute();

    await create('t-new');
    const second = await kvsErrorOf(create('t-new'));
    const onMissing = await kvsErrorOf(
      kvs.transact().delete('t-missing', { entityName: 'ticket', conditions: new Filter<Ticket>().and('version', FilterConditions.notEqualTo(3)) }).execute(),
    );

    await expect(kvs.entity('ticket').get('t-new')).resolves.toEqual({ status: 'open', version: 1 });
    expect(second.code).toBe('CONDITION_CHECK_FAILED');
    expect(onMissing.message).toContain('(the item does not exist)');
  });

  it('should refuse 26 operations', async () => {
    let transaction = kvs.transact();
    for (let i = 0; i < 26; i += 1) {
      transaction = transaction.set(`k${i}`, i);
    }

    const error = await kvsErrorOf(transaction.execute());

    expect(error.code).toBe('INVALID_TRANSACTION');
    expect(error.message).toBe('a transaction must hold 1 to 25 operations, got 26');
    await expect(kvs.get('k0')).resolves.toBeUndefined();
  });

  it('should refuse a key used twice, but allow the same key string in different spaces', async () => {
    const duplicate = await kvsErrorOf(kvs.transact().set('k', 1).delete('k').execute());
    await kvs.transact().set('k', 1).set('k', { version: 1 }, { entityName: 'ticket' }).execute();

    expect(duplicate.message).toBe("a transaction may use each key once, but key 'k' appears more than once");
    await expect(kvs.get('k')).resolves.toBe(1);
    await expect(kvs.entity('ticket').get('k')).resolves.toEqual({ version: 1 });
  });

  it('should refuse conditions on plain keys and invalid entity values, writing nothing', async () => {
    const onPlainKey = await kvsErrorOf(
      // Deliberately outside the SDK's types: conditions without an entityName.
      kvs.transact().set<Ticket>('plain', { version: 1 }, { entityName: undefined as unknown as string, conditions: versionIs(1) }).execute(),
    );
    const badValue = await kvsErrorOf(kvs.transact().set('ok', 1).set('t1', { version: 'one' }, { entityName: 'ticket' }).execute());

    expect(onPlainKey.message).toContain('conditions apply only to custom entity items');
    expect(badValue.message).toBe("attribute 'version' of entity 'ticket' must be a 32-bit integer, got \"one\"");
    await expect(kvs.get('ok')).resolves.toBeUndefined();
  });
});
