import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { settle, startSandboxedPlatform, type SandboxedPlatform } from '../support/local-platform-client';

/** One Web API call as WebClient makes it: a form POST with the bot token. */
function callSlack(h: SandboxedPlatform, method: string, args: Record<string, string>): Promise<Response> {
  return fetch(`${h.platform.url}${h.slack.apiPath}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX_WORKSPACE.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(args).toString(),
  });
}

describe('faults injected into the Slack sandbox’s Web API', () => {
  let h: SandboxedPlatform;

  beforeEach(async () => {
    h = await startSandboxedPlatform();
  });
  afterEach(async () => {
    await settle(h.platform);
    await h.platform.close();
  });

  it('should answer a queued 500 with internal_error, as many times as asked, then post normally', async () => {
    h.platform.faults.add('slack', 'chat.postMessage', { status: 500 }, 2);

    const first = await callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'one' });
    const second = await callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'two' });
    const third = await callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'three' });

    expect([first.status, second.status, third.status]).toEqual([500, 500, 200]);
    expect(await first.json()).toEqual({ ok: false, error: 'internal_error' });
    expect(h.slack.conversation('UBOB').map((m) => m.text)).toEqual(['three']);
  });

  it('should fault only the method named: other methods answer normally meanwhile', async () => {
    h.platform.faults.add('slack', 'chat.update', { status: 503 }, 1);

    const posted = await callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'fine' });

    expect(posted.status).toBe(200);
    expect(h.platform.faults.list().faults).toEqual([{ target: 'slack', method: 'chat.update', fault: { status: 503 }, remaining: 1 }]);
  });

  it('should answer a 429 with Retry-After through the plan, as rateLimitNext did', async () => {
    h.platform.faults.add('slack', 'users.info', { status: 429, retryAfterSeconds: 7 }, 1);

    const response = await callSlack(h, 'users.info', { user: 'UBOB' });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('should answer a stalled call late, and the message is posted', async () => {
    h.platform.faults.add('slack', 'chat.postMessage', { stallMs: 300 }, 1);

    const started = Date.now();
    const response = await callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'late' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    expect(h.slack.conversation('UBOB').map((m) => m.text)).toEqual(['late']);
  });

  it('should drop the connection on a reset without posting, by default', async () => {
    h.platform.faults.add('slack', 'chat.postMessage', { reset: true }, 1);

    await expect(callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'lost' })).rejects.toThrow('fetch failed');

    expect(h.slack.conversation('UBOB')).toEqual([]);
    expect(h.slack.apiCalls.at(-1)).toMatchObject({ method: 'chat.postMessage', status: 0, error: 'connection_reset' });
  });

  it('should post and then drop the connection on a reset with afterEffect', async () => {
    h.platform.faults.add('slack', 'chat.postMessage', { reset: true, afterEffect: true }, 1);

    await expect(callSlack(h, 'chat.postMessage', { channel: 'UBOB', text: 'posted, unanswered' })).rejects.toThrow('fetch failed');

    expect(h.slack.conversation('UBOB').map((m) => m.text)).toEqual(['posted, unanswered']);
  });
});
