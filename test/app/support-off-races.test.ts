import { updateSettings } from '../../src/app/settings/update-settings';
import type { Participant } from '../../src/domain/participant';
import { SEEDS, seededYields } from '../builders/interleaving';
import { PROJECT, World } from '../builders/world';

/**
 * Turning support off while people act: whatever the interleaving, once both
 * are done nobody waits for an operator, nobody is with one, nobody is on duty.
 * Only a ticket offer may stay open (tickets need no operator).
 */
async function expectWoundDown(world: World): Promise<void> {
  const kinds = [...world.state.conversations.values()].map((s) => s.value.state.kind);
  expect(kinds.filter((k) => k !== 'ticket-offered')).toEqual([]);
  for (const { value: op } of world.state.operators.values()) {
    expect(op).toMatchObject({ duty: 'off', assignments: [] });
  }
}

/** The admin saves "off" after `ticks` turns of the event loop, so the save lands anywhere inside the other handler. */
async function turnOffAfter(world: World, ticks: number): Promise<void> {
  for (let i = 0; i < ticks; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  await updateSettings(world.deps, PROJECT, { enabled: false });
}

const ticksFor = (seed: number) => seed % 24;

/** What a user may last have heard when their request met support being turned off. */
const ACCEPTABLE_ENDINGS = [
  'Live agent support isn’t available right now.',
  'Live agent support was turned off for this service desk',
  'No operator is on duty right now',
];

function lastWordsAcceptable(world: World, user: Participant): void {
  const last = world.lastHeard(user);
  expect(ACCEPTABLE_ENDINGS.some((start) => last.startsWith(start))).toBe(true);
}

describe('turning support off while people act', () => {
  it.each(SEEDS)('should leave nobody queued when a user asks for a busy operator as support is turned off (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    const bob = world.person('Bob');

    await Promise.all([world.say(bob, 'operator'), turnOffAfter(world, ticksFor(seed))]);

    await expectWoundDown(world);
    lastWordsAcceptable(world, bob);
  });

  it.each(SEEDS)('should leave nobody connected when a user asks for a free operator as support is turned off (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await Promise.all([world.say(bob, 'operator'), turnOffAfter(world, ticksFor(seed))]);

    await expectWoundDown(world);
    lastWordsAcceptable(world, bob);
  });

  it.each(SEEDS)('should leave nobody connected when an operator frees up for a waiting user as support is turned off (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await Promise.all([world.say(alice, 'stop'), turnOffAfter(world, ticksFor(seed))]);

    await expectWoundDown(world);
    lastWordsAcceptable(world, bob);
  });

  it.each(SEEDS)('should leave nobody queued when a user offered a ticket asks again as support is turned off (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');

    await Promise.all([world.say(bob, 'operator'), turnOffAfter(world, ticksFor(seed))]);

    await expectWoundDown(world);
    lastWordsAcceptable(world, bob);
  });
});
