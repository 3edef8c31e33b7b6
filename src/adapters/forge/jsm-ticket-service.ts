import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { CreatedTicket, Logger, TicketRequest, TicketService } from '../../app/ports';
import { TicketInProgressError, TicketServiceError } from '../../domain/errors';
import type { TranscriptCursor } from '../../domain/conversation';
import { cursorOf, isAfter, type TranscriptLine } from '../../domain/transcript';
import { jsonLogger } from '../system/json-logger';
import { jiraErrorText, jiraFailure, jiraTimeout, type JiraAction } from './jira-failures';
import { requestHeader, type RaisedAs } from './jsm-request-header';
import { serviceDeskProject } from './jsm-service-desks';
import { KvsTicketLinks, ownerOf } from './kvs-ticket-links';
import { fittedTranscriptDocument, transcriptComments, type AdfDocument } from './transcript-adf';
import { withTimeout } from '../system/with-timeout';
import { messageOf } from '../../domain/koji-error';

/** The slice of `requestJira` this adapter uses, so it can run as the app or against another route to Jira. */
export type RequestJira = (
  path: ReturnType<typeof route>,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<JiraResponse>;

interface JiraResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** The issue property that ties a ticket to its conversation; manifest.yml indexes it for JQL. */
export const CONVERSATION_PROPERTY = 'koji-conversation';

export interface ConversationProperty {
  readonly conversationId: string;
  readonly channel: string;
  readonly userName: string;
  readonly operatorName?: string | undefined;
}

/**
 * A Jira call gets this long. Web triggers run at most 55 s on Forge and a
 * ticket takes up to six calls, so one hanging call must not use them up.
 */
export const JIRA_TIMEOUT_MS = 8_000;

/**
 * A claim older than this belongs to an invocation that is gone: Forge stops
 * the longest (the queue consumer) after 120 s.
 */
export const CLAIM_STALE_MS = 150_000;

/** Setting the issue property is tried this often: without it the ticket has no Koji panel. */
const PROPERTY_ATTEMPTS = 3;

export interface JsmTicketServiceOptions {
  readonly requestJira?: RequestJira;
  readonly links?: KvsTicketLinks;
  readonly timeoutMs?: number;
  /** Pause before trying the issue property again. */
  readonly retryDelayMs?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

/**
 * Tickets as Jira Service Management requests, created as the app (chat
 * platforms carry no Atlassian identity) and raised on behalf of the user when
 * their chat e-mail matches a Jira account. The transcript goes into the
 * description as Atlassian Document Format; what does not fit, and later lines,
 * become comments, also as documents, so nothing a chat user typed is read as markup.
 */
export class JsmTicketService implements TicketService {
  private readonly requestJira: RequestJira;
  private readonly links: KvsTicketLinks;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(options: JsmTicketServiceOptions = {}) {
    this.requestJira = options.requestJira ?? ((path, init) => api.asApp().requestJira(path, init));
    this.links = options.links ?? new KvsTicketLinks(kvs);
    this.timeoutMs = options.timeoutMs ?? JIRA_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? jsonLogger();
  }

  async createTicket(request: TicketRequest): Promise<CreatedTicket> {
    // One ticket per conversation: the claim is taken before Jira is asked, so a retry or a second
    // #create_ticket at the same moment finds the first ticket (or its creation under way).
    const existing = await this.claimOrFind(request);
    if (existing) {
      // An earlier attempt made it and stopped before its conversation knew: say so, and how much of
      // the conversation the ticket holds, so the caller adds the rest instead of announcing a new ticket.
      return { ...existing.ticket, existing: true, linesIncluded: linesThrough(request.lines, existing.coveredThrough) };
    }
    let created: CreatedTicket;
    let included: number;
    try {
      ({ created, included } = await this.createRequest(request));
    } catch (error) {
      // Jira made no ticket, so a retry may claim again at once. A create that timed out may still
      // land in Jira later; the JSM API has no idempotency key to find it by, so that rare case
      // can end with a second ticket.
      await this.links.release(request.conversationId);
      throw error;
    }
    // The property first: should the claim below never be marked, a later attempt finds the ticket through it.
    await this.linkToConversation(created.key, {
      conversationId: request.conversationId,
      channel: request.requester.participant.channel,
      userName: request.requester.name,
      operatorName: request.operatorName,
    });
    // Marked before the overflow comments, which can take several Jira calls: should this invocation
    // stop among them, a retry finds the ticket with what its description holds, not a claim in progress.
    await this.markCreated(request, created, request.lines[included - 1]);
    const rest = request.lines.slice(included);
    if (rest.length === 0) return created;
    const onTicket = included + (await this.commentAsFarAsPossible(created.key, rest));
    if (onTicket > included) await this.markCreated(request, created, request.lines[onTicket - 1]);
    return onTicket < request.lines.length ? { ...created, linesIncluded: onTicket } : created;
  }

  async addComment(ticketKey: string, _conversationId: string, lines: readonly TranscriptLine[], options: { readonly reply?: boolean } = {}): Promise<void> {
    for (const { body, internal } of transcriptComments(lines, undefined, { withoutTime: options.reply })) await this.comment(ticketKey, body, internal);
  }

  private async claimOrFind(request: TicketRequest): Promise<{ ticket: CreatedTicket; coveredThrough?: TranscriptCursor | undefined } | undefined> {
    const { conversationId } = request;
    const claim = await this.links.claim(conversationId, this.now());
    if (claim.kind === 'claimed') return undefined;
    if (claim.kind === 'created') return { ticket: claim.ticket, coveredThrough: claim.coveredThrough };
    if (this.now() - claim.since < CLAIM_STALE_MS) throw new TicketInProgressError();
    // The claim's holder stopped mid-way: Jira says whether it got as far as the ticket and its property.
    // How much of the conversation that ticket holds is not known, so none of it counts as there.
    const found = await this.ticketOf(conversationId);
    if (found) {
      await this.links.created(conversationId, found, undefined, ownerOf(request));
      return { ticket: found };
    }
    await this.links.takeOver(conversationId, this.now());
    return undefined;
  }

  /**
   * Marks the claim as the ticket, with the last line it holds. The ticket exists whatever happens
   * here, so a failure is logged, not thrown: its issue property lets a later attempt find it.
   */
  private async markCreated(request: TicketRequest, ticket: CreatedTicket, lastOnTicket: TranscriptLine | undefined): Promise<void> {
    try {
      await this.links.created(request.conversationId, ticket, lastOnTicket ? cursorOf(lastOnTicket) : undefined, ownerOf(request));
    } catch (error) {
      this.log.warn('ticket_link_not_saved', { ticket: ticket.key, reason: messageOf(error) });
    }
  }

  private async createRequest(request: TicketRequest): Promise<{ created: CreatedTicket; included: number }> {
    const desk = await this.serviceDeskOf(request.projectId);
    const requestTypeId = request.requestTypeId ?? (await this.firstRequestType(desk));
    const { email } = request.requester;
    const onBehalfOf = email ? await this.accountWithEmail(email) : undefined;
    const body = (raisedAs: RaisedAs) => {
      const { document, included } = fittedTranscriptDocument(requestHeader(request, raisedAs), request.lines);
      return {
        included,
        payload: {
          serviceDeskId: desk,
          requestTypeId,
          isAdfRequest: true,
          requestFieldValues: { summary: request.summary, description: document },
          ...(raisedAs === 'user' ? { raiseOnBehalfOf: onBehalfOf } : {}),
        },
      };
    };
    let attempt = body(onBehalfOf ? 'user' : email ? 'no-account' : 'no-email');
    let response = await this.send(route`/rest/servicedeskapi/request`, 'POST', attempt.payload);
    if (response.status === 400 && onBehalfOf) {
      // The account is not a customer of this service desk: raise it as the app, naming the user in the text.
      attempt = body('not-a-customer');
      response = await this.send(route`/rest/servicedeskapi/request`, 'POST', attempt.payload);
    }
    const created = (await (await this.checked(response, 'create')).json()) as { issueKey?: string; _links?: { web?: string } };
    if (!created.issueKey) throw new TicketServiceError('Jira answered without a ticket key.', true);
    return { created: { key: created.issueKey, url: created._links?.web ?? created.issueKey }, included: attempt.included };
  }

  /**
   * The issue property shows the Koji panel on the ticket and lets JQL find it.
   * The ticket exists whatever happens here, so a failure is retried and then
   * logged: the operator gets the key either way, never a second ticket.
   */
  private async linkToConversation(issueKey: string, property: ConversationProperty): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.checked(await this.send(route`/rest/api/3/issue/${issueKey}/properties/${CONVERSATION_PROPERTY}`, 'PUT', property), 'create');
        return;
      } catch (error) {
        if (!(error instanceof TicketServiceError)) throw error;
        if (attempt >= PROPERTY_ATTEMPTS) {
          this.log.warn('ticket_property_not_set', { ticket: issueKey, reason: error.message });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
      }
    }
  }

  /** The lines a long conversation's description had no room for; returns how many made it. */
  private async commentAsFarAsPossible(ticketKey: string, lines: readonly TranscriptLine[]): Promise<number> {
    let added = 0;
    for (const { body, lineCount, internal } of transcriptComments(lines)) {
      try {
        await this.comment(ticketKey, body, internal);
      } catch (error) {
        if (!(error instanceof TicketServiceError)) throw error;
        this.log.warn('ticket_overflow_not_added', { ticket: ticketKey, reason: error.message });
        return added;
      }
      added += lineCount;
    }
    return added;
  }

  /**
   * Through the platform API, whose comments are documents: JSM's own comment endpoint takes only a string, which
   * Jira renders as wiki markup. The JSM property says who sees it: customers too (the conversation as it was
   * there), or the service desk's agents only (`internal`: notes, ratings).
   */
  private async comment(ticketKey: string, body: AdfDocument, internal: boolean): Promise<void> {
    const payload = { body, properties: [{ key: 'sd.public.comment', value: { internal } }] };
    await this.checked(await this.send(route`/rest/api/3/issue/${ticketKey}/comment`, 'POST', payload), 'comment', ticketKey);
  }

  private async ticketOf(conversationId: string): Promise<CreatedTicket | undefined> {
    const jql = `issue.property[${CONVERSATION_PROPERTY}].conversationId = "${conversationId.replace(/["\\]/g, '\\$&')}"`;
    const found = (await (await this.checked(await this.send(route`/rest/api/3/search/jql?jql=${jql}&fields=key`, 'GET'), 'look-up')).json()) as {
      issues?: Array<{ key: string; self?: string }>;
    };
    const issue = found.issues?.[0];
    return issue ? { key: issue.key, url: `${siteOf(issue.self)}/browse/${issue.key}` } : undefined;
  }

  /** Every page of the site's service desks, as the backoffice's project picker reads them: a site can have more than 50. */
  private async serviceDeskOf(projectId: string): Promise<string> {
    const desk = await serviceDeskProject(projectId, async (path) => this.checked(await this.send(path, 'GET'), 'look-up'));
    if (!desk) throw new TicketServiceError('This Jira project is not a service desk Koji can reach. Check the project in the Koji backoffice.', false);
    return desk.serviceDeskId;
  }

  private async firstRequestType(serviceDeskId: string): Promise<string> {
    const response = await this.checked(await this.send(route`/rest/servicedeskapi/servicedesk/${serviceDeskId}/requesttype`, 'GET'), 'look-up');
    const page = (await response.json()) as { values?: Array<{ id: string }> };
    const first = page.values?.[0];
    if (!first) throw new TicketServiceError('The service desk has no request types. Add one, or pick one in the Koji backoffice.', false);
    return String(first.id);
  }

  private async accountWithEmail(email: string): Promise<string | undefined> {
    const response = await this.send(route`/rest/api/3/user/search?query=${email}`, 'GET');
    if (!response.ok) return undefined;
    const users = (await response.json()) as Array<{ accountId: string; emailAddress?: string }>;
    return users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase())?.accountId;
  }

  /** One Jira call, given up after the timeout: a Jira that hangs must not hold the function until Forge kills it. */
  private async send(path: ReturnType<typeof route>, method: string, body?: unknown): Promise<JiraResponse> {
    try {
      const call = this.requestJira(path, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return await withTimeout(call, this.timeoutMs, () => jiraTimeout(this.timeoutMs));
    } catch (error) {
      if (error instanceof TicketServiceError) throw error;
      throw new TicketServiceError('Jira could not be reached.', true, { cause: error });
    }
  }

  private async checked(response: JiraResponse, action: JiraAction, ticketKey?: string): Promise<JiraResponse> {
    if (response.ok) return response;
    const said = await response.text().then(jiraErrorText, () => '');
    throw jiraFailure(response.status, said, action, ticketKey);
  }
}

/** How many of the lines, from the first, go no further than the cursor: none without one. */
function linesThrough(lines: readonly TranscriptLine[], cursor: TranscriptCursor | undefined): number {
  if (!cursor) return 0;
  const firstAfter = lines.findIndex((line) => isAfter(line, cursor));
  return firstAfter === -1 ? lines.length : firstAfter;
}

function siteOf(self: string | undefined): string {
  return self ? self.replace(/\/rest\/.*$/, '') : '';
}
