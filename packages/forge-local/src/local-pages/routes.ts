import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { AppManifest } from '../app-manifest';
import { LOCAL_PROJECT, type JsmStandIn } from '../jira/jsm-stand-in';
import type { LocalApp } from '../local-app';
import { isLoopbackHost, isLoopbackPeer } from '../loopback';
import { html, page, sendPage } from './html';
import { startPage, type StartFacts } from './start-page';
import { ATTACHMENTS_PATH, TICKETS_PATH, ticketPages, type IssuePanel } from './ticket-pages';
import { ticketAction } from './ticket-actions';

/** Where the bench's latest report is served from, when the app says where `npm run bench` writes it. */
export const BENCH_REPORT_PATH = '/local/bench/latest.json';

/** A report bigger than this is not read for the start page (the link still works). */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** What the local pages read of the running platform. */
export interface LocalPagesContext extends Omit<StartFacts, 'url' | 'jira' | 'bench' | 'pages' | 'slack' | 'teams' | 'sandboxSetup'> {
  readonly baseUrl: () => string;
  readonly manifest: AppManifest;
  readonly jsm?: JsmStandIn | undefined;
  readonly realJiraSite?: string | undefined;
  readonly slack: () => StartFacts['slack'];
  readonly teams: () => StartFacts['teams'];
  readonly bench?: LocalApp['bench'];
  /** The start page's one-click set-up of the sandboxes, when the app offers one and a sandbox runs. */
  readonly sandboxSetup?: { readonly does: string; run(): Promise<void> } | undefined;
}

/** Where the start page's "Set up the sandboxes" form posts. */
export const SANDBOX_SETUP_PATH = '/local/sandbox-setup';

/**
 * The pages a person opens in a browser: the start page at `/`, the local Jira's tickets at `/jira/browse`,
 * their look, and the bench's latest report. Answers GET and HEAD only; says whether it answered.
 */
export function localPagesRoutes(context: LocalPagesContext): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const panelModule = context.manifest.pages.find((p) => p.moduleType === 'jira:issuePanel');
  const panel: IssuePanel | undefined = panelModule && { key: panelModule.key, title: panelModule.title, issuePropertyRequired: panelModule.issuePropertyRequired };
  return async (req, res, url) => {
    const { pathname } = url;
    if (pathname === SANDBOX_SETUP_PATH && req.method === 'POST') return setUpSandboxes(context, req, res);
    const acted = context.jsm && pathname.startsWith(`${TICKETS_PATH}/`) ? await ticketAction(context.jsm, req, res, pathname, context.baseUrl()) : false;
    if (acted === 'done') return true;
    if (acted) {
      sendPage(res, acted.status, acted.page);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/') {
      sendPage(res, 200, startPage(startFacts(context, url.searchParams.get('setup') === 'done')));
      return true;
    }
    // Browsers ask for it on every page; no icon is better than a 404 in the console.
    if (pathname === '/favicon.ico') {
      res.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
      return true;
    }
    if (pathname === '/local/look.css') {
      res.setHeader('content-type', 'text/css; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(await readFile(path.join(__dirname, 'look.css')));
      return true;
    }
    if (pathname === BENCH_REPORT_PATH && context.bench) return benchReport(res, context.bench.latestReport);
    if (pathname === '/jira' || pathname === '/jira/') {
      res.writeHead(302, { location: TICKETS_PATH }).end();
      return true;
    }
    const articleId = /^\/jira\/kb\/([1-9][0-9]{0,5})$/.exec(pathname)?.[1];
    if (articleId && context.jsm) {
      const article = context.jsm.knowledgeBase.article(articleId);
      const title = article?.title ?? 'No such article';
      sendPage(res, article ? 200 : 404, page({ title, product: 'Jira Service Management (local)' }, html`<h1>${title}</h1><p>${article?.body ?? 'The local knowledge base has no such article.'}</p>`));
      return true;
    }
    const attachmentId = new RegExp(`^${ATTACHMENTS_PATH}/([1-9][0-9]{0,8})$`).exec(pathname)?.[1];
    if (attachmentId && context.jsm) return serveAttachment(res, context.jsm.attachments.content(Number(attachmentId)));
    if (pathname !== TICKETS_PATH && !pathname.startsWith(`${TICKETS_PATH}/`)) return false;
    if (!context.jsm) {
      const site = context.realJiraSite ?? '';
      sendPage(res, 404, page({ title: 'Tickets are on the real site', product: 'Koji Live Agent (local)' }, html`<h1>Tickets are on the real site</h1><p>Jira calls go to <a href="${site}">${site}</a>: open the tickets there.</p>`));
      return true;
    }
    const answer = ticketPages(context.jsm, panel, pathname.slice(TICKETS_PATH.length), url.searchParams);
    sendPage(res, answer.status, answer.page);
    return true;
  };
}

