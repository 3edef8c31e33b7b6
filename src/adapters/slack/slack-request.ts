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
  readonly container?: { readonly message_ts?: string; readonly channel_id?: string } | undefined;
  /** The message the button was on, as Slack shows it (absent for ephemeral messages and views). */
  readonly message?: { readonly ts?: string; readonly text?: string; readonly blocks?: unknown } | undefined;
  readonly actions: ReadonlyArray<{ readonly action_id: string; readonly value?: string | undefined; readonly action_ts: string }>;
}

export type ParsedSlackRequest = { readonly ok: true; readonly request: SlackRequest } | { readonly ok: false; readonly reason: string };

export function parseSlackRequest(rawBody: string, contentType: string | undefined): ParsedSlackRequest {
  let body: unknown;
  try {
    body = contentType?.includes('application/x-www-form-urlencoded') ? formPayload(rawBody) : JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'The body is neither JSON nor a form with a JSON payload.' };
  }
  if (!isRecord(body) || typeof body['type'] !== 'string') return { ok: false, reason: 'The body has no type.' };
  const type = body['type'];
  const appId = typeof body['api_app_id'] === 'string' ? body['api_app_id'] : undefined;

  if (type === 'url_verification') {
    return typeof body['challenge'] === 'string'
      ? { ok: true, request: { kind: 'url-verification', challenge: body['challenge'] } }
      : { ok: false, reason: 'url_verification without a challenge.' };
  }
  if (type === 'event_callback') {
    const { team_id: teamId, event_id: eventId, event_time: eventTime, event } = body;
    if (typeof teamId !== 'string' || typeof eventId !== 'string' || !isRecord(event)) {
      return { ok: false, reason: 'event_callback without team_id, event_id or event.' };
    }
    return { ok: true, request: { kind: 'event', teamId, appId, eventId, eventTime: typeof eventTime === 'number' ? eventTime : 0, event } };
  }
  if (type === 'block_actions') {
    const team = body['team'];
    const user = body['user'];
    const actions = body['actions'];
    if (!isRecord(team) || typeof team['id'] !== 'string' || !isRecord(user) || typeof user['id'] !== 'string' || !Array.isArray(actions)) {
      return { ok: false, reason: 'block_actions without team, user or actions.' };
    }
    const valid = actions.every((a) => isRecord(a) && typeof a['action_id'] === 'string' && typeof a['action_ts'] === 'string');
    if (!valid) return { ok: false, reason: 'block_actions with a malformed action.' };
    return { ok: true, request: { kind: 'block-actions', teamId: team['id'], appId, payload: body as unknown as BlockActionsPayload } };
  }
  if (type === 'app_rate_limited' && typeof body['team_id'] === 'string') {
    return { ok: true, request: { kind: 'rate-limited', teamId: body['team_id'] } };
  }
  const teamId = typeof body['team_id'] === 'string' ? body['team_id'] : isRecord(body['team']) && typeof body['team']['id'] === 'string' ? body['team']['id'] : undefined;
  return { ok: true, request: { kind: 'other', teamId, type } };
}

function formPayload(rawBody: string): unknown {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null) throw new Error('no payload field');
  return JSON.parse(payload);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
