import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackPoster } from '../../../src/adapters/slack/slack-poster';
import { deliveryError } from '../../../src/adapters/slack/slack-delivery-errors';

let server: Server; let url: string;
beforeAll(async () => {
  server = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"ok":'); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => { server.closeAllConnections(); return new Promise<void>((r) => server.close(() => r())); });

// Slack answered 200 and then stopped mid-body: the post may have been made, so the sender must not be told it was lost.
it('should report a post whose answer stalls mid-body past the deadline as one that may have arrived', async () => {
  const p = new SlackPoster('x', 200, url);
  let err: unknown;
  try { await p.chat.postMessage({ channel: 'C', text: 'hi' }); } catch (e) { err = e; }
  const d = deliveryError(err, 'x');
  expect(d.constructor.name).toBe('ChatTransientError');
  expect((d as unknown as { uncertain: boolean }).uncertain).toBe(true);
});
