import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalPlatform } from '../../dev/koji-app';

/**
 * `npm start` with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET listens before it has
 * connected that workspace (Slack's auth.test answers first). A request Slack
 * sends in that window must not be refused as from an unknown workspace: it is
 * told to come back (503, Retry-After), and nothing is lost.
 */
describe('npm start before it is ready', () => {
  let slowApiUrl = '';
  let releaseAuthTest: () => void = () => undefined;
  const authTestHeld = new Promise<void>((resolve) => (releaseAuthTest = resolve));
  // A Slack Web API whose auth.test answers only when the spec says so.
  const slow = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      void authTestHeld.then(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, team_id: 'T0SLOW', team: 'Slow Start', user_id: 'UKOJIBOT', bot_id: 'BKOJI' }));
      });
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    slowApiUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/api/`;
  });

  afterAll(async () => {
    releaseAuthTest();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  it('should answer the web triggers 503 with Retry-After until the workspace is connected, then serve them', async () => {
    const port = await freePort();
    const starting = startLocalPlatform({
      port,
      dataDir: ':memory:',
      teamsSandbox: false,
      env: { SLACK_BOT_TOKEN: 'xoxb-slow-start', SLACK_SIGNING_SECRET: 'slow-start-signing-secret', SLACK_API_URL: slowApiUrl },
    });
    const early = await untilAnswered(`http://localhost:${port}/webtrigger/slack`);
    releaseAuthTest();
    const platform = await starting;
    try {
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      expect(((await early.json()) as { error: string }).error).toBe('starting');
      // Now the workspace is known: an unsigned request is refused for its signature, not for being early.
      const later = await fetch(`${platform.url}/webtrigger/slack`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"event_callback"}' });
      expect(later.status).not.toBe(503);
      const pages = await fetch(`${platform.url}/`);
      expect(pages.status).toBe(200);
    } finally {
      await platform.close();
    }
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Posts until the server listens (the platform opens its port a moment after it is called). */
async function untilAnswered(url: string): Promise<Response> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`${url} never answered`);
}
