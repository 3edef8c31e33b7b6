/** Scopes the bot needs, each for a reason. */
export const SLACK_BOT_SCOPES = [
  'chat:write', // send messages
  'chat:write.customize', // relay under the operator's or user's name
  'im:history', // receive direct messages (message.im)
  'im:write', // open direct messages
  'app_mentions:read', // receive @mentions in channels
  'users:read', // names for the operator's request card and the role setup page
  'users:read.email', // match chat users to JSM customers when making tickets
  'files:read', // download the files people share, to relay them and put them on tickets
  'files:write', // upload the files relayed to someone on Slack
] as const;

/**
 * The Slack app manifest an admin pastes into "Create an app › From a
 * manifest": events and buttons go to this site's web trigger URL.
 */
export function slackAppManifest(webTriggerUrl: string, appName = 'Koji Live Agent'): Record<string, unknown> {
  return {
    display_information: { name: appName, description: 'Talk to a live agent from Slack', background_color: '#0052cc' },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: appName, always_online: true },
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: webTriggerUrl, bot_events: ['message.im', 'app_mention'] },
      interactivity: { is_enabled: true, request_url: webTriggerUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
