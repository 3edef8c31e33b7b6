import { narrowSlackEvent } from '../../../src/adapters/slack/slack-event';
import { narrowTeamsActivity, type TeamsActivity } from '../../../src/adapters/teams/teams-activity';

/**
 * What a file in a payload may make the app fetch: only the platform's own file host (no SSRF). Anything else stays a
 * link the sender is told could not be relayed.
 */
const BOT = { teamId: 'T1', botUserId: 'UBOT' };
const slackFile = (file: Record<string, unknown>) =>
  narrowSlackEvent({ eventId: 'Ev1', event: { type: 'message', subtype: 'file_share', channel_type: 'im', user: 'UBOB', ts: '1700000000.000100', text: '', files: [file] } }, BOT, 'P');

describe('files in a Slack message', () => {
  it('should keep a file’s name, size, type and its download on files.slack.com', () => {
    const narrowed = slackFile({
      name: 'log.txt',
      size: 12,
      mimetype: 'Text/Plain',
      url_private_download: 'https://files.slack.com/files-pri/T1-F1/download/log.txt',
      permalink: 'https://x.slack.com/files/UBOB/F1/log.txt',
    });
    expect(narrowed).toMatchObject({
      kind: 'message',
      message: { attachments: [{ name: 'log.txt', size: 12, mimeType: 'text/plain', url: 'https://x.slack.com/files/UBOB/F1/log.txt', download: 'https://files.slack.com/files-pri/T1-F1/download/log.txt' }] },
    });
  });

  it.each([
    'https://evil.example/files-pri/x',
    'http://files.slack.com/files-pri/x',
    'https://files.slack.com.evil.example/x',
    'https://user:pw@files.slack.com/x',
    'https://files.slack.com:8443/x',
    'https://169.254.169.254/latest/meta-data',
  ])('should never download from %s', (download) => {
    const narrowed = slackFile({ name: 'a.txt', url_private_download: download, permalink: 'https://x.slack.com/files/F1' });
    expect(narrowed.kind === 'message' && narrowed.message.attachments?.[0]).toEqual({ name: 'a.txt', url: 'https://x.slack.com/files/F1' });
  });

  it('should drop a size or type that Slack would never send', () => {
    const narrowed = slackFile({ name: 'a.txt', size: -1, mimetype: '<script>', permalink: 'https://x.slack.com/files/F1' });
    expect(narrowed.kind === 'message' && narrowed.message.attachments?.[0]).toEqual({ name: 'a.txt', url: 'https://x.slack.com/files/F1' });
  });
});

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const teamsWith = (attachments: unknown[]) => {
  const activity: TeamsActivity = {
    type: 'message',
    id: 'a-1',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    tenantId: '11111111-1111-1111-1111-111111111111',
    from: { id: '29:wendy', name: 'Wendy' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:1', conversationType: 'personal' },
    raw: { attachments },
  };
  const narrowed = narrowTeamsActivity(activity, 'P');
  return narrowed.kind === 'message' ? narrowed.message.attachments : undefined;
};

describe('files in a Teams message', () => {
  it('should download a file from OneDrive, and a pasted picture from the activity’s own service URL', () => {
    expect(
      teamsWith([
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'r.pdf', contentUrl: 'https://contoso-my.sharepoint.com/r.pdf', content: { downloadUrl: 'https://contoso-my.sharepoint.com/dl/r.pdf' } },
        { contentType: 'image/png', contentUrl: `${SERVICE_URL}v3/attachments/0-x/views/original` },
      ]),
    ).toEqual([
      { name: 'r.pdf', url: 'https://contoso-my.sharepoint.com/r.pdf', download: 'https://contoso-my.sharepoint.com/dl/r.pdf' },
      { name: 'picture.png', url: `${SERVICE_URL}v3/attachments/0-x/views/original`, mimeType: 'image/png', download: `${SERVICE_URL}v3/attachments/0-x/views/original` },
    ]);
  });

  it('should take a pasted picture as Teams sends it (`image/*`), its type left to its download', () => {
    expect(teamsWith([{ contentType: 'image/*', contentUrl: `${SERVICE_URL}v3/attachments/0-y/views/original` }])).toEqual([
      { name: 'picture', url: `${SERVICE_URL}v3/attachments/0-y/views/original`, mimeType: 'image/*', download: `${SERVICE_URL}v3/attachments/0-y/views/original` },
    ]);
  });

  it('should never send the bot’s token to a picture elsewhere, nor fetch a download outside OneDrive', () => {
    const files = teamsWith([
      { contentType: 'image/png', contentUrl: 'https://evil.example/v3/attachments/x' },
      { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'x.pdf', contentUrl: 'https://a.example/x', content: { downloadUrl: 'https://sharepoint.com.evil.example/x' } },
    ]);
    expect(files?.map((f) => f.download)).toEqual([undefined, undefined]);
  });
});
