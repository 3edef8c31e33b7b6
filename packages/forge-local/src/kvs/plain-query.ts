import { decodeCursor, encodeCursor } from './cursor';
import { badRequest } from './errors';
import { PLAIN_NAMESPACE, prefixUpperBound } from './item-store';
import { validateLimit } from './limits';
import { ok } from './operation';
import type { KvsContext, KvsResult } from './operation';
import { asBody, asList, parseMetadataFields, toWireItem } from './wire';

/**
 * /api/v1/query over plain keys (never secrets or entities). query.js sends
 * `{ limit?, after?, where?: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }],
 * options?: { metadataFields } }` and reads `{ data, cursor? }`. It has no sort option: results
 * come in ascending key order. Limit defaults to 10, at most 100.
 */
const QUERY_FIELDS = ['limit', 'after', 'where', 'options'];

export function queryPlainKeys(ctx: KvsContext, rawBody: unknown): KvsResult {
  const body = asBody(rawBody, 'query request');
  for (const field of Object.keys(body)) {
    if (!QUERY_FIELDS.includes(field)) {
      throw badRequest('INVALID_QUERY', `query field '${field}' is not supported; supported: ${QUERY_FIELDS.join(', ')}`);
    }
  }
  const limit = validateLimit(body.limit);
  const prefix = keyPrefix(body.where);
  const afterKey = body.after === undefined || body.after === null ? '' : String(decodeCursor(body.after, 'key query').key);
  const fields = parseMetadataFields(body.options);

  const toKey = prefix === '' ? '\u{10FFFF}' : prefixUpperBound(prefix);
  const rows = ctx.storage.items.scan(PLAIN_NAMESPACE, { fromKey: prefix, toKey, afterKey }, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const cursor = rows.length > limit && last ? encodeCursor({ kind: 'key query', key: last.key }) : undefined;
  return ok({ data: page.map((item) => toWireItem(item, fields)), ...(cursor === undefined ? {} : { cursor }) });
}

function keyPrefix(where: unknown): string {
  if (where === undefined || where === null) {
    return '';
  }
  const clauses = asList(where, 'where');
  if (clauses.length === 0) {
    return '';
  }
  const clause = clauses.length === 1 ? asBody(clauses[0], 'where[0]') : undefined;
  const value = clause && Array.isArray(clause.values) && clause.values.length === 1 ? (clause.values[0] as unknown) : undefined;
  if (
    !clause ||
    clause.property !== 'key' ||
    clause.condition !== 'BEGINS_WITH' ||
    (typeof value !== 'string' && typeof value !== 'number')
  ) {
    throw badRequest(
      'INVALID_QUERY',
      `a key query supports one condition, where('key', WhereConditions.beginsWith(prefix)); got ${JSON.stringify(where)}`,
    );
  }
  return String(value);
}
