import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** The chat channels the sandbox chat page plays. */
export type ChatChannel = 'slack' | 'teams';

const FILES: Record<string, { name: string; type: string }> = {
  '': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { name: 'app.css', type: 'text/css; charset=utf-8' },
};

/**
 * The sandbox chat page's files, one page for both channels, at /sandbox/<channel>/…: answers when
 * `rest` (the path after /sandbox/<channel>) names one of them and says so. Read on every request,
 * so an edit shows on reload.
 */
export async function servePageFile(req: IncomingMessage, res: ServerResponse, rest: string, channel: ChatChannel): Promise<boolean> {
  const file = Object.hasOwn(FILES, rest) ? FILES[rest] : undefined;
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.setHeader('content-type', file.type);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'");
  const content = await readFile(path.join(__dirname, file.name));
  res.end(file.name === 'index.html' ? pageFor(channel, content.toString('utf8')) : content);
  return true;
}

/**
 * index.html as `channel`'s page: `{{channel}}` is the channel (`<html data-channel>`, which app.js and
 * app.css read, and the files' paths), and what sits between `<!-- slack -->` and `<!-- /slack -->`
 * (or teams) stays only on that channel's page.
 */
function pageFor(channel: ChatChannel, html: string): string {
  return html
    .replace(/<!-- (slack|teams) -->([\s\S]*?)<!-- \/\1 -->/g, (_part, only: string, content: string) => (only === channel ? content : ''))
    .replace(/^[ \t]*\n/gm, '')
    .replaceAll('{{channel}}', channel);
}
