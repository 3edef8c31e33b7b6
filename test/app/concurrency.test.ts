import { participantKey, type Participant } from '../../src/domain/participant';
import { World } from '../builders/world';
import { SEEDS, seededYields } from '../builders/interleaving';

/** The promises the core makes about state, whatever the interleaving. */
async function expectConsistent(world: World, capacity: number): Promise<void> {
  const operators = [...world.state.operators.values()].map((o) => o.value);
  const sessions = [...world.state.sessions.values()].map((s) => s.value);
  for (const op of operators) {
    expect(op.assignments.length).toBeLessThanOrEqual(capacity);
    if (op.duty === 'off') expect(op.assignments).toEqual([]);
    for (const a of op.assignments) {
      const session = sessions.find((s) => s.id === a.sessionId);
      expect(session?.state).toMatchObject({ kind: 'with-operator', operator: op.participant });
    }
  }
  for (const s of sessions) {
    if (s.state.kind !== 'with-operator') continue;
    const holders = operators.filter((op) => op.assignments.some((a) => a.sessionId === s.id));
    expect(holders.map((h) => participantKey(h.participant))).toEqual([participantKey(s.state.operator)]);
  }
  // Nobody waits while an operator on duty has room.
  const waiting = sessions.filter((s) => s.state.kind === 'queued');
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

    const states = [(await world.sessionOf(bob))?.state.kind, (await world.sessionOf(dana))?.state.kind].sort();
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

    const kinds = await Promise.all(users.map(async (u) => (await world.sessionOf(u))?.state.kind));
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

    expect((await world.sessionOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
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

    expect((await world.sessionOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
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

  it.each(SEEDS)('should drop nobody when an operator goes off duty while their user ends the conversation (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');
    await world.operator('Carol', { onDuty: true });

    await Promise.all([world.say(alice, '#off'), world.say(dana, 'stop')]);

    // Whoever was with Alice ends up with Carol or back with the bot (if they left); nobody is held by Alice.
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    const holder = (await world.sessionOf(bob))?.state ?? (await world.sessionOf(dana))?.state;
    expect(holder).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
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
