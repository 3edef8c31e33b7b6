/** Slack's file host: the only one the app downloads from, or uploads to, with a bot token (no SSRF through a payload). */
export const SLACK_FILE_HOST = 'files.slack.com';

/** Whether a URL from a Slack payload or answer is on Slack's file host, over https, with no credentials in it. */
export function isSlackFileUrl(url: string | undefined): url is string {
  const parsed = url === undefined ? null : URL.parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.hostname === SLACK_FILE_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}
