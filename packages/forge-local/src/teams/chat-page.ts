import type { IncomingMessage, ServerResponse } from 'node:http';
import { servePageFile } from '../chat-page/page-files';
import { MAX_SANDBOX_FILE_BYTES, readBytes } from '../slack/file-store';
import { readBody, sendJson } from '../slack/http-io';
import { TriggerUnreachableError, type TriggerResponse } from '../slack/trigger-delivery';
import { numberSubmitActions } from './adaptive-cards';
import type { TeamsSandboxMessage } from './conversation-store';
import { FakeOneDrive } from './onedrive';
import type { TeamsSharedFile } from './shared-files';
import { TEAMS_SANDBOX, findTeamsPerson, personalConversationId, type TeamsSandboxPerson } from './tenant';

export const TEAMS_CHAT_PAGE_PATH = '/sandbox/teams';

/** What the page needs from the sandbox; every install, send and click goes through the web trigger with a Bot Connector token. */
export interface TeamsChatPageBackend {
  conversation(ref: string): TeamsSandboxMessage[];
  isInstalled(ref: string): boolean;
  install(ref: string): Promise<{ installationUpdate: TriggerResponse; conversationUpdate: TriggerResponse }>;
  uninstall(ref: string): Promise<TriggerResponse>;
  sendAs(ref: string, text: string, files?: readonly TeamsSharedFile[]): Promise<TriggerResponse>;
  clickSubmit(ref: string, activityId: string, action: number): Promise<TriggerResponse>;
  answerConsent(ref: string, activityId: string, action: 'accept' | 'decline'): Promise<TriggerResponse>;
}

/** A request that cannot be carried out: unknown person or message (404), bad input (400), app not installed (409). */
export class TeamsSandboxInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 404,
  ) {
    super(message);
    this.name = 'TeamsSandboxInputError';
  }
}

/** The chat page at /sandbox/teams: its files, and the JSON endpoints under /sandbox/teams/api/. */
export async function teamsChatPageRoute(req: IncomingMessage, res: ServerResponse, url: URL, backend: TeamsChatPageBackend): Promise<boolean> {
  if (url.pathname !== TEAMS_CHAT_PAGE_PATH && !url.pathname.startsWith(`${TEAMS_CHAT_PAGE_PATH}/`)) return false;
  const rest = url.pathname.slice(TEAMS_CHAT_PAGE_PATH.length);
  if (await servePageFile(req, res, rest, 'teams')) return true;
  try {
    await pageApi(req, res, rest, url.searchParams, backend);
  } catch (error) {
    if (error instanceof TeamsSandboxInputError) sendJson(res, error.status, { message: error.message });
    else if (error instanceof TriggerUnreachableError) sendJson(res, 502, { delivered: false, message: error.message });
    else throw error;
  }
  return true;
}

