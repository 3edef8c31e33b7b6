import type { LocalPlatform } from '../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE } from '../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../packages/forge-local/src/teams';
import { invokeBackoffice, settle } from './backoffice-client';

/**
 * What an admin does by hand before the first conversation, done in one go through the backoffice's
 * own resolvers (as the Jira admin, over the page's `invoke` path): live agent support on, the Slack
 * sandbox workspace and the Teams sandbox tenant connected, the Live agent role for some of their
 * people. Nobody is put on duty: `#on` is the operator's own step. The start page's button and the
 * screenshots use the defaults; specs name their own operators, settings and installed Teams people.
 */
export const SANDBOX_OPERATORS = { slack: ['UALICE', 'UBRUNO'], teams: ['tom', 'uma'] } as const;

export interface SandboxSetup {
  /** Settings saved with `enabled: true`. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Who gets the Live agent role: Slack user ids, Teams sandbox keys. */
  readonly operators?: { readonly slack: readonly string[]; readonly teams: readonly string[] };
  /** Teams people who install the app besides the operators (Teams people are known once they do). */
  readonly teamsInstalls?: readonly string[];
}

export class SandboxSetupError extends Error {
  constructor(step: string, answer: unknown) {
    super(`Setting up the sandboxes failed at ${step}: ${JSON.stringify(answer)}`);
    this.name = 'SandboxSetupError';
  }
}

export async function setUpSandboxes(platform: LocalPlatform, setup: SandboxSetup = {}): Promise<void> {
  const operators = setup.operators ?? SANDBOX_OPERATORS;
  const admin = async (functionKey: string, payload: Record<string, unknown>): Promise<void> => {
    const answer = await invokeBackoffice(platform, functionKey, payload);
    if (!answer?.ok) throw new SandboxSetupError(functionKey, answer);
  };

  await admin('settings/update', { change: { enabled: true, ...setup.settings } });
  if (platform.teams) {
    const teams = platform.teams;
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: TEAMS_SANDBOX.tenantName, appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    // Teams people are known once they install the app; the first install also proves the tenant.
    for (const key of new Set([...operators.teams, ...(setup.teamsInstalls ?? [])])) await teams.install(key);
    await settle(platform);
  }
  if (platform.slack) await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  if (platform.teams) {
    for (const key of operators.teams) await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsPersonId(key) });
  }
  if (platform.slack) {
    for (const userId of operators.slack) await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId });
  }
  await settle(platform);
}

/** A Teams sandbox person's Teams id, by their key (`tom`). */
export function teamsPersonId(key: string): string {
  const person = TEAMS_SANDBOX.people.find((p) => p.key === key);
  if (!person) throw new Error(`No Teams sandbox person ${key}`);
  return person.id;
}
