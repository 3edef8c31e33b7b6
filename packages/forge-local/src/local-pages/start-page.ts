import { LOCAL_USERS, type StandInTicketSummary } from '../jira/jsm-stand-in';
import { CHAT_PAGE_PATH, SANDBOX_PEOPLE, SANDBOX_WORKSPACE } from '../slack';
import { TEAMS_CHAT_PAGE_PATH, TEAMS_SANDBOX } from '../teams';
import { html, page, type Html } from './html';
import { TICKETS_PATH } from './ticket-pages';

/** What runs where, as the start page tells it. */
export interface StartFacts {
  readonly url: string;
  /** The one-click set-up the app offers (what it does, where to post), and whether it was just done. */
  readonly sandboxSetup?: { readonly does: string; readonly path: string; readonly done: boolean } | undefined;
  /** The data directory, or `:memory:`. */
  readonly dataDir: string;
  /** The embedded Jira (its project and newest tickets), or the real site's address. */
  readonly jira: { readonly project: { readonly key: string; readonly name: string }; readonly newest: readonly StandInTicketSummary[] } | { readonly site: string };
  /** `sandbox`, `real` (with the workspace's or tenant's name once connected), or `off`. */
  readonly slack: Chat;
  readonly teams: Chat;
  /** The Agents Playground's door, with the Teams sandbox only. */
  readonly playground?: { readonly path: string; readonly clientUrl: string } | undefined;
  readonly pages: ReadonlyArray<{ readonly key: string; readonly title: string; readonly moduleType: string }>;
  readonly triggers: ReadonlyArray<{ readonly key: string; readonly path: string }>;
  readonly bench?: { readonly command: string; readonly report?: { readonly href: string; readonly date: string; readonly command: string } | undefined } | undefined;
}

export type Chat = { readonly kind: 'sandbox' } | { readonly kind: 'real'; readonly name?: string | undefined } | { readonly kind: 'off' };

/** The sandbox person a Jira admin is on chat too: the same e-mail as a site admin of the embedded Jira. */
const jiraAdminEmails = new Set(LOCAL_USERS.filter((u) => u.siteAdmin).map((u) => u.emailAddress));

/** `/`: the start page of the local product. */
export function startPage(facts: StartFacts): Html {
  const body = html`<h1>Koji Live Agent, on this machine</h1>
<p class="lead">Live-agent handoff for Jira Service Management, with Slack and Microsoft Teams chat, running on the local Forge platform at <code>${facts.url}</code>.</p>
${tryIt(facts)}
<div class="cards">
${running(facts)}
${backoffice(facts)}
${tickets(facts)}
</div>
<h2>Sandbox chats</h2>
<div class="cards">
${slackCard(facts.slack)}
${teamsCard(facts.teams, facts.playground)}
</div>
<div class="cards">
${bench(facts.bench)}
</div>`;
  return page({ title: 'Koji Live Agent (local)', product: 'Koji Live Agent (local)' }, body);
}

/** The shortest way to a first conversation: set up the sandboxes in one click, then what to do next. */
function tryIt(facts: StartFacts): Html | undefined {
  const setup = facts.sandboxSetup;
  if (!setup) return undefined;
  const alice = `${CHAT_PAGE_PATH}?as=UALICE`;
  const bob = `${CHAT_PAGE_PATH}?as=UBOB`;
  const next = html`<ol><li>Chat as <a href="${alice}" target="_blank">Alice</a> (an operator) and type <code>#on</code>.</li>
<li>In another tab, chat as <a href="${bob}" target="_blank">Bob</a> (a user) and type <code>operator</code>; then write both ways.</li>
<li>As Alice, click <strong>Create ticket</strong>, and open the ticket link both of them get.</li></ol>`;
  return html`<section class="card try" id="try" aria-labelledby="try-it"><h2 id="try-it">Try it</h2>
${setup.done ? html`<p class="notice" role="status">The sandboxes are set up.</p>` : html`<form method="post" action="${setup.path}"><button class="button" type="submit">Set up the sandboxes</button></form>`}
<p class="subtle">${setup.does} It goes through the backoffice’s own resolvers, as the Jira admin would; the <a href="/pages/koji-backoffice/">backoffice</a> shows the result.</p>
${next}
</section>`;
}

