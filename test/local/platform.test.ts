import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from '@forge/events';
import api, { route } from '@forge/api';
import { JsmTicketService } from '../../src/adapters/forge/jsm-ticket-service';
import { TicketServiceError } from '../../src/domain/errors';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import { currentInvocation, emptyCounters } from '../../packages/forge-local/src/invocation-counters';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { adfText } from '../support/adf';

async function invoke(platform: LocalPlatform, functionKey: string, payload: unknown, as = 'local-admin') {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
  });
  type Settings = { enabled: boolean; operatorCapacity: number; queueTimeoutMinutes: number };
  type Result = { ok: boolean; data: { settings: Settings; canEdit?: boolean; slack?: string; teams?: string }; error?: { code: string; message: string } };
  return { status: response.status, body: (await response.json()) as { result: Result } };
}

describe('the local Forge platform', () => {
  let platform: LocalPlatform;
  const invocations: FinishedInvocation[] = [];

  beforeEach(async () => {
    invocations.length = 0;
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', onInvocation: (i) => invocations.push(i) });
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should run the resolver from manifest.yml through @forge/resolver and read settings from KVS', async () => {
    const { status, body } = await invoke(platform, 'settings/get', {});

    expect(status).toBe(200);
    expect(body.result).toMatchObject({ ok: true, data: { settings: { enabled: false, operatorCapacity: 1 }, canEdit: true } });
  });

  it('should refuse a settings change, and the settings themselves, to someone who is not an admin, and change nothing', async () => {
    const refused = await invoke(platform, 'settings/update', { change: { enabled: true } }, 'local-agent');
    const read = await invoke(platform, 'settings/get', {}, 'local-agent');

    const forbidden = { ok: false, error: { code: 'forbidden', message: 'Only Jira administrators and administrators of this project can use the Koji backoffice.' } };
    expect(refused.body.result).toEqual(forbidden);
    expect(read.body.result).toEqual(forbidden);
    expect((await invoke(platform, 'settings/get', {})).body.result.data.settings.enabled).toBe(false);
  });

  it('should let a project admin (not a site admin) change settings', async () => {
    const saved = await invoke(platform, 'settings/update', { change: { enabled: true, operatorCapacity: 3 } }, 'local-project-admin');

    expect(saved.body.result).toMatchObject({ ok: true, data: { settings: { enabled: true, operatorCapacity: 3 } } });
  });

  it('should answer invalid settings with a reason', async () => {
    const { body } = await invoke(platform, 'settings/update', { change: { operatorCapacity: 99, colour: 'red' } });

    expect(body.result).toEqual({ ok: false, error: { code: 'invalid_settings', message: 'Unknown settings: colour.' } });
  });

  it('should hand out the web trigger URLs through webTrigger.getUrl', async () => {
    const { body } = await invoke(platform, 'webtriggers/list', {});

    expect(body.result.data).toEqual({ slack: `${platform.url}/webtrigger/slack`, teams: `${platform.url}/webtrigger/teams` });
  });

  it('should pass web trigger requests in Forge’s shape and return the handler’s response', async () => {
    const response = await fetch(`${platform.url}/webtrigger/slack`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"event_callback"}' });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-slack-no-retry')).toBe('1');
    expect(await response.json()).toMatchObject({ error: 'malformed_request' });
    expect(invocations.map((i) => i.functionKey)).toEqual(['slack-webtrigger']);
  });

  it('should serve the backoffice page with a bridge that reaches the resolvers', async () => {
    const page = await (await fetch(`${platform.url}/pages/koji-backoffice/`)).text();
    const bridge = await (await fetch(`${platform.url}/__forge/bridge.js?module=koji-backoffice&as=local-agent`)).text();

    expect(page).toContain('<script src="/__forge/bridge.js?module=koji-backoffice&as=local-admin"></script>');
    expect(bridge).toContain('"accountId":"local-agent"');
    expect(bridge).toContain("fetch('/__forge/invoke'");
  });

  it('should answer a path that is not valid percent-encoding with a 400 that says so, on a page as on the Teams sign-in', async () => {
    const page = await fetch(`${platform.url}/pages/koji-backoffice/%E0%A4%A`);
    const signIn = await fetch(`${platform.teams!.endpoints.loginUrl}%E0%A4%A/oauth2/v2.0/token`, { method: 'POST' });

    expect(page.status).toBe(400);
    await expect(page.json()).resolves.toEqual({ message: 'The path is not valid percent-encoding.' });
    expect(signIn.status).toBe(400);
    await expect(signIn.json()).resolves.toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('not valid percent-encoding') });
  });

  it('should deliver queue pushes to the consumer from manifest.yml, with the pushed body', async () => {
    await currentInvocation.run({ id: 'test', functionKey: 'test', counters: emptyCounters() }, () =>
      new Queue({ key: 'chat-work' }).push([{ body: { kind: 'unknown-job' } }]),
    );
    await platform.queue.drained();

    expect(invocations.map((i) => i.functionKey)).toContain('chat-consumer');
  });

  it('should count KVS reads and writes per invocation', async () => {
    await invoke(platform, 'settings/update', { change: { enabled: true } });

    const update = invocations.find((i) => i.functionKey === 'settings-resolver');
    expect(update?.counters.kvsWrites).toBeGreaterThanOrEqual(1);
    expect(update?.counters.kvsReads).toBeGreaterThanOrEqual(1);
    // Jira's permission check, and the admin's name for the audit log's entry.
    expect(update?.counters.productCalls).toBe(2);
  });

  it('should create JSM requests and comments in the embedded service desk through requestJira', async () => {
    const tickets = new JsmTicketService();

    const ticket = await tickets.createTicket({
      conversationId: 'c1',
      projectId: '10000',
      summary: 'Printer jams',
      requester: { participant: { channel: 'slack', tenantId: 'T1', userId: 'UBOB' }, name: 'Bob' },
      operatorName: 'Alice',
      lines: [{ id: 'Ev1', at: Date.UTC(2026, 10, 25, 9, 0), role: 'user', speakerName: 'Bob', text: 'It jams' }],
    });
    await tickets.addComment(ticket.key, 'c1', [{ id: 'Ev2', at: Date.UTC(2026, 10, 25, 9, 5), role: 'operator', speakerName: 'Alice', text: 'On my way' }]);

    expect(ticket.key).toBe('SUP-1');
    const [stored] = platform.jsm!.requests();
    expect(stored?.fields['summary']).toBe('Printer jams');
    expect(JSON.stringify(stored?.fields['description'])).toContain('It jams');
    const comments = (await (await api.asApp().requestJira(route`/rest/api/3/issue/${ticket.key}/comment`)).json()) as { comments: Array<{ body: unknown }> };
    expect(adfText(comments.comments[0]?.body)).toContain('Alice (operator): On my way');
  });

  it('should turn Jira refusals into reasons an operator can act on', async () => {
    platform.jsm!.failures.push({ pathPrefix: '/rest/servicedeskapi/request', method: 'POST', status: 403 });

    const failure = new JsmTicketService().createTicket({
      conversationId: 'c1',
      projectId: '10000',
      summary: 'x',
      requester: { participant: { channel: 'slack', tenantId: 'T1', userId: 'U' }, name: 'U' },
      lines: [],
    });

    await expect(failure).rejects.toBeInstanceOf(TicketServiceError);
    await expect(failure).rejects.toThrow(/not allowed to create requests in this service desk \(403\)/);
  });
});

describe('the local platform on disk', () => {
  it('should count the KVS reads and writes of each invocation while the KVS runs on its own thread', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'koji-'));
    const finished: FinishedInvocation[] = [];
    try {
      const platform = await startLocalPlatform({ port: 0, dataDir, onInvocation: (i) => finished.push(i) });
      await invoke(platform, 'settings/update', { change: { enabled: true } });
      await platform.close();

      const update = finished.find((i) => i.functionKey === 'settings-resolver');
      expect(update?.counters.kvsWrites).toBeGreaterThanOrEqual(1);
      expect(update?.counters.kvsReads).toBeGreaterThanOrEqual(1);
      // The stand-in's own time, which the bench shows apart from what Forge would bill.
      expect(update?.counters.kvsStandInMicros).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('should keep settings and tickets across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'koji-'));
    try {
      const first = await startLocalPlatform({ port: 0, dataDir });
      await invoke(first, 'settings/update', { change: { enabled: true, queueTimeoutMinutes: 7 } });
      await first.close();

      const second = await startLocalPlatform({ port: 0, dataDir });
      const { body } = await invoke(second, 'settings/get', {});
      await second.close();

      expect(body.result.data.settings).toMatchObject({ enabled: true, queueTimeoutMinutes: 7 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
