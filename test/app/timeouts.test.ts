import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { World } from '../builders/world';

describe('timeouts', () => {
  it('should close a conversation silent for the inactivity timeout, telling both sides', async () => {
    const world = new World();
    await world.enableLiveAgents({ inactivityTimeoutMinutes: 15 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(bob, 'hello?');

    world.clock.advanceMinutes(15);
    const report = await sweepTimeouts(world.deps);

    expect(report.closedForInactivity).toBe(1);
    expect(world.heard(bob).slice(-2)).toEqual(['This conversation was closed after 15 minutes without messages. You can continue talking to the Koji assistant.', expect.stringMatching(/^How did \w+ do\?/)]);
    expect(world.lastHeard(alice)).toBe('Your conversation with Bob was closed after 15 minutes without messages.');
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
  });

  it('should keep a conversation open while messages keep coming', async () => {
    const world = new World();
    await world.enableLiveAgents({ inactivityTimeoutMinutes: 15 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    world.clock.advanceMinutes(10);
    await world.say(alice, 'Still checking');
    world.clock.advanceMinutes(10);
    const report = await sweepTimeouts(world.deps);

    expect(report.closedForInactivity).toBe(0);
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
  });

  it('should tell a user who waited past the queue timeout and offer a ticket', async () => {
    const world = new World();
    await world.enableLiveAgents({ queueTimeoutMinutes: 5 });
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('First'), 'operator');
    const second = world.person('Second');
    await world.say(second, 'operator');

    world.clock.advanceMinutes(4);
    expect((await sweepTimeouts(world.deps)).queueTimeouts).toBe(0);
    world.clock.advanceMinutes(1);
    expect((await sweepTimeouts(world.deps)).queueTimeouts).toBe(1);

    expect(world.chat.lastTo(second)).toMatchObject({
      text: expect.stringContaining('no operator could take your request within 5 minutes'),
      buttons: [{ action: 'accept-ticket', label: 'Create a ticket' }],
    });
    expect((await world.conversationOf(second))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'queue-timeout' });
    await world.say(second, 'ticket');
    expect(world.tickets.tickets).toHaveLength(1);
  });

  it('should measure the wait of a user handed back to the queue from when they were handed back', async () => {
    const world = new World();
    await world.enableLiveAgents({ queueTimeoutMinutes: 5, inactivityTimeoutMinutes: 60 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    // Carol, on duty but busy with Dana, keeps Bob waiting in the queue once Alice leaves.
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    world.clock.advanceMinutes(30);
    await world.say(alice, '#off');

    world.clock.advanceMinutes(1);
    const report = await sweepTimeouts(world.deps);

    expect(report.queueTimeouts).toBe(0);
    expect((await world.conversationOf(bob))?.state.kind).toBe('queued');
  });

  it('should connect a user left waiting beside a free operator', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    // As if the process died between freeing Alice and matching her with the next user.
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    const aliceRecord = (await world.state.getOperator(alice))!;
    const bobConversation = (await world.state.getConversation(bob))!;
    await world.state.commit([
      { kind: 'delete-conversation', user: bob, expected: bobConversation.version },
      { kind: 'put-operator', operator: { ...aliceRecord.value, assignments: [] }, expected: aliceRecord.version },
    ]);

    await sweepTimeouts(world.deps);

    expect(world.lastHeard(dana)).toContain('talking to Alice');
  });

  it('should wind down, not time out, what is left open in a project where live agent support is off', async () => {
    const world = new World();
    await world.enableLiveAgents({ inactivityTimeoutMinutes: 1 });
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.settings.put('10000', { ...(await world.settings.get('10000'))!, enabled: false });

    world.clock.advanceMinutes(120);

    expect(await sweepTimeouts(world.deps)).toMatchObject({ closedForInactivity: 0, queueTimeouts: 0, offersExpired: 0, woundDown: 2 });
    expect(world.lastHeard(bob)).toContain('Live agent support was turned off');
  });
});
