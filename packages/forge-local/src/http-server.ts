import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decodedPath } from './url-segment';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppManifest } from './app-manifest';
import { bridgeScript, extensionContext } from './custom-ui-bridge';
import type { FunctionRunner } from './function-runner';
import { LOCAL_PROJECT } from './jira/jsm-stand-in';
import { readRequestBody } from './request-body';
import { isForgeResponse, toForgeRequest } from './web-trigger-request';

/** The person the local pages act as, unless `?as=` or the header names another stand-in user. */
export const DEFAULT_LOCAL_ACCOUNT = 'local-admin';

/** Past this, a request body is refused, as Forge refuses it. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface LocalRoutes {
  /** Extra routes (the chat sandboxes, the start page and the local Jira's pages) tried before the platform's own. */
  readonly extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

/** Web trigger URL path for a module key: `slack-events` → `/webtrigger/slack`. */
export function webTriggerPath(manifest: AppManifest, key: string): string {
  const short = key.split('-')[0] ?? key;
  const clash = manifest.webTriggers.filter((w) => (w.key.split('-')[0] ?? w.key) === short).length > 1;
  return `/webtrigger/${clash ? key : short}`;
}

/**
 * The local platform over HTTP: web triggers in Forge's request shape, the
 * resolvers behind `invoke`, and the Custom UI pages with a local bridge.
 */
export function createLocalServer(manifest: AppManifest, runner: FunctionRunner, routes: LocalRoutes = {}): Server {
  // Worked out once, not on every request.
  const triggers = manifest.webTriggers.map((w) => ({ functionKey: w.functionKey, base: webTriggerPath(manifest, w.key) }));
  return createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      console.error('local platform error', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'The local platform failed; see its log.' });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (routes.extra && (await routes.extra(req, res, url))) return;
    const trigger = triggers.find((t) => url.pathname === t.base || url.pathname.startsWith(`${t.base}/`));
    if (trigger) return webTrigger(req, res, url, trigger.functionKey, trigger.base);
    if (url.pathname === '/__forge/invoke' && req.method === 'POST') return invokeResolver(req, res);
    if (url.pathname === '/__forge/bridge.js') return bridge(res, url);
    const page = manifest.pages.find((p) => url.pathname === `/pages/${p.key}` || url.pathname.startsWith(`/pages/${p.key}/`));
    if (page) return staticPage(res, url, page.key, page.resourcePath);
    sendJson(res, 404, { message: `Nothing at ${url.pathname}` });
  }

  async function webTrigger(req: IncomingMessage, res: ServerResponse, url: URL, functionKey: string, base: string): Promise<void> {
    const body = await readRequestBody(req, MAX_BODY_BYTES);
    if (body === undefined) return sendJson(res, 413, { message: 'The request body is larger than Forge accepts.' });
    const request = toForgeRequest(req, body, url, url.pathname.slice(base.length));
    const result = await runner.invoke(functionKey, [request, { installContext: 'ari:cloud:jira::site/local' }]);
    if (!isForgeResponse(result)) return sendJson(res, 500, { message: 'The web trigger returned something that is not a response.' });
    for (const [name, values] of Object.entries(result.headers ?? {})) res.setHeader(name, values);
    res.statusCode = result.statusCode;
    res.end(result.body ?? '');
  }

  async function invokeResolver(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readRequestBody(req, MAX_BODY_BYTES);
    let call: { moduleKey?: unknown; functionKey?: unknown; payload?: unknown; issueKey?: unknown };
    try {
      call = JSON.parse(body ?? '') as typeof call;
    } catch {
      return sendJson(res, 400, { message: 'Send {"moduleKey", "functionKey", "payload"} as JSON.' });
    }
    const page = manifest.pages.find((p) => p.key === call.moduleKey);
    if (!page?.resolverFunctionKey || typeof call.functionKey !== 'string') {
      return sendJson(res, 400, { message: 'Unknown module or function key.' });
    }
    const accountId = headerValue(req, 'x-koji-local-account') ?? DEFAULT_LOCAL_ACCOUNT;
    const event = {
      call: { functionKey: call.functionKey, payload: call.payload ?? {} },
      context: {
        moduleKey: page.key,
        // What Jira puts there for this module (no project on the admin page). On Jira the host
        // supplies the open issue; locally the page says which one it shows.
        extension: extensionContext({
          moduleType: page.moduleType,
          project: LOCAL_PROJECT,
          issueKey: typeof call.issueKey === 'string' ? call.issueKey : undefined,
        }),
      },
    };
    try {
      const result = await runner.invoke(page.resolverFunctionKey, [event, { principal: { accountId }, installContext: 'ari:cloud:jira::site/local' }], { accountId });
      sendJson(res, 200, { result });
    } catch (error) {
      console.error(`resolver ${call.functionKey} failed`, error);
      sendJson(res, 500, { message: `The resolver ${call.functionKey} failed.` });
    }
  }

  function bridge(res: ServerResponse, url: URL): void {
    const page = manifest.pages.find((p) => p.key === url.searchParams.get('module'));
    if (!page) return sendJson(res, 404, { message: 'Unknown module' });
    res.setHeader('content-type', 'text/javascript; charset=utf-8');
    res.end(
      bridgeScript({
        moduleKey: page.key,
        moduleType: page.moduleType,
        accountId: url.searchParams.get('as') ?? DEFAULT_LOCAL_ACCOUNT,
        project: { id: LOCAL_PROJECT.id, key: LOCAL_PROJECT.key },
        issueKey: url.searchParams.get('issue') ?? undefined,
      }),
    );
  }

  async function staticPage(res: ServerResponse, url: URL, moduleKey: string, root: string): Promise<void> {
    const decoded = decodedPath(url.pathname.slice(`/pages/${moduleKey}`.length));
    if (decoded === undefined) return sendJson(res, 400, { message: 'The path is not valid percent-encoding.' });
    const relative = decoded.replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root) + path.sep)) return sendJson(res, 403, { message: 'Outside the resource folder' });
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return sendJson(res, 404, { message: `No ${relative} in the resource` });
    }
    res.setHeader('content-type', contentType(file));
    if (relative === 'index.html') {
      const as = url.searchParams.get('as') ?? DEFAULT_LOCAL_ACCOUNT;
      const issue = url.searchParams.get('issue');
      const tag = `<script src="/__forge/bridge.js?module=${encodeURIComponent(moduleKey)}&as=${encodeURIComponent(as)}${issue ? `&issue=${encodeURIComponent(issue)}` : ''}"></script>`;
      // Root-relative asset paths point into the resource; then the bridge goes first in <head>.
      const html = content
        .toString('utf8')
        .replace(/(href|src)="\.?\//g, `$1="/pages/${moduleKey}/`)
        .replace(/<head>/i, (m) => `${m}\n${tag}`);
      res.end(html);
      return;
    }
    res.end(content);
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function contentType(file: string): string {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.json': 'application/json',
  };
  return types[path.extname(file)] ?? 'application/octet-stream';
}

