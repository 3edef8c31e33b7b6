import type { AdminAction, AuditEntry } from '../../src/domain/audit';
import type { AuditLog, AuditQuery, Page } from '../../src/app/ports';

/** The audit log in memory, as KvsAuditLog behaves: written once, read newest first by project, kind or admin. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  /** Set to make the next writes fail, as a KVS outage would. */
  failing = false;

  async write(action: AdminAction, at: number): Promise<void> {
    if (this.failing) throw new Error('KVS is unavailable');
    this.entries.push({ ...action, id: `${at}-${this.entries.length}`, at });
  }

  async page(projectId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    const matching = this.entries
      .filter((e) => e.projectId === projectId && (!query.kind || e.kind === query.kind) && (!query.actorId || e.actor.accountId === query.actorId))
      .sort((a, b) => b.at - a.at);
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = matching.slice(start, start + query.limit);
    return { items, cursor: start + query.limit < matching.length ? String(start + query.limit) : undefined };
  }
}
