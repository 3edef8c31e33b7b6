import { badRequest } from './errors';
import { describeType } from './limits';

/**
 * Time to live (`options.ttl: { value, unit }`). An item whose expiry has passed is absent
 * everywhere: get, query, FAIL_IF_EXISTS, batch, transactions and their conditions. The time
 * comes from the injected `now()`, so tests can move the clock. Forge documents no maximum TTL;
 * none is enforced here.
 */
const UNIT_MS = {
  SECONDS: 1_000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
} as const;

type TtlUnit = keyof typeof UNIT_MS;

function isTtlUnit(unit: unknown): unit is TtlUnit {
  return typeof unit === 'string' && Object.prototype.hasOwnProperty.call(UNIT_MS, unit);
}

/** The TTL in milliseconds, or undefined when none is given. */
export function parseTtl(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null) {
    return undefined;
  }
  if (typeof ttl !== 'object' || Array.isArray(ttl)) {
    throw badRequest('BAD_REQUEST', `options.ttl must be an object { value, unit }, got ${describeType(ttl)}`);
  }
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (!isTtlUnit(unit)) {
    throw badRequest(
      'BAD_REQUEST',
      `options.ttl.unit must be one of ${Object.keys(UNIT_MS).join(', ')}, got ${JSON.stringify(unit)}`,
    );
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw badRequest('BAD_REQUEST', `options.ttl.value must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value * UNIT_MS[unit];
}

export function expiresAt(ttlMs: number | undefined, now: number): number | null {
  return ttlMs === undefined ? null : now + ttlMs;
}

export function isLive(expiresAtMs: number | null, now: number): boolean {
  return expiresAtMs === null || expiresAtMs > now;
}

/** The wire form of an expiry, as in the SDK's own fixtures: ISO 8601 without milliseconds. */
export function formatExpireTime(expiresAtMs: number): string {
  return new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
