import { narrowBlockAction } from '../../../src/adapters/slack/slack-event';
import { narrowTeamsActivity, type TeamsActivity } from '../../../src/adapters/teams/teams-activity';
import { CHAT_ACTION_KINDS } from '../../../src/domain/outgoing-message';

function slackClick(kind: string) {
  return narrowBlockAction({ user: { id: 'UBOB' }, actions: [{ action_id: `koji:${kind}:0`, value: JSON.stringify({ c: 'c-1' }), action_ts: '1700000000.000100' }] }, 'T1', 'p');
}

function teamsClick(kind: string) {
  const activity: TeamsActivity = {
    type: 'message',
    id: 'a-1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    timestamp: '2026-01-01T00:00:00Z',
    tenantId: 'tenant-1',
    from: { id: '29:bob', name: 'Bob' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:1', conversationType: 'personal' },
    raw: { value: { koji: kind, c: 'c-1' } },
  };
  return narrowTeamsActivity(activity, 'p');
}

describe('the buttons both channels read', () => {
  it.each(CHAT_ACTION_KINDS.map((k) => [k]))('should read a click on %s as that intent, on Slack and on Teams', (kind) => {
    expect(slackClick(kind)).toMatchObject({ kind: 'message', message: { action: { kind }, conversationId: 'c-1' } });
    expect(teamsClick(kind)).toMatchObject({ kind: 'message', message: { action: { kind }, conversationId: 'c-1' } });
  });

  it('should not read a click on a kind missing from the one list as an intent', () => {
    expect(slackClick('rate-agent')).toMatchObject({ kind: 'ignored' });
    expect(teamsClick('rate-agent')).not.toMatchObject({ message: { action: expect.anything() as unknown } });
  });
});
