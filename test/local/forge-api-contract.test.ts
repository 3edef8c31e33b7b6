/**
 * CONTRACT: what @forge/api@8.3.0 and @forge/events@3.0.8 send through
 * `globalThis.__forge_fetch__`. Like the KVS contract beside it, this pins an
 * undocumented interface the local platform implements: an SDK upgrade that
 * changes a descriptor, a path or a body fails here first.
 */
import api, { route, webTrigger } from '@forge/api';
import { Queue } from '@forge/events';
import { installForgeGlobals, type ForgeFetchDescriptor } from '../../packages/forge-local/src/forge-globals';
import { TEST_APP_CONTEXT } from './support/local-kvs-harness';

interface Recorded {
  descriptor: ForgeFetchDescriptor;
  path: string;
  method: string | undefined;
  body: unknown;
}

describe('contract: what @forge/api and @forge/events send through __forge_fetch__', () => {
  const calls: Recorded[] = [];
  let uninstall: () => void;

  beforeEach(() => {
    calls.length = 0;
    const record = (answer: () => Response) => (path: string, init: RequestInit, descriptor: ForgeFetchDescriptor) => {
      calls.push({ descriptor, path, method: init.method, body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body });
      return Promise.resolve(answer());
    };
    uninstall = installForgeGlobals({
      appContext: TEST_APP_CONTEXT,
      contextAri: 'ari:cloud:jira::site/local',
      currentAccountId: () => 'caller-1',
      remotes: {
        jira: record(() => Response.json({ ok: true })),
        stargate: record(() =>
          calls.at(-1)?.path === '/graphql'
            ? Response.json({ data: { createWebTriggerUrl: { url: 'https://x/slack' } } })
            : new Response(null, { status: 201 }),
        ),
      },
    });
  });
  afterEach(() => uninstall());

  it('asApp().requestJira: descriptor fpp/app/jira, the route as the path', async () => {
    await api.asApp().requestJira(route`/rest/servicedeskapi/servicedesk`);

    expect(calls).toEqual([
      { descriptor: expect.objectContaining({ type: 'fpp', provider: 'app', remote: 'jira' }), path: '/rest/servicedeskapi/servicedesk', method: undefined, body: undefined },
    ]);
  });

  it('asUser().requestJira: descriptor fpp/user/jira, and the caller filled in by the platform', async () => {
    await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${'ADMINISTER'}`);

    expect(calls[0]?.descriptor).toMatchObject({ type: 'fpp', provider: 'user', remote: 'jira', accountId: 'caller-1' });
    expect(calls[0]?.path).toBe('/rest/api/3/mypermissions?permissions=ADMINISTER');
  });

  it('webTrigger.getUrl: the createWebTriggerUrl mutation to stargate /graphql', async () => {
    expect(await webTrigger.getUrl('slack-events')).toBe('https://x/slack');

    expect(calls[0]).toMatchObject({ descriptor: { type: 'fpp', provider: 'app', remote: 'stargate' }, path: '/graphql', method: 'POST' });
    expect(calls[0]?.body).toMatchObject({
      query: expect.stringContaining('createWebTriggerUrl'),
      variables: { input: { appId: 'test-app', envId: 'test-env', triggerKey: 'slack-events', contextId: 'ari:cloud:jira::site/local' } },
    });
  });

  it('Queue.push: the publish webhook with the queue name and events, success only on 201', async () => {
    await new Queue({ key: 'chat-work' }).push([{ body: { kind: 'x' }, concurrency: { key: 'c1', limit: 1 } }]);

    expect(calls[0]).toMatchObject({
      descriptor: { type: 'fpp', provider: 'app', remote: 'stargate' },
      path: '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}',
      method: 'POST',
      body: {
        queueName: 'chat-work',
        type: 'avi:forge:app:event',
        schema: 'ari:cloud:ecosystem::forge/app-event-2',
        payload: [{ body: { kind: 'x' }, concurrency: { key: 'c1', limit: 1 } }],
      },
    });
  });
});
