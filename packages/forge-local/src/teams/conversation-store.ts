import type { Database } from 'better-sqlite3';

/** A message in a sandbox conversation: a person's (typed, or a card submit) or the bot's (sent through the connector). */
export interface TeamsSandboxMessage {
  /** The personal conversation (`a:1…`), or the channel (`19:…@thread.tacv2`) for channel messages and replies. */
  readonly conversationId: string;
  /** The activity id (Teams message ids are epoch milliseconds, increasing). */
  readonly id: string;
  readonly from: 'person' | 'bot';
  /** `29:…` for a person, `28:<appId>` for the bot. */
  readonly senderId: string;
  /** `submit`: an Adaptive Card Action.Submit, carrying `value` instead of text. */
  readonly kind: 'message' | 'submit';
  readonly text?: string | undefined;
  readonly textFormat?: string | undefined;
  readonly attachments?: readonly Record<string, unknown>[] | undefined;
  readonly value?: unknown;
  readonly replyToId?: string | undefined;
  readonly timestamp: string;
  /** When the bot last replaced it (`PUT …/activities/{id}`). */
  readonly updatedAt?: string | undefined;
  /** The whole activity: as the bot sent it (with the id and timestamp Teams gave it), or as delivered to the bot. */
  readonly activity: Readonly<Record<string, unknown>>;
}

interface MessageRow {
  conversation_id: string;
  id: string;
  sender: string;
  from_bot: number;
  kind: string;
  text: string | null;
  text_format: string | null;
  attachments: string | null;
  value: string | null;
  reply_to_id: string | null;
  timestamp: string;
  updated_at: string | null;
  activity: string;
}

/**
 * The sandbox's conversations and installations in the platform's SQLite
 * database (tables `teams_sandbox_*`), so a restart keeps them.
 */
export class TeamsConversationStore {
  private lastId: number;

  constructor(
    private readonly db: Database,
    private readonly nowMs: () => number,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS teams_sandbox_message (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL, id TEXT NOT NULL, id_ms INTEGER NOT NULL,
        sender TEXT NOT NULL, from_bot INTEGER NOT NULL, kind TEXT NOT NULL,
        text TEXT, text_format TEXT, attachments TEXT, value TEXT, reply_to_id TEXT,
        timestamp TEXT NOT NULL, updated_at TEXT, activity TEXT NOT NULL,
        UNIQUE (conversation_id, id));
      CREATE TABLE IF NOT EXISTS teams_sandbox_installation (
        person_id TEXT PRIMARY KEY, installed INTEGER NOT NULL, changed_at TEXT NOT NULL);
    `);
    const last = db.prepare('SELECT MAX(id_ms) AS last FROM teams_sandbox_message').get() as { last: number | null };
    this.lastId = last.last ?? 0;
  }

  /** A fresh message id: epoch milliseconds, after every id handed out before (also across restarts). */
  nextId(): string {
    this.lastId = Math.max(Math.floor(this.nowMs()), this.lastId + 1);
    return String(this.lastId);
  }

  /** Stores a message; a second one with the same id in the same conversation (a redelivery) is ignored. */
  add(message: TeamsSandboxMessage): TeamsSandboxMessage {
    const idMs = /^\d+$/.test(message.id) ? Number(message.id) : 0;
    this.lastId = Math.max(this.lastId, idMs);
    this.db
      .prepare(
        `INSERT OR IGNORE INTO teams_sandbox_message
           (conversation_id, id, id_ms, sender, from_bot, kind, text, text_format, attachments, value, reply_to_id, timestamp, updated_at, activity)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.conversationId,
        message.id,
        idMs,
        message.senderId,
        message.from === 'bot' ? 1 : 0,
        message.kind,
        message.text ?? null,
        message.textFormat ?? null,
        message.attachments ? JSON.stringify(message.attachments) : null,
        message.value !== undefined ? JSON.stringify(message.value) : null,
        message.replyToId ?? null,
        message.timestamp,
        message.updatedAt ?? null,
        JSON.stringify(message.activity),
      );
    return message;
  }

  /** Replaces a stored message's content (the bot's update). */
  replace(conversationId: string, id: string, change: Pick<TeamsSandboxMessage, 'text' | 'textFormat' | 'attachments' | 'activity'> & { updatedAt: string }): TeamsSandboxMessage | undefined {
    this.db
      .prepare('UPDATE teams_sandbox_message SET text = ?, text_format = ?, attachments = ?, updated_at = ?, activity = ? WHERE conversation_id = ? AND id = ?')
      .run(
        change.text ?? null,
        change.textFormat ?? null,
        change.attachments ? JSON.stringify(change.attachments) : null,
        change.updatedAt,
        JSON.stringify(change.activity),
        conversationId,
        id,
      );
    return this.get(conversationId, id);
  }

  remove(conversationId: string, id: string): void {
    this.db.prepare('DELETE FROM teams_sandbox_message WHERE conversation_id = ? AND id = ?').run(conversationId, id);
  }

  get(conversationId: string, id: string): TeamsSandboxMessage | undefined {
    const row = this.db.prepare('SELECT * FROM teams_sandbox_message WHERE conversation_id = ? AND id = ?').get(conversationId, id) as MessageRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** A conversation's messages in the order they were written. */
  list(conversationId: string): TeamsSandboxMessage[] {
    const rows = this.db.prepare('SELECT * FROM teams_sandbox_message WHERE conversation_id = ? ORDER BY seq').all(conversationId) as MessageRow[];
    return rows.map(fromRow);
  }

  isInstalled(personId: string): boolean {
    const row = this.db.prepare('SELECT installed FROM teams_sandbox_installation WHERE person_id = ?').get(personId) as { installed: number } | undefined;
    return row?.installed === 1;
  }

  setInstalled(personId: string, installed: boolean): void {
    this.db
      .prepare(
        `INSERT INTO teams_sandbox_installation (person_id, installed, changed_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET installed = excluded.installed, changed_at = excluded.changed_at`,
      )
      .run(personId, installed ? 1 : 0, new Date(this.nowMs()).toISOString());
  }
}

function fromRow(row: MessageRow): TeamsSandboxMessage {
  return {
    conversationId: row.conversation_id,
    id: row.id,
    from: row.from_bot === 1 ? 'bot' : 'person',
    senderId: row.sender,
    kind: row.kind === 'submit' ? 'submit' : 'message',
    ...(row.text !== null ? { text: row.text } : {}),
    ...(row.text_format !== null ? { textFormat: row.text_format } : {}),
    ...(row.attachments !== null ? { attachments: JSON.parse(row.attachments) as Record<string, unknown>[] } : {}),
    ...(row.value !== null ? { value: JSON.parse(row.value) as unknown } : {}),
    ...(row.reply_to_id !== null ? { replyToId: row.reply_to_id } : {}),
    timestamp: row.timestamp,
    ...(row.updated_at !== null ? { updatedAt: row.updated_at } : {}),
    activity: JSON.parse(row.activity) as Record<string, unknown>,
  };
}
