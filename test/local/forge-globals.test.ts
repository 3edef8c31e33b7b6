import api, { asApp, asUser, getAppContext, route } from '@forge/api';

import { installForgeGlobals } from '../../packages/forge-local/src/forge-globals';
import type { ForgeFetchDescriptor, RemoteHandler } from '../../packages/forge-local/src/forge-globals';
import { TEST_APP_CONTEXT } from './support/local-kvs-harness';

interface Call {
  remote: string;
  path: string;
  descriptor: ForgeFetchDescriptor;
  init: RequestInit;
}

function recordingRemote(name: string, calls: Call[]): RemoteHandler {
  return (path, init, descriptor) => {
    calls.push({ remote: name, path, descriptor, init });
    return Promise.resolve(new Response(JSON.stringify({ answeredBy: name }), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
}

describe('installForgeGlobals: the runtime and fetch the real @forge/api uses', () => {
  let calls: Call[];
  let accountId: string | undefined;
  let uninstall: () => void;
  beforeEach(() => {
    calls = [];
    accountId = 'acc-operator-1';
    uninstall = installForgeGlobals({
      remotes: { jira: recordingRemote('jira', calls), stargate: recordingRemote('stargate', calls) },
      appContext: TEST_APP_CONTEXT,
      contextAri: 'ari:cloud:jira::site/local',
      currentAccountId: () => accountId,
    });
  });
  afterEach(() => uninstall());

  it('should give getAppContext what it reads', () => {
    const context = getAppContext();

    expect(context).toEqual(
      expect.objectContaining({
        appAri: expect.objectContaining({ appId: 'test-app' }),
        appVersion: '1.0.0',
        environmentType: 'DEVELOPMENT',
        moduleKey: 'test-module',
        invocationId: expect.any(String),
      }),
    );
    expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('should route asApp().requestJira to the jira remote with the app descriptor', async () => {
    const response = await asApp().requestJira(route`/rest/servicedeskapi/request`, { method: 'POST', body: '{}' });

    expect(await response.json()).toEqual({ answeredBy: 'jira' });
    expect(calls).toEqual([
      expect.objectContaining({
        remote: 'jira',
        path: '/rest/servicedeskapi/request',
        descriptor: { type: 'fpp', provider: 'app', remote: 'jira' },
      }),
    ]);
  });

  it('should fill in the current account for asUser() and keep an explicit one', async () => {
    await asUser().requestJira(route`/rest/api/3/myself`);
    await asUser('acc-explicit').requestJira(route`/rest/api/3/myself`);
    accountId = undefined;
    await asUser().requestJira(route`/rest/api/3/myself`);

    expect(calls.map((call) => call.descriptor)).toEqual([
      { type: 'fpp', provider: 'user', remote: 'jira', accountId: 'acc-operator-1' },
      { type: 'fpp', provider: 'user', remote: 'jira', accountId: 'acc-explicit' },
      { type: 'fpp', provider: 'user', remote: 'jira' },
    ]);
  });

  it('should route stargate calls (web trigger URLs, queues, GraphQL) to the stargate remote', async () => {
    await asApp().requestGraph('query { me { user { name } } }');

    expect(calls).toEqual([expect.objectContaining({ remote: 'stargate', path: '/graphql', descriptor: { type: 'fpp', provider: 'app', remote: 'stargate' } })]);
  });

  it('should answer 501 with a clear message for remotes it does not serve, and for kvs when no handler is given', async () => {
    const confluence = await asApp().requestConfluence(route`/wiki/rest/api/space`);
    const kvsCall = await (globalThis as unknown as { __forge_fetch__: (d: ForgeFetchDescriptor, p: string, i: RequestInit) => Promise<Response> }).__forge_fetch__(
      { type: 'kvs', provider: 'app', remote: 'kvs' },
      '/api/v1/get',
      { method: 'POST', body: '{"key":"k"}' },
    );

    expect(confluence.status).toBe(501);
    expect(await confluence.json()).toEqual({
      code: 'NOT_IMPLEMENTED',
      message: expect.stringContaining('does not serve this kind of call (descriptor {"type":"fpp","provider":"app","remote":"confluence"}'),
    });
    expect(kvsCall.status).toBe(501);
    expect(((await kvsCall.json()) as { message: string }).message).toContain("does not serve the 'kvs' remote");
    expect(calls).toEqual([]);
  });

  it('should restore the previous globals when uninstalled', async () => {
    const outer = globalThis as unknown as Record<string, unknown>;
    const installed = outer.__forge_runtime__;
    const uninstallInner = installForgeGlobals({ remotes: {}, appContext: TEST_APP_CONTEXT, contextAri: 'ari:cloud:jira::site/other' });

    expect(outer.__forge_runtime__).not.toBe(installed);
    uninstallInner();
    expect(outer.__forge_runtime__).toBe(installed);

    uninstall();
    expect('__forge_runtime__' in outer).toBe(false);
    expect('__forge_fetch__' in outer).toBe(false);
    await expect(api.asApp().requestJira(route`/rest/api/3/myself`)).rejects.toThrow();
  });
});
