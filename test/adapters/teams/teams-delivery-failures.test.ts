import type { TeamsConversationReference } from '../../../src/adapters/teams/teams-activity';
import { forgetTeamsTokens } from '../../../src/adapters/teams/teams-connector';
import { TeamsGateways } from '../../../src/adapters/teams/teams-gateways';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../../src/domain/errors';
import { TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox, type TeamsHarness } from '../../local/teams/support/teams-harness';

const VIC = TEAMS_SANDBOX.people.find((p) => p.key === 'vic') as TeamsSandboxPerson;

/**
 * What a failed send through the Bot Connector means for the core, against the
 * local Teams sandbox: the person can't be reached (blocked, removed, gone),
 * Teams is having trouble (try again, saying whether it may have arrived), or
 * Teams asks to wait.
 */
describe('a message the Bot Connector does not deliver (local Teams sandbox)', () => {
  let h: TeamsHarness;
  let tenant: TeamsTenant;
  let gateways: (options?: { appPassword?: string }) => TeamsGateways;

  beforeAll(async () => {
    h = await startTeamsSandbox();
  });
  beforeEach(async () => {
    await h.reset();
    forgetTeamsTokens();
    await h.sandbox.install(VIC);
    tenant = {
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
    gateways = (options = {}) =>
      new TeamsGateways(
        { tenants: { get: () => Promise.resolve({ ...tenant, ...options }) }, references: { get: () => Promise.resolve(reference) } },
        { loginUrl: h.sandbox.endpoints.loginUrl, fetch: (input, init) => fetch(input, init), now: () => Date.now(), callTimeoutMs: 300 },
        {},
        { info: () => undefined, warn: () => undefined },
      );
  });
  afterAll(async () => {
    await h.close();
  });

  const vic = { channel: 'teams' as const, tenantId: TEAMS_SANDBOX.tenantId, userId: VIC.id };
  const hello = { kind: 'notice' as const, text: 'Hello' };

  async function failureOf(send: Promise<unknown>): Promise<ChatDeliveryError> {
    try {
      await send;
    } catch (error) {
      if (error instanceof ChatDeliveryError) return error;
      throw error;
    }
    throw new Error('The send succeeded.');
  }

  it.each([403, 404])('should give up on the person when Teams answers %i on their conversation, with Teams’ word for it', async (status) => {
    h.sandbox.failNext('send', status);

    const failure = await failureOf(gateways().send(vic, hello));

    expect(failure).toBeInstanceOf(ChatRecipientUnreachableError);
    expect((failure as ChatRecipientUnreachableError).reason).toMatch(new RegExp(`^${status}\\b`));
  });

  it('should give up on the person once they removed the app, as Teams refuses their conversation then', async () => {
    await h.sandbox.uninstall(VIC);

    const failure = await failureOf(gateways().send(vic, hello));

    expect(failure).toBeInstanceOf(ChatRecipientUnreachableError);
  });

  it('should give up on everyone in the tenant when Microsoft refuses the bot’s credentials', async () => {
    const failure = await failureOf(gateways({ appPassword: 'not-the-secret' }).send(vic, hello));

    expect(failure).toBeInstanceOf(ChatRecipientUnreachableError);
    expect((failure as ChatRecipientUnreachableError).reason).toMatch(/^credentials 40\d/);
  });

  it.each([
    [412, false],
    [500, true],
    [502, true],
    [503, false],
    [504, true],
  ])('should ask to try again when Teams answers %i, uncertain=%p whether it arrived', async (status, uncertain) => {
    h.sandbox.failNext('send', status);

    const failure = await failureOf(gateways().send(vic, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(uncertain);
  });

  it('should ask to try again, uncertain, when the Bot Connector does not answer in time', async () => {
    h.sandbox.misbehaveNext('send', 'hang');
    const started = Date.now();

    const failure = await failureOf(gateways().send(vic, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('should ask to wait as long as Teams says on a 429', async () => {
    h.sandbox.failNext('send', 429, 1, 9);

    const failure = await failureOf(gateways().send(vic, hello));

    expect(failure).toBeInstanceOf(ChatRateLimitedError);
    expect((failure as ChatRateLimitedError).retryAfterSeconds).toBe(9);
  });
});
