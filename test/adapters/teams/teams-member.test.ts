import type { Logger } from '../../../src/app/ports';
import type { TeamsConversationReference } from '../../../src/adapters/teams/teams-activity';
import { forgetTeamsTokens } from '../../../src/adapters/teams/teams-connector';
import { TeamsGateways } from '../../../src/adapters/teams/teams-gateways';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';
import { TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox, type TeamsHarness } from '../../local/teams/support/teams-harness';

const VIC = TEAMS_SANDBOX.people.find((p) => p.key === 'vic') as TeamsSandboxPerson;

/**
 * The roster look-up behind a Teams user's e-mail (for a ticket raised on their
 * behalf), against the local Bot Connector: whatever goes wrong, the profile
 * falls back to the name, and says why in the log.
 */
describe('a Teams user’s profile from the Bot Connector roster (local Teams sandbox)', () => {
  let h: TeamsHarness;
  let warnings: Array<{ event: string; fields?: Record<string, unknown> }>;
  let gateways: TeamsGateways;

  beforeAll(async () => {
    h = await startTeamsSandbox();
  });
  beforeEach(async () => {
    await h.reset();
    forgetTeamsTokens();
    await h.sandbox.install(VIC);
    warnings = [];
    const log: Logger = { info: () => undefined, warn: (event, fields) => warnings.push({ event, ...(fields ? { fields } : {}) }) };
    const tenant: TeamsTenant = {
      tenantId: TEAMS_SANDBOX.tenantId,
      name: 'Sandbox',
      projectId: '10000',
      appId: TEAMS_SANDBOX.appId,
      appPassword: TEAMS_SANDBOX.appPassword,
      botTenantId: TEAMS_SANDBOX.tenantId,
      connectedAt: 0,
    };
    const reference: TeamsConversationReference = {
      tenantId: TEAMS_SANDBOX.tenantId,
      userId: VIC.id,
      name: 'Vic User',
      serviceUrl: h.serviceUrl,
      conversationId: personalConversationId(VIC),
      botId: TEAMS_SANDBOX.botId,
    };
    gateways = new TeamsGateways(
      { tenants: { get: () => Promise.resolve(tenant) }, references: { get: () => Promise.resolve(reference) } },
      { loginUrl: h.sandbox.endpoints.loginUrl, fetch: (input, init) => fetch(input, init), now: () => Date.now(), memberTimeoutMs: 300 },
      {},
      log,
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const vic = { channel: 'teams' as const, tenantId: TEAMS_SANDBOX.tenantId, userId: VIC.id };

  it('should read the e-mail from the roster', async () => {
    expect(await gateways.profile(vic)).toEqual({ displayName: 'Vic User', email: 'vic@sandbox.test' });
    expect(warnings).toEqual([]);
  });

  it('should fall back to the name, and log why, when the roster answers with something that is not JSON', async () => {
    h.sandbox.misbehaveNext('members', 'garbage');

    const profile = await gateways.profile(vic);

    expect(profile).toEqual({ displayName: 'Vic User' });
    expect(warnings).toEqual([{ event: 'teams_member_unavailable', fields: { userId: VIC.id, reason: expect.stringContaining('not JSON') } }]);
  });

  it('should give up on a roster that does not answer, within its timeout, and fall back to the name', async () => {
    h.sandbox.misbehaveNext('members', 'hang');
    const started = Date.now();

    const profile = await gateways.profile(vic);

    expect(profile).toEqual({ displayName: 'Vic User' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(warnings).toEqual([{ event: 'teams_member_unavailable', fields: { userId: VIC.id, reason: expect.stringContaining('within 0.3 s') } }]);
    expect(h.sandbox.apiCalls.filter((c) => c.operation === 'members').map((c) => c.status)).toEqual([0]);
  });

  it('should fall back to the name when the roster refuses, as before', async () => {
    h.sandbox.failNext('members', 503);

    expect(await gateways.profile(vic)).toEqual({ displayName: 'Vic User' });
    expect(warnings.map((w) => w.event)).toEqual(['teams_member_unavailable']);
  });
});
