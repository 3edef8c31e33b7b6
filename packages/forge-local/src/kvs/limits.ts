import { badRequest } from './errors';

/**
 * Forge's documented KVS limits (developer.atlassian.com/platform/forge/limits-kvs-ce,
 * storage-reference/transactions, storage-reference/batchops-entities). Enforcing them locally
 * makes what would fail on Forge fail here too.
 */
export const KVS_LIMITS = {
  maxKeyLength: 500,
  maxValueBytes: 240 * 1024,
  maxSecretBytes: 128 * 1024,
  /** Levels of nested objects/arrays a value may have (the limits page says 31). */
  maxDepth: 31,
  defaultQueryLimit: 10,
  maxQueryLimit: 100,
  maxTransactionOperations: 25,
  maxBatchItems: 25,
  /** Transactions and batch requests: at most 4 MB of values in one request. */
  maxPayloadBytes: 4 * 1024 * 1024,
} as const;

/** The documented key rule: letters, digits, `:._-#` and whitespace, but not only whitespace. */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** A key quoted for an error message, shortened so a 10 KB key does not flood the log. */
export function quoteKey(key: string): string {
  return key.length > 60 ? `'${key.slice(0, 60)}…' (${key.length} characters)` : `'${key}'`;
}

export function validateKey(key: unknown): string {
  if (typeof key !== 'string') {
    throw badRequest('INVALID_KEY', `key must be a string, got ${describeType(key)}`);
  }
  if (key.length > KVS_LIMITS.maxKeyLength) {
    throw badRequest(
      'INVALID_KEY',
      `key ${quoteKey(key)} is too long: ${key.length} characters, Forge allows at most ${KVS_LIMITS.maxKeyLength}`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest(
      'INVALID_KEY',
      `key ${quoteKey(key)} has invalid characters: Forge keys must match ${KEY_PATTERN.source} ` +
        '(letters, digits, whitespace and : . _ - #, and not only whitespace)',
    );
  }
  return key;
}

/** A value accepted for storage, with its JSON text and size. */
export interface CheckedValue {
  value: unknown;
  json: string;
  bytes: number;
}

export function validateValue(value: unknown, maxBytes: number, what = 'value'): CheckedValue {
  if (value === undefined || value === null || !['string', 'number', 'boolean', 'object'].includes(typeof value)) {
    throw badRequest(
      'INVALID_VALUE',
      `${what} must be a string, number, boolean, array or object, got ${describeType(value)}`,
    );
  }
  if (exceedsDepth(value, KVS_LIMITS.maxDepth)) {
    throw badRequest(
      'MAX_DEPTH_EXCEEDED',
      `${what} is nested more than ${KVS_LIMITS.maxDepth} levels deep, which Forge does not allow`,
    );
  }
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > maxBytes) {
    throw badRequest(
      'VALUE_TOO_LARGE',
      `${what} is too large: ${bytes} bytes as JSON, Forge allows at most ${maxBytes} bytes (${maxBytes / 1024} KiB)`,
    );
  }
  return { value, json, bytes };
}

export function checkPayloadSize(bytes: number, what: string): void {
  if (bytes > KVS_LIMITS.maxPayloadBytes) {
    throw badRequest(
      'PAYLOAD_TOO_LARGE',
      `${what} carries ${bytes} bytes of values, Forge allows at most ${KVS_LIMITS.maxPayloadBytes} bytes (4 MB)`,
    );
  }
}

/** A query page size: default 10, between 1 and 100. */
export function validateLimit(limit: unknown): number {
  if (limit === undefined || limit === null) {
    return KVS_LIMITS.defaultQueryLimit;
  }
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.maxQueryLimit) {
    throw badRequest(
      'INVALID_QUERY',
      `limit must be an integer from 1 to ${KVS_LIMITS.maxQueryLimit}, got ${JSON.stringify(limit)}`,
    );
  }
  return limit;
}

function exceedsDepth(value: unknown, levelsLeft: number): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (levelsLeft === 0) {
    return true;
  }
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, levelsLeft - 1));
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
