import type { ChatChannel } from './participant';

/**
 * The audit log (issue 20): one entry per admin action that changed something, written after it succeeded.
 * Entries are plain data, kept a year; the sentence an admin reads is made from them when they are read
 * (`describeAuditEntry`), so its wording can change without touching what is stored.
 *
 * What an entry may carry is only what is listed here: labels, display values and names. A secret (bot token,
 * signing secret, client secret) has no field to go in, and the settings diff leaves out any field whose name
 * says it is one (audit-settings.ts).
 */
export const AUDIT_KINDS = [
  'support',
  'settings',
  'role-granted',
  'role-removed',
  'capacity',
  'tenant-connected',
  'tenant-disconnected',
  'put-off-duty',
  /** A person's data exported or erased (privacy): the subject names them by channel and id, never by name. */
  'person-exported',
  'person-erased',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

export function isAuditKind(value: unknown): value is AuditKind {
  return (AUDIT_KINDS as readonly unknown[]).includes(value);
}

/** A year: how long an entry is kept (a KVS TTL on the entry itself). */
export const AUDIT_RETENTION_DAYS = 365;

/** The Jira user who acted: their account id (from the Forge context, never the payload) and their name then. */
export interface AuditActor {
  readonly accountId: string;
  readonly displayName: string;
}

/** One field as it was and as it became, both as an admin reads them ("10", "Offer first"); `unit` after the pair. */
export interface AuditChange {
  readonly label: string;
  readonly before: string;
  readonly after: string;
  readonly unit?: string | undefined;
  /** For a list (phrases, saved replies, file types): what was added and removed, by name. */
  readonly detail?: string | undefined;
}

/** Who or what an action was about: an operator (by name), or a Slack workspace or Teams tenant. */
export interface AuditSubject {
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly userId?: string | undefined;
  readonly name: string;
}

/** What an admin did, before the log gives it an id and a time. */
export interface AdminAction {
  readonly projectId: string;
  readonly actor: AuditActor;
  readonly kind: AuditKind;
  readonly subject?: AuditSubject | undefined;
  readonly changes?: readonly AuditChange[] | undefined;
  /** Anything else worth a clause ("2 conversations ended"). */
  readonly note?: string | undefined;
}

export interface AuditEntry extends AdminAction {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

const CHANNEL_TENANT: Record<ChatChannel, string> = { slack: 'Slack workspace', teams: 'Teams tenant' };

/** "Ada Admin changed Queue timeout: 10 → 15 minutes", as the Audit log tab shows it. */
export function describeAuditEntry(entry: AdminAction): string {
  return `${entry.actor.displayName} ${describeAction(entry)}${entry.note ? ` (${entry.note})` : ''}`;
}

function describeAction(entry: AdminAction): string {
  const who = entry.subject?.name ?? 'someone';
  const changes = entry.changes ?? [];
  switch (entry.kind) {
    case 'support': {
      const enabled = changes.find((c) => c.label === SUPPORT_LABEL);
      const others = changes.filter((c) => c !== enabled);
      const turned = `turned live agent support ${enabled?.after ?? 'on or off'}`;
      return others.length > 0 ? `${turned}, and changed ${listOf(others)}` : turned;
    }
    case 'settings':
      return `changed ${listOf(changes)}`;
    case 'role-granted':
      return `gave ${who} the Live agent role`;
    case 'role-removed':
      return `removed the Live agent role from ${who}`;
    case 'capacity':
      return `changed ${possessive(who)} ${listOf(changes)}`;
    case 'tenant-connected':
      return `connected the ${tenantOf(entry.subject)}`;
    case 'tenant-disconnected':
      return `disconnected the ${tenantOf(entry.subject)}`;
    case 'put-off-duty':
      return `put ${who} off duty`;
    case 'person-exported':
      return `exported the data of ${personOf(entry.subject)}`;
    case 'person-erased':
      return `erased the data of ${personOf(entry.subject)}`;
  }
}

/** The label the `enabled` setting is recorded under: a `support` entry's headline. */
export const SUPPORT_LABEL = 'Live agent support';

function listOf(changes: readonly AuditChange[]): string {
  if (changes.length === 0) return 'nothing';
  return changes.map((c) => `${c.label}: ${c.before} → ${c.after}${c.unit ? ` ${c.unit}` : ''}${c.detail ? ` (${c.detail})` : ''}`).join('; ');
}

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}’` : `${name}’s`;
}

const CHANNEL_USER: Record<ChatChannel, string> = { slack: 'Slack user', teams: 'Teams user' };

/** "Slack user U123": a person by channel and id only, so an erasure's entry never keeps the erased name. */
export function personLabel(person: { readonly channel: ChatChannel; readonly userId: string }): string {
  return `${CHANNEL_USER[person.channel]} ${person.userId}`;
}

function personOf(subject: AuditSubject | undefined): string {
  return subject?.userId ? personLabel({ channel: subject.channel, userId: subject.userId }) : 'someone';
}

function tenantOf(subject: AuditSubject | undefined): string {
  if (!subject) return 'chat tenant';
  const id = subject.name === subject.tenantId ? subject.tenantId : `${subject.name} (${subject.tenantId})`;
  return `${CHANNEL_TENANT[subject.channel]} ${id}`;
}