function running(facts: StartFacts): Html {
  const jira = 'site' in facts.jira
    ? html`a real site, <a href="${facts.jira.site}">${facts.jira.site}</a> (<code>JIRA_BASE_URL</code>)`
    : html`the embedded Jira Service Management stand-in, project ${facts.jira.project.key} (${facts.jira.project.name})`;
  return html`<section class="card" aria-labelledby="running"><h2 id="running">What is running</h2>
<dl class="facts">
<dt>Jira</dt><dd>${jira}</dd>
<dt>Slack</dt><dd>${chatLine(facts.slack, 'the Slack sandbox', 'SLACK_BOT_TOKEN')}</dd>
<dt>Teams</dt><dd>${chatLine(facts.teams, 'the Teams sandbox', 'TEAMS_APP_ID')}</dd>
<dt>Agents Playground</dt><dd>${facts.playground ? html`<code>${facts.url}${facts.playground.path}</code>` : 'off (it comes with the Teams sandbox)'}</dd>
<dt>Data</dt><dd>${facts.dataDir === ':memory:' ? 'in memory: nothing is kept' : html`<code>${facts.dataDir}</code>`}</dd>
<dt>Web triggers</dt><dd><ul class="plain">${facts.triggers.map((t) => html`<li><code>${t.path}</code> <span class="subtle">${t.key}</span></li>`)}</ul></dd>
<dt>Faults</dt><dd><code>/local/faults</code> <span class="subtle">makes a stand-in fail its next calls</span></dd>
</dl></section>`;
}

function chatLine(chat: Chat, sandbox: string, variable: string): Html | string {
  if (chat.kind === 'sandbox') return sandbox;
  if (chat.kind === 'off') return 'off';
  return html`a real one (<code>${variable}</code>)${chat.name ? html`: ${chat.name}` : undefined}`;
}

function backoffice(facts: StartFacts): Html {
  const pages = facts.pages.filter((p) => p.moduleType !== 'jira:issuePanel');
  const where: Record<string, string> = { 'jira:adminPage': 'Jira’s admin page: every project', 'jira:projectSettingsPage': 'the project’s settings: this project' };
  return html`<section class="card" aria-labelledby="backoffice"><h2 id="backoffice">Backoffice</h2>
<ul class="links">${pages.map(
    (p) => html`<li><a href="${`/pages/${p.key}/`}">${p.title}</a> <span class="subtle">${where[p.moduleType] ?? p.moduleType}</span></li>`,
  )}</ul>
<p class="subtle">As the Jira admin (${adminName()}). Add <code>?as=local-agent</code> to a page’s address to see it as someone who is not an admin.</p>
</section>`;
}

function adminName(): string {
  return LOCAL_USERS.find((u) => u.siteAdmin)?.displayName ?? 'local-admin';
}

