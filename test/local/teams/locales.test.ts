import { TEAMS_SANDBOX, findTeamsPerson, type TeamsActivity, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox, type TeamsHarness } from './support/teams-harness';

const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);
const person = (key: string): TeamsSandboxPerson => findTeamsPerson(key)!;

/** The locales an activity carries: its own, and its clientInfo entity's (with the country that goes with it), if any. */
function localesOf(activity: TeamsActivity): { locale: string | undefined; clientInfo: Record<string, unknown> | undefined } {
  const clientInfo = activity.entities?.find((e) => e['type'] === 'clientInfo');
  return { locale: activity.locale, clientInfo: clientInfo && { locale: clientInfo['locale'], country: clientInfo['country'] } };
}

describe('the language of the Teams sandbox’s people', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsSandbox({ now: () => NOW });
  });
  beforeEach(async () => {
    await h.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should have a French-speaking and a German-speaking user besides the English-speaking people', () => {
    expect(TEAMS_SANDBOX.people.map((p) => `${p.key}:${p.name}:${p.role}:${p.locale}`)).toEqual([
      'tom:Tom Operator:operator:en-US',
      'uma:Uma Operator:operator:en-US',
      'vic:Vic User:user:en-US',
      'wendy:Wendy User:user:en-US',
      'chloe:Chloé Dubois:user:fr-FR',
      'jonas:Jonas Becker:user:de-DE',
    ]);
    expect(person('chloe')).toMatchObject({ givenName: 'Chloé', surname: 'Dubois', email: 'chloe@sandbox.test', timezone: 'Europe/Paris' });
    expect(person('jonas')).toMatchObject({ givenName: 'Jonas', surname: 'Becker', email: 'jonas@sandbox.test', timezone: 'Europe/Berlin' });
    expect(new Set(TEAMS_SANDBOX.people.map((p) => p.id)).size).toBe(TEAMS_SANDBOX.people.length);
    expect(new Set(TEAMS_SANDBOX.people.map((p) => p.aadObjectId)).size).toBe(TEAMS_SANDBOX.people.length);
  });

  it('should send Chloé’s message with her locale fr-FR, at the top and in the clientInfo entity', async () => {
    const chloe = person('chloe');
    await h.sandbox.install(chloe);

    await h.sandbox.sendAs(chloe, 'Bonjour, mon imprimante est en panne');

    const message = h.trigger.activities().at(-1)!;
    expect(message).toMatchObject({
      type: 'message',
      from: { id: chloe.id, name: 'Chloé Dubois', aadObjectId: chloe.aadObjectId },
      locale: 'fr-FR',
      localTimezone: 'Europe/Paris',
      localTimestamp: '2025-01-15T10:30:00.000+01:00',
      text: 'Bonjour, mon imprimante est en panne',
      entities: [{ type: 'clientInfo', locale: 'fr-FR', country: 'FR', platform: 'Web', timezone: 'Europe/Paris' }],
    });
  });

  it('should give every kind of activity a person sends their own locale', async () => {
    for (const key of ['chloe', 'jonas', 'vic']) {
      const who = person(key);
      await h.sandbox.install(who);
      await h.sandbox.sendAs(who, 'hello');
      await h.sandbox.submit(who, { action: 'accept' });
      await h.sandbox.mentionInChannel(who, 'hello');
    }

    const byPerson = new Map<string, Array<ReturnType<typeof localesOf>>>();
    for (const activity of h.trigger.activities()) byPerson.set(activity.from.id, [...(byPerson.get(activity.from.id) ?? []), localesOf(activity)]);
    const expected = (locale: string, country: string) => [
      { locale, clientInfo: undefined }, // installationUpdate
      { locale, clientInfo: undefined }, // conversationUpdate
      { locale, clientInfo: { locale, country } }, // message
      { locale, clientInfo: { locale, country } }, // card submit
      { locale, clientInfo: { locale, country } }, // channel mention
    ];
    expect(byPerson.get(person('chloe').id)).toEqual(expected('fr-FR', 'FR'));
    expect(byPerson.get(person('jonas').id)).toEqual(expected('de-DE', 'DE'));
    expect(byPerson.get(person('vic').id)).toEqual(expected('en-US', 'US'));
  });

  it('should send what Chloé does on the chat page with her locale too', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${h.baseUrl}/sandbox/teams/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post('install', { person: 'chloe' })).status).toBe(200);
    expect((await post('send', { person: 'chloe', text: 'Bonjour' })).status).toBe(200);

    expect(h.trigger.activities().map((a) => `${a.type}:${a.locale}`)).toEqual(['installationUpdate:fr-FR', 'conversationUpdate:fr-FR', 'message:fr-FR']);
  });
});
