import path from 'node:path';
import { kvs } from '@forge/kvs';
import { jiraCallFor } from '../src/adapters/forge/jira-scopes';
import { slackClient } from '../src/adapters/slack/slack-chat-gateway';
import { connectSlackWorkspace } from '../src/adapters/slack/slack-connection';
import { KvsSlackWorkspaces } from '../src/adapters/slack/slack-workspaces';
import { connectTeamsTenant } from '../src/adapters/teams/teams-connection';
import { MICROSOFT_LOGIN } from '../src/adapters/teams/teams-connector';
import { KvsTeamsTenants } from '../src/adapters/teams/teams-tenants';
import type { LocalApp } from '../packages/forge-local/src/local-app';
import { startLocalPlatform as startPlatform, type LocalPlatform, type LocalPlatformOptions } from '../packages/forge-local/src/platform';
import { setUpSandboxes } from './sandbox-setup';

/**
 * The app-specific glue between Koji and the local Forge platform (packages/forge-local), and
 * all of it: where Koji is, its table of Jira calls, and how it connects a tenant. The platform
 * imports nothing of the app; what an admin's click does on Forge, it does here through the
 * app's own connect paths. Everything else it reads from manifest.yml, as Forge does.
 */
const ROOT = path.resolve(__dirname, '..');

export const KOJI_APP: LocalApp = {
  root: ROOT,
  jiraCalls: { find: jiraCallFor, table: 'src/adapters/forge/jira-scopes.ts' },
  // Where bench/run.ts writes its latest report.
  bench: { command: 'npm run bench', latestReport: path.join(ROOT, '.artifacts', 'bench', 'latest.json') },
  sandboxSetup: {
    does: 'Turns on live agent support for SUP, connects the Slack sandbox workspace and the Teams sandbox tenant, and gives Alice, Bruno, Tom and Uma the Live agent role.',
    run: setUpSandboxes,
  },
  connectSlackWorkspace: (workspace, now) =>
    connectSlackWorkspace(workspace, { workspaces: new KvsSlackWorkspaces(kvs), client: (token) => slackClient(token), now }),
  connectTeamsTenant: (projectId, bot, now) =>
    connectTeamsTenant(
      { projectId, tenantId: bot.tenantId, name: bot.name ?? '', appId: bot.appId, appPassword: bot.appPassword, botTenantId: bot.botTenantId },
      { tenants: new KvsTeamsTenants(kvs), connector: { loginUrl: MICROSOFT_LOGIN, fetch: (input, init) => fetch(input, init), now } },
    ),
  isTeamsTenantConnected: async (tenantId, appId) => (await new KvsTeamsTenants(kvs).get(tenantId, appId)) !== undefined,
  confirmTeamsTenant: async (tenantId, appId, now) => {
    const tenants = new KvsTeamsTenants(kvs);
    const tenant = await tenants.get(tenantId, appId);
    if (tenant && tenant.confirmedAt === undefined) await tenants.confirm(tenant, now());
  },
};

/** Koji on the local platform: `npm start`, the specs and the bench start it here. Its data stays in `.koji-data` by default. */
export function startLocalPlatform(options: Omit<LocalPlatformOptions, 'app'> = {}): Promise<LocalPlatform> {
  return startPlatform({ dataDir: path.join(ROOT, '.koji-data'), ...options, app: KOJI_APP });
}
