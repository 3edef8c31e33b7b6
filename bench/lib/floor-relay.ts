import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkpointOffThread } from '../../packages/forge-local/src/sqlite-checkpointer';
import Database from 'better-sqlite3';
import { httpPost } from './http-post';
import type { Lane } from './load';

/**
 * The durable floor for P3: the least a relay that keeps its promise can do, with
 * no framework. It checks the Slack signature (HMAC-SHA256 of `v0:ts:body`,
 * constant-time compare, timestamp within five minutes), reads the sender's partner
 * from SQLite (one read), inserts the line keyed by the event id (one insert,
 * ignored when the event was seen: the dedupe), and posts it with one kept-alive
 * chat.postMessage to the same fake Slack, answering Slack after the send.
 * A file database kept as the local platform keeps its own: WAL, `synchronous = NORMAL`, checkpoints
 * on a worker thread (packages/forge-local/src/sqlite-checkpointer.ts).
 */
export interface FloorRelay {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startFloorRelay(options: { readonly slackApiUrl: string; readonly botToken: string; readonly signingSecret: string; readonly lanes: readonly Lane[] }): Promise<FloorRelay> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-floor-'));
  const db = new Database(path.join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const checkpointer = checkpointOffThread(db);
  db.exec('CREATE TABLE partner (user TEXT PRIMARY KEY, dm TEXT NOT NULL, name TEXT NOT NULL); CREATE TABLE line (event_id TEXT PRIMARY KEY, user TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)');
  const add = db.prepare('INSERT OR REPLACE INTO partner (user, dm, name) VALUES (?, ?, ?)');
  for (const l of options.lanes) add.run(l.from, l.to, l.senderName);
  const partnerOf = db.prepare<[string], { dm: string; name: string }>('SELECT dm, name FROM partner WHERE user = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO line (event_id, user, text, at) VALUES (?, ?, ?, ?)');
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const postUrl = `${options.slackApiUrl}chat.postMessage`;

  const verified = (body: string, timestamp: string | undefined, signature: string | undefined): boolean => {
    if (!timestamp || !signature || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
    const expected = Buffer.from(`v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (!verified(body, req.headers['x-slack-request-timestamp'] as string | undefined, req.headers['x-slack-signature'] as string | undefined)) {
          res.writeHead(401).end();
          return;
        }
        const envelope = JSON.parse(body) as { event_id: string; event: { user?: string; text?: string; bot_id?: string } };
        const { event } = envelope;
        const to = event.bot_id === undefined && event.user ? partnerOf.get(event.user) : undefined;
        if (to && insert.run(envelope.event_id, event.user, event.text ?? '', Date.now()).changes === 1) {
          const answer = await httpPost(agent, postUrl, new URLSearchParams({ channel: to.dm, text: event.text ?? '', username: to.name }).toString(), {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Bearer ${options.botToken}`,
          });
          if (answer.status !== 200) {
            res.writeHead(500).end();
            return;
          }
        }
        res.writeHead(200).end();
      })().catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await checkpointer?.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
