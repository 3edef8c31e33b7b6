import { say as sayIn } from '../../src/domain/replies';
import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import { World } from '../builders/world';

/**
 * Koji speaks English, French and German: each person hears its own words in their language, from their locale
 * (Teams sends it with every message; Slack's is asked once and kept), or the project's default when Koji doesn't
 * speak theirs. Operators hear theirs from their `#on`. People's own words are relayed as they typed them.
 */
const fr = sayIn('fr');
const de = sayIn('de');
const en = sayIn('en');

describe('the language a user hears', () => {
  it('should answer a Teams user in the language their message came with', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const chloe = world.person('Chloé', { channel: 'teams' });

    await world.say(chloe, 'bonjour', { locale: 'fr-FR' });

    expect(world.lastHeard(chloe)).toBe(fr.toUser.assistantHint('parler à un conseiller'));
  });

  it('should answer in the project’s default language when Koji doesn’t speak the user’s', async () => {
    const world = new World();
    await world.enableLiveAgents({ defaultLanguage: 'fr' });
    const ines = world.person('Inés', { channel: 'teams' });

    await world.say(ines, 'hola', { locale: 'es-ES' });
    await world.enableLiveAgents({ defaultLanguage: 'de' });
    await world.say(ines, 'hola otra vez', { locale: 'es-ES' });

    expect(world.heard(ines)).toEqual([fr.toUser.assistantHint('parler à un conseiller'), de.toUser.assistantHint('mit einem Menschen sprechen')]);
  });

  it('should ask Slack for a user’s language once, and keep it for their next messages', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const jonas = world.person('Jonas', { locale: 'de-DE' });
    const asked = jest.spyOn(world.chat, 'profile');

    await world.say(jonas, 'hallo');
    await world.say(jonas, 'noch da?');

    expect(asked).toHaveBeenCalledTimes(1);
    expect(world.heard(jonas)).toEqual([de.toUser.assistantHint('mit einem Menschen sprechen'), de.toUser.assistantHint('mit einem Menschen sprechen')]);
  });

  it('should keep that Slack gave no language, so it is not asked again, and answer in the default', async () => {
    const world = new World();
    await world.enableLiveAgents({ defaultLanguage: 'fr' });
    const bob = world.person('Bob');
    const asked = jest.spyOn(world.chat, 'profile');

    await world.say(bob, 'hello');
    await world.say(bob, 'hello again');

    expect(asked).toHaveBeenCalledTimes(1);
    expect(world.lastHeard(bob)).toBe(fr.toUser.assistantHint('parler à un conseiller'));
  });

  it('should ask again after a failed look-up instead of keeping a guess', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const jonas = world.person('Jonas', { locale: 'de-DE' });
    const asked = jest.spyOn(world.chat, 'profile').mockRejectedValueOnce(new Error('Slack is down'));

    await world.say(jonas, 'hallo');
    await world.say(jonas, 'hallo?');

    expect(asked).toHaveBeenCalledTimes(2);
    expect(world.heard(jonas)).toEqual([en.toUser.assistantHint('operator'), de.toUser.assistantHint('mit einem Menschen sprechen')]);
  });

  it('should take a handoff phrase in any language, and tell each user the phrase of their own', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob', { locale: 'en-US' });
    const chloe = world.person('Chloé', { channel: 'teams' });

    await world.say(bob, 'un opérateur');
    await world.say(chloe, 'operator', { locale: 'fr-FR' });

    expect(world.lastHeard(bob)).toBe(en.toUser.noOperatorOnDuty());
    expect(world.lastHeard(chloe)).toBe(fr.toUser.noOperatorOnDuty());
  });
});

describe('a conversation between people of different languages', () => {
  it('should tell each side in its own language, and relay their words as typed', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const uwe = await world.operator('Uwe', { locale: 'de-DE' });
    await world.say(uwe, '#on');
    const chloe = world.person('Chloé', { channel: 'teams' });

    await world.say(chloe, 'parler à un conseiller', { locale: 'fr-FR' });
    await world.say(uwe, 'Guten Tag!');
    await world.say(chloe, 'Bonjour, mon imprimante est en panne', { locale: 'fr-FR' });
    await world.say(uwe, 'stop');

    expect(world.heard(uwe)).toEqual([
      de.toOperator.roleGranted(),
      de.toOperator.onDuty(0),
      expect.stringContaining(de.toOperator.request('Chloé', 'teams')),
      'Bonjour, mon imprimante est en panne',
      de.toOperator.ended('Chloé'),
    ]);
    expect(world.heard(chloe)).toEqual([fr.toUser.connected('Uwe'), 'Guten Tag!', fr.toUser.closedByOperator('Uwe'), expect.stringContaining('Uwe')]);
  });

  it('should make no look-up of anyone’s language while relaying', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true, locale: 'en-GB' });
    const jonas = world.person('Jonas', { locale: 'de-DE' });
    await world.say(jonas, 'mit einem Menschen sprechen');
    const asked = jest.spyOn(world.chat, 'profile');

    await world.say(jonas, 'Mein Drucker geht nicht');
    await world.say(alice, 'Which printer?');

    expect(asked).not.toHaveBeenCalled();
    expect(world.lastHeard(jonas)).toBe('Which printer?');
  });
});

describe('what French and German users type', () => {
  it('should let a French user leave the queue with “annuler”, and a German user take the ticket with “ja”', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true, locale: 'en-US' });
    await world.say(world.person('Bob', { locale: 'en-US' }), 'operator');
    const chloe = world.person('Chloé', { channel: 'teams' });
    await world.say(chloe, 'un humain', { locale: 'fr-FR' });
    expect(world.lastHeard(chloe)).toContain('file d’attente');

    await world.say(chloe, 'annuler', { locale: 'fr-FR' });
    expect(world.lastHeard(chloe)).toBe(fr.toUser.leftQueue());

    const world2 = new World();
    await world2.enableLiveAgents();
    const jonas = world2.person('Jonas', { locale: 'de-DE' });
    await world2.say(jonas, 'echte Person');
    await world2.say(jonas, 'Ja');
    expect(world2.lastHeard(jonas)).toContain('Ticket SUP-');
  });
});

describe('an operator’s language', () => {
  it('should be settled again at each #on, and offer cards and card notes follow it', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorAssignment: 'offer-first' });
    const tom = await world.operator('Tom', { channel: 'teams' });
    await world.say(tom, '#on', { locale: 'en-US' });
    await world.say(tom, '#off', { locale: 'en-US' });
    await world.say(tom, '#on', { locale: 'de-DE' });
    const bob = world.person('Bob', { locale: 'en-US' });

    await world.say(bob, 'operator');
    const offer = world.chat.sent.filter((s) => s.to.userId === tom.userId).at(-1)?.message;
    const handled = await handleChatMessage(world.deps, world.message(tom, '', { action: { kind: 'accept-offer', value: offer?.conversationId }, conversationId: offer?.conversationId }));

    expect(world.heard(tom)).toContain(de.toOperator.onDuty(0));
    expect(offer?.text).toContain(de.toOperator.offer('Bob', 'slack', 60));
    expect(offer?.buttons?.map((b) => b.label)).toEqual([de.buttonLabels.acceptOffer, de.buttonLabels.declineOffer]);
    expect(handled.cardNote).toBe(de.usedCardNotes.offerAccepted);
    expect(world.lastHeard(bob)).toBe(en.toUser.connected('Tom'));
  });
});
