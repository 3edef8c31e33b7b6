import { SLACK_BOT_SCOPES } from './slack-app-manifest';

type SlackBotScope = (typeof SLACK_BOT_SCOPES)[number];

/** What each scope of the app's manifest enables, in the words of the admin's notice when a workspace lacks it. */
export const SLACK_SCOPE_FEATURES: { readonly [S in SlackBotScope]: string } = {
  'chat:write': 'sending messages',
  'chat:write.customize': 'relaying messages under the operator’s or user’s name',
  'im:history': 'receiving direct messages',
  'im:write': 'opening direct messages',
  'app_mentions:read': '@mentions of Koji in channels',
  'users:read': 'people’s names on requests and in the role setup',
  'users:read.email': 'matching Slack users to Jira customers on tickets',
  'files:read': 'relaying the files people share, and putting them on tickets',
  'files:write': 'relaying files to people on Slack',
};

/**
 * The scopes of the app's manifest a workspace's bot token was not granted (Slack reports the granted ones in
 * `x-oauth-scopes` on each Web API answer, auth.test's included). Unknown grants (an answer without the
 * header): none is said to lack.
 */
export function missingSlackScopes(granted: readonly string[] | undefined): SlackBotScope[] {
  return granted ? SLACK_BOT_SCOPES.filter((scope) => !granted.includes(scope)) : [];
}

/** The backoffice's notice for each scope a workspace lacks: the app keeps working without the feature. */
export function slackScopeNotices(granted: readonly string[] | undefined): string[] {
  return missingSlackScopes(granted).map(
    (scope) => `This workspace was installed before Koji asked for ${scope}: reinstall the Slack app to enable ${SLACK_SCOPE_FEATURES[scope]}.`,
  );
}
