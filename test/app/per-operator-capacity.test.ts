import { setOperatorCapacity } from '../../src/app/settings/manage-operator-role';
import { liveActivity } from '../../src/app/settings/live-activity';
import { capacityOf } from '../../src/domain/operator';
import type { Participant } from '../../src/domain/participant';
import { SEEDS, seededYields } from '../builders/interleaving';
import { PROJECT, World } from '../builders/world';

/**
 * A Jira admin sets how many conversations one operator takes at once, in Role setup; without one, the operator
 * takes the project's operator capacity. Routing, forwarding, `list_operators` and the Overview all go by it.
 */
const capacity = (world: World, who: Participant, n: number | undefined) => setOperatorCapacity(world.deps, who, PROJECT, n);

async function ask(world: World, ...names: string[]): Promise<Participant[]> {
  const users = names.map((n) => world.person(n));
  for (const u of users) {
    await world.say(u, 'operator');
    world.clock.advanceMs(1_000);
  }
  return users;
}

const operatorOf = async (world: World, user: Participant) => {
  const state = (await world.conversationOf(user))?.state;
  return state?.kind === 'with-operator' ? state.operatorName : state?.kind;
};

describe('an operator’s own capacity', () => {
  it('should let an operator with a capacity of 3 take three users while the project’s is 1', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    expect(await capacity(world, alice, 3)).toMatchObject({ result: 'set', capacity: 3 });

    const users = await ask(world, 'Bob', 'Dana', 'Erin', 'Finn');

    expect(await Promise.all(users.map((u) => operatorOf(world, u)))).toEqual(['Alice', 'Alice', 'Alice', 'queued']);
  });

  it('should keep an operator with a capacity of 1 to one user while the project’s is 3, and send the next to a colleague', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 3 });
    const alice = await world.operator('Alice', { onDuty: true });
    await capacity(world, alice, 1);
    await world.operator('Carol', { onDuty: true });

    const users = await ask(world, 'Bob', 'Dana', 'Erin', 'Finn', 'Gus');

    // Least busy first: Alice (idle longest) and Carol take one each; then only Carol has room, up to her 3.
    expect(await Promise.all(users.map((u) => operatorOf(world, u)))).toEqual(['Alice', 'Carol', 'Carol', 'Carol', 'queued']);
  });

  it('should still send the next user to the least busy operator, whichever capacity they go by', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    await capacity(world, alice, 5);
    await world.operator('Carol', { onDuty: true });

    const users = await ask(world, 'Bob', 'Dana', 'Erin', 'Finn', 'Gus');

    // Alternating while both have room; once Carol is full at the project's 2, Alice takes the rest.
    expect(await Promise.all(users.map((u) => operatorOf(world, u)))).toEqual(['Alice', 'Carol', 'Alice', 'Carol', 'Alice']);
  });

  it('should give waiting users to an operator at once when their capacity goes up, and take nobody away when it goes down', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, dana, erin] = await ask(world, 'Bob', 'Dana', 'Erin');
    expect(await operatorOf(world, erin!)).toBe('queued');

    await capacity(world, alice, 3);
    expect(await operatorOf(world, erin!)).toBe('Alice');

    await capacity(world, alice, 1);
    expect(await Promise.all([bob, dana, erin].map((u) => operatorOf(world, u!)))).toEqual(['Alice', 'Alice', 'Alice']);
    await world.say(bob!, 'stop');
    const [finn] = await ask(world, 'Finn');
    expect(await operatorOf(world, finn!)).toBe('queued');
  });

  it('should follow the project’s capacity again once set back to it, and refuse a capacity out of bounds', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    await capacity(world, alice, 4);

    expect(await capacity(world, alice, undefined)).toMatchObject({ result: 'set', capacity: 2 });
    expect(capacityOf((await world.operatorRecord(alice))!, 2)).toBe(2);
    for (const bad of [0, 11, 2.5]) {
      await expect(capacity(world, alice, bad)).rejects.toMatchObject({ code: 'invalid_settings', message: 'An operator’s capacity must be a whole number from 1 to 10.' });
    }
    expect(await capacity(world, world.person('Zed'), 2)).toEqual({ result: 'not-an-operator' });
  });

  it('should show each operator’s own capacity in list_operators and the Overview', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    await world.operator('Carol', { onDuty: true });
    await capacity(world, alice, 4);
    await ask(world, 'Bob');

    await world.say(alice, 'list_operators');

    expect(world.lastHeard(alice)).toBe('On duty (2):\n• Alice (you): 1/4 conversations\n• Carol: 0/2 conversations');
    const { onDuty } = await liveActivity(world.deps, PROJECT);
    expect(onDuty.rows.map((o) => [o.name, o.load, o.capacity])).toEqual([['Alice', 1, 4], ['Carol', 0, 2]]);
  });

  it('should let a forward through only to an operator with room under their own capacity', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    await capacity(world, carol, 2);
    const [, dana] = await ask(world, 'Bob', 'Dana');
    expect(await operatorOf(world, dana!)).toBe('Carol');

    await world.say(alice, 'forward_operator Carol');

    expect(await operatorOf(world, world.person('Bob'))).toBe('Carol');
    await capacity(world, carol, 1);
    await ask(world, 'Erin');
    await world.say(alice, 'forward_operator Carol');
    expect(world.lastHeard(alice)).toBe('Carol has no room for another conversation right now.');
  });
});

describe('an operator’s own capacity, under concurrent requests', () => {
  it.each(SEEDS)('should fill each operator to their own capacity and no further, with nobody waiting while someone has room (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    await world.operator('Dave', { onDuty: true });
    await capacity(world, alice, 3);
    await capacity(world, carol, 2);
    const users = Array.from({ length: 8 }, (_, i) => world.person(`User ${i}`));

    await Promise.all(users.map((u) => world.say(u, 'operator')));

    const operators = [...world.state.operators.values()].map((o) => o.value);
    for (const op of operators) expect(op.assignments.length).toBeLessThanOrEqual(capacityOf(op, 1));
    const kinds = await Promise.all(users.map(async (u) => (await world.conversationOf(u))?.state.kind));
    expect(kinds.filter((k) => k === 'with-operator')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'queued')).toHaveLength(2);
    for (const u of users) expect(world.heard(u).filter((t) => t.startsWith('You’re now talking to')).length).toBeLessThanOrEqual(1);
  });
});
