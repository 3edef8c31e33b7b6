import { badRequest } from './errors';
import type { StoredItem } from './item-store';
import { describeType } from './limits';
import { formatExpireTime, parseTtl } from './ttl';

/**
 * The JSON shapes @forge/kvs@1.6.5 sends and expects (out/interfaces/kvs-api.d.ts,
 * out/storage-api.js). Request bodies arrive as `unknown` and are checked here, at the edge.
 */
export type Body = Record<string, unknown>;
export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

const METADATA_FIELDS: readonly MetadataField[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

export function asBody(body: unknown, what: string): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('BAD_REQUEST', `${what} must be a JSON object, got ${describeType(body)}`);
  }
  return body as Body;
}

export function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw badRequest('BAD_REQUEST', `${what} must be a JSON array, got ${describeType(value)}`);
  }
  return value;
}

/** `options.metadataFields` of a get or query: which of createdAt/updatedAt/expireTime to return. */
export function parseMetadataFields(options: unknown, name = 'metadataFields'): MetadataField[] {
  if (options === undefined || options === null) {
    return [];
  }
  const fields = asBody(options, 'options')[name];
  if (fields === undefined) {
    return [];
  }
  return asList(fields, `options.${name}`).map((field) => {
    if (!METADATA_FIELDS.includes(field as MetadataField)) {
      throw badRequest('BAD_REQUEST', `options.${name} may hold ${METADATA_FIELDS.join(', ')}, got ${JSON.stringify(field)}`);
    }
    return field as MetadataField;
  });
}

/** An item as get/query/set-with-returnValue return it. */
export interface WireItem {
  key: string;
  value: unknown;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}

/**
 * createdAt/updatedAt are epoch SECONDS, as in the SDK's own test fixtures (1718236800);
 * expireTime is an ISO 8601 string ('2025-01-12T13:00:00Z'). Forge documents neither unit.
 * Only the requested metadata is included: query results reach the app unfiltered.
 */
export function toWireItem(item: StoredItem, fields: readonly MetadataField[]): WireItem {
  const wire: WireItem = { key: item.key, value: item.value };
  if (fields.includes('CREATED_AT')) wire.createdAt = Math.floor(item.createdAt / 1000);
  if (fields.includes('UPDATED_AT')) wire.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields.includes('EXPIRE_TIME') && item.expiresAt !== null) wire.expireTime = formatExpireTime(item.expiresAt);
  return wire;
}

export type KeyPolicy = 'OVERRIDE' | 'FAIL_IF_EXISTS';

export interface WriteOptions {
  ttlMs: number | undefined;
  keyPolicy: KeyPolicy;
  returnValue: 'PREVIOUS' | 'LATEST' | undefined;
  returnMetadataFields: MetadataField[];
}

/**
 * Set options. `kvs.set`/`setSecret`/`entity().set` accept ttl, keyPolicy, returnValue and
 * returnMetadataFields (ExtendedSetOptions); batch items and transaction sets accept only ttl
 * (SetOptions). Unknown options are refused, so an SDK that starts sending new ones fails loudly.
 */
export function parseWriteOptions(options: unknown, accepts: 'extended' | 'ttl-only'): WriteOptions {
  const parsed: WriteOptions = { ttlMs: undefined, keyPolicy: 'OVERRIDE', returnValue: undefined, returnMetadataFields: [] };
  if (options === undefined || options === null) {
    return parsed;
  }
  const body = asBody(options, 'options');
  const allowed = accepts === 'extended' ? ['ttl', 'keyPolicy', 'returnValue', 'returnMetadataFields'] : ['ttl'];
  for (const name of Object.keys(body)) {
    if (!allowed.includes(name)) {
      throw badRequest(
        'BAD_REQUEST',
        `option '${name}' is not supported here; supported options: ${allowed.join(', ')}`,
      );
    }
  }
  parsed.ttlMs = parseTtl(body.ttl);
  if (body.keyPolicy !== undefined) {
    if (body.keyPolicy !== 'OVERRIDE' && body.keyPolicy !== 'FAIL_IF_EXISTS') {
      throw badRequest('BAD_REQUEST', `options.keyPolicy must be OVERRIDE or FAIL_IF_EXISTS, got ${JSON.stringify(body.keyPolicy)}`);
    }
    parsed.keyPolicy = body.keyPolicy;
  }
  if (body.returnValue !== undefined) {
    if (body.returnValue !== 'PREVIOUS' && body.returnValue !== 'LATEST') {
      throw badRequest('BAD_REQUEST', `options.returnValue must be PREVIOUS or LATEST, got ${JSON.stringify(body.returnValue)}`);
    }
    if (body.keyPolicy !== 'OVERRIDE') {
      throw badRequest('BAD_REQUEST', "options.returnValue needs options.keyPolicy 'OVERRIDE'");
    }
    parsed.returnValue = body.returnValue;
  }
  parsed.returnMetadataFields = parseMetadataFields(body, 'returnMetadataFields');
  return parsed;
}
