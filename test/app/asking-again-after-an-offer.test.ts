import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { World } from '../builders/world';

/** Bob waited past the queue timeout behind First (with Alice), writing while he waited, and was offered a ticket. */
async function bobTimedOutInTheQueue() {
  const world = new World();
  await world.enableLiveAgents({ queueTimeoutMinutes: 5 });
  const alice = await world.operator('Alice', { onDuty: true });
  await world.say(world.person('First'), 'operator');
  const bob = world.person('Bob');
  await world.say(bob, 'My badge does not open door B');
  await world.say(bob, 'operator');
  await world.say(bob, 'It worked yesterday, I am at the door now');
  const conversationId = (await world.conversationOf(bob))!.id;
  world.clock.advanceMinutes(5);
  await sweepTimeouts(world.deps);
  expect((await world.conversationOf(bob))?.state.kind).toBe('ticket-offered');
  return { world, alice, bob, conversationId };
}

describe('asking for a person again after a ticket was offered', () => {
  it('should carry on the same conversation after a queue timeout, so the operator sees what the user wrote while waiting', async () => {
    const { world, alice, bob, conversationId } = await bobTimedOutInTheQueue();

    await world.say(bob, 'operator please');

    expect(world.lastHeard(bob)).toContain('You’re number 1 in the queue');
    expect((await world.conversationOf(bob))?.id).toBe(conversationId);
    await world.say(alice, 'stop');
    const card = world.chat.lastTo(alice);
    expect(card?.text).toContain('Bob (Slack) wants to talk to an operator');
    expect(card?.excerpt?.map((l) => l.text)).toEqual([
      'My badge does not open door B',
      'operator',
      'It worked yesterday, I am at the door now',
      'operator please',
    ]);
    expect(world.lastHeard(bob)).toContain('You’re now talking to Alice');
  });

  it('should put what the user wrote while waiting on the ticket the operator makes', async () => {
    const { world, alice, bob } = await bobTimedOutInTheQueue();
    await world.say(bob, 'operator');
    await world.say(alice, 'stop');

    await world.say(alice, '#create_ticket');

    expect(world.tickets.tickets[0]?.request.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining(['My badge does not open door B', 'It worked yesterday, I am at the door now']),
    );
  });

  it('should keep the conversation when the user asks again while still nobody is on duty, and ticket all of it', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice');
    const bob = world.person('Bob');
    await world.say(bob, 'The printer on floor 3 is jammed');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;

    await world.say(bob, 'human');
    await world.say(bob, 'ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.tickets.tickets[0]?.request).toMatchObject({ conversationId });
    expect(world.tickets.tickets[0]?.request.lines.filter((l) => l.role === 'user').map((l) => l.text)).toEqual([
      'The printer on floor 3 is jammed',
      'operator',
      'human',
    ]);
  });

  it('should still close the offer when the user writes something else, and answer as the bot', async () => {
    const { world, bob } = await bobTimedOutInTheQueue();

    await world.say(bob, 'How do I reset my password?');

    expect(await world.conversationOf(bob)).toBeUndefined();
    expect(world.lastHeard(bob)).toContain('I’m the Koji assistant');
  });
});