/** A ticket's attachment, as Jira serves it: a download, or a picture shown; never a page that runs anything. */
function serveAttachment(res: ServerResponse, file: { filename: string; mime: string; bytes: Buffer } | undefined): true {
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('No such attachment.');
    return true;
  }
  const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.mime);
  res.writeHead(200, {
    'content-type': inline ? file.mime : 'application/octet-stream',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
  });
  res.end(file.bytes);
  return true;
}

/**
 * Runs the app's set-up of the sandboxes for a form posted from this server's own start page on this
 * machine, then sends the browser back to it. A page elsewhere could post a form here too: its
 * `Origin` says so, and it is refused.
 */
async function setUpSandboxes(context: LocalPagesContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const origin = req.headers.origin;
  const local = isLoopbackPeer(req.socket.remoteAddress);
  if (!context.sandboxSetup || !local || (origin !== undefined && !isThisServer(origin, context.baseUrl()))) {
    sendPage(res, 403, page({ title: 'Not from here', product: 'Koji Live Agent (local)' }, html`<h1>Not from here</h1><p>The sandboxes are set up from the start page of this server, on this machine.</p><p><a href="/">Back to the start page</a></p>`));
    return true;
  }
  try {
    await context.sandboxSetup.run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    sendPage(res, 500, page({ title: 'Setting up the sandboxes failed', product: 'Koji Live Agent (local)' }, html`<h1>Setting up the sandboxes failed</h1><p>${reason}</p><p>The <code>npm start</code> terminal has the app's log. <a href="/">Back to the start page</a></p>`));
    return true;
  }
  res.writeHead(303, { location: '/?setup=done#try' }).end();
  return true;
}

/** The start page opened at localhost, 127.0.0.1 or [::1] on this server's port. */
function isThisServer(origin: string, baseUrl: string): boolean {
  try {
    const from = new URL(origin);
    return isLoopbackHost(from.hostname) && from.port === new URL(baseUrl).port && from.protocol === 'http:';
  } catch {
    return false;
  }
}

function startFacts(context: LocalPagesContext, setUpDone: boolean): StartFacts {
  const url = context.baseUrl();
  return {
    sandboxSetup: context.sandboxSetup && { does: context.sandboxSetup.does, path: SANDBOX_SETUP_PATH, done: setUpDone },
    url,
    dataDir: context.dataDir,
    jira: context.jsm
      ? { project: { key: LOCAL_PROJECT.key, name: LOCAL_PROJECT.name }, newest: context.jsm.recentTickets({ limit: 5 }).tickets }
      : { site: context.realJiraSite ?? '' },
    slack: context.slack(),
    teams: context.teams(),
    playground: context.playground,
    pages: context.manifest.pages,
    triggers: context.triggers,
    bench: context.bench && { command: context.bench.command, report: reportSummary(context.bench.latestReport) },
  };
}

/** The date and command of the bench's latest report, if there is one to read. */
function reportSummary(file: string): { href: string; date: string; command: string } | undefined {
  try {
    if (statSync(file).size > MAX_REPORT_BYTES) return { href: BENCH_REPORT_PATH, date: 'latest', command: '' };
    const meta = (JSON.parse(readFileSync(file, 'utf8')) as { meta?: { date?: unknown; command?: unknown } }).meta;
    const date = typeof meta?.date === 'string' ? `${meta.date.slice(0, 16).replace('T', ' ')} UTC` : 'latest';
    return { href: BENCH_REPORT_PATH, date, command: typeof meta?.command === 'string' ? meta.command : '' };
  } catch {
    return undefined;
  }
}

async function benchReport(res: ServerResponse, file: string): Promise<boolean> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    sendPage(res, 404, page({ title: 'No bench report yet', product: 'Koji Live Agent (local)' }, html`<h1>No bench report yet</h1><p>Run <code>npm run bench</code>: its latest report shows here.</p>`));
    return true;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(content);
  return true;
}
