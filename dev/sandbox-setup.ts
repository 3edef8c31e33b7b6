import type { LocalPlatform } from '../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE } from '../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../packages/forge-local/src/teams';

/**
 * What an admin does by hand before the first conversation, done in one go through the backoffice's
 * own resolvers (as the Jira admin, over the page's `invoke` path): live agent support on, the Slack
 * sandbox workspace and the Teams sandbox tenant connected, the Live agent role for Alice and Bruno
 * (Slack) and Tom and Uma (Teams). Nobody is put on duty: `#on` is the operator's own step.
 */
export const SANDBOX_OPERATORS = { slack: ['UALICE', 'UBRUNO'], teams: ['tom', 'uma'] } as const;

export class SandboxSetupError extends Error {
  constructor(step: string, answer: unknown) {
    super(`Setting up the sandboxes failed at ${step}: ${JSON.stringify(answer)}`);
    this.name = 'SandboxSetupError';
  }
}

interface ResolverAnswer {
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

export async function setUpSandboxes(platform: LocalPlatform): Promise<void> {
  const admin = async (functionKey: string, payload: Record<string, unknown>): Promise<void> => {
    const response = await fetch(`${platform.url}/__forge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
    });
    const answer = ((await response.json()) as { result?: ResolverAnswer }).result;
    if (!answer?.ok) throw new SandboxSetupError(functionKey, answer ?? response.status);
  };
  const settle = async (): Promise<void> => {
    await platform.slack?.whenIdle();
    await platform.teams?.whenIdle();
    await platform.queue.drained();
  };

  await admin('settings/update', { change: { enabled: true } });
  if (platform.slack) {
    await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
    for (const userId of SANDBOX_OPERATORS.slack) await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId });
  }
  if (platform.teams) {
    const teams = platform.teams;
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: TEAMS_SANDBOX.tenantName, appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    // Teams people are known once they install the app; the first install also proves the tenant.
    for (const key of SANDBOX_OPERATORS.teams) await teams.install(key);
    await settle();
    for (const key of SANDBOX_OPERATORS.teams) {
      const person = TEAMS_SANDBOX.people.find((p) => p.key === key);
      if (person) await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: person.id });
    }
  }
  await settle();
}
