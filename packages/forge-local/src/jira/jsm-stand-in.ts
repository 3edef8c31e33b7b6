import { StandInKnowledgeBase } from './kb-search';
import { JsmAttachments, type StandInAttachment } from './attachments';
import type { Database } from 'better-sqlite3';
import { connectionReset, type Fault, type FaultPlan } from '../faults';
import { NEW_REQUEST_STATUS, statusView, TicketWorkflow, type JiraProductEvent } from './ticket-workflow';

export { LOCAL_STATUSES, NEW_REQUEST_STATUS, type JiraProductEvent } from './ticket-workflow';

/** A person on the embedded Jira site. */
export interface StandInUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
  /** Jira administrator (ADMINISTER). */
  readonly siteAdmin: boolean;
  /** Projects this person administers (ADMINISTER_PROJECTS). */
  readonly projectAdminOf: readonly string[];
}

/** A service desk of the embedded site (`GET /rest/servicedeskapi/servicedesk` lists them). */
export interface StandInServiceDesk {
  readonly id: string;
  readonly projectId: string;
  readonly projectKey: string;
  readonly projectName: string;
}

export interface StandInResponse {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * A failure the stand-in should produce next, for tests of how the app copes:
 * an error status, a slow answer (`delayMs`, then the normal answer or `status`),
 * or no answer at all (`hang`). `times` repeats it for that many matching calls.
 */
export interface InjectedFailure {
  readonly method?: string;
  readonly pathPrefix: string;
  readonly status?: number;
  readonly message?: string;
  readonly delayMs?: number;
  readonly hang?: boolean;
  /** Drop the connection: the call rejects as fetch does on ECONNRESET, after taking effect when `afterEffect`. */
  readonly reset?: boolean;
  readonly afterEffect?: boolean;
  readonly times?: number;
}

/** Jira's own limits on the fields Koji fills, enforced here as Jira enforces them. */
export const JIRA_LIMITS = {
  summaryChars: 255,
  /** Text fields (the description) and comment bodies; a document counts as its JSON. */
  textFieldChars: 32_767,
} as const;

export const LOCAL_PROJECT = { id: '10000', key: 'SUP', name: 'Koji Help Desk', serviceDeskId: '1' } as const;

export const LOCAL_REQUEST_TYPES = [
  { id: '10', name: 'Get IT help', description: 'Ask the IT team for help with anything.' },
  { id: '11', name: 'Report a problem', description: 'Something is broken.' },
  { id: '12', name: 'Chat conversation', description: 'A conversation with a live agent.' },
] as const;

export const LOCAL_USERS: readonly StandInUser[] = [
  { accountId: 'local-admin', displayName: 'Ada Admin', emailAddress: 'admin@koji.local', siteAdmin: true, projectAdminOf: [] },
  { accountId: 'local-agent', displayName: 'Local Agent', emailAddress: 'agent@koji.local', siteAdmin: false, projectAdminOf: [] },
  // A JSM customer whose e-mail matches the Slack sandbox's Bob, so tickets can be raised on his behalf.
  { accountId: 'local-customer-bob', displayName: 'Bob User', emailAddress: 'bob@sandbox.test', siteAdmin: false, projectAdminOf: [] },
  // Likewise for the Teams sandbox's Vic, whose e-mail the app reads from the Bot Connector's roster.
  { accountId: 'local-customer-vic', displayName: 'Vic User', emailAddress: 'vic@sandbox.test', siteAdmin: false, projectAdminOf: [] },
  {
    accountId: 'local-project-admin',
    displayName: 'Project Admin',
    emailAddress: 'lead@koji.local',
    siteAdmin: false,
    projectAdminOf: [LOCAL_PROJECT.id],
  },
];

/**
 * The Jira Service Management endpoints Koji calls, served from SQLite so that
 * `npm start` and the tests need no Atlassian site. Shapes follow the Jira Cloud
 * REST docs for the fields the app reads; everything else is left out.
 */
export class JsmStandIn {
  readonly failures: InjectedFailure[] = [];
  /**
   * The site's service desks, SUP first. Tests may add some (to see the listing paged); only
   * SUP has request types and takes requests.
   */
  readonly serviceDeskList: StandInServiceDesk[] = [
    { id: LOCAL_PROJECT.serviceDeskId, projectId: LOCAL_PROJECT.id, projectKey: LOCAL_PROJECT.key, projectName: LOCAL_PROJECT.name },
  ];
  /** SUP's request types. Tests may add some (more than a page of 50, to see the listing paged). */
  readonly requestTypeList: Array<{ readonly id: string; readonly name: string; readonly description: string }> = [...LOCAL_REQUEST_TYPES];
  /** The knowledge base linked to SUP (kb-search.ts); a test may search it or read its articles. */
  readonly knowledgeBase = new StandInKnowledgeBase();
  /** Files attached to requests (attachments.ts). */
  readonly attachments: JsmAttachments;
  /** Statuses and transitions (ticket-workflow.ts). */
  readonly workflow: TicketWorkflow;
  /** Who hears of comments and status changes: the platform, which runs the app's `trigger` modules for them. */
  private readonly eventListeners: Array<(event: JiraProductEvent) => void> = [];

