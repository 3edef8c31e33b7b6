import type { Database, Statement } from 'better-sqlite3';
import { SlackTsClock } from './slack-ids';

/** A message in a sandbox conversation, as Slack keeps it (text with Slack's &amp;/&lt;/&gt; escaping). */
export interface SandboxMessage {
  readonly channel: string;
  readonly ts: string;
  /** Who wrote it: a person's id, or the bot user for the bot's posts. */
  readonly user: string;
  /** Set on the bot's posts. */
  readonly botId?: string | undefined;
  readonly text: string;
  /** The sender name the bot posted under (`username`), when it set one. */
  readonly username?: string | undefined;
  readonly blocks?: readonly Record<string, unknown>[] | undefined;
  /** When chat.update last changed it. */
  readonly editedTs?: string | undefined;
  /** Message metadata the bot posted with it (`event_type`, `event_payload`), shown by conversations.history on request. */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Files shared with it, as Slack describes them (file-store.ts `wireFile`). */
  readonly files?: readonly Record<string, unknown>[] | undefined;
}

interface Row {
  channel: string;
  ts: string;
  sender: string;
  bot_id: string | null;
  text: string;
  username: string | null;
  blocks: string | null;
  edited_ts: string | null;
  metadata: string | null;
  files: string | null;
}

/**
 * The sandbox's conversations in the platform's SQLite database (tables
 * `slack_sandbox_*`), so a restart keeps what everyone said.
 */
export class ConversationStore {
  private readonly clock: SlackTsClock;
  // Prepared once: every bot post is an insert, and preparing costs more than running.
  private readonly insertMessage: Statement;
  private readonly updateMessage: Statement;
  private readonly selectMessage: Statement;
  private readonly selectChannel: Statement;
  private readonly deleteMessage: Statement;

  constructor(db: Database, nowMs: () => number) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS slack_sandbox_message (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL, ts TEXT NOT NULL, micros INTEGER NOT NULL, sender TEXT NOT NULL,
        bot_id TEXT, text TEXT NOT NULL, username TEXT, blocks TEXT, edited_ts TEXT,
        UNIQUE (channel, ts));
    `);
    // Databases made before metadata was kept get the column; their messages have none.
    const columns = db.prepare("SELECT name FROM pragma_table_info('slack_sandbox_message')").all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'metadata')) db.exec('ALTER TABLE slack_sandbox_message ADD COLUMN metadata TEXT');
    if (!columns.some((c) => c.name === 'files')) db.exec('ALTER TABLE slack_sandbox_message ADD COLUMN files TEXT');
    const last = db.prepare('SELECT MAX(micros) AS last FROM slack_sandbox_message').get() as { last: number | null };
    this.clock = new SlackTsClock(nowMs, last.last ?? 0);
    this.insertMessage = db.prepare(
      `INSERT INTO slack_sandbox_message (channel, ts, micros, sender, bot_id, text, username, blocks, edited_ts, metadata, files)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateMessage = db.prepare('UPDATE slack_sandbox_message SET text = ?, blocks = ?, edited_ts = ? WHERE channel = ? AND ts = ?');
    this.selectMessage = db.prepare('SELECT * FROM slack_sandbox_message WHERE channel = ? AND ts = ?');
    this.deleteMessage = db.prepare('DELETE FROM slack_sandbox_message WHERE channel = ? AND ts = ?');
    this.selectChannel = db.prepare('SELECT * FROM slack_sandbox_message WHERE channel = ? ORDER BY micros, id');
  }

  /** A fresh message timestamp, after every one already stored. */
  nextTs(): string {
    return this.clock.next().ts;
  }

  add(message: SandboxMessage): SandboxMessage {
    this.insertMessage.run(
      message.channel,
      message.ts,
      micros(message.ts),
      message.user,
      message.botId ?? null,
      message.text,
      message.username ?? null,
      message.blocks ? JSON.stringify(message.blocks) : null,
      message.editedTs ?? null,
      message.metadata ? JSON.stringify(message.metadata) : null,
      message.files ? JSON.stringify(message.files) : null,
    );
    return message;
  }

  /** Replaces the text and blocks of a stored message. */
  update(channel: string, ts: string, change: { text: string; blocks?: readonly Record<string, unknown>[] | undefined; editedTs: string }): SandboxMessage | undefined {
    const existing = this.get(channel, ts);
    if (!existing) return undefined;
    const blocks = change.blocks ?? existing.blocks;
    this.updateMessage.run(change.text, blocks ? JSON.stringify(blocks) : null, change.editedTs, channel, ts);
    return this.get(channel, ts);
  }

  /** Removes a message (chat.delete, or a person deleting theirs). */
  remove(channel: string, ts: string): void {
    this.deleteMessage.run(channel, ts);
  }

  get(channel: string, ts: string): SandboxMessage | undefined {
    const row = this.selectMessage.get(channel, ts) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** A channel's messages, oldest first. */
  list(channel: string): SandboxMessage[] {
    const rows = this.selectChannel.all(channel) as Row[];
    return rows.map(fromRow);
  }
}

function micros(ts: string): number {
  const [seconds = '0', fraction = '0'] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

function fromRow(row: Row): SandboxMessage {
  return {
    channel: row.channel,
    ts: row.ts,
    user: row.sender,
    text: row.text,
    ...(row.bot_id !== null ? { botId: row.bot_id } : {}),
    ...(row.username !== null ? { username: row.username } : {}),
    ...(row.blocks !== null ? { blocks: JSON.parse(row.blocks) as Record<string, unknown>[] } : {}),
    ...(row.edited_ts !== null ? { editedTs: row.edited_ts } : {}),
    ...(row.metadata ? { metadata: JSON.parse(row.metadata) as Record<string, unknown> } : {}),
    ...(row.files ? { files: JSON.parse(row.files) as Record<string, unknown>[] } : {}),
  };
}
