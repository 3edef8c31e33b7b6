import type { AttributeType, EntityIndex, EntitySchema } from './entity-definitions';
import { toSqlScalar, typeProblem } from './entity-values';
import type { SqlScalar } from './entity-values';
import { badRequest } from './errors';
import type { KvsErrorCode } from './errors';
import { prefixUpperBound } from './item-store';
import { asBody, asList } from './wire';

/**
 * Entity conditions as conditions.js builds them: `{ condition: 'EQUAL_TO', values: [v] }`,
 * with `property` added by Filter (entity-query.js FilterBuilder). Used by entity query
 * `filters` and `range`, and by transaction `conditions` (`{ and: [...] }` or `{ or: [...] }`).
 *
 * Evaluation rule for an attribute the item does not have (Forge does not document it; this is
 * DynamoDB's rule for attribute_not_exists and comparisons): NOT_EXISTS is true, every other
 * condition, NOT_EQUAL_TO and NOT_CONTAINS included, is false. A transaction condition on an item
 * that does not exist is evaluated the same way, as on an item with no attributes.
 */
export const FILTER_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'EQUAL_TO',
  'EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'NOT_EXISTS',
] as const;
export type FilterConditionName = (typeof FILTER_CONDITIONS)[number];

/** The conditions WhereConditions offers for an index's range attribute. */
export const RANGE_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
] as const;
export type RangeConditionName = (typeof RANGE_CONDITIONS)[number];

type Scalar = string | number | boolean;

export interface FilterClause {
  property: string;
  condition: FilterConditionName;
  values: Scalar[];
}

export interface Filters {
  operator: 'and' | 'or';
  clauses: FilterClause[];
}

export interface RangeCondition {
  condition: RangeConditionName;
  values: Scalar[];
}

/** `{ and: [...] }` or `{ or: [...] }`, each clause on a declared attribute with fitting values. */
export function parseFilters(raw: unknown, schema: EntitySchema, what: string, code: KvsErrorCode): Filters {
  const body = asBody(raw, what);
  const operators = Object.keys(body);
  const operator = operators[0];
  if (operators.length !== 1 || (operator !== 'and' && operator !== 'or')) {
    throw badRequest(code, `${what} must have exactly one of 'and' or 'or', got keys ${JSON.stringify(operators)}`);
  }
  const items = asList(body[operator], `${what}.${operator}`);
  if (items.length === 0) {
    throw badRequest(code, `${what}.${operator} must hold at least one condition`);
  }
  const clauses = items.map((item, position) => {
    const clause = asBody(item, `${what}.${operator}[${position}]`);
    const property = clause.property;
    if (typeof property !== 'string') {
      throw badRequest(code, `${what}.${operator}[${position}] needs a property (attribute name)`);
    }
    const type = schema.attributes.get(property);
    if (type === undefined) {
      throw badRequest(
        code,
        `${what}: attribute '${property}' is not declared for entity '${schema.name}' (declared: ${[...schema.attributes.keys()].join(', ')})`,
      );
    }
    const condition = conditionName(clause.condition, FILTER_CONDITIONS, `${what} on '${property}'`, code);
    const values = checkValues(condition, clause.values, type, `${what} ${condition} on '${property}'`, code);
    return { property, condition, values };
  });
  return { operator, clauses };
}

export function matchesFilters(filters: Filters, attributes: Record<string, unknown> | undefined): boolean {
  const test = (clause: FilterClause): boolean => matchesClause(clause, attributes?.[clause.property]);
  return filters.operator === 'and' ? filters.clauses.every(test) : filters.clauses.some(test);
}

function matchesClause(clause: FilterClause, actual: unknown): boolean {
  const { condition, values } = clause;
  if (condition === 'EXISTS') return actual !== undefined;
  if (condition === 'NOT_EXISTS') return actual === undefined;
  if (actual === undefined) return false;
  const [first, second] = values as [Scalar, Scalar];
  switch (condition) {
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'GREATER_THAN':
      return comparable(actual, first) && actual > first;
    case 'GREATER_THAN_EQUAL_TO':
      return comparable(actual, first) && actual >= first;
    case 'LESS_THAN':
      return comparable(actual, first) && actual < first;
    case 'LESS_THAN_EQUAL_TO':
      return comparable(actual, first) && actual <= first;
    case 'BETWEEN':
      return comparable(actual, first) && comparable(actual, second) && actual >= first && actual <= second;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return contains(actual, first) === true;
    case 'NOT_CONTAINS':
      return contains(actual, first) === false;
  }
}

