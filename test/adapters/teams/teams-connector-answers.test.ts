import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forgetTeamsTokens, TeamsConnector } from '../../../src/adapters/teams/teams-connector';

/**
 * How the app reads the Bot Connector's answer to a send: any 2xx is a
 * message that went out, whatever the body. Agents Playground answers
 * `202 Accepted` with an empty body; real Teams answers `201 {id}`.
 */
const LOGIN = 'https://login.example';
const SERVICE_URL = 'https://smba.example/emea/';

function connector(answer: (signal: AbortSignal) => Response | Promise<Response>, options: { callTimeoutMs?: number } = {}): TeamsConnector {
  return new TeamsConnector(
    { appId: 'app-1', appPassword: 'secret', tenantId: 'tenant-1' },
    {
      loginUrl: LOGIN,
      now: () => Date.UTC(2026, 10, 25, 9, 0, 0),
      fetch: (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        return url.startsWith(LOGIN) ? Promise.resolve(Response.json({ access_token: 'bot-token', expires_in: 3600 })) : Promise.resolve(answer(init!.signal!));
      },
      callTimeoutMs: options.callTimeoutMs,
    },
  );
}

/** A connector with the given fetch for everything, the sign-in included, at `loginUrl`. */
function connectorFetching(fetchFn: typeof fetch, loginUrl = LOGIN): TeamsConnector {
  return new TeamsConnector({ appId: 'app-1', appPassword: 'secret', tenantId: 'tenant-1' }, { loginUrl, now: () => Date.UTC(2026, 10, 25, 9, 0, 0), fetch: fetchFn });
}

/** Runs `run` against a local server that answers each request with `answer`, and gives the paths it was asked for. */
async function withLocalServer(answer: (path: string, res: ServerResponse) => void, run: (base: string, seen: string[]) => Promise<void>): Promise<void> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    req.resume();
    answer(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => forgetTeamsTokens());

describe('the Bot Connector’s answer to a send', () => {
  it.each([
    ['202 with no body (Agents Playground)', () => new Response(null, { status: 202 })],
    ['200 with an empty body', () => new Response('', { status: 200 })],
    ['201 with a body that is not JSON', () => new Response('Accepted', { status: 201 })],
    ['201 with JSON but no id', () => Response.json({ ok: true }, { status: 201 })],
  ])('should take %s as sent, without an id', async (_what, answer) => {
    await expect(connector(answer).send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' })).resolves.toBe('');
  });

  it('should keep the activity id Teams gives back with 201 {id}', async () => {
    const answer = () => Response.json({ id: '1700000000999' }, { status: 201 });

    await expect(connector(answer).send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' })).resolves.toBe('1700000000999');
  });
});

describe('the deadline of a Bot Connector call', () => {
  it('should be over once the answer is read: a relay leaves no timer behind to abort it later', async () => {
    const signals: AbortSignal[] = [];
    const teams = connector((signal) => {
      signals.push(signal);
      return Response.json({ id: '1' }, { status: 201 });
    }, { callTimeoutMs: 40 });

    await teams.send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' });
    await teams.update(SERVICE_URL, 'a:1', '1', { type: 'message', text: 'used' });
    await pause(80);

    expect(signals).toHaveLength(2);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });

  it('should abort a call the connector does not answer in time, as one that may have arrived', async () => {
    const teams = connector((signal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))), { callTimeoutMs: 40 });

    const failure = teams.send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' });

    await expect(failure).rejects.toMatchObject({ name: 'ChatTransientError', uncertain: true });
  });
});

describe('a Bot Connector that answers with a redirect', () => {
  it('should fail the send plainly, not as one that may have arrived, and never follow it with the bot’s token', async () => {
    const answer = (path: string, res: ServerResponse) =>
      path.startsWith('/elsewhere')
        ? res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}')
        : res.writeHead(308, { location: '/elsewhere/v3/conversations/a%3A1/activities' }).end();
    await withLocalServer(answer, async (base, seen) => {
      const teams = connectorFetching((input, init) =>
        (input instanceof Request ? input.url : input.toString()).startsWith(LOGIN) ? Promise.resolve(Response.json({ access_token: 'bot-token', expires_in: 3600 })) : fetch(input, init),
      );

      const failure = teams.send(`${base}/`, 'a:1', { type: 'message', text: 'hi' });

      await expect(failure).rejects.toMatchObject({ name: 'ChatDeliveryError', message: expect.stringContaining('redirect') });
      expect(seen).toEqual(['/v3/conversations/a%3A1/activities']);
    });
  });
});

describe('the bot’s token, when Microsoft’s sign-in does not answer with one', () => {
  it('should fail the send plainly on a redirect, and never send the app’s password on to it', async () => {
    await withLocalServer((_path, res) => res.writeHead(302, { location: '/elsewhere/token' }).end(), async (loginUrl, seen) => {
      const teams = connectorFetching((input, init) => fetch(input, init), loginUrl);

      const failure = teams.send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' });

      await expect(failure).rejects.toMatchObject({ name: 'ChatDeliveryError', message: expect.stringMatching(/sign-in.*redirect/) });
      expect(seen).toEqual(['/tenant-1/oauth2/v2.0/token']);
    });
  });

  it('should say the activity was certainly not sent when the sign-in cannot be reached', async () => {
    const teams = connectorFetching(() => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })));

    const failure = teams.send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' });

    await expect(failure).rejects.toMatchObject({ name: 'ChatTransientError', uncertain: false, message: expect.stringContaining('ECONNRESET') });
  });
});
