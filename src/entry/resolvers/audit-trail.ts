import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { recordAdminAction } from '../../app/audit/audit-log';
import { KvsAuditLog } from '../../adapters/forge/kvs-audit-log';
import { jsonLogger } from '../../adapters/system/json-logger';
import { systemClock } from '../../adapters/system/system-clock';
import type { AdminAction, AuditActor, AuditChange } from '../../domain/audit';
import { messageOf } from '../../domain/koji-error';
import { settingsChanges } from '../../domain/audit-settings';
import type { LiveAgentSettings } from '../../domain/settings';
import type { Participant } from '../../domain/participant';
import type { CapacitySet } from '../../app/settings/manage-operator-role';

/** Who did it and where: what forAdmins gives every backoffice resolver. */
export interface AuditContext {
  readonly projectId: string;
  readonly accountId: string | undefined;
}

/**
 * Records an admin action a resolver has just done (after it succeeded: call it last). Costs one KVS write and
 * one Jira call (the admin's display name, asked as them). Never throws: the action is done and stays done; a
 * failure to write its entry is logged (audit/audit-log.ts).
 */
export async function auditAdminAction(context: AuditContext, action: Omit<AdminAction, 'projectId' | 'actor'>): Promise<void> {
  const log = jsonLogger({ projectId: context.projectId });
  try {
    const actor = await adminOf(context.accountId);
    await recordAdminAction({ audit: new KvsAuditLog(kvs), clock: systemClock, log }, { ...action, projectId: context.projectId, actor });
  } catch (error) {
    log.warn('audit_write_failed', { kind: action.kind, reason: messageOf(error) });
  }
}

/** A settings save, when it changed anything: `support` when it turned live agent support on or off, else `settings`. */
/** Records what a settings save changed, and answers it (the backoffice's flag says the same). */
export async function auditSettingsChange(context: AuditContext, before: LiveAgentSettings, after: LiveAgentSettings): Promise<readonly AuditChange[]> {
  const changes = settingsChanges(before, after);
  if (changes.length > 0) await auditAdminAction(context, { kind: before.enabled === after.enabled ? 'settings' : 'support', changes });
  return changes;
}

/** An operator's own capacity, when it changed: "own capacity: project's (2) → 3". */
export async function auditCapacity(context: AuditContext, operator: Participant, set: CapacitySet, capacity: number | undefined): Promise<void> {
  const { name, ownCapacity, projectCapacity } = set.was;
  if (ownCapacity === capacity) return;
  const shown = (own: number | undefined) => (own === undefined ? `the project’s (${projectCapacity})` : String(own));
  await auditAdminAction(context, {
    kind: 'capacity',
    subject: { ...operator, name },
    changes: [{ label: 'own capacity', before: shown(ownCapacity), after: shown(capacity) }],
  });
}

/** What a disconnect ended, as a clause: "2 conversations ended, 1 wait closed, 1 role removed". */
export function windDownNote(done: { readonly conversationsEnded: number; readonly waitingClosed: number; readonly rolesRemoved: number }): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [n(done.conversationsEnded, 'conversation ended', 'conversations ended'), n(done.waitingClosed, 'wait closed', 'waits closed'), n(done.rolesRemoved, 'role removed', 'roles removed')].join(', ');
}

/** The admin as Jira names them now; their account id alone when Jira can't say (the entry is still written). */
async function adminOf(accountId: string | undefined): Promise<AuditActor> {
  try {
    const response = await api.asUser().requestJira(route`/rest/api/3/myself`, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      const me = (await response.json()) as { accountId?: unknown; displayName?: unknown };
      const id = accountId ?? (typeof me.accountId === 'string' ? me.accountId : undefined);
      if (id && typeof me.displayName === 'string' && me.displayName.trim() !== '') return { accountId: id, displayName: me.displayName.trim().slice(0, 200) };
    }
  } catch {
    // The name is a nicety: the account id below still says who it was.
  }
  return { accountId: accountId ?? 'unknown', displayName: accountId ?? 'An administrator' };
}