function comparable(actual: unknown, expected: Scalar): actual is Scalar {
  return (typeof actual === 'number' && typeof expected === 'number') || (typeof actual === 'string' && typeof expected === 'string');
}

/** Substring of a string, member of a list (attributes of type any); undefined for anything else. */
function contains(actual: unknown, expected: Scalar): boolean | undefined {
  if (typeof actual === 'string') return actual.includes(String(expected));
  if (Array.isArray(actual)) return actual.includes(expected);
  return undefined;
}

/** The `range` of an entity query, checked against the index's range attribute. */
export function parseRange(raw: unknown, schema: EntitySchema, index: EntityIndex): RangeCondition {
  const body = asBody(raw, 'range (where)');
  const type = schema.attributes.get(index.range) as AttributeType;
  const what = `where on index '${index.name}' (range attribute '${index.range}')`;
  const condition = conditionName(body.condition, RANGE_CONDITIONS, what, 'INVALID_QUERY');
  return { condition, values: checkValues(condition, body.values, type, `${what} ${condition}`, 'INVALID_QUERY') };
}

/** The SQL for a range condition on `column`, with its parameters. */
export function rangeSql(range: RangeCondition, column: string): { sql: string; params: SqlScalar[] } {
  const params = range.values.map(toSqlScalar);
  const operators: Record<Exclude<RangeConditionName, 'BETWEEN' | 'BEGINS_WITH'>, string> = {
    EQUAL_TO: '=',
    GREATER_THAN: '>',
    GREATER_THAN_EQUAL_TO: '>=',
    LESS_THAN: '<',
    LESS_THAN_EQUAL_TO: '<=',
  };
  switch (range.condition) {
    case 'BETWEEN':
      return { sql: `${column} BETWEEN ? AND ?`, params };
    case 'BEGINS_WITH':
      return { sql: `${column} >= ? AND ${column} < ?`, params: [String(params[0]), prefixUpperBound(String(params[0]))] };
    default:
      return { sql: `${column} ${operators[range.condition]} ?`, params };
  }
}

function conditionName<T extends string>(raw: unknown, allowed: readonly T[], what: string, code: KvsErrorCode): T {
  if (!allowed.includes(raw as T)) {
    throw badRequest(code, `${what}: condition ${JSON.stringify(raw)} is not supported; supported: ${allowed.join(', ')}`);
  }
  return raw as T;
}

/** The values a condition carries must fit the attribute's type (a string attribute takes strings…). */
function checkValues(condition: FilterConditionName, raw: unknown, type: AttributeType, what: string, code: KvsErrorCode): Scalar[] {
  const values = Array.isArray(raw) ? (raw as unknown[]) : undefined;
  const expectedCount = condition === 'BETWEEN' ? 2 : 1;
  if (!values || values.length !== expectedCount) {
    throw badRequest(code, `${what} needs ${expectedCount} value(s), got ${JSON.stringify(raw)}`);
  }
  if (condition === 'EXISTS' || condition === 'NOT_EXISTS') {
    return [true];
  }
  const textual = condition === 'BEGINS_WITH' || condition === 'CONTAINS' || condition === 'NOT_CONTAINS';
  const ordered = condition !== 'EQUAL_TO' && condition !== 'NOT_EQUAL_TO';
  for (const value of values) {
    const problem = valueProblem(value, type, { textual, ordered });
    if (problem) {
      throw badRequest(code, `${what}: ${problem}`);
    }
  }
  return values as Scalar[];
}

function valueProblem(value: unknown, type: AttributeType, kind: { textual: boolean; ordered: boolean }): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `values must be strings, numbers or booleans, got ${JSON.stringify(value)}`;
  }
  if (kind.textual) {
    return typeof value === 'string' && (type === 'string' || type === 'any')
      ? undefined
      : `needs a string value on a string attribute (attribute type ${type}, value ${JSON.stringify(value)})`;
  }
  if (kind.ordered && typeof value === 'boolean') {
    return 'booleans cannot be compared by order';
  }
  if (type === 'any') {
    return undefined;
  }
  // A number attribute compares with any number; an integer attribute need not be given an integer.
  return typeProblem(type === 'integer' ? 'float' : type, value) === undefined
    ? undefined
    : `value ${JSON.stringify(value)} does not fit the attribute's type ${type}`;
}
