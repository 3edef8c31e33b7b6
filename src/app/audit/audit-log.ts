import type { AdminAction, AuditEntry, AuditKind } from '../../domain/audit';
import { messageOf } from '../../domain/koji-error';
import type { Clock, Logger, Page } from '../ports';

/** Which entries a page of the Audit log shows: all of a project's, or one action kind's, or one admin's; newest first. */
export interface AuditQuery {
  readonly kind?: AuditKind | undefined;
  readonly actorId?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * The audit log's store: one write per entry (never updated: it is kept as written, a year), and pages read
 * newest first through an index of the project (and kind, or admin) and time: never a scan.
 */
export interface AuditLog {
  /** Stores the action as an entry at `at`, under an id of the store's making (unique even for two at the same ms). */
  write(action: AdminAction, at: number): Promise<void>;
  page(projectId: string, query: AuditQuery): Promise<Page<AuditEntry>>;
}

export interface AuditDeps {
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * Records an admin action once it succeeded. The action is done and stays done: a failure to write its entry is
 * logged (`audit_write_failed`, with the kind and project, never the entry's values) and not thrown, since
 * undoing a role change or a disconnect because the log could not be written would be worse than a gap in it.
 * Answers whether the entry was written.
 */
export async function recordAdminAction(deps: AuditDeps, action: AdminAction): Promise<boolean> {
  try {
    await deps.audit.write(action, deps.clock.now());
    return true;
  } catch (error) {
    deps.log.warn('audit_write_failed', { projectId: action.projectId, kind: action.kind, reason: messageOf(error) });
    return false;
  }
}
