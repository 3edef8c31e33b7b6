import api, { route } from '@forge/api';
import type { CreatedTicket, TicketRequest, TicketService } from '../../app/ports';
import { TicketServiceError } from '../../domain/errors';
import type { TranscriptLine } from '../../domain/transcript';
import { transcriptDocument } from './transcript-adf';

/** The slice of `requestJira` this adapter uses, so it can run as the app or against another route to Jira. */
export type RequestJira = (
  path: ReturnType<typeof route>,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<JiraResponse>;

interface JiraResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
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
 * Tickets as Jira Service Management requests, created as the app (chat
 * platforms carry no Atlassian identity) and raised on behalf of the user when
 * their chat e-mail matches a Jira account. The transcript goes into the
 * description as Atlassian Document Format; later lines become comments.
 */
export class JsmTicketService implements TicketService {
  private readonly requestJira: RequestJira;

  constructor(requestJira?: RequestJira) {
    this.requestJira = requestJira ?? ((path, init) => api.asApp().requestJira(path, init));
  }

  async createTicket(request: TicketRequest): Promise<CreatedTicket> {
    // Idempotent per conversation: a retry after a lost answer finds the first ticket.
    const existing = await this.ticketOf(request.conversationId);
    if (existing) return existing;
    const desk = await this.serviceDeskOf(request.projectId);
    const requestTypeId = request.requestTypeId ?? (await this.firstRequestType(desk));
    const onBehalfOf = request.requester.email ? await this.accountWithEmail(request.requester.email) : undefined;
    const document = transcriptDocument(header(request, onBehalfOf !== undefined), request.lines);
    const body = {
      serviceDeskId: desk,
      requestTypeId,
      isAdfRequest: true,
      requestFieldValues: { summary: request.summary, description: document },
    };
    let response = await this.send(route`/rest/servicedeskapi/request`, 'POST', onBehalfOf ? { ...body, raiseOnBehalfOf: onBehalfOf } : body);
    if (response.status === 400 && onBehalfOf) {
      // The account is not a customer of this service desk: raise it as the app, naming the user in the text.
      const named = { ...body, requestFieldValues: { ...body.requestFieldValues, description: transcriptDocument(header(request, false), request.lines) } };
      response = await this.send(route`/rest/servicedeskapi/request`, 'POST', named);
    }
    const created = (await this.checked(response).json()) as { issueKey?: string; _links?: { web?: string } };
    if (!created.issueKey) throw new TicketServiceError('Jira answered without a ticket key.', true);
    const property: ConversationProperty = {
      conversationId: request.conversationId,
      channel: request.requester.participant.channel,
      userName: request.requester.name,
      operatorName: request.operatorName,
    };
    this.checked(await this.send(route`/rest/api/3/issue/${created.issueKey}/properties/${CONVERSATION_PROPERTY}`, 'PUT', property));
    return { key: created.issueKey, url: created._links?.web ?? created.issueKey };
  }

  async addComment(ticketKey: string, _conversationId: string, lines: readonly TranscriptLine[]): Promise<void> {
    this.checked(await this.send(route`/rest/servicedeskapi/request/${ticketKey}/comment`, 'POST', { body: transcriptText(lines), public: true }));
  }

  private async ticketOf(conversationId: string): Promise<CreatedTicket | undefined> {
    const jql = `issue.property[${CONVERSATION_PROPERTY}].conversationId = "${conversationId.replace(/["\\]/g, '\\$&')}"`;
    const found = (await this.checked(await this.send(route`/rest/api/3/search/jql?jql=${jql}&fields=key`, 'GET')).json()) as {
      issues?: Array<{ key: string; self?: string }>;
    };
    const issue = found.issues?.[0];
    return issue ? { key: issue.key, url: `${siteOf(issue.self)}/browse/${issue.key}` } : undefined;
  }

  private async serviceDeskOf(projectId: string): Promise<string> {
    const page = (await this.checked(await this.send(route`/rest/servicedeskapi/servicedesk`, 'GET')).json()) as { values?: Array<{ id: string; projectId: string }> };
    const desk = page.values?.find((d) => String(d.projectId) === projectId);
    if (!desk) throw new TicketServiceError('This Jira project is not a service desk Koji can reach. Check the project in the Koji backoffice.', false);
    return String(desk.id);
  }

  private async firstRequestType(serviceDeskId: string): Promise<string> {
    const page = (await this.checked(await this.send(route`/rest/servicedeskapi/servicedesk/${serviceDeskId}/requesttype`, 'GET')).json()) as {
      values?: Array<{ id: string }>;
    };
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

  private async send(path: ReturnType<typeof route>, method: string, body?: unknown): Promise<JiraResponse> {
    try {
      return await this.requestJira(path, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new TicketServiceError('Jira could not be reached.', true, { cause: error });
    }
  }

  private checked(response: JiraResponse): JiraResponse {
    if (response.ok) return response;
    throw failure(response.status);
  }
}

function failure(status: number): TicketServiceError {
  if (status === 401 || status === 403) {
    return new TicketServiceError(`Koji is not allowed to create requests in this service desk (${status}). Ask a Jira admin to check the app's access to the project.`, false);
  }
  if (status === 400) {
    return new TicketServiceError('Jira refused the request (400): the request type set in the Koji backoffice may no longer exist. Pick another one there.', false);
  }
  if (status === 404) return new TicketServiceError('The service desk or ticket no longer exists (404).', false);
  if (status === 429) return new TicketServiceError('Jira is busy (429).', true);
  return new TicketServiceError(`Jira is not answering properly right now (${status}).`, true);
}

function header(request: TicketRequest, raisedForUser: boolean): string {
  const who = request.requester.email ? `${request.requester.name} (${request.requester.email})` : request.requester.name;
  const channel = request.requester.participant.channel === 'slack' ? 'Slack' : 'Microsoft Teams';
  const by = request.operatorName ? `${request.operatorName} created this ticket from a live chat` : 'Created from a chat; no operator was available';
  return `${by} with ${who} on ${channel}.${raisedForUser ? '' : ` ${request.requester.name} has no Jira account with that e-mail, so the app raised it.`}`;
}

function siteOf(self: string | undefined): string {
  return self ? self.replace(/\/rest\/.*$/, '') : '';
}

export function transcriptText(lines: readonly TranscriptLine[]): string {
  return lines
    .map((l) => {
      const files = (l.attachments ?? []).map((a) => ` [${a.name}|${a.url}]`).join('');
      return `[${new Date(l.at).toISOString().slice(0, 16).replace('T', ' ')} UTC] ${l.speakerName}: ${l.text}${files}`;
    })
    .join('\n');
}
