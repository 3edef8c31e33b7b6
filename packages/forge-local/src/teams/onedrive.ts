import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../slack/http-io';
import type { TeamsSandboxPerson } from './tenant';

/**
 * The sandbox tenant's OneDrive for Business host, as Teams names it in a file consent's `uploadInfo`. The app checks
 * an upload URL is on *.sharepoint.com; the platform routes this origin to `ONEDRIVE_PATH` (platform.ts), as it routes
 * files.slack.com, so the app's production check runs unchanged and nothing is opened for local mode.
 */
export const ONEDRIVE_ORIGIN = 'https://koji-sandbox-my.sharepoint.com';
/** Where the platform answers for `ONEDRIVE_ORIGIN`. */
export const ONEDRIVE_PATH = '/teams/onedrive/';

/** What Teams hands the bot when a person clicks Allow on a file consent card. */
export interface SandboxUploadInfo {
  readonly uploadUrl: string;
  readonly contentUrl: string;
  readonly uniqueId: string;
  readonly fileType: string;
  readonly name: string;
}

/** A file a person shared in their chat with the bot, as Teams describes it in a `file.download.info` attachment. */
export interface SandboxSharedFile {
  /** Where the file sits in the person's OneDrive (what Teams links to). */
  readonly contentUrl: string;
  /** A pre-authenticated download link (what the bot fetches, without credentials). */
  readonly downloadUrl: string;
  readonly uniqueId: string;
  readonly fileType: string;
  readonly name: string;
}

interface Slot {
  readonly info: SandboxUploadInfo;
  bytes?: Buffer;
}

/** A fake OneDrive: an upload slot per Allow, which takes one PUT of the whole file (Content-Range 0-(n-1)/n), kept in memory. */
export class FakeOneDrive {
  private readonly slots = new Map<string, Slot>();
  private readonly shared = new Map<string, { readonly info: SandboxSharedFile; readonly tempauth: string; readonly bytes: Buffer }>();
  /** Every download of a shared file, served or refused. */
  readonly downloads: { readonly uniqueId: string; readonly status: number }[] = [];

  /** The person shares a file in their chat with the bot: Teams puts it in their OneDrive, with a download link for the bot. */
  share(person: TeamsSandboxPerson, name: string, bytes: Buffer): SandboxSharedFile {
    const uniqueId = randomUUID().toUpperCase();
    const tempauth = randomUUID().replaceAll('-', '');
    const base = `${ONEDRIVE_ORIGIN}/personal/${person.key}`;
    const info = {
      contentUrl: `${base}/Documents/Microsoft Teams Chat Files/${encodeURIComponent(name.replace(/[/\\]/g, '_'))}`,
      downloadUrl: `${base}/_layouts/15/download.aspx?UniqueId=${uniqueId}&Translate=false&tempauth=${tempauth}&ApiVersion=2.0`,
      uniqueId,
      fileType: /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase() ?? '',
      name,
    };
    this.shared.set(uniqueId, { info, tempauth, bytes: Buffer.from(bytes) });
    return info;
  }
  /** Every upload request, accepted or refused. */
  readonly uploads: { readonly uniqueId: string; readonly status: number; readonly contentRange?: string | undefined }[] = [];

  /** A new upload slot in the person's OneDrive (Teams makes one when they click Allow). */
  slotFor(person: TeamsSandboxPerson, name: string): SandboxUploadInfo {
    const uniqueId = randomUUID().toUpperCase();
    const safe = encodeURIComponent(name.replace(/[/\\]/g, '_'));
    const info = {
      uploadUrl: `${ONEDRIVE_ORIGIN}/personal/${person.key}/_api/upload/${uniqueId}?tempauth=sandbox`,
      contentUrl: `${ONEDRIVE_ORIGIN}/personal/${person.key}/Documents/Applications/Koji/${uniqueId}/${safe}`,
      uniqueId,
      fileType: /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase() ?? '',
      name,
    };
    this.slots.set(uniqueId, { info });
    return info;
  }

  /** The bytes uploaded for a slot, by its uniqueId or its contentUrl; undefined before the upload. */
  bytes(idOrContentUrl: string): Buffer | undefined {
    const slot = this.slots.get(idOrContentUrl) ?? [...this.slots.values()].find((s) => s.info.contentUrl === idOrContentUrl);
    return slot?.bytes ?? this.shared.get(idOrContentUrl)?.bytes;
  }

  /** The path the chat page downloads a contentUrl from (the platform's own URL). */
  static pagePath(contentUrl: string): string | undefined {
    return contentUrl.startsWith(`${ONEDRIVE_ORIGIN}/`) ? `${ONEDRIVE_PATH}${contentUrl.slice(ONEDRIVE_ORIGIN.length + 1)}` : undefined;
  }

  /** PUT of an upload, GET of an uploaded file; false for anything outside `ONEDRIVE_PATH`. */
  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(ONEDRIVE_PATH)) return false;
    const rest = url.pathname.slice(ONEDRIVE_PATH.length);
    const upload = /^personal\/[\w-]+\/_api\/upload\/([0-9A-F-]{36})$/.exec(rest);
    if (upload && req.method === 'PUT') {
      const uniqueId = upload[1] ?? '';
      const slot = this.slots.get(uniqueId);
      const body = await readBytes(req);
      const range = req.headers['content-range'];
      const whole = body.length > 0 && range === `bytes 0-${body.length - 1}/${body.length}`;
      const status = !slot || url.searchParams.get('tempauth') !== 'sandbox' ? 404 : slot.bytes ? 409 : whole ? 201 : 400;
      this.uploads.push({ uniqueId, status, contentRange: range });
      if (status !== 201 || !slot) return sendJson(res, status, { error: { code: status === 400 ? 'invalidRange' : 'itemNotFound' } }), true;
      slot.bytes = body;
      sendJson(res, 201, { id: uniqueId, name: slot.info.name, size: body.length });
      return true;
    }
    if (req.method === 'GET' && /^personal\/[\w-]+\/_layouts\/15\/download\.aspx$/.test(rest)) return this.download(res, url), true;
    const slot = req.method === 'GET' ? [...this.slots.values()].find((s) => s.info.contentUrl === `${ONEDRIVE_ORIGIN}/${rest}`) : undefined;
    if (!slot?.bytes) return sendJson(res, 404, { error: { code: 'itemNotFound' } }), true;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(slot.bytes.length), 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(slot.info.name)}` });
    res.end(slot.bytes);
    return true;
  }

  /** A shared file's download link: the bytes, to anyone holding the link (its tempauth), as OneDrive serves it. */
  private download(res: ServerResponse, url: URL): void {
    const uniqueId = url.searchParams.get('UniqueId') ?? '';
    const file = this.shared.get(uniqueId);
    const ok = file !== undefined && url.searchParams.get('tempauth') === file.tempauth;
    this.downloads.push({ uniqueId, status: ok ? 200 : 401 });
    if (!ok) return sendJson(res, 401, { error: { code: 'accessDenied', message: 'The link is not valid.' } });
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.bytes.length) });
    res.end(file.bytes);
  }
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
