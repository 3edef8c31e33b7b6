import { kvs } from '@forge/kvs';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { storageKeys } from '../../src/adapters/forge/kvs-keys';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Koji speaks each person's language, through the real Slack and Teams web triggers: Chloé's Teams client says
 * fr-FR with every message; Jonas's Slack language (de-DE) is asked of Slack once and kept; Alice, the operator,
 * reads English. What people type is relayed as typed, whatever the language; only Koji's own words change.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

afterEach(() => platform.close());

const usersInfoCalls = () => slack.apiCalls.filter((c) => c.method === 'users.info');

describe('languages, end to end', () => {
  beforeEach(async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'chloe']));
  });

  it('should answer a French Teams user in French, connect her in French, and brief the operator in English', async () => {
    await say('teams', 'chloe', 'bonjour');
    expect(teamsWords('chloe').at(-1)).toBe('Je n’ai trouvé aucun article à ce sujet. Pour parler à une personne, tapez «\u202Fparler à un conseiller\u202F».');

    await say('slack', 'UALICE', '#on');
    await say('teams', 'chloe', 'un opérateur');
    expect(teamsWords('chloe').at(-1)).toContain('Vous êtes maintenant en relation avec');
    expect(slackWords('UALICE').join('\n')).toContain('(Microsoft Teams) wants to talk to an operator.');

    await say('slack', 'UALICE', 'Hello Chloé, how can I help?');
    await say('teams', 'chloe', 'Mon imprimante ne marche plus');
    expect(teams.conversation('chloe').map((m) => m.text ?? '').join('\n')).toContain('Hello Chloé, how can I help?');
    expect(slack.conversation('UALICE').map((m) => m.text ?? '').join('\n')).toContain('Mon imprimante ne marche plus');

    await say('teams', 'chloe', 'stop');
    expect(teamsWords('chloe').join('\n')).toContain('Vous avez mis fin à la conversation avec');
    expect(slackWords('UALICE').join('\n')).toContain('ended the conversation. You’re free for the next user.');
  });

  it('should ask Slack for a user’s language once, keep it, and answer a German Slack user in German', async () => {
    await say('slack', 'UJONAS', 'hallo');
    await say('slack', 'UJONAS', 'quokka xylophon');

    expect(slackWords('UJONAS').at(-1)).toBe('Dazu habe ich keinen Artikel gefunden. Wenn Sie mit einem Menschen sprechen möchten, schreiben Sie „mit einem Menschen sprechen“.');
    const asked = usersInfoCalls().filter((c) => c.args['user'] === 'UJONAS');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.args['include_locale']).toBe('true');
    expect(await kvs.get(storageKeys.keptLocale({ channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UJONAS' }))).toEqual({ locale: 'de-DE' });
  });

  it('should let a German user reach a person with a German phrase, and tell him in German that nobody is on duty', async () => {
    await say('slack', 'UJONAS', 'echte Person');
    expect(slackWords('UJONAS').at(-1)).toContain('Gerade ist kein Agent im Dienst');
  });
});

describe('the project’s default language', () => {
  beforeEach(async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ defaultLanguage: 'de' }, ['tom', 'chloe']));
  });

  it('should keep speaking each person’s own language when Koji speaks it, whatever the default', async () => {
    await say('slack', 'UBOB', 'quokka xylophone');
    expect(slackWords('UBOB').at(-1)).toBe('I couldn’t find an article about that. To talk to a person, type “operator”.');
    await say('teams', 'chloe', 'bonjour');
    expect(teamsWords('chloe').at(-1)).toContain('Je n’ai trouvé aucun article');
  });
});
