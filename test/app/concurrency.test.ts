import { participantKey, type Participant } from '../../src/domain/participant';
import { World } from '../builders/world';
import { SEEDS, seededYields } from '../builders/interleaving';

/** The promises the core makes about state, whatever the interleaving. */
async function expectConsistent(world: World, capacity: number): Promise<void> {
  const operators = [...world.state.operators.values()].map((o) => o.value);
  const conversations = [...world.state.conversations.values()].map((s) => s.value);
  for (const op of operators) {
    expect(op.assignments.length).toBeLessThanOrEqual(capacity);
    if (op.duty === 'off') expect(op.assignments).toEqual([]);
    for (const a of op.assignments) {
      const conversation = conversations.find((s) => s.id === a.sessionId);
      expect(conversation?.state).toMatchObject({ kind: 'with-operator', operator: op.participant });
    }
  }
  for (const s of conversations) {
    if (s.state.kind !== 'with-operator') continue;
    const holders = operators.filter((op) => op.assignments.some((a) => a.sessionId === s.id));
    expect(holders.map((h) => participantKey(h.participant))).toEqual([participantKey(s.state.operator)]);
  }
  // Nobody waits while an operator on duty has room.
  const waiting = conversations.filter((s) => s.state.kind === 'queued');
  const free = operators.filter((op) => op.duty === 'on' && op.assignments.length < capacity);
  expect(waiting.length === 0 || free.length === 0).toBe(true);
}

function connectedNotices(world: World, user: Participant): number {
  return world.heard(user).filter((t) => t.startsWith('You’re now talking to')).length;
}

