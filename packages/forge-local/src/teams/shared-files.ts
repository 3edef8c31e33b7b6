import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../slack/http-io';
import type { FakeOneDrive } from './onedrive';
import type { TeamsSandboxPerson } from './tenant';

/** A file a sandbox person sends the bot (`TeamsSandbox.sendAs`). */
export interface TeamsSharedFile {
  readonly name: string;
  /** The type the person's client says (a pasted picture's is served with it). */
  readonly mimetype?: string;
  readonly bytes: Buffer;
  /**
   * A picture pasted into the message rather than attached: Teams keeps it on the Bot Connector (`contentUrl` on
   * the serviceUrl, served only with the bot's token) instead of OneDrive.
   */
  readonly pasted?: boolean;
}

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** The Bot Connector's path for a pasted picture, under the serviceUrl. */
const PICTURE_PATH = /^v3\/attachments\/([\w-]+)\/views\/original$/;

/**
 * Pictures people paste into their messages, as the Bot Connector keeps them: each at
 * `{serviceUrl}v3/attachments/{id}/views/original`, served to a bearer of the bot's access token only.
 */
export class PastedPictures {
  private readonly pictures = new Map<string, { readonly bytes: Buffer; readonly mimetype: string }>();
  /** Every request for a picture, served or refused. */
  readonly requests: { readonly id: string; readonly status: number }[] = [];

  constructor(private readonly verify: (authorization: string | undefined) => Promise<{ ok: boolean }>) {}

  /** Keeps the picture and gives the attachment Teams puts on the activity (`image/*`, as Teams sends a pasted picture). */
  add(file: TeamsSharedFile, serviceUrl: string): Record<string, unknown> {
    const id = `0-eus-d1-${randomBytes(16).toString('hex')}`;
    this.pictures.set(id, { bytes: Buffer.from(file.bytes), mimetype: file.mimetype ?? 'image/png' });
    return { contentType: 'image/*', contentUrl: `${serviceUrl}v3/attachments/${id}/views/original` };
  }

  /** `rest` is the path after the serviceUrl; false when it is no picture's. */
  async route(req: IncomingMessage, res: ServerResponse, rest: string): Promise<boolean> {
    const id = PICTURE_PATH.exec(rest.replace(/^\/+/, ''))?.[1];
    if (id === undefined || req.method !== 'GET') return false;
    const auth = await this.verify(req.headers.authorization);
    const picture = this.pictures.get(id);
    const status = !auth.ok ? 401 : picture ? 200 : 404;
    this.requests.push({ id, status });
    if (status === 401) return sendJson(res, 401, { message: 'Authorization has been denied for this request.' }), true;
    if (!picture) return sendJson(res, 404, { error: { code: 'NotFound', message: 'Attachment not found.' } }), true;
    res.writeHead(200, { 'Content-Type': picture.mimetype, 'Content-Length': String(picture.bytes.length) });
    res.end(picture.bytes);
    return true;
  }
}

/** The attachments Teams puts on a person's message for the files they send: OneDrive's `file.download.info`, or a pasted picture. */
export function fileAttachments(person: TeamsSandboxPerson, files: readonly TeamsSharedFile[], oneDrive: FakeOneDrive, pictures: PastedPictures, serviceUrl: string): Record<string, unknown>[] {
  return files.map((file) => {
    if (file.pasted) return pictures.add(file, serviceUrl);
    const shared = oneDrive.share(person, file.name, file.bytes);
    return {
      contentType: FILE_DOWNLOAD_INFO,
      contentUrl: shared.contentUrl,
      name: shared.name,
      content: { downloadUrl: shared.downloadUrl, uniqueId: shared.uniqueId, fileType: shared.fileType, etag: `"{${shared.uniqueId}},1"` },
    };
  });
}
