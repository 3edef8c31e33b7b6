import { randomUUID } from 'node:crypto';
import { Sort, type kvs as KvsClient } from '@forge/kvs';
import { AUDIT_RETENTION_DAYS, isAuditKind, type AdminAction, type AuditEntry } from '../../domain/audit';
import type { Page } from '../../app/ports';
import type { AuditLog, AuditQuery } from '../../app/audit/audit-log';
import { participantKey } from '../../domain/participant';
import { ENTITY, INDEX, storageKeys } from './kvs-keys';
import { PAGE_LIMIT } from './kvs-index-page';
import { pageFromCursor } from './kvs-cursor';
import { schemaStamp, upgraded } from './record-versions';

type Kvs = typeof KvsClient;

/** The `audit` custom entity (manifest.yml): the entry whole in `data`, the rest copies for its three indexes. */
interface AuditEntity {
  /** The shape of `data` (record-versions.ts); absent on entries written by 1.x: shape 1. */
  readonly schema?: number | undefined;
  readonly projectId: string;
  readonly kind: string;
  readonly actorId: string;
  /** The person the entry is about (participant key), for the `by-project-subject` index; absent otherwise. */
  readonly subjectKey?: string | undefined;
  /** Epoch ms: a custom-entity `integer` is 32-bit, so `float`. */
  readonly at: number;
  readonly data: AuditEntry;
}

/**
 * The audit log in Forge KVS: one `audit` entity per entry, written once (one write, no read) with a TTL of a year,
 * so nothing has to clean it up. A page is one index query, newest first: by project, by project and kind, or by
 * project and admin. The key starts with the time, so two entries of the same millisecond are both kept.
 */
export class KvsAuditLog implements AuditLog {
  constructor(private readonly kvs: Kvs) {}

  async write(action: AdminAction, at: number): Promise<void> {
    const id = `${at.toString(36)}-${randomUUID()}`;
    const subjectKey = auditSubjectKey(action);
    const entity: AuditEntity = { projectId: action.projectId, kind: action.kind, actorId: action.actor.accountId, ...(subjectKey ? { subjectKey } : {}), at, data: { ...action, id, at }, ...schemaStamp('audit') };
    await this.kvs.entity<AuditEntity>(ENTITY.audit).set(storageKeys.audit(action.projectId, id), entity, { ttl: { value: AUDIT_RETENTION_DAYS, unit: 'DAYS' } });
  }

  async page(projectId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    const entries = this.kvs.entity<AuditEntity>(ENTITY.audit).query();
    const indexed = query.kind
      ? entries.index(INDEX.auditByProjectKindAndTime, { partition: [projectId, query.kind] })
      : query.actorId
        ? entries.index(INDEX.auditByProjectActorAndTime, { partition: [projectId, query.actorId] })
        : entries.index(INDEX.auditByProjectAndTime, { partition: [projectId] });
    let paged = indexed.sort(Sort.DESC).limit(Math.min(Math.max(1, query.limit), PAGE_LIMIT));
    if (query.cursor) paged = paged.cursor(query.cursor);
    const { results, nextCursor } = await pageFromCursor(() => paged.getMany(), query.cursor, 'This cursor is not one the audit log gave for this list: load the Audit log again.');
    // Data outlives code: an entry of a kind this version does not know is left out rather than shown wrong.
    const items = results.map((r) => upgraded<AuditEntry>('audit', r.value)).filter((e) => isAuditKind(e?.kind));
    return { items, cursor: nextCursor };
  }
}

/**
 * The person an entry names, by participant key: a role, a capacity, put off duty. An erasure's or export's own
 * entry names its person by id only and is not indexed, so erasing them again leaves the record of the erasure.
 */
export function auditSubjectKey(action: AdminAction): string | undefined {
  const subject = action.subject;
  if (!subject?.userId || action.kind === 'person-erased' || action.kind === 'person-exported') return undefined;
  return participantKey({ channel: subject.channel, tenantId: subject.tenantId, userId: subject.userId });
}

