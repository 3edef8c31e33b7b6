import { LOCAL_STATUSES, type JsmStandIn, type StandInTicket, type StandInTicketSummary } from '../jira/jsm-stand-in';
import { decodedPath } from '../url-segment';
import { adfToHtml } from './adf-html';
import { html, page, type Html } from './html';

/** Where the embedded Jira's pages are: `/jira/browse` lists the tickets, `/jira/browse/SUP-1` shows one. */
export const TICKETS_PATH = '/jira/browse';

/** Where a ticket's attachments are served: `/jira/attachment/<id>`. */
export const ATTACHMENTS_PATH = '/jira/attachment';

/** Tickets a page of the list shows. */
export const TICKETS_PER_PAGE = 25;

/** A Jira issue key: a project key (a capital, then up to 9 capitals, digits or `_`), a dash, a number. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]{0,8}$/;

/** The issue panel as Jira places it on a ticket: its module, and the issue property it needs to show. */
export interface IssuePanel {
  readonly key: string;
  readonly title: string;
  readonly issuePropertyRequired?: string | undefined;
}

/** A page's answer: its status and what it shows. */
export interface Answer {
  readonly status: number;
  readonly page: Html;
}

const PRODUCT = 'Jira Service Management (local)';
const HOME = { href: '/', label: 'Koji Live Agent (local)' };
const TICKETS = { href: TICKETS_PATH, label: 'Tickets' };

/** What `/jira/browse/<rest>` answers: the list (no `rest`), a ticket, or a page that says why not. */
export function ticketPages(jsm: JsmStandIn, panel: IssuePanel | undefined, rest: string, query: URLSearchParams): Answer {
  if (rest === '' || rest === '/') return ticketList(jsm, query);
  const key = issueKeyOf(rest.slice(1));
  if (!key) return problem(400, 'Not a ticket key', html`<p>A ticket key looks like <code>SUP-1</code>: a project key, a dash, a number.</p>`);
  const ticket = jsm.ticket(key);
  if (!ticket) return problem(404, `No ticket ${key}`, html`<p>There is no ticket <strong>${key}</strong> on the local Jira.</p>`);
  const panelShown = panel && (!panel.issuePropertyRequired || jsm.property(key, panel.issuePropertyRequired) !== undefined);
  return { status: 200, page: ticketPage(ticket, panelShown ? panel : undefined) };
}

/** The key in a path segment, or undefined when it is not one: checked before any lookup. */
export function issueKeyOf(segment: string): string | undefined {
  if (segment.length > 40) return undefined;
  const key = decodedPath(segment);
  return key !== undefined && ISSUE_KEY.test(key) ? key : undefined;
}

function ticketList(jsm: JsmStandIn, query: URLSearchParams): Answer {
  const before = query.get('before');
  if (before !== null && !/^[1-9][0-9]{0,8}$/.test(before)) return problem(400, 'Not a page of tickets', html`<p><code>before</code> is a ticket number.</p>`);
  const { tickets, nextBefore } = jsm.recentTickets({ before: before === null ? undefined : Number(before), limit: TICKETS_PER_PAGE });
  const rows = tickets.map((t) => ticketRow(t));
  const body = html`<h1>Tickets</h1>
<p class="subtle">The requests on the local Jira, newest first. Koji creates one when an operator types <code>#create_ticket</code>, or when a user takes the offer of a ticket.</p>
${
  tickets.length === 0
    ? html`<p class="empty">${before === null ? 'No tickets yet.' : 'No older tickets.'}</p>`
    : html`<table class="tickets"><thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Reporter</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead><tbody>${rows}</tbody></table>`
}
<nav class="pager" aria-label="Pages">${before !== null ? html`<a href="${TICKETS_PATH}">Newest</a>` : undefined}${nextBefore !== undefined ? html`<a href="${`${TICKETS_PATH}?before=${nextBefore}`}">Older</a>` : undefined}</nav>`;
  return { status: 200, page: page({ title: 'Tickets · local Jira', product: PRODUCT, trail: [HOME] }, body) };
}

function ticketRow(t: StandInTicketSummary): Html {
  return html`<tr><td><a href="${`${TICKETS_PATH}/${t.key}`}">${t.key}</a></td><td>${t.summary}</td><td>${t.reporter.displayName}</td><td>${lozenge(t.status)}</td><td>${when(t.created)}</td></tr>`;
}

