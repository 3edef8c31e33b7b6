import { narrowBlockAction } from '../../../src/adapters/slack/slack-event';
import { narrowTeamsActivity, type TeamsActivity } from '../../../src/adapters/teams/teams-activity';
import { CHAT_ACTION_KINDS } from '../../../src/domain/outgoing-message';

function slackClick(kind: string, value?: unknown) {
  return narrowBlockAction({ user: { id: 'UBOB' }, actions: [{ action_id: `koji:${kind}:0`, value: JSON.stringify({ c: 'c-1', v: value }), action_ts: '1700000000.000100' }] }, 'T1', 'p');
}

function teamsClick(kind: string, value?: unknown) {
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
    raw: { value: { koji: kind, c: 'c-1', ...(value === undefined ? {} : { v: value }) } },
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

  it.each([['VPN slow'], ['Ça marche_2-b'], ['東京']])('should read a saved reply’s name %s from a pick list’s button as it was written', (name) => {
    expect(slackClick('send-saved-reply', name)).toMatchObject({ message: { action: { kind: 'send-saved-reply', value: name } } });
    expect(teamsClick('send-saved-reply', name)).toMatchObject({ message: { action: { kind: 'send-saved-reply', value: name } } });
  });

  it.each([['x'.repeat(41)], ['<b>x</b>'], ['a\nb'], ['  '], [42], [{ name: 'x' }]])('should drop a saved reply’s name that no saved reply could have (%p)', (value) => {
    for (const click of [slackClick('send-saved-reply', value), teamsClick('send-saved-reply', value)]) {
      expect(click).toMatchObject({ kind: 'message', message: { action: { kind: 'send-saved-reply' } } });
      expect((click as { message: { action: { value?: string } } }).message.action.value).toBeUndefined();
    }
  });

  it('should still drop a value with spaces on the other buttons, which carry ids', () => {
    expect((slackClick('forward', 'VPN slow') as { message: { action: { value?: string } } }).message.action.value).toBeUndefined();
    expect((teamsClick('forward', 'VPN slow') as { message: { action: { value?: string } } }).message.action.value).toBeUndefined();
  });
});
