import api, { route } from '@forge/api';
import type { CreatedTicket, TicketRequest, TicketService } from '../../app/ports';
import { TicketServiceError } from '../../domain/errors';
import type { TranscriptLine } from '../../domain/transcript';

/** The slice of `requestJira` this adapter uses, so tests can hand in another route to Jira. */
export type RequestJira = (
  path: ReturnType<typeof route>,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<JiraResponse>;

interface JiraResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

interface ServiceDesk {
  readonly id: string;
  readonly projectId: string;
}

/**
 * Tickets as Jira Service Management requests, created as the app (chat
 * platforms carry no Atlassian identity). The transcript goes into the
 * description, who said what and when, and later lines as comments.
 */
export class JsmTicketService implements TicketService {
  private readonly requestJira: RequestJira;

  constructor(requestJira?: RequestJira) {
    this.requestJira = requestJira ?? ((path, init) => api.asApp().requestJira(path, init));
  }

  async createTicket(request: TicketRequest): Promise<CreatedTicket> {
    const desk = await this.serviceDeskOf(request.projectId);
    const requestTypeId = request.requestTypeId ?? (await this.firstRequestType(desk.id));
    const response = await this.call(route`/rest/servicedeskapi/request`, {
      method: 'POST',
      body: JSON.stringify({
        serviceDeskId: desk.id,
        requestTypeId,
        requestFieldValues: { summary: request.summary, description: describe(request) },
      }),
    });
    const created = (await response.json()) as { issueKey?: string; _links?: { web?: string } };
    if (!created.issueKey) throw new TicketServiceError('Jira answered without a ticket key.', true);
    return { key: created.issueKey, url: created._links?.web ?? created.issueKey };
  }

  async addComment(ticketKey: string, _conversationId: string, lines: readonly TranscriptLine[]): Promise<void> {
    await this.call(route`/rest/servicedeskapi/request/${ticketKey}/comment`, {
      method: 'POST',
      body: JSON.stringify({ body: transcriptText(lines), public: true }),
    });
  }

  private async serviceDeskOf(projectId: string): Promise<ServiceDesk> {
    const response = await this.call(route`/rest/servicedeskapi/servicedesk`);
    const page = (await response.json()) as { values?: ServiceDesk[] };
    const desk = page.values?.find((d) => String(d.projectId) === projectId);
    if (!desk) {
      throw new TicketServiceError('This Jira project is not a service desk Koji can reach. Check the project in the Koji backoffice.', false);
    }
    return desk;
  }

  private async firstRequestType(serviceDeskId: string): Promise<string> {
    const response = await this.call(route`/rest/servicedeskapi/servicedesk/${serviceDeskId}/requesttype`);
    const page = (await response.json()) as { values?: Array<{ id: string }> };
    const first = page.values?.[0];
    if (!first) throw new TicketServiceError('The service desk has no request types. Add one, or pick one in the Koji backoffice.', false);
    return first.id;
  }

  private async call(path: ReturnType<typeof route>, init: { method?: string; body?: string } = {}): Promise<JiraResponse> {
    let response: JiraResponse;
    try {
      response = await this.requestJira(path, { ...init, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
    } catch (error) {
      throw new TicketServiceError('Jira could not be reached.', true, { cause: error });
    }
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

function describe(request: TicketRequest): string {
  const who = request.requester.email ? `${request.requester.name} (${request.requester.email})` : request.requester.name;
  const channel = request.requester.participant.channel === 'slack' ? 'Slack' : 'Microsoft Teams';
  const header = request.operatorName
    ? `Created by ${request.operatorName} from a live chat with ${who} on ${channel}.`
    : `Created from a chat with ${who} on ${channel}; no operator was available.`;
  return `${header}\n\nTranscript:\n${transcriptText(request.lines)}`;
}

export function transcriptText(lines: readonly TranscriptLine[]): string {
  return lines
    .map((l) => {
      const files = (l.attachments ?? []).map((a) => ` [${a.name}](${a.url})`).join('');
      return `[${new Date(l.at).toISOString().slice(0, 16).replace('T', ' ')} UTC] ${l.speakerName}: ${l.text}${files}`;
    })
    .join('\n');
}
