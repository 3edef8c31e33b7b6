import type { Participant } from '../../src/domain/participant';
import { World } from '../builders/world';

/**
 * What an operator writes for the service desk and not for the user: `#note`, and the note a forward carries
 * for the next operator. The user never sees either, however the conversation goes on; operators who take the
 * conversation over do, marked as notes.
 */
async function aliceWithBob(options: { carol?: boolean } = {}) {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 2 });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'My VPN drops every hour');
  await world.say(bob, 'operator');
  const carol = options.carol ? await world.operator('Carol Smith', { onDuty: true }) : undefined;
  return { world, alice, bob, carol };
}

async function transcriptOf(world: World, user: Participant) {
  const id = (await world.conversationOf(user))?.id;
  return world.transcripts.read(id ?? '');
}

describe('an internal note', () => {
  it('should be kept in the transcript marked internal, never reach the user, and be confirmed to the operator', async () => {
    const { world, alice, bob } = await aliceWithBob();
    const heardBefore = world.heard(bob).length;

    await world.say(alice, '#note user is on the old VPN client, 4.2');

    expect(world.heard(bob)).toHaveLength(heardBefore);
    expect(world.lastHeard(alice)).toBe('Note added to the conversation with Bob. Bob doesn’t see it; it goes on a ticket as an internal comment.');
    expect((await transcriptOf(world, bob)).at(-1)).toMatchObject({ role: 'operator', speakerName: 'Alice', text: 'user is on the old VPN client, 4.2', internal: true });
  });

  it('should ask for the words when #note has none, and write nothing', async () => {
    const { world, alice, bob } = await aliceWithBob();
    const lines = (await transcriptOf(world, bob)).length;

    await world.say(alice, '#note');

    expect(world.lastHeard(alice)).toBe('Write the note after #note, like “#note asked for the serial number”.');
    expect(await transcriptOf(world, bob)).toHaveLength(lines);
  });

  it('should go with the conversation to a ticket, for the ticket service to keep internal', async () => {
    const { world, alice } = await aliceWithBob();
    await world.say(alice, '#note asked for the serial number');

    await world.say(alice, '#create_ticket');

    const lines = world.tickets.tickets[0]?.request.lines ?? [];
    expect(lines.filter((l) => l.internal)).toEqual([expect.objectContaining({ text: 'asked for the serial number' })]);
  });

  it('should be shown to the next operator as a note, in the hand-over', async () => {
    const { world, alice, bob, carol } = await aliceWithBob({ carol: true });
    await world.say(alice, '#note tried a reboot already');

    await world.say(alice, 'forward_operator Carol Smith');

    const card = world.chat.lastTo(carol!);
    expect(card?.excerpt?.map((l) => `${l.speakerName}: ${l.text}`)).toContain('Alice (note): tried a reboot already');
    expect(world.heard(bob).join('\n')).not.toContain('reboot');
  });

  it('should let an operator start a message with a literal # by writing ##', async () => {
    const { world, alice, bob } = await aliceWithBob();

    await world.say(alice, '##1 is the ticket number on your sticker');
    await world.say(alice, '#nope');

    expect(world.heard(bob)).toContain('#1 is the ticket number on your sticker');
    expect(world.heard(bob).join('\n')).not.toContain('nope');
    expect(world.lastHeard(alice)).toMatch(/^I don’t know the command #nope\./);
  });
});

describe('forwarding with a note', () => {
  it('should give the next operator the note at the head of their card, keep it internal, and never show it to the user', async () => {
    const { world, alice, bob, carol } = await aliceWithBob({ carol: true });

    await world.say(alice, 'forward_operator Carol Smith: needs a VPN reset, already tried rebooting');

    const card = world.chat.lastTo(carol!);
    expect(card?.text).toMatch(/^Alice forwarded Bob \(Slack\) to you\..*\nNote from Alice: needs a VPN reset, already tried rebooting$/s);
    expect(card?.excerpt?.map((l) => l.text)).not.toContain('needs a VPN reset, already tried rebooting');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol Smith' });
    expect((await transcriptOf(world, bob)).filter((l) => l.text === 'needs a VPN reset, already tried rebooting')).toEqual([
      expect.objectContaining({ internal: true, speakerName: 'Alice', role: 'operator' }),
    ]);
    expect(world.heard(bob).join('\n')).not.toContain('VPN reset');
    expect(world.lastHeard(bob)).toBe('Carol Smith has taken over your conversation.');
  });

  it('should read the number before the colon as the pick list’s number', async () => {
    const { world, alice, bob } = await aliceWithBob({ carol: true });

    await world.say(alice, 'forward_operator 1: printer on floor 3');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol Smith' });
  });

  it('should keep the user, and the note unwritten, when the named operator can’t take them', async () => {
    const { world, alice, bob, carol } = await aliceWithBob({ carol: true });
    await world.say(carol!, '#off');
    const lines = (await transcriptOf(world, bob)).length;

    await world.say(alice, 'forward_operator Carol: needs a VPN reset');

    expect(world.lastHeard(alice)).toBe('Carol Smith is off duty. Pick an operator who is on duty.');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect(await transcriptOf(world, bob)).toHaveLength(lines);
  });

  it('should refuse a note with nobody named before the colon, or one too long, and keep the conversation as it was', async () => {
    const { world, alice, bob } = await aliceWithBob({ carol: true });

    await world.say(alice, 'forward_operator : needs a VPN reset');
    expect(world.lastHeard(alice)).toMatch(/^Name who should take the conversation before the colon/);
    await world.say(alice, `forward_operator Carol: ${'x'.repeat(1_001)}`);
    expect(world.lastHeard(alice)).toBe('A note for the next operator can be at most 1000 characters. Put the rest in a #note.');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });
});

describe('forwarding to anyone', () => {
  it('should put the user first in line for the next operator other than the one forwarding, with the note', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol Smith', { onDuty: true });
    const dana = world.person('Dana');
    await world.say(dana, 'operator');

    await world.say(alice, 'forward_operator anyone: wants someone who speaks German');
    expect(world.lastHeard(bob)).toBe('Alice passed your conversation on. You’re first in line for the next free operator.');
    expect(world.lastHeard(alice)).toBe('Bob went back to the queue, first in line for the next free operator other than you. You’re free for the next user.');
    // Alice is free, but not for Bob: the next operator other than her takes him, before anyone who asked later.
    expect((await world.conversationOf(bob))?.state.kind).toBe('queued');
    const erin = world.person('Erin');
    await world.say(erin, 'operator');
    expect((await world.conversationOf(erin))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });

    await world.say(dana, 'stop');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol Smith' });
    expect(world.chat.lastTo(carol)?.excerpt?.map((l) => `${l.speakerName}: ${l.text}`)).toContain('Alice (note): wants someone who speaks German');
    expect(world.heard(bob).join('\n')).not.toContain('German');
  });

  it('should keep the user with the operator when nobody else is on duty', async () => {
    const { world, alice, bob } = await aliceWithBob();

    await world.say(alice, 'forward_operator anyone');

    expect(world.lastHeard(alice)).toBe('No other operator is on duty, so Bob stays with you.');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });
});

