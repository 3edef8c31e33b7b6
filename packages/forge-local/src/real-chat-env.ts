import type { RealSlackWorkspace, TeamsBotCredentials } from './local-app';

/** The real workspace `npm start` connects: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, both or neither. */
export function slackWorkspaceFromEnv(env: NodeJS.ProcessEnv): RealSlackWorkspace | undefined {
  const botToken = env['SLACK_BOT_TOKEN'];
  const signingSecret = env['SLACK_SIGNING_SECRET'];
  return botToken && signingSecret ? { botToken, signingSecret } : undefined;
}

/**
 * The real bot `npm start` connects: TEAMS_APP_ID, TEAMS_APP_PASSWORD and
 * TEAMS_TENANT_ID, all three or nothing (a partial set is a mistake worth
 * saying, not a reason to start half-configured).
 */
export function teamsBotFromEnv(env: NodeJS.ProcessEnv): TeamsBotCredentials | undefined {
  const appId = env['TEAMS_APP_ID'];
  const appPassword = env['TEAMS_APP_PASSWORD'];
  const tenantId = env['TEAMS_TENANT_ID'];
  if (!appId && !appPassword && !tenantId) return undefined;
  if (!appId || !appPassword || !tenantId) {
    throw new Error('Set all three of TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID to connect a Microsoft Teams bot, or none of them.');
  }
  return { appId, appPassword, tenantId };
}

/** The real endpoints the app names, which the platform's stand-ins answer for unless the environment says otherwise. */
export const REAL_ENDPOINTS = {
  slackApi: 'https://slack.com/api/',
  microsoftLogin: 'https://login.microsoftonline.com',
  botFrameworkOpenIdMetadata: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
} as const;
