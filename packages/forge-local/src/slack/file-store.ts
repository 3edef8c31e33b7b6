import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, Statement } from 'better-sqlite3';
import { SANDBOX_WORKSPACE } from './workspace';

/** The largest file the sandbox keeps: enough for the app's limits (at most 50 MB), small enough for one SQLite row. */
export const MAX_SANDBOX_FILE_BYTES = 60 * 1024 * 1024;
/** Slack's file host, as the app names it; the platform routes it here (`/slack/files/`). */
export const SLACK_FILES_ORIGIN = 'https://files.slack.com';

export interface SandboxFile {
  readonly id: string;
  readonly name: string;
  readonly mimetype: string;
  readonly size: number;
  /** Who shared it: a person, or the bot for what the app uploaded. */
  readonly user: string;
}

/** A file as Slack describes it in events and API answers. */
export function wireFile(file: SandboxFile): Record<string, unknown> {
  const name = encodeURIComponent(file.name);
  const privateUrl = `${SLACK_FILES_ORIGIN}/files-pri/${SANDBOX_WORKSPACE.teamId}-${file.id}/${name}`;
  return {
    id: file.id,
    name: file.name,
    title: file.name,
    mimetype: file.mimetype,
    filetype: file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : 'binary',
    size: file.size,
    user: file.user,
    mode: 'hosted',
    url_private: privateUrl,
    url_private_download: `${SLACK_FILES_ORIGIN}/files-pri/${SANDBOX_WORKSPACE.teamId}-${file.id}/download/${name}`,
    permalink: `${SANDBOX_WORKSPACE.url}files/${file.user}/${file.id}/${name}`,
  };
}

/**
 * The sandbox's files (table `slack_sandbox_file`): what people share from the chat page, and what the app uploads
 * with files.getUploadURLExternal, the bytes, and files.completeUploadExternal. Served on Slack's file host only with
 * the bot token: without it, Slack's sign-in page, as Slack answers (the reason the app needs files:read).
 */
export class SandboxFileStore {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly selectBytes: Statement;
  /** Uploads the app asked for and has not completed: key → file id, name and the length it announced. */
  private readonly pending = new Map<string, { id: string; name: string; length: number; bytes?: Buffer }>();

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS slack_sandbox_file (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, mimetype TEXT NOT NULL, size INTEGER NOT NULL, user TEXT NOT NULL, bytes BLOB NOT NULL)`);
    this.insert = db.prepare('INSERT INTO slack_sandbox_file (id, name, mimetype, size, user, bytes) VALUES (?, ?, ?, ?, ?, ?)');
    this.select = db.prepare('SELECT id, name, mimetype, size, user FROM slack_sandbox_file WHERE id = ?');
    this.selectBytes = db.prepare('SELECT bytes FROM slack_sandbox_file WHERE id = ?');
  }

  add(user: string, name: string, mimetype: string, bytes: Buffer): SandboxFile {
    const file: SandboxFile = { id: `F${randomBytes(5).toString('hex').toUpperCase()}`, name, mimetype, size: bytes.length, user };
    this.insert.run(file.id, file.name, file.mimetype, file.size, file.user, bytes);
    return file;
  }

  get(id: string): SandboxFile | undefined {
    return this.select.get(id) as SandboxFile | undefined;
  }

  bytes(id: string): Buffer | undefined {
    return (this.selectBytes.get(id) as { bytes: Buffer } | undefined)?.bytes;
  }

  /** files.getUploadURLExternal: where to send the bytes. */
  startUpload(name: string, length: number): { uploadUrl: string; fileId: string } {
    const key = randomBytes(8).toString('hex');
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    this.pending.set(key, { id, name, length });
    return { uploadUrl: `${SLACK_FILES_ORIGIN}/upload/v1/${key}`, fileId: id };
  }

  /** files.completeUploadExternal: the uploaded file, kept as the bot's, or undefined when its bytes never came. */
  complete(fileId: string, title: string | undefined): SandboxFile | undefined {
    for (const [key, upload] of this.pending) {
      if (upload.id !== fileId || !upload.bytes) continue;
      this.pending.delete(key);
      const mimetype = mimeOf(upload.name);
      const file: SandboxFile = { id: upload.id, name: title || upload.name, mimetype, size: upload.bytes.length, user: SANDBOX_WORKSPACE.botUserId };
      this.insert.run(file.id, file.name, file.mimetype, file.size, file.user, upload.bytes);
      return file;
    }
    return undefined;
  }

  /** Slack's file host: `GET files-pri/…` with the bot token, `POST upload/v1/{key}` with the bytes. */
  async serve(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    const upload = /^upload\/v1\/([0-9a-f]{16})$/.exec(rest);
    if (upload && req.method === 'POST') {
      const pending = this.pending.get(upload[1] ?? '');
      const bytes = await readBytes(req, MAX_SANDBOX_FILE_BYTES);
      if (!pending || !bytes) return end(res, pending ? 413 : 404, 'text/plain', 'upload failed');
      if (bytes.length !== pending.length) return end(res, 400, 'text/plain', `expected ${pending.length} bytes, got ${bytes.length}`);
      pending.bytes = bytes;
      return end(res, 200, 'text/plain', `OK - ${bytes.length}`);
    }
    const download = new RegExp(`^files-pri/${SANDBOX_WORKSPACE.teamId}-(F[0-9A-F]+)/`).exec(rest);
    const file = download ? this.get(download[1] ?? '') : undefined;
    if (!file || req.method !== 'GET') return end(res, 404, 'text/plain', 'file_not_found');
    if (req.headers.authorization !== `Bearer ${SANDBOX_WORKSPACE.botToken}`) {
      return end(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in to Slack</title><p>Sign in to Koji Sandbox.</p>');
    }
    res.setHeader('content-length', String(file.size));
    end(res, 200, file.mimetype, this.bytes(file.id) ?? Buffer.alloc(0));
  }
}

function mimeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const known: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain', csv: 'text/csv' };
  return known[ext] ?? 'application/octet-stream';
}

function end(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(body);
}

/** The request body as bytes, or undefined past `maxBytes`. */
export function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
