import { kvs } from '@forge/kvs';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalFaults, faultRoutes } from '../../packages/forge-local/src/fault-endpoint';
import { FaultPlan } from '../../packages/forge-local/src/faults';
import type { LocalQueue } from '../../packages/forge-local/src/local-queue';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';

function faults(platform: LocalPlatform, method: string, body?: unknown): Promise<Response> {
  return fetch(`${platform.url}/local/faults`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('the local fault endpoint, /local/faults', () => {
  let platform: LocalPlatform;

  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(() => platform.close());

  it('should queue a fault posted as JSON and list it', async () => {
    const posted = await faults(platform, 'POST', { target: 'slack', method: 'chat.postMessage', fault: { status: 500 }, times: 3 });

    expect(posted.status).toBe(201);
    const listed = (await (await faults(platform, 'GET')).json());
    expect(listed).toEqual({
      faults: [{ target: 'slack', method: 'chat.postMessage', fault: { status: 500 }, remaining: 3 }],
      queue: { order: 'pushed', redeliver: false, seed: 1, delayScale: 1 },
    });
  });

  it('should clear every queued fault on DELETE', async () => {
    await faults(platform, 'POST', { target: 'kvs', method: 'get', fault: { stallMs: 10 } });
    await faults(platform, 'POST', { target: 'jira', method: 'POST /rest/servicedeskapi/request', fault: { reset: true } });

    const cleared = await faults(platform, 'DELETE');

    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as { faults: unknown[] }).faults).toEqual([]);
  });

  it.each([
    ['a body that is not JSON', '{nope', /must be JSON/],
    ['an unknown target', { target: 'email', method: 'send', fault: { status: 500 } }, /target must be one of slack, teams, jira, kvs, queue/],
    ['no method', { target: 'slack', fault: { status: 500 } }, /method must be/],
    ['no fault', { target: 'slack', method: 'chat.update' }, /fault must be an object/],
    ['a status that is not a failure', { target: 'slack', method: 'chat.update', fault: { status: 200 } }, /status must be 429 or 500 to 599/],
    ['a 4xx other than 429 outside Teams', { target: 'kvs', method: 'get', fault: { status: 404 } }, /status must be 429 or 500 to 599/],
    ['zero times', { target: 'slack', method: 'chat.update', fault: { status: 500 }, times: 0 }, /times must be a whole number of at least 1/],
    ['a negative stall', { target: 'slack', method: 'chat.update', fault: { stallMs: -1 } }, /stallMs must be/],
    ['reset: false', { target: 'slack', method: 'chat.update', fault: { reset: false } }, /reset must be true/],
    ['mixed fault kinds', { target: 'slack', method: 'chat.update', fault: { status: 500, stallMs: 10 } }, /do not go together/],
    ['a Teams-only misbehaviour on Slack', { target: 'slack', method: 'chat.update', fault: { misbehaviour: 'hang' } }, /Teams fault only/],
    ['an unknown queue switch', { target: 'queue', shuffle: true }, /The queue takes reorder, seed and redeliver/],
    ['a queue order that does not exist', { target: 'queue', reorder: 'sideways' }, /reorder must be true, false or one of/],
  ])('should refuse %s with 400 and the reason', async (_what, body, reason) => {
    const response = await faults(platform, 'POST', body);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
    expect(platform.faults.list().faults).toEqual([]);
  });

  it('should refuse methods other than GET, POST and DELETE', async () => {
    expect((await faults(platform, 'PUT', {})).status).toBe(405);
  });

  it('should set the queue’s switches from a queue request: reorder true is newest first, with a seed shuffled', async () => {
    const newest = await faults(platform, 'POST', { target: 'queue', reorder: true, redeliver: true });
    expect(await newest.json()).toEqual({ queue: { order: 'newest-first', redeliver: true, seed: 1, delayScale: 1 } });

    const shuffled = await faults(platform, 'POST', { target: 'queue', reorder: true, seed: 42 });
    expect(await shuffled.json()).toEqual({ queue: { order: 'shuffled', redeliver: true, seed: 42, delayScale: 1 } });

    await faults(platform, 'DELETE');
    expect(platform.faults.list().queue).toEqual({ order: 'pushed', redeliver: false, seed: 42, delayScale: 1 });
  });

  describe('KVS faults, as the app’s @forge/kvs sees them', () => {
    it('should throw a 429 as Forge’s ForgeKvsAPIError RATE_LIMIT_EXCEEDED', async () => {
      platform.faults.add('kvs', 'set', { status: 429, retryAfterSeconds: 2 }, 1);

      const error = await rejection(kvs.set('k', 'v'));

      expect(error).toBeInstanceOf(ForgeKvsAPIError);
      expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } });
      // Used up: the next write goes through.
      await kvs.set('k', 'v');
      expect(await kvs.get('k')).toBe('v');
    });

    it('should throw a 5xx as ForgeKvsAPIError INTERNAL_SERVER_ERROR, only for the operation named', async () => {
      await kvs.set('k', 'v');
      await faults(platform, 'POST', { target: 'kvs', method: 'get', fault: { status: 503 } });

      const error = await rejection(kvs.get('k'));

      expect(error).toBeInstanceOf(ForgeKvsAPIError);
      expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', responseDetails: { status: 503 } });
    });

    it('should write and then fail like a dropped connection on a reset with afterEffect', async () => {
      platform.faults.add('kvs', 'set', { reset: true, afterEffect: true }, 1);

      await expect(kvs.set('k', 'written')).rejects.toThrow('fetch failed');

      expect(await kvs.get('k')).toBe('written');
    });

    it('should answer a stalled read late but right', async () => {
      await kvs.set('k', 'v');
      platform.faults.add('kvs', 'get', { stallMs: 200 }, 1);

      const started = Date.now();
      expect(await kvs.get('k')).toBe('v');
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });
  });

  it('should answer a Jira fault from the plan through the JSM stand-in, matched by method and path prefix', async () => {
    platform.faults.add('jira', 'GET /rest/api/3/myself', { status: 502 }, 1);

    const failed = await platform.jsm!.respond('GET', '/rest/api/3/myself', undefined, 'local-admin');
    const other = await platform.jsm!.respond('POST', '/rest/api/3/myself', undefined, 'local-admin');
    const next = await platform.jsm!.respond('GET', '/rest/api/3/myself', undefined, 'local-admin');

    expect(failed.status).toBe(502);
    expect(other.status).not.toBe(502);
    expect(next.status).toBe(200);
  });
});

describe('the fault endpoint’s caller check', () => {
  it('should refuse a caller that is not on this machine with 403, whatever it asks', async () => {
    const plan = new FaultPlan();
    const answered: { status?: number; body?: string } = {};
    const res = { statusCode: 0, setHeader: () => undefined, end: (body: string) => Object.assign(answered, { body }) };
    const req = { method: 'DELETE', socket: { remoteAddress: '10.1.2.3' } } as unknown as IncomingMessage;
    const faults = new LocalFaults(plan, {} as LocalQueue, new Set(['kvs']));
    plan.add('kvs', 'get', { status: 500 });

    const handled = await faultRoutes(faults, req, res as unknown as ServerResponse, new URL('http://x/local/faults'));

    expect(handled).toBe(true);
    expect(res.statusCode).toBe(403);
    expect(answered.body).toMatch(/only callers on this machine/);
    expect(plan.list()).toHaveLength(1);
  });
});
