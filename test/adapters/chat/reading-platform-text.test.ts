import { parseOperatorCommand } from '../../../src/app/commands/parse';
import { narrowSlackEvent } from '../../../src/adapters/slack/slack-event';
import { narrowTeamsActivity, parseTeamsActivity } from '../../../src/adapters/teams/teams-activity';

/**
 * Each receiver turns its platform's text into what the person typed, as
 * plain text, plus the links their client made: Slack's `<url|label>`,
 * mentions and entities; Teams' HTML, `<at>` mentions and entities.
 */
const BOT = { teamId: 'T1', botUserId: 'UBOT' };

function fromSlack(text: string, type: 'message' | 'app_mention' = 'message') {
  const narrowed = narrowSlackEvent(
    { eventId: 'Ev1', event: { type, channel_type: 'im', user: 'UANA', text, ts: '1700000000.000100', channel: 'D1' } },
    BOT,
    'p',
  );
  if (narrowed.kind !== 'message') throw new Error(narrowed.kind);
  return { text: narrowed.message.text, links: narrowed.message.links ?? [] };
}

const BOT_ID = '28:bot-app-id';

function fromTeams(text: string, extra: Record<string, unknown> = {}) {
  const parsed = parseTeamsActivity(
    JSON.stringify({
      type: 'message',
      id: 'a1',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      timestamp: '2026-11-25T09:00:00.000Z',
      from: { id: '29:vic', name: 'Vic' },
      recipient: { id: BOT_ID, name: 'Koji' },
      conversation: { id: 'a:vic', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      text,
      ...extra,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  const narrowed = narrowTeamsActivity(parsed.activity, 'p');
  if (narrowed.kind !== 'message') throw new Error(narrowed.kind);
  return { text: narrowed.message.text, links: narrowed.message.links ?? [] };
}

describe('reading Slack text', () => {
  it('should keep what the person typed, Slack’s escaping undone: HTML stays words', () => {
    expect(fromSlack('Hi &lt;b&gt;how&lt;/b&gt; can I help? &amp;amp;')).toEqual({ text: 'Hi <b>how</b> can I help? &amp;', links: [] });
  });

  it('should turn a link the sender’s client made into its label plus the link, and a bare one into its URL', () => {
    expect(fromSlack('See <https://example.com/a?b=1&amp;c=2|our portal> or <http://example.org>')).toEqual({
      text: 'See our portal or http://example.org',
      links: [
        { text: 'our portal', url: 'https://example.com/a?b=1&c=2' },
        { text: 'http://example.org', url: 'http://example.org' },
      ],
    });
  });

  it('should keep no more than 50 links, none longer than 2,048 characters, leaving the rest as words', () => {
    const read = fromSlack(`${'<https://x.example|x> '.repeat(60)}<https://x.example/${'a'.repeat(2100)}|long>`);
    expect(read.links).toHaveLength(50);
    expect(read.text.endsWith(' long')).toBe(true);
  });

  it('should show a link to anywhere but the web as its words only', () => {
    expect(fromSlack('<javascript:alert(1)|click> <mailto:ana@example.com>')).toEqual({ text: 'click ana@example.com', links: [] });
  });

  it('should show a person’s mention as their raw id (no lookup on the relay path), channels and special mentions as words', () => {
    expect(fromSlack('<@U123> <@U456|ana> <#C1|general> <!here> <!channel> <!subteam^S1|@desk>')).toEqual({
      text: '@U123 @U456 #general @here @channel @desk',
      links: [],
    });
  });

  it('should leave a mentioned operator findable by id: forward_operator with a Slack mention still names them', () => {
    for (const typed of ['forward_operator <@UDAVE>', 'forward_operator <@UDAVE|dave>']) {
      expect(parseOperatorCommand(fromSlack(typed).text)).toEqual({ kind: 'forward', target: { by: 'user-id', userId: 'UDAVE' } });
    }
    expect(parseOperatorCommand('forward_operator @dave')).toEqual({ kind: 'forward', target: { by: 'name', name: 'dave' } });
  });

  it('should still drop the bot’s own mention from a channel message', () => {
    expect(fromSlack('<@UBOT> hello <@U9>', 'app_mention').text).toBe('hello @U9');
  });
});

describe('reading Teams text', () => {
  it('should keep plain text as typed: tags and entities in it are the person’s words', () => {
    expect(fromTeams('Hi <b>how</b> &amp; bye', { textFormat: 'plain' })).toEqual({ text: 'Hi <b>how</b> &amp; bye', links: [] });
  });

  it('should read HTML text: a web link becomes its label plus the link, breaks become lines, entities are decoded', () => {
    expect(fromTeams('<p>See <a href="https://example.com/?a=1&amp;b=2">our <b>portal</b></a> &lt;now&gt;</p><p>x&nbsp;&#42;y&#x2a;</p>', { textFormat: 'xml' })).toEqual({
      text: 'See our portal <now>\nx *y*',
      links: [{ text: 'our portal', url: 'https://example.com/?a=1&b=2' }],
    });
    expect(fromTeams('<a href="javascript:alert(1)">click</a>', { textFormat: 'markdown' })).toEqual({ text: 'click', links: [] });
  });

  it('should drop the bot’s mention, name anyone else Teams lists as mentioned, and keep a typed `<at>` as typed', () => {
    const entities = [
      { type: 'mention', text: '<at>Tom</at>', mentioned: { id: '29:tom', name: 'Tom Operator' } },
      { type: 'mention', text: '<at>Koji</at>', mentioned: { id: BOT_ID, name: 'Koji' } },
    ];
    expect(fromTeams('<at>Koji</at> ask <at>Tom</at> or <at>Eve</at>', { textFormat: 'plain', entities })).toEqual({ text: 'ask @Tom Operator or <at>Eve</at>', links: [] });
  });

  it('should keep a mentioned person’s name as their name, even when it looks like HTML', () => {
    const entities = [{ type: 'mention', text: '<at>Mallory</at>', mentioned: { id: '29:mallory', name: '<a href="https://evil.example">Reset</a> &amp;' } }];

    expect(fromTeams('ask <at>Mallory</at> now', { textFormat: 'xml', entities })).toEqual({
      text: 'ask @<a href="https://evil.example">Reset</a> &amp; now',
      links: [],
    });
  });

  it('should read a hostile 40,000-character text quickly, on both platforms', () => {
    for (const hostile of ['hi ' + '<'.repeat(39_000), '<a href="https://x.example">'.repeat(1_400), '&lt;<'.repeat(7_000), '<https://x|'.repeat(3_600)]) {
      const started = Date.now();
      fromTeams(`hi ${hostile}`, { textFormat: 'xml' });
      fromSlack(hostile);
      expect(Date.now() - started).toBeLessThan(500);
    }
  });
});