async function pageApi(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams, backend: TeamsChatPageBackend): Promise<void> {
  const route = `${req.method ?? 'GET'} ${rest}`;
  if (route === 'GET /api/people') {
    return sendJson(res, 200, {
      tenant: { id: TEAMS_SANDBOX.tenantId, name: TEAMS_SANDBOX.tenantName },
      bot: { id: TEAMS_SANDBOX.botId, name: TEAMS_SANDBOX.botName },
      people: TEAMS_SANDBOX.people.map((p) => ({
        key: p.key,
        id: p.id,
        name: p.name,
        email: p.email,
        role: p.role,
        locale: p.locale,
        installed: backend.isInstalled(p.key),
        conversationId: personalConversationId(p),
      })),
    });
  }
  if (route === 'GET /api/conversation') {
    const person = knownPerson(query.get('person'));
    return sendJson(res, 200, {
      person: person.key,
      conversationId: personalConversationId(person),
      installed: backend.isInstalled(person.key),
      messages: backend.conversation(person.key).map((m) => pageMessage(m, person)),
    });
  }
  if (route === 'POST /api/install' || route === 'POST /api/uninstall') {
    const person = knownPerson((await jsonBody(req))['person']);
    if (rest === '/api/install') {
      const installed = await backend.install(person.key);
      return sendJson(res, 200, { delivered: true, triggers: [installed.installationUpdate, installed.conversationUpdate] });
    }
    return sendJson(res, 200, { delivered: true, triggers: [await backend.uninstall(person.key)] });
  }
  if (route === 'POST /api/send') {
    const body = await jsonBody(req);
    const person = knownPerson(body['person']);
    const text = body['text'];
    if (typeof text !== 'string' || text.trim() === '') throw new TeamsSandboxInputError('Type a message first.', 400);
    return sendJson(res, 200, { delivered: true, triggers: [await backend.sendAs(person.key, text)] });
  }
  // A file from the page: its bytes as the body; who, its name and type, the words, and `pasted=1` (a picture pasted in) in the query.
  if (route === 'POST /api/send-file') {
    const person = knownPerson(query.get('person'));
    const name = (query.get('name') ?? '').slice(0, 255);
    const bytes = await readBytes(req, MAX_SANDBOX_FILE_BYTES);
    if (!name || !bytes || bytes.length === 0) throw new TeamsSandboxInputError('Pick a file of at most 60 MB.', 400);
    const mimetype = (query.get('type') || 'application/octet-stream').slice(0, 128);
    const pasted = query.get('pasted') === '1';
    if (pasted && !/^image\//.test(mimetype)) throw new TeamsSandboxInputError('Only a picture can be pasted.', 400);
    return sendJson(res, 200, { delivered: true, triggers: [await backend.sendAs(person.key, query.get('text') ?? '', [{ name, mimetype, bytes, pasted }])] });
  }
  if (route === 'POST /api/submit') {
    const body = await jsonBody(req);
    const person = knownPerson(body['person']);
    const { activityId, action } = body;
    if (typeof activityId !== 'string' || typeof action !== 'number') throw new TeamsSandboxInputError('Say which message (activityId) and which Action.Submit (action, a number).', 400);
    return sendJson(res, 200, { delivered: true, triggers: [await backend.clickSubmit(person.key, activityId, action)] });
  }
  if (route === 'POST /api/consent') {
    const body = await jsonBody(req);
    const person = knownPerson(body['person']);
    const { activityId, action } = body;
    if (typeof activityId !== 'string' || (action !== 'accept' && action !== 'decline')) throw new TeamsSandboxInputError('Say which message (activityId) and accept or decline (action).', 400);
    return sendJson(res, 200, { delivered: true, triggers: [await backend.answerConsent(person.key, activityId, action)] });
  }
  sendJson(res, 404, { message: `Nothing at ${TEAMS_CHAT_PAGE_PATH}${rest}` });
}

/** A message as the page shows it; Action.Submit buttons carry the index the page sends back. */
function pageMessage(m: TeamsSandboxMessage, person: TeamsSandboxPerson): Record<string, unknown> {
  return {
    id: m.id,
    from: m.from,
    name: m.from === 'bot' ? TEAMS_SANDBOX.botName : person.name,
    kind: m.kind,
    timestamp: m.timestamp,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.textFormat !== undefined ? { textFormat: m.textFormat } : {}),
    ...(m.attachments ? { attachments: numberSubmitActions(m.attachments).map(withDownload) } : {}),
    ...(m.value !== undefined ? { value: m.value } : {}),
    ...(m.updatedAt ? { updatedAt: m.updatedAt } : {}),
  };
}

/** A file info card's OneDrive link, as the page downloads it from the platform's fake OneDrive. */
function withDownload(attachment: Record<string, unknown>): Record<string, unknown> {
  const path = typeof attachment['contentUrl'] === 'string' ? FakeOneDrive.pagePath(attachment['contentUrl']) : undefined;
  return path ? { ...attachment, sandboxDownload: path } : attachment;
}

function knownPerson(ref: unknown): TeamsSandboxPerson {
  const person = typeof ref === 'string' ? findTeamsPerson(ref) : undefined;
  if (!person) throw new TeamsSandboxInputError(`No sandbox person ${String(ref)}.`);
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
  throw new TeamsSandboxInputError('Send a JSON object.', 400);
}
