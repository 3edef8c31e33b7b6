import { kvs } from '@forge/kvs';
import { KvsTeamsTenants, type TeamsTenant } from '../../../src/adapters/teams/teams-tenants';
import { startLocalKvs, type LocalKvsHarness } from '../../local/support/local-kvs-harness';

/**
 * Teams bindings in KVS, keyed by tenant and app id, and the ones stored
 * before that (keyed by tenant alone) still served.
 */
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_A = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const BOT_B = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);

const binding = (projectId: string, appId: string): TeamsTenant => ({
  tenantId: TENANT,
  name: 'Contoso',
  projectId,
  appId,
  appPassword: `secret-of-${appId}`,
  botTenantId: TENANT,
  connectedAt: NOW,
});

let harness: LocalKvsHarness;
beforeEach(() => {
  harness = startLocalKvs();
});
afterEach(() => harness.close());

describe('KvsTeamsTenants', () => {
  it('should keep two projects’ bots in one tenant apart', async () => {
    const tenants = new KvsTeamsTenants(kvs);
    await tenants.put(binding('10000', BOT_A));
    await tenants.put(binding('10001', BOT_B));

    expect(await tenants.get(TENANT, BOT_A)).toMatchObject({ projectId: '10000' });
    expect(await tenants.get(TENANT, BOT_B)).toMatchObject({ projectId: '10001' });
    expect(await tenants.ofProject('10001', TENANT)).toMatchObject({ appId: BOT_B });

    await tenants.remove(binding('10000', BOT_A));
    expect(await tenants.get(TENANT, BOT_A)).toBeUndefined();
    expect((await tenants.list()).map((t) => t.appId)).toEqual([BOT_B]);
  });

  it('should serve a binding stored under its tenant alone, for its own bot only, waiting for proof, and move it to its own keys once proven', async () => {
    const legacy = binding('10000', BOT_A);
    await kvs.setSecret(`teams-tenant:v1:${TENANT}`, legacy);
    const { appPassword: _secret, ...summary } = legacy;
    await kvs.set(`tenant:v1:teams:${TENANT}`, summary);
    const tenants = new KvsTeamsTenants(kvs);

    const read = await tenants.get(TENANT, BOT_A);
    expect(read).toEqual(legacy);
    expect(await tenants.get(TENANT, BOT_B)).toBeUndefined();
    expect(await tenants.ofProject('10000', TENANT)).toEqual(legacy);
    expect(await tenants.list()).toEqual([expect.not.objectContaining({ confirmedAt: expect.anything() })]);

    await tenants.confirm(read!, NOW + 1);

    expect(await tenants.get(TENANT, BOT_A)).toEqual({ ...legacy, confirmedAt: NOW + 1 });
    expect(await kvs.getSecret(`teams-tenant:v1:${TENANT}`)).toBeUndefined();
    expect(await tenants.list()).toEqual([expect.objectContaining({ appId: BOT_A, confirmedAt: NOW + 1, lastCheck: { ok: true, at: NOW + 1 } })]);
  });

  it('should not bring back a binding disconnected while its first activity was being checked', async () => {
    const tenants = new KvsTeamsTenants(kvs);
    await tenants.put(binding('10000', BOT_A));
    const read = await tenants.get(TENANT, BOT_A);

    await tenants.remove(read!);
    await tenants.confirm(read!, NOW + 1);

    expect(await tenants.get(TENANT, BOT_A)).toBeUndefined();
    expect(await tenants.list()).toEqual([]);
  });
});