describe('concurrent events', () => {
  it.each(SEEDS)('should give one free operator to exactly one of two users asking at once (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];

    await Promise.all([world.say(bob, 'operator'), world.say(dana, 'operator')]);

    const states = [(await world.conversationOf(bob))?.state.kind, (await world.conversationOf(dana))?.state.kind].sort();
    expect(states).toEqual(['queued', 'with-operator']);
    expect(connectedNotices(world, bob) + connectedNotices(world, dana)).toBe(1);
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should serve many users asking at once without overfilling operators or losing anyone (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents({ operatorCapacity: 2 });
    await world.operator('Alice', { onDuty: true });
    await world.operator('Carol', { onDuty: true });
    const users = Array.from({ length: 7 }, (_, i) => world.person(`User ${i}`));

    await Promise.all(users.map((u) => world.say(u, 'operator')));

    const kinds = await Promise.all(users.map(async (u) => (await world.conversationOf(u))?.state.kind));
    expect(kinds.filter((k) => k === 'with-operator')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'queued')).toHaveLength(3);
    for (const u of users) expect(connectedNotices(world, u)).toBeLessThanOrEqual(1);
    await expectConsistent(world, 2);
  });

  it.each(SEEDS)('should connect a user who queues while the only operator frees up (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Bob'), 'operator');
    const dana = world.person('Dana');

    await Promise.all([world.say(dana, 'operator'), world.say(alice, 'stop')]);

    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect(connectedNotices(world, dana)).toBe(1);
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should connect a user who queues while an operator comes on duty (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Bob'), 'operator');
    const carol = await world.operator('Carol');
    const dana = world.person('Dana');

    await Promise.all([world.say(dana, 'operator'), world.say(carol, '#on')]);

    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should let only one of two operators forwarding to the same free operator succeed (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bruno = await world.operator('Bruno', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });

    await Promise.all([world.say(alice, 'forward_operator Carol'), world.say(bruno, 'forward_operator Carol')]);

    expect((await world.operatorRecord(carol))?.assignments).toHaveLength(1);
    const refusals = [world.lastHeard(alice), world.lastHeard(bruno)].filter((t) => t.includes('has no room'));
    expect(refusals).toHaveLength(1);
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should drop nobody when an operator goes off duty while another operator’s user ends their conversation (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });
    expect((await world.conversationOf(dana))?.state).toMatchObject({ operatorName: 'Carol' });

    await Promise.all([world.say(alice, '#off'), world.say(dana, 'stop')]);

    // Whichever comes first, Carol is freed by Dana and takes Bob, whom Alice handed back.
    expect(await world.conversationOf(dana)).toBeUndefined();
    expect(world.heard(dana).slice(-2)).toEqual(['You ended the conversation with Carol. You’re back with the Koji assistant.', expect.stringMatching(/^How did \w+ do\?/)]);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    expect(world.heard(bob).filter((t) => t.startsWith('Alice had to leave.'))).toHaveLength(1);
    expect(connectedNotices(world, bob)).toBe(2);
    expect(world.chat.messagesTo(carol).filter((m) => m.kind === 'request').map((m) => m.text)).toEqual([
      expect.stringContaining('Dana (Slack) wants to talk'),
      expect.stringContaining('Bob (Slack) wants to talk'),
    ]);
    expect((await world.operatorRecord(alice))).toMatchObject({ duty: 'off', assignments: [] });
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should take back to the bot a user who says stop while their operator goes off duty (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.chat.clear();

    await Promise.all([world.say(alice, '#off'), world.say(bob, 'stop')]);

    // Bob's stop wins over being handed back: he is back with the bot, not left waiting in the queue.
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect(world.heard(bob).filter((t) => t.includes('back with the Koji assistant'))).toHaveLength(1);
    // When the stop wins, the rating card follows the ending notice.
    expect(world.heard(bob).filter((t) => !t.startsWith('How did')).at(-1)).toContain('back with the Koji assistant');
    expect(world.heard(bob).some((t) => t.startsWith('You’re now talking to'))).toBe(false);
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect(world.heard(alice).filter((t) => t.startsWith('You’re off duty.'))).toHaveLength(1);
    expect(world.chat.messagesTo(alice).filter((m) => m.kind === 'request')).toEqual([]);
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should keep the user with the forwarding operator when the target goes off duty meanwhile (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });
    world.chat.clear();

    await Promise.all([world.say(alice, 'forward_operator Carol'), world.say(carol, '#off')]);

    // Refused because Carol left first, or forwarded and handed back to Alice, the only one still on duty: Bob ends with Alice.
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect(await world.operatorRecord(carol)).toMatchObject({ duty: 'off', assignments: [] });
    const forwarded = world.heard(bob).includes('Carol has taken over your conversation.');
    if (forwarded) {
      expect(world.heard(bob).slice(-1)[0]).toContain('You’re now talking to Alice');
      expect(world.heard(alice)).toContain('Bob is now with Carol. You’re free for the next user.');
    } else {
      expect(world.heard(bob)).toEqual([]);
      expect(world.heard(alice)).toEqual(['Carol is off duty. Pick an operator who is on duty.']);
    }
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should serve each waiting user once when two operators are freed at once (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    const [first, second] = [world.person('First'), world.person('Second')];
    await world.say(first, 'operator');
    await world.say(second, 'operator');
    const waiting = [world.person('W1'), world.person('W2'), world.person('W3')];
    for (const w of waiting) await world.say(w, 'operator');
    world.chat.clear();

    await Promise.all([world.say(alice, 'stop'), world.say(carol, 'stop')]);

    // The two who waited longest are connected, one to each operator; the third is still waiting, first in line.
    const [w1, w2, w3] = waiting;
    const holders = await Promise.all([w1!, w2!].map(async (w) => (await world.conversationOf(w))?.state));
    expect(holders.map((h) => (h?.kind === 'with-operator' ? h.operatorName : h?.kind)).sort()).toEqual(['Alice', 'Carol']);
    for (const w of [w1!, w2!]) expect(connectedNotices(world, w)).toBe(1);
    expect((await world.conversationOf(w3!))?.state.kind).toBe('queued');
    expect(world.heard(w3!)).toEqual([]);
    for (const op of [alice, carol]) expect(world.chat.messagesTo(op).filter((m) => m.kind === 'request')).toHaveLength(1);
    await world.say(w3!, 'operator');
    expect(world.lastHeard(w3!)).toContain('number 1 in the queue');
    await expectConsistent(world, 1);
  });

  it.each(SEEDS)('should act once on a delivery retried while the first attempt is still running (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    const ask = world.message(bob, 'operator');

    const outcomes = await Promise.all([world.deliver(ask), world.deliver(ask)]);

    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(1);
    expect(world.chat.messagesTo(alice).filter((m) => m.kind === 'request')).toHaveLength(1);
    expect(connectedNotices(world, bob)).toBe(1);
  });
});
