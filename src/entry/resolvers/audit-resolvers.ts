import { kvs } from '@forge/kvs';
import { KvsAuditLog } from '../../adapters/forge/kvs-audit-log';
import { AUDIT_KINDS, describeAuditEntry, isAuditKind, type AuditKind } from '../../domain/audit';
import { AUDIT_PAGE_LIMIT, type AuditEntryView, type AuditKindView } from '../../shared/resolver-contract';
import { InvalidRequestError, forAdmins, type ResolverHandler } from './resolver-kit';

/** The contract's kinds are the domain's: the compiler refuses one list without the other. */
const SAME_KINDS: [AuditKind, AuditKindView] extends [AuditKindView, AuditKind] ? true : never = true;

const FIELDS = new Set(['kind', 'actorId', 'cursor', 'limit']);
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
/** KVS cursors are opaque; these are the characters and length they come in (base64, base64url, JSON-free). */
const CURSOR = /^[A-Za-z0-9+/=_.:-]{1,4096}$/;
const DEFAULT_LIMIT = 25;

export const auditResolvers: Record<string, ResolverHandler> = {
  /** Every field is checked before anything is read; the page is one index query of this project only. */
  'audit/list': forAdmins(async ({ projectId, payload }) => {
    const query = auditQueryOf(payload);
    const page = await new KvsAuditLog(kvs).page(projectId, query);
    const entries: AuditEntryView[] = page.items.map((e) => ({ id: e.id, at: e.at, kind: e.kind, actor: e.actor, text: describeAuditEntry(e) }));
    return { entries, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }),
};

function auditQueryOf(payload: unknown): { kind?: AuditKind; actorId?: string; cursor?: string; limit: number } {
  const fields = (typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : {}) as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0) throw new InvalidRequestError(`Unknown fields: ${unknown.join(', ')}. The audit log takes kind, actorId, cursor and limit.`);
  const { kind, actorId, cursor, limit } = fields;
  if (kind !== undefined && !isAuditKind(kind)) throw new InvalidRequestError(`“kind” must be one of ${AUDIT_KINDS.join(', ')}.`);
  if (actorId !== undefined && (typeof actorId !== 'string' || !ACCOUNT_ID.test(actorId))) throw new InvalidRequestError('“actorId” must be a Jira account id.');
  if (kind !== undefined && actorId !== undefined) throw new InvalidRequestError('Filter the audit log by kind or by admin, not both at once.');
  if (cursor !== undefined && (typeof cursor !== 'string' || !CURSOR.test(cursor))) throw new InvalidRequestError('“cursor” must be the one the previous page gave.');
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_LIMIT)) {
    throw new InvalidRequestError(`“limit” must be a whole number from 1 to ${AUDIT_PAGE_LIMIT}.`);
  }
  return { ...(kind ? { kind } : {}), ...(actorId ? { actorId } : {}), ...(cursor ? { cursor } : {}), limit: typeof limit === 'number' ? limit : DEFAULT_LIMIT };
}

void SAME_KINDS;
