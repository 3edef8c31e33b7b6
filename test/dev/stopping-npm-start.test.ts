import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `npm start`, stopped the ways people stop it, leaves nothing serving its port. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

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

async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** `npm start` without its prestart build (npm test has built the pages already). */
async function startNpm(port: number): Promise<ChildProcess> {
  const npm = spawn('npm', ['start', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), KOJI_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'koji-start-')) },
    stdio: 'ignore',
    // Its own process group, as a terminal gives it: Ctrl-C signals that whole group.
    detached: true,
  });
  started.push(npm);
  if (!(await waitFor(() => answers(port), 60_000))) throw new Error('npm start did not answer within 60 s');
  return npm;
}

const started: ChildProcess[] = [];

afterEach(() => {
  // Whatever a failed spec left running must not hold a port for the next one.
  for (const npm of started.splice(0)) {
    try {
      process.kill(-(npm.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('stopping npm start', () => {
  it('should stop serving its port when the npm process gets SIGTERM', async () => {
    const port = await freePort();
    const npm = await startNpm(port);
    npm.kill('SIGTERM');
    expect(await waitFor(async () => !(await answers(port)), 10_000)).toBe(true);
  }, 90_000);

  it('should stop serving its port on Ctrl-C (SIGINT to the foreground process group)', async () => {
    const port = await freePort();
    const npm = await startNpm(port);
    process.kill(-(npm.pid as number), 'SIGINT');
    expect(await waitFor(async () => !(await answers(port)), 10_000)).toBe(true);
  }, 90_000);
});
