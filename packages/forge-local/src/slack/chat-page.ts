import type { IncomingMessage, ServerResponse } from 'node:http';
import { servePageFile } from '../chat-page/page-files';
import type { SandboxMessage } from './conversation-store';
import { readBody, sendJson } from './http-io';
import { MAX_SANDBOX_FILE_BYTES, readBytes, type SandboxFileStore } from './file-store';
import { TriggerUnreachableError, type TriggerResponse } from './trigger-delivery';
import { SANDBOX_PEOPLE, SANDBOX_WORKSPACE, dmChannelOf, findPerson } from './workspace';

export const CHAT_PAGE_PATH = '/sandbox/slack';

/** What the page needs from the sandbox; every send and click goes through the signed web trigger. */
export interface ChatPageBackend {
  conversation(userId: string): SandboxMessage[];
  sendAs(userId: string, text: string, files?: readonly { name: string; mimetype: string; bytes: Buffer }[]): Promise<TriggerResponse>;
  click(userId: string, messageTs: string, actionId: string): Promise<TriggerResponse>;
  readonly files: Pick<SandboxFileStore, 'get' | 'bytes'>;
}

/** A shared file as the page shows it: its name, type and size, and where the page (not the app) fetches it. */
function pageFile(f: Record<string, unknown>): Record<string, unknown> {
  return { id: f['id'], name: f['name'], mimetype: f['mimetype'], size: f['size'], url: `${CHAT_PAGE_PATH}/files/${String(f['id'])}` };
}

/** A request the page made that cannot be carried out (unknown person, message or button). */
export class SandboxInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 404,
  ) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

/** The chat page at /sandbox/slack: its files, and the JSON endpoints under /sandbox/slack/api/. */
export async function chatPageRoute(req: IncomingMessage, res: ServerResponse, url: URL, backend: ChatPageBackend): Promise<boolean> {
  if (url.pathname !== CHAT_PAGE_PATH && !url.pathname.startsWith(`${CHAT_PAGE_PATH}/`)) return false;
  const rest = url.pathname.slice(CHAT_PAGE_PATH.length);
  if (await servePageFile(req, res, rest, 'slack')) return true;
  try {
    await pageApi(req, res, rest, url.searchParams, backend);
  } catch (error) {
    if (error instanceof SandboxInputError) sendJson(res, error.status, { message: error.message });
    else if (error instanceof TriggerUnreachableError) sendJson(res, 502, { delivered: false, message: error.message });
    else throw error;
  }
  return true;
}

async function pageApi(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams, backend: ChatPageBackend): Promise<void> {
  const route = `${req.method ?? 'GET'} ${rest}`;
  if (route === 'GET /api/people') {
    return sendJson(res, 200, {
      workspace: { teamName: SANDBOX_WORKSPACE.teamName, botUserId: SANDBOX_WORKSPACE.botUserId, botName: 'Koji' },
      people: SANDBOX_PEOPLE.map((p) => ({ id: p.id, name: p.realName, displayName: p.displayName, role: p.role, locale: p.locale, dm: dmChannelOf(p.id) })),
    });
  }
  if (route === 'GET /api/conversation') {
    const person = knownPerson(query.get('user'));
    const messages = backend.conversation(person.id).map((m) => ({
      ts: m.ts,
      from: m.botId !== undefined ? 'bot' : 'person',
      name: m.botId !== undefined ? (m.username ?? 'Koji') : person.realName,
      isBot: m.botId !== undefined,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.editedTs ? { editedTs: m.editedTs } : {}),
      ...(m.files ? { files: m.files.map(pageFile) } : {}),
    }));
    return sendJson(res, 200, { user: person.id, channel: dmChannelOf(person.id), messages });
  }
  if (route === 'POST /api/send') {
    const body = await jsonBody(req);
    const person = knownPerson(body['user']);
    const text = body['text'];
    if (typeof text !== 'string' || text.trim() === '') throw new SandboxInputError('Type a message first.', 400);
    const trigger = await backend.sendAs(person.id, text);
    return sendJson(res, 200, { delivered: true, trigger });
  }
  // A file from the page: its bytes as the body, who shares it and what it is in the query (the words too, if any).
  if (route === 'POST /api/send-file') {
    const person = knownPerson(query.get('user'));
    const name = (query.get('name') ?? '').slice(0, 255);
    const bytes = await readBytes(req, MAX_SANDBOX_FILE_BYTES);
    if (!name || !bytes || bytes.length === 0) throw new SandboxInputError('Pick a file of at most 60 MB.', 400);
    const trigger = await backend.sendAs(person.id, query.get('text') ?? '', [{ name, mimetype: (query.get('type') || 'application/octet-stream').slice(0, 128), bytes }]);
    return sendJson(res, 200, { delivered: true, trigger });
  }
  const fileId = /^GET \/files\/(F[0-9A-F]+)$/.exec(route)?.[1];
  if (fileId) {
    const file = backend.files.get(fileId);
    if (!file) throw new SandboxInputError(`No file ${fileId}.`);
    res.setHeader('content-type', file.mimetype);
    // Shown in the page, never run: a file is a download or a picture, whatever its type says.
    res.setHeader('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', `${file.mimetype.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.end(backend.files.bytes(fileId));
    return;
  }
  if (route === 'POST /api/click') {
    const body = await jsonBody(req);
    const person = knownPerson(body['user']);
    const { ts, actionId } = body;
    if (typeof ts !== 'string' || typeof actionId !== 'string') throw new SandboxInputError('Say which message (ts) and button (actionId).', 400);
    const trigger = await backend.click(person.id, ts, actionId);
    return sendJson(res, 200, { delivered: true, trigger });
  }
  sendJson(res, 404, { message: `Nothing at ${CHAT_PAGE_PATH}${rest}` });
}

function knownPerson(userId: unknown) {
  const person = typeof userId === 'string' ? findPerson(userId) : undefined;
  if (!person) throw new SandboxInputError(`No sandbox person ${String(userId)}.`);
  return person;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  try {
    const body = JSON.parse(raw ?? '') as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new SandboxInputError('Send a JSON object.', 400);
}
