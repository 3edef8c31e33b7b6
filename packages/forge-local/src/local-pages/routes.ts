import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { AppManifest } from '../app-manifest';
import { LOCAL_PROJECT, type JsmStandIn } from '../jira/jsm-stand-in';
import type { LocalApp } from '../local-app';
import { html, page, sendPage } from './html';
import { startPage, type StartFacts } from './start-page';
import { TICKETS_PATH, ticketPages, type IssuePanel } from './ticket-pages';

/** Where the bench's latest report is served from, when the app says where `npm run bench` writes it. */
export const BENCH_REPORT_PATH = '/local/bench/latest.json';

/** A report bigger than this is not read for the start page (the link still works). */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** What the local pages read of the running platform. */
export interface LocalPagesContext extends Omit<StartFacts, 'url' | 'jira' | 'bench' | 'pages' | 'slack' | 'teams'> {
  readonly baseUrl: () => string;
  readonly manifest: AppManifest;
  readonly jsm?: JsmStandIn | undefined;
  readonly realJiraSite?: string | undefined;
  readonly slack: () => StartFacts['slack'];
  readonly teams: () => StartFacts['teams'];
  readonly bench?: LocalApp['bench'];
}

/**
 * The pages a person opens in a browser: the start page at `/`, the local Jira's tickets at `/jira/browse`,
 * their look, and the bench's latest report. Answers GET and HEAD only; says whether it answered.
 */
export function localPagesRoutes(context: LocalPagesContext): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const panelModule = context.manifest.pages.find((p) => p.moduleType === 'jira:issuePanel');
  const panel: IssuePanel | undefined = panelModule && { key: panelModule.key, title: panelModule.title, issuePropertyRequired: panelModule.issuePropertyRequired };
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const { pathname } = url;
    if (pathname === '/') {
      sendPage(res, 200, startPage(startFacts(context)));
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

function startFacts(context: LocalPagesContext): StartFacts {
  const url = context.baseUrl();
  return {
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
