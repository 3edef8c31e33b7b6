import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { PLAYGROUND_MESSAGES_PATH, TEAMS_PLAYGROUND, agentsPlaygroundCommand } from '../../packages/forge-local/src/playground';

/**
 * One smoke test with the real Microsoft 365 Agents Playground, headless, as
 * `npm run playground` starts it: it posts a person's message to Koji's bridge
 * with no token, and Koji's answer reaches the Playground's own connector.
 * The Playground is driven through the HTTP API its web UI uses, and its
 * log (which records what its chat window shows) is read for the answer.
 */
jest.setTimeout(30_000);

const ASSISTANT_HINT = 'I couldn’t find an article about that. To talk to a person, type “operator”.';

let platform: LocalPlatform;
let playground: ChildProcess | undefined;
let workDir: string;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 100 ms until it returns something, or fails after `ms` with what the Playground printed. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await Promise.resolve(check()).catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}. The Playground printed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T | undefined> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
  return response.ok ? ((await response.json()) as T) : undefined;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  workDir = mkdtempSync(path.join(tmpdir(), 'koji-playground-'));
});

afterAll(async () => {
  if (playground) await stop(playground);
  await platform?.close();
  rmSync(workDir, { recursive: true, force: true });
});

it('should answer a person chatting in the Agents Playground', async () => {
  const port = await freePort();
  const logFile = path.join(workDir, 'playground.log');
  // The same command `npm run playground` runs; the endpoint names the address the platform listens on.
  const endpoint = `${platform.url.replace('localhost', '127.0.0.1')}${PLAYGROUND_MESSAGES_PATH}`;
  const { command, args, env } = agentsPlaygroundCommand({ endpoint, port, logFile });
  // Its working directory holds no .m365agentsplayground.yml: the Playground's default people and ids.
  playground = spawn(command, [...args], { env, cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  playground.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  playground.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const base = `http://127.0.0.1:${port}`;
  await until('the Playground to listen', 15_000, async () => ((await fetch(`${base}/_debug/ping`, { signal: AbortSignal.timeout(1_000) })).ok ? true : undefined));
  type PlaygroundConfig = { config: { currentUser: { id: string }; personalChat: { id: string } } };
  const { config } = await until('the Playground’s configuration', 5_000, () => getJson<PlaygroundConfig>(`${base}/_internal/v1/config`));
  const chat = config.personalChat.id;
  const post = (pathname: string, body: unknown) =>
    fetch(`${base}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });

  // The person adds the app, then writes to it, as the Playground's web UI does it.
  expect((await post(`/_debug/conversation/${encodeURIComponent(chat)}/installation`, {})).status).toBeLessThan(300);
  expect((await post(`/_conversation/v1/conversations/${encodeURIComponent(chat)}/messages`, { from: { id: config.currentUser.id }, text: 'hello', textFormat: 'plain' })).status).toBeLessThan(300);

  // What the Playground shows: a message from the bot in the personal chat.
  const answer = await until('Koji’s answer in the Playground', 10_000, () => {
    const shown = readLog(logFile).find((m) => m.actionConversationId === chat && m.message?.text === ASSISTANT_HINT);
    return shown ?? undefined;
  });
  expect(answer).toMatchObject({ action: 'createMessage', message: { text: ASSISTANT_HINT } });

  // Koji saw the Playground's person in the playground tenant, each activity accepted after its token was checked.
  // The bridge records an activity once the web trigger has answered, which is after Koji's answer went out;
  // the install's two activities are sent at once, so they may finish in either order.
  const bridge = platform.playground!;
  await until('the web trigger’s answers to the bridge', 5_000, () => (bridge.forwarded.length >= 3 ? true : undefined));
  const forwarded = bridge.forwarded.map((f) => [f.activity['type'], f.activity.conversation.tenantId, f.status]);
  expect(forwarded).toHaveLength(3);
  expect(forwarded).toEqual(
    expect.arrayContaining([
      ['installationUpdate', TEAMS_PLAYGROUND.tenantId, 200],
      ['conversationUpdate', TEAMS_PLAYGROUND.tenantId, 200],
      ['message', TEAMS_PLAYGROUND.tenantId, 200],
    ]),
  );
});

type ChatWindowUpdate = { action?: string; actionConversationId?: string; message?: { text?: string } };

/** The chat window updates the Playground logs (`… buffering message: {json}` lines; `action: createMessage` is a new message). */
function readLog(logFile: string): ChatWindowUpdate[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => /(\{"action":.*\})\s*$/.exec(line)?.[1])
    .filter((json): json is string => json !== undefined)
    .flatMap((json) => {
      try {
        return [JSON.parse(json) as ChatWindowUpdate];
      } catch {
        return [];
      }
    });
}
