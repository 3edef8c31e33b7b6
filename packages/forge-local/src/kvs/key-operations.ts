import { conflict, keyNotFound } from './errors';
import { validateKey } from './limits';
import { noContent, ok } from './operation';
import type { KvsContext, KvsResult } from './operation';
import type { Space } from './spaces';
import { expiresAt } from './ttl';
import { parseMetadataFields, parseWriteOptions, toWireItem } from './wire';
import type { Body } from './wire';

/**
 * get / set / delete of one item, shared by plain keys (/api/v1/get…), secrets
 * (/api/v1/secret/get…) and custom entities (/api/v1/entity/get…).
 */
export function getItem(ctx: KvsContext, space: Space, body: Body): KvsResult {
  const key = validateKey(body.key);
  const fields = parseMetadataFields(body.options);
  const item = ctx.storage.read(space, key);
  if (!item) {
    // @forge/kvs turns KEY_NOT_FOUND into `undefined` (storage-api.js handleKeyNotFound).
    throw keyNotFound(space.describe(key));
  }
  return ok(toWireItem(item, fields));
}

/**
 * keyPolicy FAIL_IF_EXISTS refuses (409 KEY_ALREADY_EXISTS) when a live item has the key.
 * keyPolicy OVERRIDE with returnValue PREVIOUS|LATEST answers `{ key, value, createdAt?, … }`
 * as storage-api.js processSetResponse reads it; PREVIOUS with nothing before answers an empty
 * body, which the SDK returns as `undefined`. A set without TTL clears an earlier TTL.
 */
export function setItem(ctx: KvsContext, space: Space, body: Body): KvsResult {
  const key = validateKey(body.key);
  const options = parseWriteOptions(body.options, 'extended');
  const value = ctx.storage.checkValue(space, key, body.value);
  if (options.keyPolicy === 'FAIL_IF_EXISTS' && ctx.storage.read(space, key)) {
    throw conflict('KEY_ALREADY_EXISTS', `${space.describe(key)} already exists, and keyPolicy FAIL_IF_EXISTS was given`);
  }
  const { previous, current } = ctx.storage.write(space, key, value, expiresAt(options.ttlMs, ctx.now()));
  const returned = options.returnValue === 'PREVIOUS' ? previous : options.returnValue === 'LATEST' ? current : undefined;
  if (!returned) {
    return noContent(value.bytes);
  }
  return { ...ok(toWireItem(returned, options.returnMetadataFields)), writtenBytes: value.bytes };
}

/** Deleting a missing key answers 404 KEY_NOT_FOUND, which the SDK turns into success. */
export function deleteItem(ctx: KvsContext, space: Space, body: Body): KvsResult {
  const key = validateKey(body.key);
  if (!ctx.storage.erase(space, key)) {
    throw keyNotFound(space.describe(key));
  }
  return noContent();
}