function tickets(facts: StartFacts): Html {
  if ('site' in facts.jira) {
    return html`<section class="card" aria-labelledby="tickets"><h2 id="tickets">Tickets</h2><p>Tickets are created on <a href="${facts.jira.site}">${facts.jira.site}</a>.</p></section>`;
  }
  const newest = facts.jira.newest;
  return html`<section class="card" aria-labelledby="tickets"><h2 id="tickets">Tickets</h2>
${newest.length === 0 ? html`<p class="empty">No tickets yet: an operator makes one with <code>#create_ticket</code>.</p>` : html`<ul class="links">${newest.map((t) => html`<li><a href="${`${TICKETS_PATH}/${t.key}`}">${t.key}</a> ${t.summary}</li>`)}</ul>`}
<p><a href="${TICKETS_PATH}">All tickets</a></p></section>`;
}

function slackCard(chat: Chat): Html {
  if (chat.kind !== 'sandbox') return html`<section class="card" aria-labelledby="slack"><h2 id="slack">Slack</h2><p>${chatLine(chat, '', 'SLACK_BOT_TOKEN')}: chat in Slack itself.</p></section>`;
  const people = SANDBOX_PEOPLE.map((p) => ({ name: p.realName, role: p.role, email: p.email, href: `${CHAT_PAGE_PATH}?as=${encodeURIComponent(p.id)}` }));
  return html`<section class="card" aria-labelledby="slack"><h2 id="slack">Slack sandbox: ${SANDBOX_WORKSPACE.teamName}</h2>
<p><a class="button" href="${CHAT_PAGE_PATH}">Open the Slack sandbox</a></p>
${peopleTable('Slack sandbox people', people)}
<p class="subtle">Connect it in the backoffice with bot token <code>${SANDBOX_WORKSPACE.botToken}</code> and signing secret <code>${SANDBOX_WORKSPACE.signingSecret}</code>.</p>
</section>`;
}

function teamsCard(chat: Chat, playground: StartFacts['playground']): Html {
  if (chat.kind !== 'sandbox') return html`<section class="card" aria-labelledby="teams"><h2 id="teams">Microsoft Teams</h2><p>${chatLine(chat, '', 'TEAMS_APP_ID')}: chat in Teams itself.</p></section>`;
  const people = TEAMS_SANDBOX.people.map((p) => ({ name: p.name, role: p.role, email: p.email, href: `${TEAMS_CHAT_PAGE_PATH}?as=${encodeURIComponent(p.key)}` }));
  return html`<section class="card" aria-labelledby="teams"><h2 id="teams">Microsoft Teams sandbox: ${TEAMS_SANDBOX.tenantName}</h2>
<p><a class="button" href="${TEAMS_CHAT_PAGE_PATH}">Open the Teams sandbox</a></p>
${peopleTable('Teams sandbox people', people)}
<p class="subtle">Connect it in the backoffice with tenant <code>${TEAMS_SANDBOX.tenantId}</code>, app <code>${TEAMS_SANDBOX.appId}</code> and client secret <code>${TEAMS_SANDBOX.appPassword}</code>.</p>
${playground ? html`<p class="subtle">Microsoft 365 Agents Playground: run <code>npm run playground</code> in a second terminal, then open <a href="${playground.clientUrl}">${playground.clientUrl}</a>.</p>` : undefined}
</section>`;
}

/** Who is who: the operators to be, the users, and the Jira admin who is on chat too. */
function peopleTable(label: string, people: ReadonlyArray<{ name: string; role: string; email: string; href: string }>): Html {
  return html`<table class="people" aria-label="${label}"><thead><tr><th scope="col">Person</th><th scope="col">Meant to be</th><th scope="col"></th></tr></thead><tbody>${people.map((p) => {
    const admin = jiraAdminEmails.has(p.email);
    return html`<tr><td>${p.name}</td><td>${p.role === 'operator' ? html`<span class="lozenge operator">operator</span>` : html`<span class="lozenge user">user</span>`}${admin ? html` <span class="lozenge admin">Jira admin</span>` : undefined}</td><td><a href="${p.href}">Chat as ${p.name}</a></td></tr>`;
  })}</tbody></table>`;
}

function bench(facts: StartFacts['bench']): Html | undefined {
  if (!facts) return undefined;
  return html`<section class="card" aria-labelledby="bench"><h2 id="bench">Bench</h2>
<p>What a relayed message costs, and how that grows: <code>${facts.command}</code> in a terminal (<code>-- --quick</code> for a short run).</p>
${facts.report ? html`<p>Latest report: <a href="${facts.report.href}">${facts.report.date}</a> <span class="subtle">${facts.report.command}</span></p>` : html`<p class="empty">No report yet on this machine.</p>`}
</section>`;
}
