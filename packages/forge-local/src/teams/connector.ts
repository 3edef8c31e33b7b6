import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodedPath } from '../url-segment';
import { readBody, sendJson } from '../slack/http-io';
import { checkAttachments, isRecord } from './adaptive-cards';
import type { TeamsConversationStore, TeamsSandboxMessage } from './conversation-store';
import { retryAfterHeader, type FailureInjector, type TeamsOperation } from './failures';
import { stall } from '../faults';
import type { FakeEntraLogin } from './login';
import { TEAMS_SANDBOX, channelOf, personOfConversation, personalConversationId, teamsChannelAccount, type TeamsSandboxPerson } from './tenant';

/** One call the fake Bot Connector received, for tests. */
export interface TeamsApiCall {
  readonly operation: Exclude<TeamsOperation, 'token'> | 'unknown';
  readonly method: string;
  /** The path after the serviceUrl, decoded: `v3/conversations/a:1…/activities`. */
  readonly path: string;
  readonly conversationId?: string | undefined;
  readonly activityId?: string | undefined;
  /** The JSON body as sent, when there was one. */
  readonly body?: unknown;
  /** 0 when the sandbox was told never to answer. */
  readonly status: number;
  /** `error.code` of a refusal (`BotNotInConversationRoster`, `Throttled`, …), or `Unauthorized` for a 401. */
  readonly error?: string | undefined;
  /** The bot (Microsoft App ID) whose access token authorised the call; absent when it was refused. */
  readonly appId?: string | undefined;
}

/** Teams' `error.code` for an HTTP status the sandbox answers with (injected or real). */
const ERROR_CODES: Record<number, string> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'ServiceError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const ERROR_MESSAGES: Record<number, string> = {
  412: 'A potential concurrency issue prevented the operation; retry.',
  429: 'Too many requests; retry after the Retry-After delay.',
  502: 'A downstream service failed; retry.',
  503: 'The service is unavailable; retry.',
  504: 'A downstream service timed out; retry.',
};

/** Teams refuses messages over about 28 KB (text, cards and all). */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

/** A call the connector refuses, answered as `{error: {code, message}}`. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

const notInRoster = () => new Refusal(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
const conversationNotFound = () => new Refusal(404, 'ConversationNotFound', 'Conversation not found.');

type Answer = { readonly status: number; readonly body: unknown };

/** A conversation the bot can reach: a person's 1:1 (only while they have the app), or the sandbox channel (and its threads). */
type Reachable = { readonly kind: 'personal'; readonly id: string; readonly person: TeamsSandboxPerson } | { readonly kind: 'channel'; readonly id: string };

/**
 * The Bot Connector REST API (v3) at `{serviceUrl}`, as the bot calls it with
 * the access token from the token endpoint. Errors are `{error: {code,
 * message}}` with Teams' status codes; 401 is `{message}` as the service says it.
 */
export class FakeBotConnector {
  readonly calls: TeamsApiCall[] = [];

