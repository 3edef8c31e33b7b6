/**
 * The backoffice's resolvers on Jira's admin page (`koji-admin`, the app's configuration page),
 * on the local platform: Jira gives that page no project, so the page sends the one an admin
 * picked, which the resolvers accept there only, from Jira administrators only.
 */
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

async function invoke(platform: LocalPlatform, moduleKey: 'koji-admin' | 'koji-backoffice', functionKey: string, payload: unknown, as = 'local-admin'): Promise<Answer> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey, functionKey, payload }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Answer }).result;
}

/** The Forge context the local bridge gives a page, as `view.getContext()` would answer it. */
async function pageContext(platform: LocalPlatform, moduleKey: string): Promise<{ extension: Record<string, unknown> }> {
  const script = await (await fetch(`${platform.url}/__forge/bridge.js?module=${moduleKey}`)).text();
  const json = /const context = (\{.*\});/.exec(script)?.[1];
  if (!json) throw new Error('The bridge script carries no context.');
  return JSON.parse(json) as { extension: Record<string, unknown> };
}

const SUP = '10000';

describe('the backoffice resolvers on Jira’s admin page', () => {
  let platform: LocalPlatform;

  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(async () => {
    await platform.close();
  });

  it('gives the admin page the context Jira gives it: no project', async () => {
    const admin = await pageContext(platform, 'koji-admin');
    const settings = await pageContext(platform, 'koji-backoffice');

    expect(admin.extension).toEqual({ type: 'jira:adminPage' });
    expect(settings.extension).toEqual({ type: 'jira:projectSettingsPage', project: { id: SUP, key: 'SUP', type: 'service_desk' } });
  });

  it('lists the site’s service projects to a Jira admin, every page of them', async () => {
    expect(await invoke(platform, 'koji-admin', 'projects/list', {})).toEqual({ ok: true, data: { projects: [{ id: SUP, key: 'SUP', name: 'Koji Help Desk' }] } });

    // More than JSM's 50 a page: the listing follows `isLastPage`.
    for (let i = 1; i <= 60; i += 1) {
      platform.jsm!.serviceDeskList.push({ id: String(100 + i), projectId: String(20000 + i), projectKey: `D${i}`, projectName: `Desk ${String(i).padStart(2, '0')}` });
    }
    const listed = await invoke(platform, 'koji-admin', 'projects/list', {});
    const projects = listed.ok ? (listed.data['projects'] as Array<{ key: string }>) : [];
    expect(projects).toHaveLength(61);
    expect(projects.map((p) => p.key).slice(0, 2)).toEqual(['D1', 'D2']);
    expect(projects.map((p) => p.key)).toContain('D60');
  });

  it('lets a Jira admin read and change the settings of the project they picked', async () => {
    const saved = await invoke(platform, 'koji-admin', 'settings/update', { projectId: SUP, change: { enabled: true, operatorCapacity: 4 } });
    const read = await invoke(platform, 'koji-admin', 'settings/get', { projectId: SUP });
    const types = await invoke(platform, 'koji-admin', 'request-types/list', { projectId: SUP });

    expect(saved).toMatchObject({ ok: true, data: { settings: { enabled: true, operatorCapacity: 4 } } });
    expect(read).toMatchObject({ ok: true, data: { settings: { enabled: true, operatorCapacity: 4 }, canEdit: true } });
    expect(types).toMatchObject({ ok: true, data: { requestTypes: expect.arrayContaining([{ id: '12', name: 'Chat conversation' }]) } });
    // The very same project as its own settings page shows.
    expect(await invoke(platform, 'koji-backoffice', 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { enabled: true, operatorCapacity: 4 } } });
  });

  it('keeps each picked project’s settings apart', async () => {
    platform.jsm!.serviceDeskList.push({ id: '2', projectId: '10001', projectKey: 'ITS', projectName: 'IT Services' });

    await invoke(platform, 'koji-admin', 'settings/update', { projectId: '10001', change: { enabled: true } });

    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: '10001' })).toMatchObject({ ok: true, data: { settings: { enabled: true } } });
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: SUP })).toMatchObject({ ok: true, data: { settings: { enabled: false } } });
  });

  it.each(['local-agent', 'local-project-admin'])('refuses %s, who is not a Jira admin, every call, reads included, and changes nothing', async (as) => {
    for (const [key, payload] of [
      ['projects/list', {}],
      ['settings/get', { projectId: SUP }],
      ['activity/get', { projectId: SUP }],
      ['tenants/list', { projectId: SUP }],
      ['settings/update', { projectId: SUP, change: { enabled: true } }],
    ] as const) {
      const answer = await invoke(platform, 'koji-admin', key, payload, as);
      expect({ key, answer }).toMatchObject({ key, answer: { ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only Jira administrators') } } });
    }
    expect(await invoke(platform, 'koji-backoffice', 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { enabled: false } } });
  });

  it('answers a project that is not one of the site’s service projects with a clear error', async () => {
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: '99999' })).toEqual({
      ok: false,
      error: { code: 'unknown_project', message: 'Project 99999 is not a Jira Service Management project of this site. Pick one of the listed service projects.' },
    });
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: '10000/../1' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: 10000 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await invoke(platform, 'koji-admin', 'settings/get', {})).toMatchObject({ ok: false, error: { code: 'no_project', message: expect.stringContaining('Pick') } });
  });
});

describe('the backoffice resolvers in a project’s settings', () => {
  let platform: LocalPlatform;

  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
    platform.jsm!.serviceDeskList.push({ id: '2', projectId: '10001', projectKey: 'ITS', projectName: 'IT Services' });
  });
  afterEach(async () => {
    await platform.close();
  });

  it('ignores a projectId in the payload: the project is where the page is open', async () => {
    // A project admin of SUP only, aiming at another project.
    const saved = await invoke(platform, 'koji-backoffice', 'settings/update', { projectId: '10001', change: { enabled: true } }, 'local-project-admin');

    expect(saved).toMatchObject({ ok: true, data: { settings: { enabled: true } } });
    expect(await invoke(platform, 'koji-backoffice', 'settings/get', { projectId: '10001' })).toMatchObject({ ok: true, data: { settings: { enabled: true } } });
    // SUP changed; the other project did not.
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: '10001' })).toMatchObject({ ok: true, data: { settings: { enabled: false } } });
    expect(await invoke(platform, 'koji-admin', 'settings/get', { projectId: SUP })).toMatchObject({ ok: true, data: { settings: { enabled: true } } });
  });

  it('does not open the admin page’s project picker to project admins', async () => {
    expect(await invoke(platform, 'koji-backoffice', 'projects/list', {}, 'local-project-admin')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