describe('nothing internal reaching the user', () => {
  it('should send the user nothing of any note, whatever happens in the conversation', async () => {
    const { world, alice, bob, carol } = await aliceWithBob({ carol: true });
    const secrets = ['SECRET-1 old client', 'SECRET-2 for Carol', 'SECRET-3 after forward', 'SECRET-4 to the queue'];

    await world.say(alice, `#note ${secrets[0]}`);
    await world.say(alice, `forward_operator Carol Smith: ${secrets[1]}`);
    await world.say(carol!, `#note ${secrets[2]}`);
    await world.say(bob, 'thanks, still broken');
    await world.say(carol!, `forward_operator anyone: ${secrets[3]}`);
    await world.say(alice, 'list_operators');
    await world.say(bob, 'hello?');
    await world.say(bob, 'stop');

    const toBob = world.chat.sent.filter((s) => s.to.userId === bob.userId).map((s) => JSON.stringify(s.message));
    for (const secret of secrets) expect(toBob.filter((m) => m.includes(secret.slice(0, 8)))).toEqual([]);
    expect(world.outbox.held.filter((h) => h.to.userId === bob.userId && JSON.stringify(h.message).includes('SECRET'))).toEqual([]);
  });
});

describe('notes written the way people write them', () => {
  it.each(['#note: SECRET he is on the old client', '#note - SECRET he is on the old client', '#note, SECRET he is on the old client', '#NOTE:SECRET he is on the old client'])(
    'should read “%s” as a note, and send the user nothing of it',
    async (typed) => {
      const { world, alice, bob } = await aliceWithBob();

      await world.say(alice, typed);

      expect(world.heard(bob).join('\n')).not.toContain('SECRET');
      expect((await transcriptOf(world, bob)).at(-1)).toMatchObject({ internal: true, text: expect.stringMatching(/^SECRET he is on the old client$/) });
    },
  );

  it('should refuse, never relay, an unknown #word with a mark after it, and read a known one', async () => {
    const { world, alice, bob } = await aliceWithBob();

    await world.say(alice, '#nota: SECRET');
    await world.say(alice, '#off!');

    expect(world.heard(bob).join('\n')).not.toContain('SECRET');
    expect(world.heard(alice).some((t) => t.startsWith('I don’t know the command #nota.'))).toBe(true);
    expect((await world.operatorRecord(alice))?.duty).toBe('off');
  });

  it('should read “Bob: #note …” as a note to Bob’s conversation after the operator’s other user left', async () => {
    const { world, alice, bob } = await aliceWithBob();
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    await world.say(alice, 'Bob: #note first note, two conversations open');
    await world.say(dana, 'stop');

    await world.say(alice, 'Bob: #note SECRET he is on the old client');
    await world.say(alice, 'Bob: hello again');

    expect(world.heard(bob).join('\n')).not.toContain('SECRET');
    expect(world.lastHeard(bob)).toBe('Bob: hello again');
  });
});
