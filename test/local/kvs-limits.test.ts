import { kvs } from '@forge/kvs';

import { kvsErrorOf, startLocalKvs } from './support/local-kvs-harness';
import type { LocalKvsHarness } from './support/local-kvs-harness';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) {
    value = { inner: value };
  }
  return value;
}

describe("local KVS: Forge's documented limits", () => {
  let harness: LocalKvsHarness;
  beforeEach(() => {
    harness = startLocalKvs();
  });
  afterEach(() => harness.close());

  it('should accept every allowed key character and a 500-character key', async () => {
    await kvs.set('Aa0:._-# spaced\tkey', 1);
    await kvs.set('k'.repeat(500), 2);

    await expect(kvs.get('Aa0:._-# spaced\tkey')).resolves.toBe(1);
    await expect(kvs.get('k'.repeat(500))).resolves.toBe(2);
  });

  it.each([
    ['a slash', 'session/123', "key 'session/123' has invalid characters"],
    ['only whitespace', '   ', "key '   ' has invalid characters"],
    ['an empty key', '', "key '' has invalid characters"],
    ['501 characters', 'k'.repeat(501), 'is too long: 501 characters, Forge allows at most 500'],
  ])('should refuse a key with %s, saying why', async (_case, key, message) => {
    const error = await kvsErrorOf(kvs.set(key, 'x'));

    expect(error.code).toBe('INVALID_KEY');
    expect(error.responseDetails.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it('should refuse a 241 KiB value and accept one just under 240 KiB', async () => {
    const tooBig = 'x'.repeat(241 * 1024);
    const fits = 'x'.repeat(240 * 1024 - 2); // the JSON quotes count

    const error = await kvsErrorOf(kvs.set('big', tooBig));
    await kvs.set('fits', fits);

    expect(error.code).toBe('VALUE_TOO_LARGE');
    expect(error.message).toBe(
      "the value of key 'big' is too large: 246786 bytes as JSON, Forge allows at most 245760 bytes (240 KiB)",
    );
    await expect(kvs.get('fits')).resolves.toHaveLength(fits.length);
  });

  it('should accept 31 levels of nesting and refuse 32', async () => {
    await kvs.set('deep-ok', nested(31));

    const error = await kvsErrorOf(kvs.set('too-deep', nested(32)));

    expect(error.code).toBe('MAX_DEPTH_EXCEEDED');
    expect(error.message).toContain('nested more than 31 levels deep');
  });

  it('should refuse null as a value', async () => {
    const error = await kvsErrorOf(kvs.set('nothing', null));

    expect(error.message).toBe("the value of key 'nothing' must be a string, number, boolean, array or object, got null");
  });

  it('should refuse an unknown entity with a message naming the declared ones', async () => {
    const error = await kvsErrorOf(kvs.entity('operator').get('U1'));

    expect(error.code).toBe('INVALID_ENTITY');
    expect(error.message).toContain("unknown entity 'operator'");
  });
});
