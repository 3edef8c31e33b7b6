import { boundedString, isRecord, isSlackId, isSlackTs, isToken, MAX_BODY_CHARS } from '../chat/payload-checks';

/**
 * What Slack can post to the web trigger, narrowed from the raw body. Nothing
 * here is trusted until the signature is checked; parsing only finds which
 * workspace's secret to check it with.
 */
export type SlackRequest =
  | { readonly kind: 'url-verification'; readonly challenge: string }
  | {
      readonly kind: 'event';
      readonly teamId: string;
      readonly appId: string | undefined;
      readonly eventId: string;
      readonly eventTime: number;
      readonly event: Record<string, unknown>;
    }
  | { readonly kind: 'block-actions'; readonly teamId: string; readonly appId: string | undefined; readonly payload: BlockActionsPayload }
  | { readonly kind: 'rate-limited'; readonly teamId: string }
  | { readonly kind: 'other'; readonly teamId: string | undefined; readonly type: string };

export interface BlockActionsPayload {
  readonly user: { readonly id: string; readonly name?: string | undefined };
  readonly container?: { readonly message_ts?: string | undefined; readonly channel_id?: string | undefined } | undefined;
  /** The message the button was on, as Slack shows it (absent for ephemeral messages and views). */
  readonly message?: { readonly ts?: string | undefined; readonly text?: string | undefined; readonly blocks?: unknown } | undefined;
  readonly actions: ReadonlyArray<{ readonly action_id: string; readonly value?: string | undefined; readonly action_ts: string }>;
}

export type ParsedSlackRequest = { readonly ok: true; readonly request: SlackRequest } | { readonly ok: false; readonly reason: string };

export function parseSlackRequest(rawBody: string, contentType: string | undefined): ParsedSlackRequest {
  if (rawBody.length > MAX_BODY_CHARS) return { ok: false, reason: 'The body is larger than any Slack payload.' };
  let body: unknown;
  try {
    body = contentType?.includes('application/x-www-form-urlencoded') ? formPayload(rawBody) : JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'The body is neither JSON nor a form with a JSON payload.' };
  }
  if (!isRecord(body) || !isToken(body['type'], 64)) return { ok: false, reason: 'The body has no type.' };
  const type = body['type'];
  // An app id that is there must look like one: it is compared and logged, never trusted blindly.
  if (body['api_app_id'] !== undefined && !isSlackId(body['api_app_id'])) return { ok: false, reason: 'The api_app_id is malformed.' };
  const appId = body['api_app_id'];

  if (type === 'url_verification') {
    const challenge = boundedString(body['challenge'], 256);
    return challenge ? { ok: true, request: { kind: 'url-verification', challenge } } : { ok: false, reason: 'url_verification without a challenge.' };
  }
  if (type === 'event_callback') {
    const { team_id: teamId, event_id: eventId, event_time: eventTime, event } = body;
    if (!isSlackId(teamId) || !isSlackId(eventId) || !isRecord(event)) {
      return { ok: false, reason: 'event_callback without a well-formed team_id, event_id or event.' };
    }
    const time = typeof eventTime === 'number' && Number.isFinite(eventTime) ? eventTime : 0;
    return { ok: true, request: { kind: 'event', teamId, appId, eventId, eventTime: time, event } };
  }
  if (type === 'block_actions') {
    const team = body['team'];
    if (!isRecord(team) || !isSlackId(team['id'])) return { ok: false, reason: 'block_actions without a well-formed team.' };
    const payload = blockActionsPayload(body);
    if (!payload) return { ok: false, reason: 'block_actions with a malformed user, action, container or message.' };
    return { ok: true, request: { kind: 'block-actions', teamId: team['id'], appId, payload } };
  }
  const teamId = body['team_id'] ?? (isRecord(body['team']) ? body['team']['id'] : undefined);
  if (teamId !== undefined && !isSlackId(teamId)) return { ok: false, reason: 'The team id is malformed.' };
  if (type === 'app_rate_limited' && teamId !== undefined) {
    return { ok: true, request: { kind: 'rate-limited', teamId } };
  }
  return { ok: true, request: { kind: 'other', teamId, type } };
}

/** Slack sends at most 25 elements in an actions block; one click carries one. */
const MAX_ACTIONS = 25;

/**
 * The click payload rebuilt from checked fields only: what the app reads
 * later (ids into keys, ts into times, the message back to chat.update) has
 * passed a type, length and charset check here.
 */
function blockActionsPayload(body: Record<string, unknown>): BlockActionsPayload | undefined {
  const { user, actions, container, message } = body;
  if (!isRecord(user) || !isSlackId(user['id']) || !Array.isArray(actions) || actions.length > MAX_ACTIONS) return undefined;
  const checked: Array<BlockActionsPayload['actions'][number]> = [];
  for (const a of actions) {
    if (!isRecord(a) || !isToken(a['action_id'], 255) || !isSlackTs(a['action_ts'])) return undefined;
    if (a['value'] !== undefined && boundedString(a['value'], 2000) === undefined) return undefined;
    checked.push({ action_id: a['action_id'], value: boundedString(a['value'], 2000), action_ts: a['action_ts'] });
  }
  if (container !== undefined && !isRecord(container)) return undefined;
  if (message !== undefined && !isRecord(message)) return undefined;
  const channelId = container?.['channel_id'];
  const containerTs = container?.['message_ts'];
  const messageTs = message?.['ts'];
  if ((channelId !== undefined && !isSlackId(channelId)) || (containerTs !== undefined && !isSlackTs(containerTs)) || (messageTs !== undefined && !isSlackTs(messageTs))) {
    return undefined;
  }
  return {
    user: { id: user['id'], name: boundedString(user['name'], 256) },
    container: container ? { channel_id: channelId, message_ts: containerTs } : undefined,
    message: message ? { ts: messageTs, text: boundedString(message['text'], 40_000), blocks: message['blocks'] } : undefined,
    actions: checked,
  };
}

function formPayload(rawBody: string): unknown {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null) throw new Error('no payload field');
  return JSON.parse(payload);
}

export { isRecord };