function ticketPage(ticket: StandInTicket, panel: IssuePanel | undefined): Html {
  const left = ticket.commentCount - ticket.comments.length;
  const body = html`<div class="issue">
<div class="issue-main">
<p class="issue-key">${ticket.key}</p>
<h1>${ticket.summary}</h1>
<section aria-labelledby="description"><h2 id="description">Description</h2>
<div class="document">${ticket.description === undefined ? html`<p class="empty">No description.</p>` : adfToHtml(ticket.description)}</div></section>
${ticket.attachments.length > 0 ? attachments(ticket.attachments) : undefined}
${panel ? issuePanel(ticket.key, panel) : undefined}
<section aria-labelledby="activity"><h2 id="activity">Comments (${ticket.commentCount})</h2>
${ticket.comments.length === 0 ? html`<p class="empty">No comments.</p>` : html`<ol class="comments">${ticket.comments.map(comment)}</ol>`}
${left > 0 ? html`<p class="subtle">${left} later comments are not shown.</p>` : undefined}
</section>
${ticketForms(ticket.key, ticket.status)}
</div>
<aside class="issue-details" aria-labelledby="details"><h2 id="details">Details</h2>
<dl>
<dt>Status</dt><dd>${lozenge(ticket.status)}</dd>
${ticket.resolution ? html`<dt>Resolution</dt><dd>${ticket.resolution}</dd>` : undefined}
<dt>Request type</dt><dd>${ticket.requestType}</dd>
<dt>Reporter</dt><dd>${ticket.reporter.displayName}</dd>
<dt>Created</dt><dd>${when(ticket.created)}</dd>
</dl></aside>
</div>`;
  return page({ title: `${ticket.key}: ${ticket.summary}`, product: PRODUCT, trail: [HOME, TICKETS, { href: `${TICKETS_PATH}/${ticket.key}`, label: ticket.key }] }, body);
}

/** The files on the ticket, as Jira lists them: pictures as thumbnails, every file by its name (text, never markup) and size. */
function attachments(files: StandInTicket['attachments']): Html {
  const item = (f: StandInTicket['attachments'][number]): Html => {
    const href = `${ATTACHMENTS_PATH}/${f.id}`;
    const thumb = /^image\/(png|jpeg|gif|webp)$/.test(f.mimeType) ? html`<img src="${href}" alt="${f.filename}" class="attachment-thumb">` : undefined;
    return html`<li class="attachment">${thumb}<a href="${href}" download="${f.filename}">${f.filename}</a> <span class="subtle">${Math.max(1, Math.round(f.size / 1024))} KB</span></li>`;
  };
  return html`<section aria-labelledby="attachments"><h2 id="attachments">Attachments (${files.length})</h2><ul class="attachments">${files.map(item)}</ul></section>`;
}

/** The Custom UI panel as Jira shows it on the issue: the module's page in a frame, in this issue's context. */
function issuePanel(key: string, panel: IssuePanel): Html {
  return html`<section class="issue-panel" aria-labelledby="panel-title"><h2 id="panel-title">${panel.title}</h2>
<iframe title="${panel.title}" src="${`/pages/${encodeURIComponent(panel.key)}/?issue=${encodeURIComponent(key)}`}"></iframe></section>`;
}

/** A comment as a JSM agent sees it: internal notes are marked and tinted, replies say they were shared with the customer. */
function comment(c: StandInTicket['comments'][number]): Html {
  return html`<li class="${c.internal ? 'comment internal' : 'comment'}"><p class="comment-head"><strong>${c.author.displayName}</strong> <span class="subtle">${when(c.created)}</span> ${
    c.internal ? html`<span class="lozenge internal">Internal note</span>` : html`<span class="lozenge public">Shared with customer</span>`
  }</p><div class="document">${adfToHtml(c.body)}</div></li>`;
}

function lozenge(status: string): Html {
  return html`<span class="lozenge status">${status}</span>`;
}

function when(epochMs: number): Html {
  const iso = new Date(epochMs).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** A page that says what went wrong, with the way back. */
export function problem(status: number, title: string, detail: Html): Answer {
  return { status, page: page({ title, product: PRODUCT, trail: [HOME, TICKETS] }, html`<h1>${title}</h1>${detail}<p><a href="${TICKETS_PATH}">See the tickets</a></p>`) };
}

/** The longest comment the page takes: Jira's own limit on a comment's text. */
export const MAX_COMMENT_CHARS = 32_000;

/**
 * What a JSM agent does on a ticket's page, as Local Agent: add a comment (a reply to the customer or an internal
 * note) and move the ticket to another status. Each is a plain form post (the pages run no script); Jira then
 * emits its product event to the app, as on a real site. Only from this server's own page on this machine.
 */
function ticketForms(key: string, status: string): Html {
  const options = LOCAL_STATUSES.map((s) => html`<option value="${s.name}"${s.name === status ? html` selected` : undefined}>${s.name}</option>`);
  return html`<section aria-labelledby="act"><h2 id="act">Work on it (as Local Agent)</h2>
<form method="post" action="${`${TICKETS_PATH}/${key}/comment`}" class="ticket-form">
<label for="comment-body">Comment</label>
<textarea id="comment-body" name="body" rows="4" required maxlength="${String(MAX_COMMENT_CHARS)}"></textarea>
<p><label><input type="radio" name="visibility" value="public" checked> Reply to customer</label> <label><input type="radio" name="visibility" value="internal"> Internal note</label></p>
<button class="button" type="submit">Add comment</button></form>
<form method="post" action="${`${TICKETS_PATH}/${key}/transition`}" class="ticket-form">
<label for="status-pick">Status</label> <select id="status-pick" name="status">${options}</select>
<button class="button" type="submit">Transition</button></form></section>`;
}

