import { kvs } from '@forge/kvs';

import { kvsErrorOf, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

describe('local KVS: secrets', () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should keep secrets apart from plain keys of the same name', async () => {
    await kvs.setSecret('slack:signing-secret', 's3cr3t');
    await kvs.set('slack:signing-secret', 'plain');

    await expect(kvs.getSecret('slack:signing-secret')).resolves.toBe('s3cr3t');
    await expect(kvs.get('slack:signing-secret')).resolves.toBe('plain');

    await kvs.deleteSecret('slack:signing-secret');

    await expect(kvs.getSecret('slack:signing-secret')).resolves.toBeUndefined();
    await expect(kvs.get('slack:signing-secret')).resolves.toBe('plain');
  });

  it('should never return secrets from a query', async () => {
    await kvs.setSecret('token:a', 'secret-a');
    await kvs.set('token:b', 'plain-b');

    const page = await kvs.query().getMany();

    expect(page.results).toEqual([{ key: 'token:b', value: 'plain-b' }]);
  });

  it('should refuse a secret over 128 KiB that a plain key could hold', async () => {
    const value = 'x'.repeat(130 * 1024);

    const error = await kvsErrorOf(kvs.setSecret('big', value));
    await kvs.set('big', value);

    expect(error.code).toBe('VALUE_TOO_LARGE');
    expect(error.message).toContain("the value of secret 'big' is too large");
    expect(error.message).toContain('at most 131072 bytes (128 KiB)');
    await expect(kvs.getSecret('big')).resolves.toBeUndefined();
  });
});
