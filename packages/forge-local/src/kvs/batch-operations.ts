import { badRequest, KvsError, keyNotFound } from './errors';
import { checkPayloadSize, KVS_LIMITS, validateKey } from './limits';
import { ok } from './operation';
import type { KvsContext, KvsResult } from './operation';
import { expiresAt } from './ttl';
import { asBody, asList, parseMetadataFields, parseWriteOptions, toWireItem } from './wire';
import type { Body } from './wire';

/**
 * /api/v1/batch/{get,set,delete}: a JSON array of `{ key, entityName?, value?, options? }`
 * mixing plain keys and entity items. Each item succeeds or fails on its own and the answer is
 * `{ successfulKeys: [{ key, entityName? , …}], failedKeys: [{ key, entityName?, error: { code, message } }] }`.
 * The whole request fails (400) when it is empty, has more than 25 items, names the same item
 * twice, or (set) carries more than 4 MB of values (Forge docs, "Executing batch operations").
 * A missing key is a failed item with KEY_NOT_FOUND, as in the SDK's own fixtures.
 */
interface BatchItem {
  body: Body;
  identity: { key: string; entityName?: string };
}

export function batchSet(ctx: KvsContext, rawBody: unknown): KvsResult {
  const items = batchItems(rawBody, 'batch set');
  checkPayloadSize(
    items.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item.body.value) ?? '', 'utf8'), 0),
    'batch set',
  );
  let writtenBytes = 0;
  const result = eachItem(items, (item) => {
    const space = ctx.catalog.entityOrPlain(item.body.entityName);
    const key = validateKey(item.body.key);
    const options = parseWriteOptions(item.body.options, 'ttl-only');
    const value = ctx.storage.checkValue(space, key, item.body.value);
    ctx.storage.write(space, key, value, expiresAt(options.ttlMs, ctx.now()));
    writtenBytes += value.bytes;
    return item.identity;
  });
  return { ...ok(result), writtenBytes };
}

export function batchGet(ctx: KvsContext, rawBody: unknown): KvsResult {
  const items = batchItems(rawBody, 'batch get');
  return ok(
    eachItem(items, (item) => {
      const space = ctx.catalog.entityOrPlain(item.body.entityName);
      const key = validateKey(item.body.key);
      const stored = ctx.storage.read(space, key);
      if (!stored) {
        throw keyNotFound(space.describe(key));
      }
      return { ...toWireItem(stored, parseMetadataFields(item.body.options)), ...item.identity };
    }),
  );
}

export function batchDelete(ctx: KvsContext, rawBody: unknown): KvsResult {
  const items = batchItems(rawBody, 'batch delete');
  return ok(
    eachItem(items, (item) => {
      const space = ctx.catalog.entityOrPlain(item.body.entityName);
      const key = validateKey(item.body.key);
      if (!ctx.storage.erase(space, key)) {
        throw keyNotFound(space.describe(key));
      }
      return item.identity;
    }),
  );
}

function batchItems(rawBody: unknown, what: string): BatchItem[] {
  const list = asList(rawBody, `${what} request`);
  if (list.length === 0 || list.length > KVS_LIMITS.maxBatchItems) {
    throw badRequest('INVALID_BATCH', `a ${what} must hold 1 to ${KVS_LIMITS.maxBatchItems} items, got ${list.length}`);
  }
  const seen = new Set<string>();
  return list.map((raw, position) => {
    const body = asBody(raw, `${what} item ${position}`);
    const { key, entityName } = body;
    const identity = typeof entityName === 'string' ? { key: String(key), entityName } : { key: String(key) };
    const id = JSON.stringify([identity.entityName ?? null, identity.key]);
    if (seen.has(id)) {
      throw badRequest('INVALID_BATCH', `a ${what} names ${describe(identity)} more than once`);
    }
    seen.add(id);
    return { body, identity };
  });
}

function eachItem<T>(
  items: BatchItem[],
  apply: (item: BatchItem) => T,
): { successfulKeys: T[]; failedKeys: Array<BatchItem['identity'] & { error: { code: string; message: string } }> } {
  const successfulKeys: T[] = [];
  const failedKeys: Array<BatchItem['identity'] & { error: { code: string; message: string } }> = [];
  for (const item of items) {
    try {
      successfulKeys.push(apply(item));
    } catch (error) {
      if (!(error instanceof KvsError)) {
        throw error;
      }
      failedKeys.push({ ...item.identity, error: error.toBody() });
    }
  }
  return { successfulKeys, failedKeys };
}

function describe(identity: BatchItem['identity']): string {
  return identity.entityName === undefined ? `key '${identity.key}'` : `key '${identity.key}' of entity '${identity.entityName}'`;
}
