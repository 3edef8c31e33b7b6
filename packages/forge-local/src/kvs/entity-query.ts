import type { Database, Statement } from 'better-sqlite3';

import { matchesFilters, parseFilters, parseRange, rangeSql } from './conditions';
import type { Filters } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import type { EntityIndex, EntitySchema } from './entity-definitions';
import { partitionKey, toSqlScalar, typeProblem } from './entity-values';
import type { SqlScalar } from './entity-values';
import { badRequest } from './errors';
import { entityNamespace, toStoredItem } from './item-store';
import { validateLimit } from './limits';
import { ok } from './operation';
import type { KvsContext, KvsResult } from './operation';
import { asBody, parseMetadataFields, toWireItem } from './wire';
import type { Body } from './wire';

/**
 * /api/v1/entity/query. entity-query.js sends
 *   { entityName, indexName, partition?: [...], range?: { condition, values },
 *     filters?: { and | or: [{ property, condition, values }] }, sort?: 'ASC' | 'DESC',
 *     cursor?, limit?, options?: { metadataFields } }
 * and reads `{ data: [{ key, value, … }], cursor? }`.
 *
 * The partition and range narrow the scan in SQL (kvs_entity_rows); filters are then applied
 * to the candidates in order. Choices where Forge is silent:
 * - A page holds up to `limit` items that pass the filters (the limit is not spent on items the
 *   filters drop); `cursor` is returned only when another matching item exists.
 * - Order is by range value, ties by key; DESC reverses both. Limit defaults to 10, at most 100.
 * - An index with partition attributes must be given exactly those partition values.
 */
const QUERY_FIELDS = ['entityName', 'indexName', 'partition', 'range', 'filters', 'sort', 'cursor', 'limit', 'options', 'metadataFields'];

interface IndexedRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  range_value: SqlScalar;
}

export class EntityQueries {
  private readonly statements = new Map<string, Statement<SqlScalar[], IndexedRow>>();

  constructor(private readonly db: Database) {}

  run(ctx: KvsContext, rawBody: unknown): KvsResult {
    const body = asBody(rawBody, 'entity query');
    for (const field of Object.keys(body)) {
      if (!QUERY_FIELDS.includes(field)) {
        throw badRequest('INVALID_QUERY', `entity query field '${field}' is not supported; supported: ${QUERY_FIELDS.join(', ')}`);
      }
    }
    const schema = ctx.catalog.entity(body.entityName).entity!;
    const index = findIndex(schema, body.indexName);
    const partition = partitionOf(schema, index, body.partition);
    const range = body.range === undefined || body.range === null ? undefined : parseRange(body.range, schema, index);
    const filters = body.filters === undefined || body.filters === null ? undefined : parseFilters(body.filters, schema, 'filters', 'INVALID_QUERY');
    const sort = sortOf(body.sort);
    const limit = validateLimit(body.limit);
    const fields = [...parseMetadataFields(body.options), ...parseMetadataFields(body)];
    const after = cursorPosition(body.cursor, index, sort);

    const where = ['i.entity = ?', 'i.index_name = ?', 'i.partition_key = ?', '(it.expires_at IS NULL OR it.expires_at > ?)'];
    const params: SqlScalar[] = [schema.name, index.name, partition, ctx.now()];
    if (range) {
      const condition = rangeSql(range, 'i.range_value');
      where.push(condition.sql);
      params.push(...condition.params);
    }
    if (after) {
      where.push(`(i.range_value, i.key) ${sort === 'ASC' ? '>' : '<'} (?, ?)`);
      params.push(after.range, after.key);
    }
    const sql = `
      SELECT i.key AS key, i.range_value AS range_value, it.value AS value,
             it.created_at AS created_at, it.updated_at AS updated_at, it.expires_at AS expires_at
      FROM kvs_entity_rows i JOIN kvs_items it ON it.ns = ? AND it.key = i.key
      WHERE ${where.join(' AND ')}
      ORDER BY i.range_value ${sort}, i.key ${sort}`;

    const page = this.collect(this.statement(sql).iterate(entityNamespace(schema.name), ...params), filters, limit);
    const last = page.rows[page.rows.length - 1];
    const cursor =
      page.more && last ? encodeCursor({ kind: 'entity query', index: index.name, sort, range: last.range_value, key: last.key }) : undefined;
    return ok({
      data: page.rows.map((row) => toWireItem(toStoredItem(row), fields)),
      ...(cursor === undefined ? {} : { cursor }),
    });
  }

  private collect(rows: Iterable<IndexedRow>, filters: Filters | undefined, limit: number): { rows: IndexedRow[]; more: boolean } {
    const page: IndexedRow[] = [];
    for (const row of rows) {
      if (filters && !matchesFilters(filters, JSON.parse(row.value) as Record<string, unknown>)) {
        continue;
      }
      if (page.length === limit) {
        return { rows: page, more: true };
      }
      page.push(row);
    }
    return { rows: page, more: false };
  }

  private statement(sql: string): Statement<SqlScalar[], IndexedRow> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<SqlScalar[], IndexedRow>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function findIndex(schema: EntitySchema, indexName: unknown): EntityIndex {
  const index = typeof indexName === 'string' ? schema.indexes.get(indexName) : undefined;
  if (!index) {
    const declared = [...schema.indexes.keys()];
    throw badRequest(
      'INVALID_QUERY',
      `entity '${schema.name}' has no index ${JSON.stringify(indexName)} (declared indexes: ${declared.length > 0 ? declared.join(', ') : 'none'})`,
    );
  }
  return index;
}

function partitionOf(schema: EntitySchema, index: EntityIndex, raw: unknown): string {
  const values = raw === undefined || raw === null ? [] : raw;
  if (!Array.isArray(values) || values.length !== index.partition.length) {
    throw badRequest(
      'INVALID_QUERY',
      `index '${index.name}' of entity '${schema.name}' needs partition values for [${index.partition.join(', ')}], got ${JSON.stringify(raw)}`,
    );
  }
  const checked = index.partition.map((attribute, position) => {
    const value: unknown = values[position];
    const problem = typeProblem(schema.attributes.get(attribute)!, value);
    if (problem) {
      throw badRequest('INVALID_QUERY', `partition value for '${attribute}' of index '${index.name}' ${problem}`);
    }
    return value;
  });
  return partitionKey(checked);
}

function sortOf(sort: unknown): 'ASC' | 'DESC' {
  if (sort === undefined || sort === null) return 'ASC';
  if (sort === 'ASC' || sort === 'DESC') return sort;
  throw badRequest('INVALID_QUERY', `sort must be ASC or DESC, got ${JSON.stringify(sort)}`);
}

function cursorPosition(cursor: Body['cursor'], index: EntityIndex, sort: 'ASC' | 'DESC'): { range: SqlScalar; key: string } | undefined {
  if (cursor === undefined || cursor === null) {
    return undefined;
  }
  const position = decodeCursor(cursor, 'entity query');
  const { range, key } = position;
  if (position.index !== index.name || position.sort !== sort || typeof key !== 'string' || (typeof range !== 'string' && typeof range !== 'number')) {
    throw badRequest('INVALID_CURSOR', `cursor belongs to another query (index ${JSON.stringify(position.index)}, sort ${JSON.stringify(position.sort)})`);
  }
  return { range: toSqlScalar(range), key };
}
