/**
 * Every Jira REST call the app makes, and the classic scope (as manifest.yml lists scopes)
 * each needs. Forge's linter cannot see calls whose routes are built in helpers, as this app's
 * are, so this table is the one place a missing scope shows: the local platform answers a
 * call whose scope the manifest lacks 403, as Jira does, and refuses a call missing from here
 * (test/adapters/jira-scopes-table.test.ts checks that every route template the source builds is listed).
 *
 * Scopes from each operation's "OAuth scopes required" in Atlassian's REST docs
 * (developer.atlassian.com/cloud/jira/platform/rest/v3, …/service-desk/rest) and the
 * Forge JSM scopes page.
 */

export type JiraScope = 'read:jira-work' | 'write:jira-work' | 'read:jira-user' | 'read:servicedesk-request' | 'write:servicedesk-request';

export interface JiraCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path as Atlassian's docs write it; `{name}` stands for one path segment. */
  readonly path: string;
  readonly scope: JiraScope;
  /** Why the app calls it. */
  readonly for: string;
}

export const JIRA_CALLS: readonly JiraCall[] = [
  { method: 'GET', path: '/rest/api/3/mypermissions', scope: 'read:jira-work', for: 'is the backoffice user a Jira or project admin' },
  { method: 'GET', path: '/rest/api/3/myself', scope: 'read:jira-user', for: 'the backoffice user’s e-mail' },
  { method: 'GET', path: '/rest/api/3/user/search', scope: 'read:jira-user', for: 'the Jira account of a chat user, by e-mail' },
  { method: 'GET', path: '/rest/api/3/search/jql', scope: 'read:jira-work', for: 'the ticket a conversation already made' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', scope: 'read:jira-work', for: 'may the issue panel’s user see the ticket; a ticket’s status and resolution, to tell its user' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', scope: 'read:jira-work', for: 'an agent’s comment, to tell its user when it is public' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment', scope: 'write:jira-work', for: 'a chat line on the ticket' },
  // Not called by the app: the specs read back the comments the app wrote.
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment', scope: 'read:jira-work', for: 'the specs, reading what the app wrote' },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', scope: 'write:jira-work', for: 'the conversation a ticket came from' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', scope: 'read:jira-work', for: 'the issue panel’s conversation' },
  { method: 'GET', path: '/rest/servicedeskapi/servicedesk', scope: 'read:servicedesk-request', for: 'the service desks a project may use' },
  { method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype', scope: 'read:servicedesk-request', for: 'a desk’s request types' },
  { method: 'GET', path: '/rest/servicedeskapi/knowledgebase/article', scope: 'read:servicedesk-request', for: 'articles that may answer a user’s question' },
  { method: 'POST', path: '/rest/servicedeskapi/request', scope: 'write:servicedesk-request', for: 'a ticket from a conversation' },
  { method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}', scope: 'read:servicedesk-request', for: 'the service desk a ticket is on, to attach files' },
  { method: 'POST', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/attachTemporaryFile', scope: 'write:servicedesk-request', for: 'a file shared in a conversation, kept for the ticket' },
  { method: 'POST', path: '/rest/servicedeskapi/request/{issueIdOrKey}/attachment', scope: 'write:servicedesk-request', for: 'the file put on the ticket' },
];

const PATTERNS = new Map(JIRA_CALLS.map((call) => [call, pathPattern(call.path)]));

/** The listed call a request is (its query string aside), if any. */
export function jiraCallFor(method: string, path: string): JiraCall | undefined {
  const pathname = path.split('?')[0] ?? '';
  return JIRA_CALLS.find((call) => call.method === method.toUpperCase() && PATTERNS.get(call)?.test(pathname));
}

function pathPattern(path: string): RegExp {
  const escaped = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}
