import type { Participant } from '../../src/domain/participant';
import { World } from '../builders/world';

/**
 * Redaction: `#redact [n]`, an operator taking a user's message out of everything Koji keeps, and "Remove secrets
 * from messages", Koji taking card numbers and passwords out before anything is stored or relayed.
 * (The copies in each platform's chat, through the real web triggers: test/e2e/redaction.test.ts.)
 */
async function aliceWithBob(settings: Record<string, unknown> = {}) {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 2, ...settings });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  return { world, alice, bob };
}

async function transcriptOf(world: World, user: Participant) {
  const id = (await world.conversationOf(user))?.id;
  return world.transcripts.read(id ?? '');
}

describe('#redact', () => {
  it('should leave only a marker of who and when in the line, note who did it, and tell the operator what stays', async () => {
    const { world, alice, bob } = await aliceWithBob();
    await world.say(bob, 'my password is Tr0ub4dor', { links: [{ text: 'Tr0ub4dor', url: 'https://example.com/Tr0ub4dor' }] });
    await world.say(alice, 'Thanks, checking');

    await world.say(alice, '#redact');

    const lines = await transcriptOf(world, bob);
    const redacted = lines.find((l) => l.redactedAt !== undefined);
    expect(redacted).toMatchObject({ role: 'user', speakerName: 'Bob', text: expect.stringMatching(/^\[redacted by Alice at \d\d:\d\d UTC\]$/) });
    expect(redacted?.links).toBeUndefined();
    expect(JSON.stringify(lines)).not.toContain('Tr0ub4dor');
    expect(lines.at(-1)).toMatchObject({ role: 'system', text: 'Alice redacted a message.', internal: true });
    expect(lines.map((l) => l.text)).toContain('Thanks, checking');
    expect(world.lastHeard(alice)).toMatch(/^Bob’s message of \d\d:\d\d UTC is redacted in the transcript\. .*Bob’s own message stays in their chat: Koji cannot change what someone else sent\.$/);
    expect(world.heard(bob).join('\n')).not.toMatch(/redact/i);
  });

  it('should count back among the user’s messages only, passing over those already redacted', async () => {
    const { world, alice, bob } = await aliceWithBob();
    await world.say(bob, 'first');
    await world.say(bob, 'second');
    await world.say(alice, 'an operator line is never a target');

    await world.say(alice, '#redact 2');
    await world.say(alice, '#redact');

    const texts = (await transcriptOf(world, bob)).map((l) => l.text);
    expect(texts).toContain('operator');
    expect(texts).toContain('an operator line is never a target');
    expect(texts.join('\n')).not.toMatch(/first|second/);
  });
});

describe('removing secrets automatically', () => {
  it('should screen both directions and the words of a waiting user, and tell each sender once, in their language', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1, autoRedaction: true, defaultLanguage: 'fr' });
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = world.person('Carol');
    await world.say(carol, 'operator');
    const bob = world.person('Bob', { locale: 'de-DE' });
    await world.say(bob, 'operator');
    await world.say(bob, 'Passwort: geheim123');
    await world.say(bob, 'pin: 9999');
    await world.say(carol, 'stop');

    await world.say(bob, 'Karte 5500 0000 0000 0004');
    await world.say(alice, 'password: temp-4321');

    const texts = (await transcriptOf(world, bob)).map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['Passwort: [mot de passe supprimé]', 'pin: [mot de passe supprimé]', 'Karte [numéro de carte supprimé]', 'password: [mot de passe supprimé]']));
    expect(world.heard(alice).join('\n')).not.toMatch(/geheim123|9999|5500/);
    expect(world.heard(bob).join('\n')).not.toContain('temp-4321');
    expect(world.heard(bob).filter((t) => t.startsWith('Koji hat aus Ihrer Nachricht entfernt'))).toEqual(['Koji hat aus Ihrer Nachricht entfernt, was wie ein Passwort aussah, bevor sie weitergegeben wurde.']);
    expect(world.heard(alice).filter((t) => t.startsWith('Koji a retiré de votre message ce qui ressemblait à un mot de passe'))).toHaveLength(1);
  });

  it('should leave a conversation alone that started before it was turned on', async () => {
    const { world, alice, bob } = await aliceWithBob();
    await world.enableLiveAgents({ autoRedaction: true });
    await world.say(bob, 'password: hunter2');
    expect(world.lastHeard(alice)).toContain('password: hunter2');
  });
});
