import type { Participant } from '../../src/domain/participant';
import { english } from '../../src/domain/replies';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { SEEDS, seededYields } from '../builders/interleaving';
import { World } from '../builders/world';
import type { SettingsChange } from '../../src/domain/settings';

const { toUser } = english;

/**
 * A user who asks again within the project's window (24 hours unless an admin changed it, or off) goes first to
 * the operator who last served them, if that operator is on duty with room; otherwise routing is as usual.
 */
const HOUR_MS = 60 * 60 * 1000;

const operatorOf = async (world: World, user: Participant) => {
  const state = (await world.conversationOf(user))?.state;
  return state?.kind === 'with-operator' ? state.operatorName : state?.kind;
};

/**
 * Bob is served by Alice and ends; Alice is then the operator who became free last, so plain routing (idle
 * longest first) would give his next request to Carol.
 */
async function servedByAlice(change: SettingsChange = {}) {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 1, ...change });
  const alice = await world.operator('Alice', { onDuty: true });
  const carol = await world.operator('Carol', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  expect(await operatorOf(world, bob)).toBe('Alice');
  await world.say(bob, 'stop');
  return { world, alice, carol, bob };
}

describe('returning to the same operator', () => {
  it('should connect a user who asks again within the day to the operator who last served them', async () => {
    const { world, bob } = await servedByAlice();
    world.clock.advanceMs(23 * HOUR_MS);

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Alice');
    expect(world.lastHeard(bob)).toBe(toUser.connected('Alice'));
  });

  it('should route as usual once the window has passed', async () => {
    const { world, bob } = await servedByAlice();
    world.clock.advanceMs(24 * HOUR_MS + 60_000);

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should follow the window the admin set, in hours', async () => {
    const { world, bob } = await servedByAlice({ returnToOperatorHours: 2 });
    world.clock.advanceMs(3 * HOUR_MS);

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should route as usual when the admin turned it off, even for a conversation that ended before', async () => {
    const { world, bob } = await servedByAlice();
    await world.enableLiveAgents({ returnToOperatorHours: 'off' });

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should remember nobody while it is off', async () => {
    const { world, bob } = await servedByAlice({ returnToOperatorHours: 'off' });
    await world.enableLiveAgents({ returnToOperatorHours: 24 });

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should send the user to someone else when their operator is full', async () => {
    const { world, bob } = await servedByAlice();
    const dana = world.person('Dana');
    await world.say(dana, 'operator'); // Carol, idle longest
    const erin = world.person('Erin');
    await world.say(erin, 'operator'); // Alice
    await world.say(dana, 'stop'); // Carol is free again, Alice is not

    await world.say(bob, 'operator');

    expect(await operatorOf(world, erin)).toBe('Alice');
    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should send the user to someone else when their operator went off duty', async () => {
    const { world, alice, bob } = await servedByAlice();
    await world.say(alice, '#off');

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it('should queue the user as usual when nobody has room, and not hold them for their operator', async () => {
    const { world, alice, carol, bob } = await servedByAlice();
    await world.say(alice, '#off');
    await world.say(carol, '#off');

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('ticket-offered');
  });

  it('should remember the operator after a conversation closed for inactivity too', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1, inactivityTimeoutMinutes: 30 });
    await world.operator('Alice', { onDuty: true });
    await world.operator('Carol', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.clock.advanceMs(31 * 60_000);
    expect((await sweepTimeouts(world.deps)).closedForInactivity).toBe(1);

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Alice');
  });

  it('should go back to the operator who ended a forwarded conversation, not the one who forwarded it', async () => {
    const { world, alice, bob } = await servedByAlice({ operatorCapacity: 2 });
    await world.say(bob, 'operator');
    expect(await operatorOf(world, bob)).toBe('Alice');
    await world.say(alice, 'forward_operator Carol');
    expect(await operatorOf(world, bob)).toBe('Carol');
    await world.say(bob, 'stop');

    await world.say(bob, 'operator');

    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it.each(SEEDS)('should end with the returning user served by a colleague when their operator types #off as they ask (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    await world.operator('Carol', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(bob, 'stop');

    await Promise.all([world.say(bob, 'operator'), world.say(alice, '#off')]);

    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect(await operatorOf(world, bob)).toBe('Carol');
  });

  it.each(SEEDS)('should give a returning user their operator only while they have room, when two of them ask at once (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents({ operatorCapacity: 1 });
    await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    // Both were Alice's: one after the other, each ending before the next asked.
    for (const user of [bob, dana]) {
      await world.say(user, 'operator');
      await world.say(user, 'stop');
    }
    await world.operator('Carol', { onDuty: true });

    await Promise.all([world.say(bob, 'operator'), world.say(dana, 'operator')]);

    const served = [await operatorOf(world, bob), await operatorOf(world, dana)].sort();
    expect(served).toEqual(['Alice', 'Carol']);
    const loads = [...world.state.operators.values()].map((o) => o.value.assignments.length);
    expect(loads).toEqual([1, 1]);
  });
});
