import { AUDIT_RETENTION_DAYS } from '../../domain/audit';
import { MAX_RETENTION_DAYS } from '../../domain/history';
import { MAX_RATING_WINDOW_HOURS, MAX_RETURN_TO_OPERATOR_HOURS } from '../../domain/settings';
import { KEY_VERSION } from './kvs-keys';
import { schemaStamp, upgraded, type StampedValue, type VersionedRecord } from './record-versions';

/**
 * How a record stored under a key of one kind reads when it was written in an older shape. Every key the app
 * writes starts with `<kind>:v1:` (kvs-keys.ts and the few adapters with their own keys), and every kind is
 * declared in PLAIN_KEYS: test/adapters/plain-key-versions.test.ts finds every `<kind>:${KEY_VERSION}` in src,
 * so a new kind of key cannot be added without this decision.
 */
export type KeyRule =
  /** An entity's key: its record carries its shape in the `schema` attribute (record-versions.ts). */
  | { readonly older: 'entity'; readonly record: VersionedRecord }
  /** Long-lived (no TTL): the value carries `schema` (absent = 1) and is upgraded on read through RECORD_UPGRADES. */
  | { readonly older: 'upgraded'; readonly records: readonly StampedValue[] }
  /**
   * Kept `ttlDays` at most (30 or fewer): it expires before any upgrade needs it. A new shape takes the next key
   * version (`v2`); the keys of the old one are simply left to expire.
   */
  | { readonly older: 'expires'; readonly ttlDays: number }
  /**
   * Kept longer, `ttlDays` at most (a year): a new shape takes the next key version, and its reader falls back to
   * this version's key (reading it as it was written) until `ttlDays` after the release that stopped writing it.
   */
  | { readonly older: 'read-older-key'; readonly ttlDays: number }
  /** Rewritten whole by its only writer on each run (a job's progress, a health record): an older value is replaced, never read as current. */
  | { readonly older: 'rebuilt'; readonly why: string };

const HOUR_DAYS = 1 / 24;

/** Every kind of key the app writes, by its first segment, and how an older shape of its record reads. */
export const PLAIN_KEYS: { readonly [kind: string]: KeyRule } = {
  operator: { older: 'entity', record: 'operator' },
  session: { older: 'entity', record: 'conversation' },
  message: { older: 'entity', record: 'message' },
  rating: { older: 'entity', record: 'rating' },
  satisfaction: { older: 'entity', record: 'satisfaction' },
  deflection: { older: 'entity', record: 'deflection' },
  figures: { older: 'entity', record: 'figures' },
  history: { older: 'entity', record: 'history' },
  'history-person': { older: 'entity', record: 'history-person' },
  audit: { older: 'entity', record: 'audit' },
  settings: { older: 'upgraded', records: ['settings'] },
  'slack-workspace': { older: 'upgraded', records: ['slack-workspace'] },
  'teams-tenant': { older: 'upgraded', records: ['teams-tenant'] },
  /** The listable summaries beside the connections' secrets: `tenant:v1:slack:…`, `tenant:v1:teams:…`. */
  tenant: { older: 'upgraded', records: ['slack-workspace-summary', 'teams-tenant-summary'] },
  'tenant-health': { older: 'rebuilt', why: 'written whole at every change of a connection’s health (tenant-health.ts)' },
  'record-migration': { older: 'rebuilt', why: 'the job’s progress starts again when the shape it moves to changes (record-migration.ts)' },
  locale: { older: 'expires', ttlDays: 30 },
  delivery: { older: 'expires', ttlDays: 1 },
  'file-consent': { older: 'expires', ttlDays: 1 },
  'rating-invite': { older: 'expires', ttlDays: MAX_RATING_WINDOW_HOURS * HOUR_DAYS },
  'rating-comment': { older: 'expires', ttlDays: HOUR_DAYS },
  'last-operator': { older: 'expires', ttlDays: MAX_RETURN_TO_OPERATOR_HOURS * HOUR_DAYS },
  erasure: { older: 'expires', ttlDays: 30 },
  /** An offer's card (an hour) or a relayed copy on Teams (its conversation's retention). */
  card: { older: 'read-older-key', ttlDays: MAX_RETENTION_DAYS },
  ticket: { older: 'read-older-key', ttlDays: 365 },
  'ticket-conversation': { older: 'read-older-key', ttlDays: 365 },
  'teams-person': { older: 'read-older-key', ttlDays: 365 },
};

/** The longest a key may live and still be declared `expires`: longer-lived keys need a fallback or a stamp. */
export const EXPIRES_AT_MOST_DAYS = 30;
/** The longest a key may live and be declared `read-older-key`: the audit log's year. */
export const READ_OLDER_AT_MOST_DAYS = AUDIT_RETENTION_DAYS;

/** The key layout all these kinds share today: `<kind>:v1:…`. */
export const PLAIN_KEY_VERSION = KEY_VERSION;

/** A long-lived value as stored: its fields and the shape they are in (`schema`; absent on values of 1.x: shape 1). */
export type Stamped<T> = T & { readonly schema?: number | undefined };

/** A value to store, stamped with the current shape of its record type. */
export function stampValue<T extends object>(record: StampedValue, value: T): Stamped<T> {
  return { ...value, ...schemaStamp(record) };
}

/** A stored value in the current shape, without its stamp: upgraded on the fly from the one it was stored in. */
export function readValue<T>(record: StampedValue, stored: Stamped<object> | undefined): T | undefined {
  if (stored === undefined || stored === null) return undefined;
  const { schema, ...data } = stored;
  return upgraded<T>(record, { schema, data });
}
