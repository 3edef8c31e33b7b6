import { narrowTeamsActivity, type TeamsActivity } from '../../../src/adapters/teams/teams-activity';

/** Teams says the sender's locale with every activity: kept on the message when it is a well-formed tag, dropped otherwise. */
const messageWith = (locale: unknown): TeamsActivity => ({
  type: 'message',
  id: 'a-1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  tenantId: 'tenant-1',
  from: { id: '29:chloe', name: 'Chloé' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:chloe', conversationType: 'personal' },
  raw: { text: 'bonjour', textFormat: 'plain', locale },
});

const localeOf = (locale: unknown) => {
  const narrowed = narrowTeamsActivity(messageWith(locale), '10000');
  return narrowed.kind === 'message' ? narrowed.message.locale : 'not a message';
};

describe('the locale of a Teams message', () => {
  it.each([['fr-FR'], ['de-de'], ['en-US'], ['zh-Hant-TW']])('should keep %s', (locale) => {
    expect(localeOf(locale)).toBe(locale);
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['markup', '<b>fr</b>'],
    ['a path', '../../etc'],
    ['a very long tag', `fr-${'x'.repeat(60)}`],
  ])('should drop %s, so the project’s default language applies', (_what, locale) => {
    expect(localeOf(locale)).toBeUndefined();
  });
});