  constructor(
    private readonly store: TeamsConversationStore,
    private readonly login: FakeEntraLogin,
    private readonly failures: FailureInjector,
    private readonly serviceUrl: () => string,
    private readonly now: () => number,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    const method = req.method ?? 'GET';
    // Tolerate `{serviceUrl}/v3/…` with the serviceUrl's trailing slash doubled.
    const segments = rest.replace(/^\/+/, '').split('/').map(safeDecode);
    const path = segments.join('/');
    const route = routeOf(method, segments);
    const raw = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
    // Which bot's token authorised the call, once known.
    const caller: { appId?: string } = {};
    const record = (status: number, error?: string, body?: unknown) =>
      this.calls.push({
        operation: route.operation,
        method,
        path,
        ...(route.conversationId !== undefined ? { conversationId: route.conversationId } : {}),
        ...(route.activityId !== undefined ? { activityId: route.activityId } : {}),
        ...(body !== undefined ? { body } : {}),
        status,
        ...(error !== undefined ? { error } : {}),
        ...(caller.appId !== undefined ? { appId: caller.appId } : {}),
      });
    if (raw === undefined) {
      record(413, 'MessageSizeTooBig');
      return sendJson(res, 413, errorBody('MessageSizeTooBig', 'The request body is too large.'));
    }
    let body: unknown;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = raw;
      }
    }

    const auth = await this.login.verify(req.headers.authorization);
    if (!auth.ok) {
      record(401, 'Unauthorized', body);
      return sendJson(res, 401, { message: 'Authorization has been denied for this request.' });
    }
    caller.appId = auth.appId;
    if (route.operation === 'unknown') {
      record(404, 'NotFound', body);
      return sendJson(res, 404, errorBody('NotFound', `The Bot Connector has no ${method} ${path}.`));
    }
    const fault = this.failures.take(route.operation);
    if (fault && 'stallMs' in fault) await stall(fault.stallMs);
    if (fault && 'reset' in fault) {
      // With afterEffect the call happens (the message is sent) and only the answer is lost.
      if (fault.afterEffect) {
        try {
          this.answer(route, body, raw);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
        }
      }
      record(0, 'ConnectionReset', body);
      req.socket.destroy();
      return;
    }
    const failure = fault && 'status' in fault ? fault : undefined;
    if (failure?.misbehaviour === 'hang') {
      // No answer until the caller gives up (or the server closes the connection).
      record(0, 'NoAnswer', body);
      await new Promise<void>((resolve) => res.on('close', () => resolve()));
      return;
    }
    if (failure?.misbehaviour === 'garbage') {
      record(200, 'NotJson', body);
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><body>Service Unavailable</body></html>');
      return;
    }
    if (failure) {
      const code = ERROR_CODES[failure.status] ?? 'ServiceError';
      record(failure.status, code, body);
      return sendJson(res, failure.status, errorBody(code, ERROR_MESSAGES[failure.status] ?? `Failed with HTTP ${failure.status} (injected by the sandbox).`), retryAfterHeader(failure));
    }
    try {
      const answer = this.answer(route, body, raw);
      record(answer.status, undefined, body);
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      record(error.status, error.code, body);
      sendJson(res, error.status, errorBody(error.code, error.message));
    }
  }

  private answer(route: Route, body: unknown, raw: string): Answer {
    switch (route.operation) {
      case 'createConversation':
        return this.createConversation(body);
      case 'send':
      case 'reply':
        return this.send(this.reachable(route.conversationId), body, raw, route.activityId);
      case 'update':
        return this.update(this.reachable(route.conversationId), route.activityId ?? '', body, raw);
      case 'delete':
        return this.remove(this.reachable(route.conversationId), route.activityId ?? '');
      case 'members':
        return this.members(this.reachable(route.conversationId), route);
      default:
        throw new Refusal(404, 'NotFound', 'No such operation.');
    }
  }

  private reachable(conversationId: string | undefined): Reachable {
    const id = conversationId ?? '';
    const person = personOfConversation(id);
    if (person) {
      if (!this.store.isInstalled(person.id)) throw notInRoster();
      return { kind: 'personal', id, person };
    }
    const channel = channelOf(id);
    if (channel) return { kind: 'channel', id: channel };
    throw conversationNotFound();
  }

  private createConversation(body: unknown): Answer {
    if (!isRecord(body)) throw new Refusal(400, 'BadArgument', 'Send the conversation parameters as a JSON object.');
    const bot = isRecord(body['bot']) ? body['bot']['id'] : undefined;
    if (!([TEAMS_SANDBOX.botId, TEAMS_SANDBOX.appId, TEAMS_SANDBOX.secondBot.botId, TEAMS_SANDBOX.secondBot.appId] as readonly unknown[]).includes(bot)) throw new Refusal(400, 'BadArgument', `bot.id must be the bot (${TEAMS_SANDBOX.botId}).`);
    const channelData = isRecord(body['channelData']) ? body['channelData'] : {};
    const tenantId = typeof body['tenantId'] === 'string' ? body['tenantId'] : isRecord(channelData['tenant']) ? channelData['tenant']['id'] : undefined;
    if (typeof tenantId !== 'string' || tenantId === '') throw new Refusal(400, 'BadArgument', 'A tenant id is required (tenantId or channelData.tenant.id).');
    if (tenantId !== TEAMS_SANDBOX.tenantId) throw new Refusal(403, 'Forbidden', `The bot is not installed in tenant ${tenantId}.`);
    const members = Array.isArray(body['members']) ? (body['members'] as unknown[]) : [];
    if (body['isGroup'] === true || members.length !== 1) throw new Refusal(400, 'BadArgument', 'The sandbox creates 1:1 conversations only: isGroup false and exactly one member.');
    const member = members[0];
    const memberId = isRecord(member) ? (member['id'] ?? member['aadObjectId']) : undefined;
    const person = typeof memberId === 'string' ? memberOfTenant(memberId) : undefined;
    if (!person) throw new Refusal(404, 'NotFound', `No user ${String(memberId)} in the tenant.`);
    if (!this.store.isInstalled(person.id)) throw notInRoster();
    const id = personalConversationId(person);
    if (isRecord(body['activity'])) {
      const sent = this.send({ kind: 'personal', id, person }, body['activity'], JSON.stringify(body['activity']), undefined);
      return { status: 201, body: { id, activityId: (sent.body as { id?: string }).id } };
    }
    return { status: 201, body: { id } };
  }

  private send(target: Reachable, body: unknown, raw: string, replyToId: string | undefined): Answer {
    const activity = this.checkActivity(body, raw);
    if (activity['type'] === 'typing') return { status: 201, body: {} };
    const id = this.store.nextId();
    const timestamp = new Date(this.now()).toISOString();
    const stored = this.botMessage(target, id, timestamp, activity, replyToId ?? (typeof activity['replyToId'] === 'string' ? activity['replyToId'] : undefined));
    this.store.add(stored);
    return { status: 201, body: { id } };
  }

  private update(target: Reachable, activityId: string, body: unknown, raw: string): Answer {
    const existing = this.store.get(target.id, activityId);
    if (!existing) throw new Refusal(404, 'NotFound', `No activity ${activityId} in the conversation.`);
    if (existing.from !== 'bot') throw new Refusal(403, 'Forbidden', 'The bot can only update its own activities.');
    const activity = this.checkActivity(body, raw);
    const updated = this.botMessage(target, activityId, existing.timestamp, activity, existing.replyToId);
    this.store.replace(target.id, activityId, { ...updated, updatedAt: new Date(this.now()).toISOString() });
    return { status: 200, body: { id: activityId } };
  }

  private remove(target: Reachable, activityId: string): Answer {
    const existing = this.store.get(target.id, activityId);
    if (!existing) throw new Refusal(404, 'NotFound', `No activity ${activityId} in the conversation.`);
    if (existing.from !== 'bot') throw new Refusal(403, 'Forbidden', 'The bot can only delete its own activities.');
    this.store.remove(target.id, activityId);
    return { status: 200, body: {} };
  }

  private members(target: Reachable, route: Route): Answer {
    const roster = target.kind === 'personal' ? [target.person] : [...TEAMS_SANDBOX.people];
    if (route.memberId !== undefined) {
      const member = memberOfTenant(route.memberId);
      if (!member || !roster.includes(member)) throw new Refusal(404, 'MemberNotFoundInConversation', 'The member was not found in the conversation.');
      return { status: 200, body: teamsChannelAccount(member) };
    }
    const accounts = roster.map(teamsChannelAccount);
    return { status: 200, body: route.paged ? { members: accounts } : accounts };
  }

  private checkActivity(body: unknown, raw: string): Record<string, unknown> {
    if (!isRecord(body)) throw new Refusal(400, 'BadArgument', 'Send the activity as a JSON object.');
    const type = body['type'];
    if (type !== 'message' && type !== 'typing') throw new Refusal(400, 'BadArgument', `Unsupported activity type ${JSON.stringify(type)}; send "message" (or "typing").`);
    if (Buffer.byteLength(raw, 'utf8') > MAX_ACTIVITY_BYTES) throw new Refusal(413, 'MessageSizeTooBig', 'Message size too large.');
    if (type === 'typing') return body;
    const checked = checkAttachments(body['attachments']);
    if (!checked.ok) throw new Refusal(400, 'BadArgument', checked.message);
    const text = body['text'];
    if (text !== undefined && text !== null && typeof text !== 'string') throw new Refusal(400, 'BadArgument', 'text must be a string.');
    if ((typeof text !== 'string' || text.trim() === '') && !checked.attachments?.length) throw new Refusal(400, 'BadArgument', 'The activity has neither text nor attachments.');
    return body;
  }

  private botMessage(target: Reachable, id: string, timestamp: string, activity: Record<string, unknown>, replyToId: string | undefined): TeamsSandboxMessage {
    const conversation = isRecord(activity['conversation']) ? activity['conversation'] : {};
    const text = typeof activity['text'] === 'string' ? activity['text'] : undefined;
    const textFormat = typeof activity['textFormat'] === 'string' ? activity['textFormat'] : 'markdown';
    const attachments = checkAttachments(activity['attachments']);
    return {
      conversationId: target.id,
      id,
      from: 'bot',
      senderId: TEAMS_SANDBOX.botId,
      kind: 'message',
      text,
      textFormat,
      attachments: attachments.ok ? attachments.attachments : undefined,
      replyToId,
      timestamp,
      activity: {
        ...activity,
        id,
        timestamp,
        channelId: 'msteams',
        serviceUrl: this.serviceUrl(),
        from: { id: TEAMS_SANDBOX.botId, name: TEAMS_SANDBOX.botName, ...(isRecord(activity['from']) ? activity['from'] : {}) },
        conversation: { ...conversation, id: target.id },
        ...(replyToId !== undefined ? { replyToId } : {}),
      },
    };
  }
}

