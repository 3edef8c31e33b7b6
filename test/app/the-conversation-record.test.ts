import { conversationTranscript } from '../../src/app/transcript/conversation-transcript';
import { HANDOVER_MAX_CHARS } from '../../src/app/transcript/handover-excerpt';
import { revokeOperatorRole } from '../../src/app/settings/manage-operator-role';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { World } from '../builders/world';

/** What a Jira agent reads on the issue panel: the transcript's notes and how it ended. */
async function record(world: World, conversationId: string) {
  const transcript = await conversationTranscript(world.deps, conversationId);
  return { notes: transcript.lines.filter((l) => l.role === 'system').map((l) => l.text), ending: transcript.ending };
}

async function bobWithAliceAndCarolFree() {
  const world = new World();
  await world.enableLiveAgents();
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  await world.say(bob, 'My VPN drops');
  const carol = await world.operator('Carol', { onDuty: true });
  const conversationId = (await world.conversationOf(bob))!.id;
  return { world, alice, bob, carol, conversationId };
}

describe('the conversation’s record: every hand-over', () => {
  it('should note that the operator went off duty, and show the note to whoever takes over', async () => {
    const { world, alice, carol, conversationId } = await bobWithAliceAndCarolFree();

    await world.say(alice, '#off');

    expect((await record(world, conversationId)).notes).toEqual([
      'Alice went off duty; the conversation went back to the queue.',
    ]);
    expect(world.chat.lastTo(carol)?.excerpt?.map((l) => l.text)).toEqual([
      'operator',
      'My VPN drops',
      'Alice went off duty; the conversation went back to the queue.',
    ]);
  });

  it('should note that the operator lost the Live agent role', async () => {
    const { world, alice, conversationId } = await bobWithAliceAndCarolFree();

    await revokeOperatorRole(world.deps, alice);

    expect((await record(world, conversationId)).notes).toEqual([
      'Alice lost the Live agent role; the conversation went back to the queue.',
    ]);
  });
});

describe('the conversation’s record: every ending', () => {
  it('should end with the user leaving the queue', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('First'), 'operator');
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.say(bob, 'cancel');

    expect((await record(world, conversationId)).ending).toBe('Bob left the queue.');
  });

  it('should end with the user declining the offered ticket', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.say(bob, 'cancel');

    expect((await record(world, conversationId)).ending).toBe('Bob declined the offered ticket.');
  });

  it('should end with the user taking the offered ticket', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'My badge does not open door B');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.say(bob, 'ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect((await record(world, conversationId)).ending).toBe('Bob accepted the offered ticket.');
  });

  it('should end with the user moving on from the offer to the bot', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.say(bob, 'How do I reset my password?');

    expect((await record(world, conversationId)).ending).toBe('Bob went back to the assistant without a ticket.');
  });

  it('should end with the offered ticket not taken up in time', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    world.clock.advanceMinutes(25 * 60);
    expect((await sweepTimeouts(world.deps)).offersExpired).toBe(1);

    expect((await record(world, conversationId)).ending).toBe('Bob did not take up the offered ticket in time.');
  });

  it('should end with live agent support turned off while a user whose conversation has a ticket waited', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(alice, '#create_ticket');
    // Carol, on duty but busy with Dana, keeps Bob waiting in the queue once Alice leaves.
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    await world.say(alice, '#off');
    const conversationId = (await world.conversationOf(bob))!.id;
    expect((await world.conversationOf(bob))?.state.kind).toBe('queued');

    await world.enableLiveAgents({ enabled: false });

    expect((await record(world, conversationId)).ending).toBe('Live agent support was turned off while the user waited.');
  });

  it('should not end, but go on to the offered ticket, when support is turned off while a user without one waited', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.enableLiveAgents({ enabled: false });
    expect((await record(world, conversationId)).ending).toBeUndefined();
    await world.say(bob, 'ticket');

    expect((await record(world, conversationId)).ending).toBe('Bob accepted the offered ticket.');
  });

  it('should still end with the operator’s stop', async () => {
    const { world, alice, conversationId } = await bobWithAliceAndCarolFree();

    await world.say(alice, 'stop');

    expect((await record(world, conversationId)).ending).toBe('Alice ended the conversation.');
  });
});

describe('what an operator taking over is shown', () => {
  async function longConversation(messages: number, text: (i: number) => string) {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    for (let i = 1; i <= messages; i += 1) await world.say(i % 2 === 0 ? alice : bob, text(i));
    const dave = await world.operator('Dave', { onDuty: true });
    world.chat.clear();
    return { world, alice, bob, dave };
  }

  it('should pass the whole conversation so far when it fits one message', async () => {
    const { world, alice, dave } = await longConversation(30, (i) => `message ${i}`);

    await world.say(alice, 'forward_operator Dave');

    const handover = world.chat.lastTo(dave);
    expect(handover?.excerpt?.map((l) => l.text)).toEqual([
      'operator',
      ...Array.from({ length: 30 }, (_, i) => `message ${i + 1}`),
      'Alice forwarded the conversation to Dave.',
    ]);
    expect(handover?.text).not.toContain('Only the newest messages');
  });

  it('should pass the newest messages that fit one chat message, and say where the earlier ones are', async () => {
    const { world, alice, dave } = await longConversation(80, (i) => `message ${i}: ${'details '.repeat(8)}`);

    await world.say(alice, 'forward_operator Dave');

    const handover = world.chat.lastTo(dave);
    const shown = handover?.excerpt ?? [];
    expect(shown.at(-1)?.text).toBe('Alice forwarded the conversation to Dave.');
    expect(shown.at(-2)?.text).toMatch(/^message 80: /);
    expect(shown.map((l) => l.text)).not.toContain('operator');
    expect(shown.reduce((sum, l) => sum + l.speakerName.length + 2 + l.text.length, 0)).toBeLessThanOrEqual(HANDOVER_MAX_CHARS);
    expect(handover?.text).toBe(
      'Alice forwarded Bob (Slack) to you. Here is the conversation so far; your replies go to Bob until you type “stop”. ' +
        'Only the newest messages fit here; #create_ticket puts the whole conversation on a ticket.',
    );
  });

  it('should name the ticket that holds the earlier messages when there is one', async () => {
    const { world, alice, dave } = await longConversation(80, (i) => `message ${i}: ${'details '.repeat(8)}`);
    await world.say(alice, '#create_ticket');

    await world.say(alice, 'forward_operator Dave');

    expect(world.chat.lastTo(dave)?.text).toContain('Only the newest messages fit here; the earlier ones are on ticket SUP-1.');
  });

  it('should show the end of a message too long for one chat message', async () => {
    const { world, bob, alice, dave } = await longConversation(0, () => '');
    await world.say(bob, `${'a'.repeat(5000)} the end`);

    await world.say(alice, 'forward_operator Dave');

    const handover = world.chat.lastTo(dave);
    expect(handover?.excerpt?.map((l) => l.text)).toEqual([expect.stringMatching(/^…a+ the end$/), 'Alice forwarded the conversation to Dave.']);
    expect((handover?.excerpt ?? []).reduce((sum, l) => sum + l.speakerName.length + 2 + l.text.length, 0)).toBeLessThanOrEqual(HANDOVER_MAX_CHARS);
    expect(handover?.text).toContain('Only the newest messages fit here');
  });
});