  constructor(
    private readonly db: Database,
    private readonly options: {
      /** Where the site is: the running server's `/jira`, known once it listens (its port may be picked at random). */
      readonly siteUrl: () => string;
      readonly now: () => number;
      /** The platform's fault plan: its `jira` entries, keyed `METHOD /path-prefix` or `/path-prefix`, join `failures`. */
      readonly faults?: FaultPlan;
    },
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jsm_request (
        key TEXT PRIMARY KEY, id INTEGER NOT NULL, service_desk_id TEXT NOT NULL, request_type_id TEXT NOT NULL,
        fields TEXT NOT NULL, reporter TEXT NOT NULL, created INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_comment (
        id INTEGER PRIMARY KEY AUTOINCREMENT, issue_key TEXT NOT NULL, body TEXT NOT NULL,
        internal INTEGER NOT NULL, author TEXT NOT NULL, created INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_issue_property (
        issue_key TEXT NOT NULL, property_key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_key, property_key));
    `);
    this.attachments = new JsmAttachments(db, options.now);
    this.workflow = new TicketWorkflow(db);
  }

  /** Calls `listener` with every comment added and status changed, as Jira emits its product events. */
  onProductEvent(listener: (event: JiraProductEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /**
   * What an agent does on the ticket's page: a comment (public, or an internal note) as `authorId`. Undefined
   * when the ticket does not exist or the text is empty.
   */
  agentComment(key: string, text: string, internal: boolean, authorId = 'local-agent'): { readonly id: string } | undefined {
    const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter((p) => p.length > 0);
    if (paragraphs.length === 0) return undefined;
    const body = { type: 'doc', version: 1, content: paragraphs.map((p) => ({ type: 'paragraph', content: p.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]) })) };
    const answer = this.addComment(key, { body, properties: [{ key: 'sd.public.comment', value: { internal } }] }, authorId);
    return answer.status === 201 ? { id: String((answer.body as { id: string }).id) } : undefined;
  }

  /** An agent's transition to the status named; false when there is no such ticket or status, or it is there already. */
  transition(key: string, statusName: string, authorId = 'local-agent'): boolean {
    if (!this.requestView(key)) return false;
    const change = this.workflow.transition(key, statusName);
    if (!change) return false;
    this.emit({ eventType: 'avi:jira:updated:issue', causedBy: authorId, payload: { ...this.eventBase(key, authorId), changelog: { id: change.changelogId, items: change.items } } });
    return true;
  }

  private emit(event: JiraProductEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  /** What every Jira issue event carries: the issue (its key, id and a few fields) and who caused it. */
  private eventBase(key: string, causedBy: string): Record<string, unknown> {
    const view = this.requestView(key);
    const { status } = this.workflow.statusOf(key);
    return {
      ...(causedBy === 'app' ? {} : { atlassianId: causedBy }),
      issue: { id: view?.['issueId'], key, fields: { status: statusView(status), project: { id: LOCAL_PROJECT.id, key: LOCAL_PROJECT.key } } },
    };
  }

  /**
   * Answers as Jira would, after any injected delay; a hanging call never
   * answers (until the platform closes), like a Jira that stopped responding.
   */
  async respond(method: string, url: string, body: unknown, accountId: string | undefined): Promise<StandInResponse> {
    const { pathname } = new URL(url, 'http://stand-in');
    const failure = this.takeFailure(method, pathname);
    if (failure?.hang) return new Promise<StandInResponse>(() => undefined);
    if (failure?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, failure.delayMs).unref());
    if (failure?.status !== undefined) return { status: failure.status, body: { errorMessages: [failure.message ?? `Injected failure ${failure.status}`] } };
    if (failure?.reset) {
      if (failure.afterEffect) this.handle(method, url, body, accountId);
      throw connectionReset();
    }
    return this.handle(method, url, body, accountId);
  }

  handle(method: string, url: string, body: unknown, accountId: string | undefined): StandInResponse {
    const { pathname, searchParams } = new URL(url, 'http://stand-in');
    const caller = accountId ?? 'app';
    const route = `${method.toUpperCase()} ${pathname}`;
    let m: RegExpExecArray | null;

    if (route === 'GET /rest/api/3/mypermissions') return this.myPermissions(caller, searchParams);
    if (route === 'GET /rest/api/3/myself') return this.myself(caller);
    if (route === 'GET /rest/api/3/user/search') return this.searchUsers(searchParams.get('query') ?? '');
    if (route === 'GET /rest/api/3/search/jql') return this.searchIssues(searchParams.get('jql') ?? '');
    if ((m = /^GET \/rest\/api\/3\/project\/([^/]+)$/.exec(route))) return this.project(decodeURIComponent(m[1] ?? ''));
    if (route === 'GET /rest/servicedeskapi/servicedesk') return this.serviceDesks(searchParams);
    if ((m = /^GET \/rest\/servicedeskapi\/servicedesk\/([^/]+)\/requesttype$/.exec(route))) return this.requestTypes(m[1] ?? '', searchParams);
    if (route === 'GET /rest/servicedeskapi/knowledgebase/article') return this.knowledgeBase.answer(searchParams, this.options.siteUrl());
    if ((m = /^GET \/rest\/servicedeskapi\/servicedesk\/([^/]+)\/knowledgebase\/article$/.exec(route))) {
      if (!this.serviceDeskList.some((d) => d.id === decodeURIComponent(m?.[1] ?? ''))) return { status: 404, body: { errorMessage: 'No such service desk.' } };
      return this.knowledgeBase.answer(searchParams, this.options.siteUrl());
    }
    if (route === 'POST /rest/servicedeskapi/request') return this.createRequest(body, caller);
    if ((m = /^GET \/rest\/servicedeskapi\/request\/([^/]+)$/.exec(route))) return this.getRequest(decodeURIComponent(m[1] ?? ''));
    if ((m = /^POST \/rest\/servicedeskapi\/servicedesk\/([^/]+)\/attachTemporaryFile$/.exec(route))) {
      if (!this.serviceDeskList.some((d) => d.id === decodeURIComponent(m?.[1] ?? ''))) return { status: 404, body: { errorMessage: 'No such service desk.' } };
      return this.attachments.attachTemporaryFile(body);
    }
    if ((m = /^POST \/rest\/servicedeskapi\/request\/([^/]+)\/attachment$/.exec(route))) {
      const key = decodeURIComponent(m[1] ?? '');
      if (!this.ticket(key)) return { status: 404, body: { errorMessage: `No request ${key}.` } };
      return this.attachments.attachToRequest(key, body);
    }
    if ((m = /^POST \/rest\/servicedeskapi\/request\/([^/]+)\/comment$/.exec(route))) return this.refuseStringComment(decodeURIComponent(m[1] ?? ''));
    if ((m = /^POST \/rest\/api\/3\/issue\/([^/]+)\/comment$/.exec(route))) return this.addComment(decodeURIComponent(m[1] ?? ''), body, caller);
    if ((m = /^GET \/rest\/api\/3\/issue\/([^/]+)\/comment$/.exec(route))) return this.comments(decodeURIComponent(m[1] ?? ''));
    if ((m = /^GET \/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/.exec(route))) return this.comment(decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''));
    if ((m = /^GET \/rest\/api\/3\/issue\/([^/]+)$/.exec(route))) return this.issue(decodeURIComponent(m[1] ?? ''), caller);
    if ((m = /^PUT \/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/.exec(route))) {
      return this.setProperty(decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''), body);
    }
    if ((m = /^GET \/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/.exec(route))) {
      return this.getProperty(decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''));
    }
    return { status: 404, body: { errorMessages: [`The local Jira stand-in does not serve ${route}.`] } };
  }

  /** Requests stored so far, newest last, for tests and the sandbox. */
  requests(): Array<{ key: string; requestTypeId: string; fields: Record<string, unknown>; reporter: string }> {
    const rows = this.db.prepare('SELECT key, request_type_id, fields, reporter FROM jsm_request ORDER BY id').all() as Array<{
      key: string;
      request_type_id: string;
      fields: string;
      reporter: string;
    }>;
    return rows.map((r) => ({ key: r.key, requestTypeId: r.request_type_id, fields: JSON.parse(r.fields) as Record<string, unknown>, reporter: r.reporter }));
  }

  /** A ticket as its page shows it, comments oldest first (at most `MAX_TICKET_COMMENTS`, and how many there are). */
  ticket(key: string): StandInTicket | undefined {
    const row = this.db.prepare('SELECT key, request_type_id, fields, reporter, created FROM jsm_request WHERE key = ?').get(key) as TicketRow | undefined;
    if (!row) return undefined;
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    const total = (this.db.prepare('SELECT COUNT(*) AS n FROM jira_comment WHERE issue_key = ?').get(key) as { n: number }).n;
    const comments = this.db
      .prepare('SELECT id, body, internal, author, created FROM jira_comment WHERE issue_key = ? ORDER BY id LIMIT ?')
      .all(key, MAX_TICKET_COMMENTS) as CommentRow[];
    return {
      ...ticketSummary(row, this.requestTypeList),
      status: this.workflow.statusOf(key).status.name,
      resolution: this.workflow.statusOf(key).resolution,
      description: fields['description'],
      comments: comments.map((c) => ({ body: JSON.parse(c.body) as unknown, internal: c.internal === 1, author: personOf(c.author), created: c.created })),
      commentCount: total,
      attachments: this.attachments.of(key),
    };
  }

  /** The newest tickets first, `limit` of them created before the ticket numbered `before` (a page, never a scan). */
  recentTickets(options: { readonly before?: number | undefined; readonly limit: number }): { tickets: StandInTicketSummary[]; nextBefore?: number } {
    const rows = this.db
      .prepare('SELECT key, id, request_type_id, fields, reporter, created FROM jsm_request WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit + 1) as Array<TicketRow & { id: number }>;
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return { tickets: page.map((r) => ({ ...ticketSummary(r, this.requestTypeList), status: this.workflow.statusOf(r.key).status.name })), ...(rows.length > options.limit && last ? { nextBefore: last.id } : {}) };
  }

  private takeFailure(method: string, path: string): InjectedFailure | undefined {
    const planned = this.options.faults?.takeWhere('jira', (key) => matchesJiraKey(key, method, path));
    if (planned) return asInjectedFailure(planned);
    const index = this.failures.findIndex(
      (f) => path.startsWith(f.pathPrefix) && (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()),
    );
    const failure = this.failures[index];
    if (!failure) return undefined;
    if ((failure.times ?? 1) > 1) this.failures[index] = { ...failure, times: (failure.times ?? 1) - 1 };
    else this.failures.splice(index, 1);
    return failure;
  }

  private userOf(accountId: string): StandInUser | undefined {
    return LOCAL_USERS.find((u) => u.accountId === accountId);
  }

  private myPermissions(caller: string, params: URLSearchParams): StandInResponse {
    const wanted = (params.get('permissions') ?? '').split(',').filter((p) => p.length > 0);
    if (wanted.length === 0) return { status: 400, body: { errorMessages: ['The permissions parameter is required.'] } };
    const user = this.userOf(caller);
    const projectId = params.get('projectId') ?? params.get('projectKey');
    const projectMatches = projectId === LOCAL_PROJECT.id || projectId === LOCAL_PROJECT.key;
    const has = (key: string): boolean => {
      if (!user) return false;
      if (key === 'ADMINISTER') return user.siteAdmin;
      if (key === 'ADMINISTER_PROJECTS') return user.siteAdmin || (projectMatches && user.projectAdminOf.includes(LOCAL_PROJECT.id));
      return true;
    };
    return {
      status: 200,
      body: { permissions: Object.fromEntries(wanted.map((key) => [key, { key, havePermission: has(key) }])) },
    };
  }

  private myself(caller: string): StandInResponse {
    const user = this.userOf(caller);
    return user ? { status: 200, body: publicUser(user) } : { status: 401, body: { errorMessages: ['Not signed in.'] } };
  }

  private searchUsers(query: string): StandInResponse {
    const q = query.toLowerCase();
    return {
      status: 200,
      body: LOCAL_USERS.filter((u) => u.displayName.toLowerCase().includes(q) || u.emailAddress.toLowerCase().includes(q)).map(publicUser),
    };
  }

  private project(idOrKey: string): StandInResponse {
    if (idOrKey !== LOCAL_PROJECT.id && idOrKey !== LOCAL_PROJECT.key) {
      return { status: 404, body: { errorMessages: ['No project could be found with key or id ' + idOrKey + '.'] } };
    }
    return { status: 200, body: { id: LOCAL_PROJECT.id, key: LOCAL_PROJECT.key, name: LOCAL_PROJECT.name, projectTypeKey: 'service_desk' } };
  }

  /** Paged like JSM: `start` and `limit` (default and at most 50), `isLastPage` says whether more follow. */
  private serviceDesks(params: URLSearchParams): StandInResponse {
    const start = Math.max(0, Number.parseInt(params.get('start') ?? '0', 10) || 0);
    const limit = Math.min(50, Math.max(1, Number.parseInt(params.get('limit') ?? '50', 10) || 50));
    const values = this.serviceDeskList.slice(start, start + limit);
    return { status: 200, body: { size: values.length, start, limit, isLastPage: start + values.length >= this.serviceDeskList.length, values } };
  }

  /** Paged like the service desks: `start` and `limit` (default and at most 50), and `isLastPage`. */
  private requestTypes(serviceDeskId: string, params: URLSearchParams): StandInResponse {
    if (serviceDeskId !== LOCAL_PROJECT.serviceDeskId) return { status: 404, body: { errorMessage: 'Service desk not found.' } };
    const start = Math.max(0, Number.parseInt(params.get('start') ?? '0', 10) || 0);
    const limit = Math.min(50, Math.max(1, Number.parseInt(params.get('limit') ?? '50', 10) || 50));
    const values = this.requestTypeList.slice(start, start + limit).map((t) => ({ ...t, serviceDeskId }));
    return { status: 200, body: { size: values.length, start, limit, isLastPage: start + values.length >= this.requestTypeList.length, values } };
  }

  private createRequest(body: unknown, caller: string): StandInResponse {
    const input = (body ?? {}) as {
      serviceDeskId?: unknown;
      requestTypeId?: unknown;
      requestFieldValues?: Record<string, unknown>;
      raiseOnBehalfOf?: unknown;
    };
    if (input.serviceDeskId !== LOCAL_PROJECT.serviceDeskId) {
      return { status: 400, body: { errorMessage: 'The service desk does not exist.', i18nErrorMessage: { i18nKey: 'sd.request.create.error.servicedesk' } } };
    }
    if (!this.requestTypeList.some((t) => t.id === input.requestTypeId)) {
      return { status: 400, body: { errorMessage: 'The request type you specified does not exist or is not accessible.' } };
    }
    const fields = input.requestFieldValues ?? {};
    if (typeof fields['summary'] !== 'string' || fields['summary'].trim() === '') {
      return { status: 400, body: { errorMessage: 'Summary is required.' } };
    }
    if (/[\r\n]/.test(fields['summary'])) {
      return { status: 400, body: { errorMessage: "summary: Field 'summary' cannot contain newline characters." } };
    }
    if (fields['summary'].length > JIRA_LIMITS.summaryChars) {
      return { status: 400, body: { errorMessage: `summary: Summary must be less than ${JIRA_LIMITS.summaryChars} characters.` } };
    }
    // An ADF description counts as its stored JSON; plain text as itself.
    const description = fields['description'];
    const descriptionChars = description === undefined ? 0 : typeof description === 'string' ? description.length : JSON.stringify(description).length;
    if (descriptionChars > JIRA_LIMITS.textFieldChars) {
      return { status: 400, body: { errorMessage: `description: The entered text is too long. It exceeds the allowed limit of 32,767 characters.` } };
    }
    if (input.raiseOnBehalfOf !== undefined && !LOCAL_USERS.some((u) => u.accountId === input.raiseOnBehalfOf)) {
      return { status: 400, body: { errorMessage: 'The user you are raising the request on behalf of is not a customer of this service desk.' } };
    }
    const reporter = typeof input.raiseOnBehalfOf === 'string' ? input.raiseOnBehalfOf : caller;
    const id = (this.db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM jsm_request').get() as { next: number }).next;
    const key = `${LOCAL_PROJECT.key}-${id}`;
    this.db
      .prepare('INSERT INTO jsm_request (key, id, service_desk_id, request_type_id, fields, reporter, created) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(key, id, LOCAL_PROJECT.serviceDeskId, input.requestTypeId, JSON.stringify(fields), reporter, this.options.now());
    return { status: 201, body: this.requestView(key) };
  }

  /** JQL, as far as the app uses it: finding the ticket of a conversation by its issue property. */
  private searchIssues(jql: string): StandInResponse {
    const match = /^issue\.property\[([\w-]+)\]\.(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"$/.exec(jql.trim());
    if (!match) return { status: 400, body: { errorMessages: [`The local Jira stand-in cannot run this JQL: ${jql}`] } };
    const [, propertyKey, path, raw] = match;
    const wanted = (raw ?? '').replace(/\\(.)/g, '$1');
    const rows = this.db.prepare('SELECT issue_key, value FROM jira_issue_property WHERE property_key = ?').all(propertyKey) as Array<{ issue_key: string; value: string }>;
    const issues = rows
      .filter((r) => (JSON.parse(r.value) as Record<string, unknown>)[path ?? ''] === wanted)
      .map((r) => {
        const id = (this.db.prepare('SELECT id FROM jsm_request WHERE key = ?').get(r.issue_key) as { id: number } | undefined)?.id;
        return { id: String(id), key: r.issue_key, self: `${this.options.siteUrl()}/rest/api/3/issue/${String(id)}` };
      });
    return { status: 200, body: { issues, isLast: true } };
  }

  /** Every stand-in user may browse the project; people unknown to the site may not. */
  private issue(key: string, caller: string): StandInResponse {
    const view = this.requestView(key);
    if (!view || (caller !== 'app' && !this.userOf(caller))) {
      return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] } };
    }
    const summary = ((view['requestFieldValues'] as Array<{ fieldId: string; value: unknown }>).find((f) => f.fieldId === 'summary')?.value ?? '') as string;
    const { status, resolution } = this.workflow.statusOf(key);
    return { status: 200, body: { id: view['issueId'], key, fields: { summary, status: statusView(status), resolution: resolution ? { name: resolution } : null } } };
  }

  /** The stored property of an issue, for tests and the sandbox. */
  property(issueKey: string, propertyKey: string): unknown {
    const row = this.db.prepare('SELECT value FROM jira_issue_property WHERE issue_key = ? AND property_key = ?').get(issueKey, propertyKey) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  /** Comments of a request, oldest first, for tests and the sandbox: each body an ADF document. */
  commentsOf(key: string): Array<{ body: StandInAdfDocument; public: boolean }> {
    return (this.db.prepare('SELECT body, internal FROM jira_comment WHERE issue_key = ? ORDER BY id').all(key) as Array<{ body: string; internal: number }>).map((r) => ({
      body: JSON.parse(r.body) as StandInAdfDocument,
      public: r.internal === 0,
    }));
  }

  private getRequest(key: string): StandInResponse {
    const view = this.requestView(key);
    return view ? { status: 200, body: view } : { status: 404, body: { errorMessage: `Request ${key} does not exist.` } };
  }

  private requestView(key: string): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT * FROM jsm_request WHERE key = ?').get(key) as
      | { key: string; id: number; service_desk_id: string; request_type_id: string; fields: string; reporter: string; created: number }
      | undefined;
    if (!row) return undefined;
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    return {
      issueId: String(row.id),
      issueKey: row.key,
      serviceDeskId: row.service_desk_id,
      requestTypeId: row.request_type_id,
      reporter: { accountId: row.reporter },
      createdDate: { epochMillis: row.created, iso8601: new Date(row.created).toISOString() },
      requestFieldValues: Object.entries(fields).map(([fieldId, value]) => ({ fieldId, value })),
      _links: { web: `${this.options.siteUrl()}/browse/${row.key}`, self: `${this.options.siteUrl()}/rest/servicedeskapi/request/${row.id}` },
    };
  }

  /**
   * Jira takes this string as wiki markup, so chat text in it could become mentions, images or macros. The app
   * writes documents through the platform API instead; refusing here makes a return to the old call fail loudly.
   */
  private refuseStringComment(key: string): StandInResponse {
    return {
      status: 400,
      body: { errorMessage: `The local Jira stand-in takes comments as ADF documents through POST /rest/api/3/issue/${key}/comment, not as wiki-markup strings.` },
    };
  }

  /** The platform API's comment: an ADF body; JSM's `sd.public.comment` property makes it internal when asked. */
  private addComment(key: string, body: unknown, caller: string): StandInResponse {
    if (!this.requestView(key)) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    const input = (typeof body === 'object' && body !== null ? body : {}) as { body?: unknown; properties?: unknown };
    const problem = adfProblem(input.body);
    if (problem) return { status: 400, body: { errorMessages: [], errors: { comment: `Comment body is not valid: ${problem}` } } };
    const json = JSON.stringify(input.body);
    if (json.length > JIRA_LIMITS.textFieldChars) {
      return { status: 400, body: { errorMessages: [], errors: { comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' } } };
    }
    const internal = internalOf(input.properties);
    if (internal === undefined) return { status: 400, body: { errorMessages: ['The comment properties are not valid.'], errors: {} } };
    const created = this.options.now();
    const result = this.db
      .prepare('INSERT INTO jira_comment (issue_key, body, internal, author, created) VALUES (?, ?, ?, ?, ?)')
      .run(key, json, internal ? 1 : 0, caller, created);
    const view = commentView({ id: Number(result.lastInsertRowid), body: json, internal: internal ? 1 : 0, author: caller, created });
    this.emit({ eventType: 'avi:jira:commented:issue', causedBy: caller, payload: { ...this.eventBase(key, caller), comment: { id: view['id'], author: view['author'], jsdPublic: !internal, created: view['created'] } } });
    return { status: 201, body: view };
  }

  private comment(key: string, id: string): StandInResponse {
    const row = /^[0-9]{1,18}$/.test(id) ? (this.db.prepare('SELECT id, body, internal, author, created FROM jira_comment WHERE issue_key = ? AND id = ?').get(key, Number(id)) as CommentRow | undefined) : undefined;
    return row ? { status: 200, body: commentView(row) } : { status: 404, body: { errorMessages: ['Can not find a comment for the id.'], errors: {} } };
  }

  private comments(key: string): StandInResponse {
    if (!this.requestView(key)) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    const rows = this.db.prepare('SELECT id, body, internal, author, created FROM jira_comment WHERE issue_key = ? ORDER BY id').all(key) as CommentRow[];
    return { status: 200, body: { startAt: 0, maxResults: 5000, total: rows.length, comments: rows.map(commentView) } };
  }

  private setProperty(issueKey: string, propertyKey: string, body: unknown): StandInResponse {
    if (!this.requestView(issueKey)) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] } };
    const existed = this.db.prepare('SELECT 1 FROM jira_issue_property WHERE issue_key = ? AND property_key = ?').get(issueKey, propertyKey);
    this.db
      .prepare('INSERT INTO jira_issue_property (issue_key, property_key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
      .run(issueKey, propertyKey, JSON.stringify(body ?? null));
    return { status: existed ? 200 : 201 };
  }

  private getProperty(issueKey: string, propertyKey: string): StandInResponse {
    const row = this.db.prepare('SELECT value FROM jira_issue_property WHERE issue_key = ? AND property_key = ?').get(issueKey, propertyKey) as
      | { value: string }
      | undefined;
    return row
      ? { status: 200, body: { key: propertyKey, value: JSON.parse(row.value) as unknown } }
      : { status: 404, body: { errorMessages: [`The property ${propertyKey} does not exist.`] } };
  }
}

/** An Atlassian Document Format document as the stand-in stores it. */
export interface StandInAdfDocument {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly unknown[];
}

/** Past this, a ticket's page says how many comments it left out. */
export const MAX_TICKET_COMMENTS = 500;

/** Someone named on a ticket: a stand-in user, or the app itself (`app`), or an account the site does not know. */
export interface StandInPerson {
  readonly accountId: string;
  readonly displayName: string;
}

export interface StandInTicketSummary {
  readonly key: string;
  readonly summary: string;
  readonly status: string;
  readonly requestType: string;
  readonly reporter: StandInPerson;
  readonly created: number;
}

export interface StandInTicket extends StandInTicketSummary {
  readonly resolution?: string | undefined;
  /** As stored: an ADF document, plain text, or nothing. */
  readonly description: unknown;
  readonly comments: ReadonlyArray<{ readonly body: unknown; readonly internal: boolean; readonly author: StandInPerson; readonly created: number }>;
  readonly commentCount: number;
  readonly attachments: readonly StandInAttachment[];
}

interface TicketRow {
  readonly key: string;
  readonly request_type_id: string;
  readonly fields: string;
  readonly reporter: string;
  readonly created: number;
}

function ticketSummary(row: TicketRow, requestTypes: ReadonlyArray<{ readonly id: string; readonly name: string }>): StandInTicketSummary {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  return {
    key: row.key,
    summary: typeof fields['summary'] === 'string' ? fields['summary'] : '',
    status: NEW_REQUEST_STATUS,
    requestType: requestTypes.find((t) => t.id === row.request_type_id)?.name ?? row.request_type_id,
    reporter: personOf(row.reporter),
    created: row.created,
  };
}

function personOf(accountId: string): StandInPerson {
  if (accountId === 'app') return { accountId, displayName: 'Koji (the app)' };
  return { accountId, displayName: LOCAL_USERS.find((u) => u.accountId === accountId)?.displayName ?? accountId };
}

interface CommentRow {
  readonly id: number;
  readonly body: string;
  readonly internal: number;
  readonly author: string;
  readonly created: number;
}

function commentView(row: CommentRow): Record<string, unknown> {
  return {
    id: String(row.id),
    author: { accountId: row.author, displayName: personOf(row.author).displayName, accountType: row.author === 'app' ? 'app' : 'atlassian' },
    body: JSON.parse(row.body) as unknown,
    created: new Date(row.created).toISOString(),
    jsdPublic: row.internal === 0,
    properties: [{ key: 'sd.public.comment', value: { internal: row.internal === 1 } }],
  };
}

/**
 * Why a value is not an ADF document Jira would take, or undefined when it is: a `doc` of version 1 whose nodes
 * all have a type, whose text nodes hold text (Jira refuses empty ones) and whose marks have a type.
 */
function adfProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'expected an ADF document, not a string.';
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  if (doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) return 'expected {type: "doc", version: 1, content: [...]}.';
  const nodeProblem = (node: unknown): string | undefined => {
    if (typeof node !== 'object' || node === null) return 'a node is not an object.';
    const { type, text, content, marks } = node as { type?: unknown; text?: unknown; content?: unknown; marks?: unknown };
    if (typeof type !== 'string' || type === 'doc') return 'a node has no valid type.';
    if (type === 'text' && (typeof text !== 'string' || text.length === 0)) return 'a text node has no text.';
    if (marks !== undefined && (!Array.isArray(marks) || marks.some((mark) => typeof (mark as { type?: unknown } | null)?.type !== 'string'))) {
      return 'a mark has no type.';
    }
    if (content === undefined) return undefined;
    if (!Array.isArray(content)) return 'a node\'s content is not a list.';
    return content.map(nodeProblem).find((p) => p !== undefined);
  };
  return doc.content.map(nodeProblem).find((p) => p !== undefined);
}

/** Whether JSM's `sd.public.comment` property asks for an internal comment: false without it, undefined when malformed. */
function internalOf(properties: unknown): boolean | undefined {
  if (properties === undefined) return false;
  if (!Array.isArray(properties)) return undefined;
  const entry = properties.find((p) => (p as { key?: unknown } | null)?.key === 'sd.public.comment') as { value?: { internal?: unknown } } | undefined;
  if (!entry) return false;
  const internal = entry.value?.internal;
  return typeof internal === 'boolean' ? internal : undefined;
}

function publicUser(user: StandInUser): Record<string, unknown> {
  return { accountId: user.accountId, displayName: user.displayName, emailAddress: user.emailAddress, accountType: 'atlassian', active: true };
}

/** A plan key `POST /rest/servicedeskapi/request` (or just a path prefix, any method) against one call. */
function matchesJiraKey(key: string, method: string, path: string): boolean {
  const [first = '', second] = key.trim().split(/\s+/, 2);
  const [keyMethod, prefix] = second === undefined ? [undefined, first] : [first, second];
  return path.startsWith(prefix) && (keyMethod === undefined || keyMethod.toUpperCase() === method.toUpperCase());
}

/** A fault from the platform's plan in the stand-in's own terms. */
function asInjectedFailure(fault: Fault): InjectedFailure {
  if ('status' in fault) return { pathPrefix: '', status: fault.status };
  if ('stallMs' in fault) return { pathPrefix: '', delayMs: fault.stallMs };
  if ('reset' in fault) return { pathPrefix: '', reset: true, afterEffect: fault.afterEffect === true };
  return { pathPrefix: '', hang: true };
}
