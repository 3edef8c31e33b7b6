import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';

/**
 * `npm start` killed with SIGKILL while a relayed message waits for its retry,
 * then started again on the same data directory: the message arrives, once.
 * What a retry needs (the backlog on the conversation, the queued job) is in the
 * store, not in the process.
 */
const ROOT = path.resolve(__dirname, '..', '..');

let dataDir: string;
let port: number;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'koji-restart-'));
  port = await freePort();
});
afterEach(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Starts `dev/start.ts` as `npm start` does (without rebuilding the pages) and waits until it
 * serves. One process (`node --import tsx`): the `tsx` command would run the platform in a child
 * of its own, which a SIGKILL of the command would leave running.
 */
async function startKoji(): Promise<ChildProcess> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|TEAMS_|JIRA_)/.test(k)));
  const started = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'dev', 'start.ts')], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), KOJI_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Koji did not start within 30 s:\n${log}`)), 30_000);
    started.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    started.once('exit', (code) => reject(new Error(`Koji exited with ${code}:\n${log}`)));
  });
  started.stderr?.resume();
  return started;
}

function killHard(running: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill('SIGKILL');
  });
}

async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://localhost:${port}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json().catch(() => undefined) };
}

async function admin(functionKey: string, payload: unknown): Promise<void> {
  const { json } = await call('POST', '/__forge/invoke', { moduleKey: 'koji-backoffice', functionKey, payload }, { 'x-koji-local-account': 'local-admin' });
  expect(json).toMatchObject({ result: { ok: true } });
}

async function say(user: string, text: string): Promise<void> {
  expect((await call('POST', '/sandbox/slack/api/send', { user, text })).status).toBe(200);
}

async function heard(user: string): Promise<string[]> {
  const { json } = await call('GET', `/sandbox/slack/api/conversation?user=${user}`);
  return (json as { messages: Array<{ isBot: boolean; text: string }> }).messages.filter((m) => m.isBot).map((m) => m.text);
}

async function eventually(user: string, predicate: (texts: string[]) => boolean, what: string, ms = 20_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const texts = await heard(user);
    if (predicate(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`${user} never heard ${what}; heard: ${JSON.stringify(texts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a restart in the middle of a retry', () => {
  it('should deliver, once, the message that was waiting for its retry when the process was killed', async () => {
    child = await startKoji();
    await admin('settings/update', { change: { enabled: true } });
    await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
    await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
    await say('UALICE', '#on');
    await eventually('UALICE', (t) => t.some((x) => x.startsWith('You’re on duty')), 'that she is on duty');
    await say('UBOB', 'operator');
    await eventually('UBOB', (t) => t.some((x) => x.includes('You’re now talking to')), 'that he is connected');

    // Slack fails every post from now on, in this process.
    expect((await call('POST', '/local/faults', { target: 'slack', method: 'chat.postMessage', fault: { status: 500 }, times: 100 })).status).toBe(201);
    await say('UBOB', 'Survives a crash');
    await killHard(child);

    child = await startKoji();
    const texts = await eventually('UALICE', (t) => t.includes('Survives a crash'), 'the message sent before the crash');

    expect(texts.filter((t) => t === 'Survives a crash')).toHaveLength(1);
    expect((await heard('UBOB')).some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  }, 90_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}
