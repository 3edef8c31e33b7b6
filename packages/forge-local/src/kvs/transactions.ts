import { matchesFilters, parseFilters } from './conditions';
import type { Filters } from './conditions';
import { badRequest, conflict } from './errors';
import { checkPayloadSize, KVS_LIMITS, validateKey } from './limits';
import type { CheckedValue } from './limits';
import { noContent } from './operation';
import type { KvsContext, KvsResult } from './operation';
import type { Space } from './spaces';
import { expiresAt } from './ttl';
import { asBody, asList, parseWriteOptions } from './wire';

/**
 * /api/v1/transaction. transaction-api.js (with utils/transaction-request-builder.js) sends
 *   { set?:    [{ key, value, entityName?, conditions?, options?: { ttl } }],
 *     delete?: [{ key, entityName?, conditions? }],
 *     check?:  [{ key, entityName, conditions }] }
 * where conditions are `{ and: [...] }` or `{ or: [...] }` of Filter clauses, and expects an
 * empty success.
 *
 * All-or-nothing: every condition is checked against the state before the transaction, then
 * all writes happen; LocalKvs runs this in one SQLite transaction, and a failed condition throws
 * (HTTP 409 CONDITION_CHECK_FAILED) before anything is written. Documented limits: at most 25
 * operations, 4 MB of values, each item at most once (an item is a key in its space: plain key
 * 'a' and entity item 'a' are different items). Conditions exist only for entity items.
 *
 * A condition on an item that does not exist (never written, deleted, or expired) is evaluated
 * as on an item with no attributes: `notExists()` passes, any other condition fails. Forge does
 * not document this case; it makes "create only if absent" expressible as
 * `set(key, value, { entityName, conditions: new Filter().and('version', FilterConditions.notExists()) })`.
 */
type Operation =
  | { kind: 'set'; space: Space; key: string; value: CheckedValue; ttlMs: number | undefined; conditions?: Filters }
  | { kind: 'delete'; space: Space; key: string; conditions?: Filters }
  | { kind: 'check'; space: Space; key: string; conditions: Filters };

export function executeTransaction(ctx: KvsContext, rawBody: unknown): KvsResult {
  const operations = parseTransaction(ctx, rawBody);
  const writtenBytes = operations.reduce((sum, operation) => sum + (operation.kind === 'set' ? operation.value.bytes : 0), 0);
  checkPayloadSize(writtenBytes, 'transaction');

  for (const [position, operation] of operations.entries()) {
    if (operation.conditions) {
      const item = ctx.storage.read(operation.space, operation.key);
      if (!matchesFilters(operation.conditions, item?.value as Record<string, unknown> | undefined)) {
        throw conflict(
          'CONDITION_CHECK_FAILED',
          `transaction cancelled, nothing was written: the condition of operation ${position} (${operation.kind} ${operation.space.describe(operation.key)}) ` +
            `failed${item ? '' : ' (the item does not exist)'}`,
        );
      }
    }
  }
  for (const operation of operations) {
    if (operation.kind === 'set') {
      ctx.storage.write(operation.space, operation.key, operation.value, expiresAt(operation.ttlMs, ctx.now()));
    } else if (operation.kind === 'delete') {
      ctx.storage.erase(operation.space, operation.key);
    }
  }
  return noContent(writtenBytes);
}

function parseTransaction(ctx: KvsContext, rawBody: unknown): Operation[] {
  const body = asBody(rawBody, 'transaction');
  for (const field of Object.keys(body)) {
    if (field !== 'set' && field !== 'delete' && field !== 'check') {
      throw badRequest('INVALID_TRANSACTION', `transaction field '${field}' is not supported; supported: set, delete, check`);
    }
  }
  const listed = (name: 'set' | 'delete' | 'check'): Record<string, unknown>[] =>
    body[name] === undefined || body[name] === null ? [] : asList(body[name], `transaction.${name}`).map((item, i) => asBody(item, `transaction.${name}[${i}]`));
  const raw = [
    ...listed('set').map((item) => ({ kind: 'set' as const, item })),
    ...listed('delete').map((item) => ({ kind: 'delete' as const, item })),
    ...listed('check').map((item) => ({ kind: 'check' as const, item })),
  ];
  if (raw.length === 0 || raw.length > KVS_LIMITS.maxTransactionOperations) {
    throw badRequest(
      'INVALID_TRANSACTION',
      `a transaction must hold 1 to ${KVS_LIMITS.maxTransactionOperations} operations, got ${raw.length}`,
    );
  }

  const seen = new Set<string>();
  return raw.map(({ kind, item }): Operation => {
    const space = ctx.catalog.entityOrPlain(item.entityName);
    const key = validateKey(item.key);
    const id = `${space.namespace}\u0000${key}`;
    if (seen.has(id)) {
      throw badRequest('INVALID_TRANSACTION', `a transaction may use each key once, but ${space.describe(key)} appears more than once`);
    }
    seen.add(id);
    const conditions = parseConditions(space, key, kind, item.conditions);
    switch (kind) {
      case 'set': {
        const options = parseWriteOptions(item.options, 'ttl-only');
        return { kind, space, key, value: ctx.storage.checkValue(space, key, item.value), ttlMs: options.ttlMs, conditions };
      }
      case 'delete':
        return { kind, space, key, conditions };
      case 'check':
        if (!conditions) {
          throw badRequest('INVALID_TRANSACTION', `check of ${space.describe(key)} needs an entityName and conditions`);
        }
        return { kind, space, key, conditions };
    }
  });
}

function parseConditions(space: Space, key: string, kind: string, raw: unknown): Filters | undefined {
  if (raw === undefined || raw === null) {
    return undefined;
  }
  if (!space.entity) {
    throw badRequest(
      'INVALID_TRANSACTION',
      `${kind} of ${space.describe(key)} has conditions, but conditions apply only to custom entity items (give an entityName)`,
    );
  }
  return parseFilters(raw, space.entity, `conditions of ${kind} ${space.describe(key)}`, 'INVALID_TRANSACTION');
}
