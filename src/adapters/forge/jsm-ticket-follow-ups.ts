import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { AgentComment, TicketFollowUps } from '../../app/follow-up/ticket-follow-up-port';
import { TicketServiceError } from '../../domain/errors';
import type { TicketFollowUpLink, TicketStatus } from '../../domain/ticket-follow-up';
import { clipText } from '../../domain/text';
import { withTimeout } from '../system/with-timeout';
import { adfPlainText } from './adf-plain-text';
import { jiraErrorText, jiraFailure } from './jira-failures';
import { JIRA_TIMEOUT_MS, type RequestJira } from './jsm-ticket-service';
import { KvsTicketLinks } from './kvs-ticket-links';

/** Longest agent or status name shown; Jira's display names are far shorter. */
const MAX_NAME_CHARS = 120;

/**
 * Tickets that keep talking, on Forge: the link is the KVS record the ticket service wrote when it made the
 * ticket (the issue property says the same, but anyone who can edit the issue can rewrite a property, so it is
 * not trusted); comments and statuses are read from Jira as the app, each call given up after JIRA_TIMEOUT_MS.
 */
export class JsmTicketFollowUps implements TicketFollowUps {
  constructor(
    private readonly links: KvsTicketLinks = new KvsTicketLinks(kvs),
    private readonly requestJira: RequestJira = (path, init) => api.asApp().requestJira(path, init),
  ) {}

  link(issueKey: string): Promise<TicketFollowUpLink | undefined> {
    return this.links.followUpLink(issueKey);
  }

  async rememberResolved(issueKey: string, link: TicketFollowUpLink, told: boolean): Promise<void> {
    await this.links.updateFollowUpLink(issueKey, { ...link, toldResolved: told });
  }

  async comment(issueKey: string, commentId: string): Promise<AgentComment | undefined> {
    const found = await this.get(route`/rest/api/3/issue/${issueKey}/comment/${commentId}?expand=properties`);
    if (!isRecord(found)) return undefined;
    const author = isRecord(found['author']) ? found['author'] : {};
    return {
      authorName: clipText(typeof author['displayName'] === 'string' && author['displayName'].trim() ? author['displayName'] : 'The service desk', MAX_NAME_CHARS),
      public: isPublic(found),
      // Koji's own comments, and those of the customers themselves (the reporter by e-mail or the portal, a request
      // participant): only what the service desk's agents write is news to tell the user.
      byApp: author['accountType'] === 'app' || author['accountType'] === 'customer',
      text: adfPlainText(found['body']),
    };
  }

  async status(issueKey: string): Promise<TicketStatus | undefined> {
    const found = await this.get(route`/rest/api/3/issue/${issueKey}?fields=status,resolution`);
    const fields = isRecord(found) && isRecord(found['fields']) ? found['fields'] : undefined;
    const status = fields && isRecord(fields['status']) ? fields['status'] : undefined;
    if (!fields || !status || typeof status['name'] !== 'string') return undefined;
    const category = isRecord(status['statusCategory']) ? status['statusCategory']['key'] : undefined;
    const resolution = isRecord(fields['resolution']) && typeof fields['resolution']['name'] === 'string' ? fields['resolution']['name'] : undefined;
    return {
      name: clipText(status['name'], MAX_NAME_CHARS),
      done: category === 'done',
      ...(resolution ? { resolution: clipText(resolution, MAX_NAME_CHARS) } : {}),
    };
  }

  /** The answer's JSON, or undefined for a 404 (gone, or not the app's to see); anything else Jira refuses throws. */
  private async get(path: ReturnType<typeof route>): Promise<unknown> {
    let response: Awaited<ReturnType<RequestJira>>;
    try {
      const call = this.requestJira(path, { method: 'GET', headers: { Accept: 'application/json' } });
      response = await withTimeout(call, JIRA_TIMEOUT_MS, () => new TicketServiceError('Jira took too long to answer.', true));
    } catch (error) {
      if (error instanceof TicketServiceError) throw error;
      throw new TicketServiceError('Jira could not be reached.', true, { cause: error });
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw jiraFailure(response.status, await response.text().then(jiraErrorText, () => ''), 'look-up');
    return response.json();
  }
}

/**
 * Shared with the customer: JSM says so in `jsdPublic`, or through the `sd.public.comment` property. A comment
 * that says neither is taken as internal: telling a user what an agent meant for colleagues is the one mistake
 * this must not make.
 */
function isPublic(comment: Record<string, unknown>): boolean {
  // A comment restricted to a role or group is not the customer's, whatever else it says.
  if (comment['visibility'] !== undefined && comment['visibility'] !== null) return false;
  const properties: unknown[] = Array.isArray(comment['properties']) ? (comment['properties'] as unknown[]) : [];
  const property = properties.find((p) => isRecord(p) && p['key'] === 'sd.public.comment');
  const value = isRecord(property) && isRecord(property['value']) ? property['value'] : undefined;
  if (value?.['internal'] === true) return false;
  if (typeof comment['jsdPublic'] === 'boolean') return comment['jsdPublic'];
  return value?.['internal'] === false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
