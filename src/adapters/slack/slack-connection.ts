import type { WebClient } from '@slack/web-api';
import { TenantConnectionError } from '../chat/tenant-connection-error';
import type { KvsSlackWorkspaces, SlackWorkspace, SlackWorkspaceSummary } from './slack-workspaces';


/**
 * Connects a Slack workspace to a project: the bot token is tried with
 * `auth.test`, which also tells which workspace and bot it belongs to, and
 * only a working token is saved.
 */
export async function connectSlackWorkspace(
  input: { readonly projectId: string; readonly botToken: string; readonly signingSecret: string },
  deps: { readonly workspaces: KvsSlackWorkspaces; readonly client: (token: string) => WebClient; readonly now: () => number },
): Promise<SlackWorkspaceSummary> {
  const botToken = input.botToken.trim();
  const signingSecret = input.signingSecret.trim();
  if (!/^xoxb-[\w-]+$/.test(botToken)) throw new TenantConnectionError('The bot token starts with “xoxb-”: copy it from OAuth & Permissions in your Slack app.');
  if (!/^[0-9a-zA-Z-]{8,}$/.test(signingSecret)) {
    throw new TenantConnectionError('The signing secret is the value under Basic Information › App Credentials in your Slack app.');
  }
  const { scopes, ...identity } = await testToken(deps.client(botToken));
  const existing = await deps.workspaces.get(identity.teamId);
  if (existing && existing.projectId !== input.projectId) {
    throw new TenantConnectionError(`The Slack workspace ${identity.teamName} is already connected to another project.`);
  }
  const workspace: SlackWorkspace = {
    ...identity,
    projectId: input.projectId,
    botToken,
    signingSecret,
    connectedAt: existing?.connectedAt ?? deps.now(),
  };
  // The token just passed auth.test: connecting counts as a successful check, which records the scopes it was granted.
  // A scope it lacks is a notice on the workspace (slack-scopes.ts), not a failure: the app works with what it has.
  const lastCheck = { ok: true, at: deps.now(), ...(scopes ? { scopes } : {}) };
  await deps.workspaces.put(workspace, lastCheck);
  const { botToken: _t, signingSecret: _s, ...summary } = workspace;
  return { ...summary, lastCheck };
}

/** "Test connection": the stored token still works; the scopes it has now are recorded with the check. */
export async function testSlackWorkspace(workspace: SlackWorkspace, client: (token: string) => WebClient): Promise<{ teamName: string; scopes?: string[] }> {
  const identity = await testToken(client(workspace.botToken));
  return { teamName: identity.teamName, ...(identity.scopes ? { scopes: identity.scopes } : {}) };
}

async function testToken(client: WebClient): Promise<Pick<SlackWorkspace, 'teamId' | 'teamName' | 'botUserId' | 'botId'> & { scopes?: string[] | undefined }> {
  try {
    const result = await client.auth.test();
    if (!result.team_id || !result.user_id) throw new TenantConnectionError('Slack did not say which workspace this token belongs to.');
    return { teamId: result.team_id, teamName: result.team ?? result.team_id, botUserId: result.user_id, botId: result.bot_id, scopes: result.response_metadata?.scopes };
  } catch (error) {
    if (error instanceof TenantConnectionError) throw error;
    const reason = (error as { data?: { error?: string } }).data?.error;
    throw new TenantConnectionError(
      reason === 'invalid_auth' || reason === 'not_authed' || reason === 'token_revoked' || reason === 'account_inactive'
        ? `Slack refused the bot token (${reason}). Copy it again from OAuth & Permissions, after installing the app to the workspace.`
        : `Slack could not be reached to check the token${reason ? ` (${reason})` : ''}. Try again.`,
      { cause: error },
    );
  }
}

export { TenantConnectionError };
