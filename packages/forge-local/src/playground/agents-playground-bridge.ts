import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue, readBody, sendJson } from '../slack/http-io';
import { TriggerUnreachableError } from '../slack/trigger-delivery';
import { deliverActivity } from '../teams/delivery';
import { isLoopbackHost, isLoopbackPeer } from '../loopback';
import { toPlaygroundTenant, type PlaygroundActivity } from './playground-activity';

/** The messaging endpoint `npm run playground` points the Agents Playground at. */
export const PLAYGROUND_MESSAGES_PATH = '/playground/api/messages';

export interface AgentsPlaygroundBridgeOptions {
  /** The Bot Connector token the Teams sandbox would send with this activity (signed with its key). */
  readonly sign: (activity: { readonly serviceUrl: string }) => Promise<string | undefined>;
  /** The app's real Teams web trigger (read at each delivery). */
  readonly webTriggerUrl: () => string;
  /** Connects the playground tenant when it is not connected yet. */
  readonly ensureTenant: () => Promise<void>;
}

/**
 * The Agents Playground's way into Koji on this machine. The Playground posts
 * activities with no token and runs its own mock Bot Connector; Koji's Teams
 * web trigger accepts only activities with a valid Bot Framework token, and
 * stays that way. So the local platform vouches for the Playground the way
 * the Bot Connector vouches for Teams: it files the activity under the
 * playground tenant, signs it with the Teams sandbox's key (the one the app
 * trusts locally, never in a deployment), and forwards it to the web trigger.
 *
 * Only a request made on this machine by a program is bridged: from loopback,
 * to a loopback Host, through no proxy or tunnel, not from a browser page.
 */
export class AgentsPlaygroundBridge {
  /** Activities forwarded, and how the web trigger answered them (for tests). */
  readonly forwarded: { readonly activity: PlaygroundActivity; readonly status: number }[] = [];
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: AgentsPlaygroundBridgeOptions) {}

  /** For `LocalRoutes.extra`: true when the request was for the bridge. */
  readonly routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== PLAYGROUND_MESSAGES_PATH) return false;
    const refusal = refuseUnlessLocal(req);
    if (refusal) {
      sendJson(res, 403, { error: 'not_local', message: refusal });
      return true;
    }
    if (req.method === 'HEAD' || req.method === 'GET') {
      // The Playground waits for its endpoint to answer before it starts.
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(req.method === 'GET' ? 'Koji’s endpoint for the Microsoft 365 Agents Playground: it POSTs activities here (npm run playground).\n' : undefined);
      return true;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed', message: 'POST an activity.' });
      return true;
    }
    await this.forward(req, res);
    return true;
  };

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(headerValue(req, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(res, 415, { error: 'unsupported_media_type', message: 'Send the activity as application/json.' });
    }
    const raw = await readBody(req);
    if (raw === undefined) return sendJson(res, 413, { error: 'too_large', message: 'The activity is larger than the bridge takes.' });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: 'malformed_activity', message: 'The body is not JSON.' });
    }
    const mapped = toPlaygroundTenant(body);
    if (!mapped.ok) return sendJson(res, 400, { error: 'malformed_activity', message: mapped.reason });
    try {
      await this.tenantConnected();
    } catch (error) {
      return sendJson(res, 502, { error: 'tenant_not_connected', message: `The Agents Playground tenant could not be connected: ${(error as Error).message}` });
    }
    const token = await this.options.sign(mapped.activity);
    try {
      const answer = await deliverActivity(this.options.webTriggerUrl(), mapped.activity, token);
      this.forwarded.push({ activity: mapped.activity, status: answer.status });
      res.statusCode = answer.status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(answer.body);
    } catch (error) {
      if (!(error instanceof TriggerUnreachableError)) throw error;
      sendJson(res, 502, { error: 'web_trigger_unreachable', message: error.message });
    }
  }

  /** One connection attempt at a time: the Playground sends installationUpdate and conversationUpdate back to back. */
  private tenantConnected(): Promise<void> {
    this.connecting ??= this.options.ensureTenant().finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}

/**
 * Why a request may not use the bridge, or undefined when it may: it must come
 * from this machine (loopback peer), be addressed to it (a loopback Host, so a
 * DNS-rebound page cannot reach it), carry no `Forwarded`/`X-Forwarded-For`
 * (a tunnel or proxy relays it from elsewhere) and no `Origin` (a browser page
 * sent it; the Playground's server does not).
 */
export function refuseUnlessLocal(req: Pick<IncomingMessage, 'headers' | 'socket'>): string | undefined {
  const peer = req.socket.remoteAddress ?? '';
  if (!isLoopbackPeer(peer)) return 'The Agents Playground bridge answers only requests from this machine.';
  const host = hostnameOf(req.headers.host);
  if (!host || !isLoopbackHost(host)) return 'The Agents Playground bridge answers only requests addressed to localhost.';
  if (req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined || req.headers['x-forwarded-host'] !== undefined) {
    return 'The Agents Playground bridge does not answer requests relayed by a proxy or tunnel.';
  }
  if (req.headers.origin !== undefined) return 'The Agents Playground bridge does not answer requests from web pages.';
  return undefined;
}

function hostnameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}
