import type { AttributeType, EntitySchema } from './entity-definitions';
import { badRequest } from './errors';
import { describeType } from './limits';

/**
 * What a custom entity value may hold: an object whose properties are declared attributes of
 * the declared types (Forge docs, "Stored entity values": integer is a 32-bit signed integer).
 */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export function checkEntityValue(schema: EntitySchema, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      'INVALID_ENTITY',
      `a value of entity '${schema.name}' must be an object of its attributes, got ${describeType(value)}`,
    );
  }
  const attributes = value as Record<string, unknown>;
  for (const [attribute, attributeValue] of Object.entries(attributes)) {
    const type = schema.attributes.get(attribute);
    if (type === undefined) {
      throw badRequest(
        'INVALID_ENTITY',
        `attribute '${attribute}' is not declared for entity '${schema.name}' ` +
          `(declared: ${[...schema.attributes.keys()].join(', ')})`,
      );
    }
    const problem = typeProblem(type, attributeValue);
    if (problem) {
      throw badRequest('INVALID_ENTITY', `attribute '${attribute}' of entity '${schema.name}' ${problem}`);
    }
  }
  return attributes;
}

/** Why `value` is not of attribute type `type`, or undefined when it is. */
export function typeProblem(type: AttributeType, value: unknown): string | undefined {
  switch (type) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string, got ${describeType(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be a boolean, got ${describeType(value)}`;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number, got ${describeType(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
        ? undefined
        : `must be a 32-bit integer, got ${JSON.stringify(value) ?? describeType(value)}`;
  }
}

/** A value as SQLite stores it in an index column: booleans become 1/0. */
export type SqlScalar = string | number;

export function toSqlScalar(value: string | number | boolean): SqlScalar {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** Partition values as one comparable string; callers have type-checked them. */
export function partitionKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

export interface IndexEntry {
  index: string;
  partitionKey: string;
  range: SqlScalar;
}

/**
 * The index rows of one item. An item lacking any of an index's partition or range attributes
 * is left out of that index (a sparse index, as DynamoDB-style stores do; Forge does not say).
 */
export function indexEntries(schema: EntitySchema, attributes: Record<string, unknown>): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const index of schema.indexes.values()) {
    const partition = index.partition.map((attribute) => attributes[attribute]);
    const range = attributes[index.range];
    const present = [...partition, range].every(
      (value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
    );
    if (present) {
      entries.push({ index: index.name, partitionKey: partitionKey(partition), range: toSqlScalar(range as string | number | boolean) });
    }
  }
  return entries;
}
