import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** A multipart body as the stand-in receives it: its `file` parts and the request's XSRF header. */
export interface MultipartBody {
  readonly multipart: true;
  readonly files: ReadonlyArray<{ readonly name: string; readonly type: string; readonly bytes: Buffer }>;
  readonly atlassianToken?: string | undefined;
}

export function isMultipart(body: unknown): body is MultipartBody {
  return typeof body === 'object' && body !== null && (body as { multipart?: unknown }).multipart === true;
}

export interface StandInAttachment {
  readonly id: number;
  readonly filename: string;
  readonly mimeType: string;
  readonly size: number;
  readonly created: number;
}

type Answer = { readonly status: number; readonly body?: unknown };

/**
 * JSM's two steps for attaching files to a request, as Jira Cloud answers them: `attachTemporaryFile` (multipart, part
 * `file`, only with `X-Atlassian-Token: no-check`) keeps files for a while, then `request/{key}/attachment` puts the
 * named temporary files on the request. Kept in `jsm_temporary_attachment` and `jsm_attachment`.
 */
export class JsmAttachments {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jsm_temporary_attachment (id TEXT PRIMARY KEY, filename TEXT NOT NULL, mime TEXT NOT NULL, bytes BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS jsm_attachment (
        id INTEGER PRIMARY KEY AUTOINCREMENT, issue_key TEXT NOT NULL, filename TEXT NOT NULL, mime TEXT NOT NULL,
        size INTEGER NOT NULL, bytes BLOB NOT NULL, public INTEGER NOT NULL, created INTEGER NOT NULL);
    `);
  }

  attachTemporaryFile(body: unknown): Answer {
    if (!isMultipart(body)) return { status: 415, body: { errorMessage: 'attachTemporaryFile takes multipart/form-data with a part named file.' } };
    // Jira's XSRF check: without the header the request is refused before anything is kept.
    if (body.atlassianToken !== 'no-check') return { status: 403, body: { errorMessage: 'XSRF check failed' } };
    if (body.files.length === 0) return { status: 400, body: { errorMessage: 'No file was attached (the part must be named file).' } };
    const temporaryAttachments = body.files.map((f) => {
      const id = `temp${randomBytes(8).toString('hex')}`;
      this.db.prepare('INSERT INTO jsm_temporary_attachment (id, filename, mime, bytes) VALUES (?, ?, ?, ?)').run(id, f.name, f.type || 'application/octet-stream', f.bytes);
      return { temporaryAttachmentId: id, fileName: f.name };
    });
    return { status: 201, body: { temporaryAttachments } };
  }

  attachToRequest(issueKey: string, body: unknown): Answer {
    const ids = (body as { temporaryAttachmentIds?: unknown } | undefined)?.temporaryAttachmentIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string')) return { status: 400, body: { errorMessage: 'temporaryAttachmentIds must name the temporary files.' } };
    const rows = ids.map((id: string) => this.db.prepare('SELECT id, filename, mime, bytes FROM jsm_temporary_attachment WHERE id = ?').get(id) as { id: string; filename: string; mime: string; bytes: Buffer } | undefined);
    if (rows.some((r) => r === undefined)) return { status: 400, body: { errorMessage: 'A temporary attachment has expired or was never uploaded.' } };
    const isPublic = (body as { public?: unknown }).public !== false ? 1 : 0;
    const values = rows.filter((r) => r !== undefined).map((r) => {
      this.db.prepare('DELETE FROM jsm_temporary_attachment WHERE id = ?').run(r.id);
      const created = this.now();
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO jsm_attachment (issue_key, filename, mime, size, bytes, public, created) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(issueKey, r.filename, r.mime, r.bytes.length, r.bytes, isPublic, created);
      return { id: Number(lastInsertRowid), filename: r.filename, mimeType: r.mime, size: r.bytes.length, created };
    });
    return { status: 201, body: { attachments: { size: values.length, values, isLastPage: true } } };
  }

  /** A ticket's attachments, oldest first. */
  of(issueKey: string): StandInAttachment[] {
    return this.db.prepare('SELECT id, filename, mime AS mimeType, size, created FROM jsm_attachment WHERE issue_key = ? ORDER BY id').all(issueKey) as StandInAttachment[];
  }

  content(id: number): { filename: string; mime: string; bytes: Buffer } | undefined {
    return this.db.prepare('SELECT filename, mime, bytes FROM jsm_attachment WHERE id = ?').get(id) as { filename: string; mime: string; bytes: Buffer } | undefined;
  }
}
