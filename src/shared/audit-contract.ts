/** The Audit log's types as the backoffice reads them (resolver-contract.ts re-exports them). */

/** What an admin did: live agent support on or off, other settings, a role, an operator's own capacity, a tenant, Put off duty. */
export type AuditKindView = 'support' | 'settings' | 'role-granted' | 'role-removed' | 'capacity' | 'tenant-connected' | 'tenant-disconnected' | 'put-off-duty' | 'person-exported' | 'person-erased';

/** One entry of the Audit log: `text` is the sentence to show ("Ada Admin changed Queue timeout: 10 → 15 minutes"). */
export interface AuditEntryView {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly kind: AuditKindView;
  /** The Jira user who acted, as Jira named them then. */
  readonly actor: { readonly accountId: string; readonly displayName: string };
  readonly text: string;
}

/** The largest page `audit/list` answers. */
export const AUDIT_PAGE_LIMIT = 50;
