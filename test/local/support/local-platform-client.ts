import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { invokeBackoffice, settle, type AdminResult } from '../../../dev/backoffice-client';
import { startLocalPlatform } from '../../../dev/koji-app';
import type { QueueSwitches } from '../../../packages/forge-local/src/local-queue';
import type { SlackSandbox } from '../../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../../packages/forge-local/src/teams';

/**
 * Driving the local platform from a test as people reach a deployed app: admin steps through
 * the backoffice's resolvers over HTTP, and waiting until the app and the chat sandboxes are
 * done with what a step set off.
 */

export { invokeBackoffice, settle, type AdminResult } from '../../../dev/backoffice-client';

/**
 * An admin step on Jira's admin page for another project of the site (`projectId`), as the page's `invoke`
 * reaches the resolver: for specs of what one project may and may not do to another.
 */
export async function invokeAdminPageFor(platform: LocalPlatform, projectId: string, functionKey: string, payload: Record<string, unknown> = {}): Promise<AdminResult> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': 'local-admin' },
    body: JSON.stringify({ moduleKey: 'koji-admin', functionKey, payload: { ...payload, projectId } }),
  });
  return ((await response.json()) as { result: AdminResult }).result;
}

/**
 * `admin` and `settle` for the platform a test file keeps in a variable; `platform` is read on
 * each call, so a file may start a fresh platform for every test.
 */
export function localPlatformClient(platform: () => LocalPlatform): {
  admin(functionKey: string, payload?: unknown, as?: string): Promise<AdminResult>;
  settle(): Promise<void>;
} {
  return {
    admin: (functionKey, payload, as) => invokeBackoffice(platform(), functionKey, payload, as),
    settle: () => settle(platform()),
  };
}

export interface SandboxedPlatform {
  readonly platform: LocalPlatform;
  readonly slack: SlackSandbox;
  readonly teams: TeamsSandbox;
}

/** The local platform in memory on a free port, with its Slack and Teams sandboxes (`queue`: its switches). */
export async function startSandboxedPlatform(options: { readonly queue?: QueueSwitches } = {}): Promise<SandboxedPlatform> {
  const platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', ...(options.queue ? { queue: options.queue } : {}) });
  if (!platform.slack || !platform.teams) {
    await platform.close();
    throw new Error('The local platform started without its Slack and Teams sandboxes.');
  }
  return { platform, slack: platform.slack, teams: platform.teams };
}
