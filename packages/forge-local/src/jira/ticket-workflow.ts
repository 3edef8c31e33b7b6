import type { Database } from 'better-sqlite3';

/** The statuses of the embedded JSM's one workflow, as Jira names them, each with its status category. */
export const LOCAL_STATUSES = [
  { id: '10001', name: 'Waiting for support', category: 'new' },
  { id: '10002', name: 'In progress', category: 'indeterminate' },
  { id: '10003', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '10004', name: 'Resolved', category: 'done' },
  { id: '10005', name: 'Closed', category: 'done' },
] as const;

export type LocalStatus = (typeof LOCAL_STATUSES)[number];

/** The status a new request has. */
export const NEW_REQUEST_STATUS = LOCAL_STATUSES[0].name;

/** The resolution Jira's "Resolve" screen sets; leaving the Done category clears it. */
export const LOCAL_RESOLUTION = 'Done';

/**
 * A Jira product event as Forge delivers it to a `trigger` (the fields the app reads, in Jira's shapes), and who
 * caused it: `app` for the app's own calls, which a trigger with `ignoreSelf` never receives.
 */
export interface JiraProductEvent {
  readonly eventType: 'avi:jira:commented:issue' | 'avi:jira:updated:issue';
  readonly payload: Record<string, unknown>;
  readonly causedBy: string;
}

/**
 * The workflow of the embedded JSM: any status may move to any other (an agent's transition), the resolution set on
 * entering the Done category and cleared on leaving it, each change a changelog entry with an id of its own.
 */
export class TicketWorkflow {
  constructor(private readonly db: Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jira_issue_status (issue_key TEXT PRIMARY KEY, status_id TEXT NOT NULL, resolution TEXT);
      CREATE TABLE IF NOT EXISTS jira_changelog (id INTEGER PRIMARY KEY AUTOINCREMENT, issue_key TEXT NOT NULL, items TEXT NOT NULL);
    `);
  }

  statusOf(issueKey: string): { readonly status: LocalStatus; readonly resolution?: string | undefined } {
    const row = this.db.prepare('SELECT status_id, resolution FROM jira_issue_status WHERE issue_key = ?').get(issueKey) as
      | { status_id: string; resolution: string | null }
      | undefined;
    const status = LOCAL_STATUSES.find((s) => s.id === row?.status_id) ?? LOCAL_STATUSES[0];
    return { status, ...(row?.resolution ? { resolution: row.resolution } : {}) };
  }

  /** Moves the ticket to the status named; the changelog's id and items, or undefined when it is already there or no such status. */
  transition(issueKey: string, statusName: string): { readonly changelogId: string; readonly items: readonly Record<string, string>[] } | undefined {
    const to = LOCAL_STATUSES.find((s) => s.name === statusName);
    const from = this.statusOf(issueKey);
    if (!to || to.id === from.status.id) return undefined;
    const resolution = to.category === 'done' ? (from.resolution ?? LOCAL_RESOLUTION) : null;
    this.db
      .prepare('INSERT INTO jira_issue_status (issue_key, status_id, resolution) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET status_id = excluded.status_id, resolution = excluded.resolution')
      .run(issueKey, to.id, resolution);
    const items: Record<string, string>[] = [
      { field: 'status', fieldId: 'status', from: from.status.id, fromString: from.status.name, to: to.id, toString: to.name },
      ...((from.resolution ?? null) !== resolution ? [{ field: 'resolution', fieldId: 'resolution', fromString: from.resolution ?? '', toString: resolution ?? '' }] : []),
    ];
    const id = this.db.prepare('INSERT INTO jira_changelog (issue_key, items) VALUES (?, ?)').run(issueKey, JSON.stringify(items)).lastInsertRowid;
    return { changelogId: String(id), items };
  }
}

/** A status as Jira's REST API shows it on an issue. */
export function statusView(status: LocalStatus): Record<string, unknown> {
  return { id: status.id, name: status.name, statusCategory: { key: status.category } };
}