interface Route {
  readonly operation: TeamsApiCall['operation'];
  readonly conversationId?: string;
  readonly activityId?: string;
  readonly memberId?: string;
  readonly paged?: boolean;
}

/** `v3/conversations[/{id}[/activities[/{activityId}]|/members[/{memberId}]|/pagedmembers]]` by HTTP method. */
function routeOf(method: string, segments: readonly string[]): Route {
  const [v3, conversations, conversationId, collection, itemId, ...extra] = segments;
  if (v3 !== 'v3' || conversations !== 'conversations' || extra.length > 0) return { operation: 'unknown' };
  if (conversationId === undefined || conversationId === '') return method === 'POST' ? { operation: 'createConversation' } : { operation: 'unknown' };
  const item = itemId === undefined || itemId === '' ? undefined : itemId;
  if (collection === 'activities') {
    if (method === 'POST') return item === undefined ? { operation: 'send', conversationId } : { operation: 'reply', conversationId, activityId: item };
    if (method === 'PUT' && item !== undefined) return { operation: 'update', conversationId, activityId: item };
    if (method === 'DELETE' && item !== undefined) return { operation: 'delete', conversationId, activityId: item };
  }
  if (method === 'GET' && collection === 'members') return { operation: 'members', conversationId, ...(item !== undefined ? { memberId: item } : {}) };
  if (method === 'GET' && collection === 'pagedmembers' && item === undefined) return { operation: 'members', conversationId, paged: true };
  return { operation: 'unknown', conversationId };
}

/** A user by Teams id (`29:…`) or Entra object id, the two ids the connector takes for a member. */
function memberOfTenant(id: string): TeamsSandboxPerson | undefined {
  return TEAMS_SANDBOX.people.find((p) => p.id === id || p.aadObjectId === id);
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function safeDecode(segment: string): string {
  return decodedPath(segment) ?? segment;
}
