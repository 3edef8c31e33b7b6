import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_STATUSES, type JsmStandIn } from '../jira/jsm-stand-in';
import { isLoopbackHost, isLoopbackPeer } from '../loopback';
import { readRequestBody } from '../request-body';
import { html } from './html';
import { issueKeyOf, MAX_COMMENT_CHARS, problem, TICKETS_PATH, type Answer } from './ticket-pages';

/**
 * What a JSM agent does on a ticket's page, posted by its forms (ticketForms): Jira then emits its product event
 * to the app, as on a real site. Only from this server's own page on this machine.
 *
 * Answers a form post to `/jira/browse/<KEY>/comment` or `/transition`; false when the path is neither. */
export async function ticketAction(jsm: JsmStandIn, req: IncomingMessage, res: ServerResponse, pathname: string, baseUrl: string): Promise<Answer | 'done' | false> {
  const match = new RegExp(`^${TICKETS_PATH}/([^/]{1,40})/(comment|transition)$`).exec(pathname);
  if (!match || req.method !== 'POST') return false;
  if (!isLoopbackPeer(req.socket.remoteAddress) || !fromThisServer(req.headers.origin, baseUrl)) {
    return problem(403, 'Not from here', html`<p>Tickets are worked on from their page on this server, on this machine.</p>`);
  }
  const key = issueKeyOf(match[1] ?? '');
  if (!key || !jsm.ticket(key)) return problem(404, 'No such ticket', html`<p>There is no such ticket on the local Jira.</p>`);
  const raw = await readRequestBody(req, 4 * MAX_COMMENT_CHARS);
  const form = new URLSearchParams(raw ?? '');
  if (match[2] === 'comment') {
    const body = form.get('body') ?? '';
    if (raw === undefined || body.length > MAX_COMMENT_CHARS || !jsm.agentComment(key, body, form.get('visibility') === 'internal')) {
      return problem(400, 'Comment not added', html`<p>A comment needs some text, at most ${String(MAX_COMMENT_CHARS)} characters.</p>`);
    }
  } else {
    const status = form.get('status') ?? '';
    if (!LOCAL_STATUSES.some((s) => s.name === status)) return problem(400, 'No such status', html`<p>Pick one of the workflow’s statuses.</p>`);
    jsm.transition(key, status);
  }
  res.writeHead(303, { location: `${TICKETS_PATH}/${key}` }).end();
  return 'done';
}

/** No `Origin` (a form from a tool on this machine), or this server's own pages. */
function fromThisServer(origin: string | undefined, baseUrl: string): boolean {
  if (origin === undefined) return true;
  try {
    const from = new URL(origin);
    return isLoopbackHost(from.hostname) && from.port === new URL(baseUrl).port && from.protocol === 'http:';
  } catch {
    return false;
  }
}
