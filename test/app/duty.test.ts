import { aliceServingBobAndDana } from '../builders/scenes';
import { World } from '../builders/world';

describe('shifts: #on and #off', () => {
  it.each(['#on', '#ON', ' # on ', '<#C0123|on>'])('should put the operator on duty when they type %p', async (typed) => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, typed);

    expect((await world.operatorRecord(alice))?.duty).toBe('on');
    expect(world.lastHeard(alice)).toBe('You’re on duty. Nobody is waiting right now.');
  });

  it('should say how many users are waiting and hand the first one over at once', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bruno = await world.operator('Bruno');
    const users = [world.person('U1'), world.person('U2'), world.person('U3')];
    for (const u of users) await world.say(u, 'operator');

    await world.say(bruno, '#on');

    const [confirmation, card] = world.chat.messagesTo(bruno).slice(-2);
    expect(confirmation?.text).toBe('You’re on duty. 2 users are waiting.');
    expect(card?.text).toContain('U2 (Slack) wants to talk to an operator');
    expect(world.lastHeard(users[1]!)).toContain('talking to Bruno');
    expect((await world.conversationOf(users[2]!))?.state.kind).toBe('queued');
    expect((await world.operatorRecord(alice))?.assignments).toHaveLength(1);
  });

  it('should say so when the operator is already on duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    await world.say(alice, '#on');

    expect(world.lastHeard(alice)).toContain('already on duty');
  });

  it.each(['#off', '#OFF', '<#C0123ABC|off>'])('should end the shift when the operator types %p', async (typed) => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    await world.say(alice, typed);

    expect((await world.operatorRecord(alice))?.duty).toBe('off');
    expect(world.lastHeard(alice)).toBe('You’re off duty.');
  });

  it('should say so when the operator is already off duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, '#off');

    expect(world.lastHeard(alice)).toContain('already off duty');
  });

  it('should stop routing users to an operator who went off duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(alice, '#off');
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toContain('No operator is on duty');
    expect(world.chat.messagesTo(alice).filter((m) => m.kind === 'request')).toEqual([]);
  });

  it('should hand the users of an operator going off duty to another free operator, telling them', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });

    await world.say(alice, '#off');

    expect(world.heard(bob).slice(-2)).toEqual([
      'Alice had to leave. You’re first in line for the next free operator.',
      expect.stringContaining('You’re now talking to Carol'),
    ]);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    expect(world.lastHeard(alice)).toContain('Your conversation with Bob was handed to another operator or back to the queue');
    expect(world.chat.lastTo(carol)?.text).toContain('Bob (Slack) wants to talk');
  });

  it('should put the users of an operator going off duty at the front of the queue when nobody is free', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    const [withAlice, withCarol, waiting] = [world.person('WithAlice'), world.person('WithCarol'), world.person('Waiting')];
    await world.say(withAlice, 'operator');
    await world.say(withCarol, 'operator');
    await world.say(waiting, 'operator');

    await world.say(alice, '#off');

    expect((await world.conversationOf(withAlice))?.state.kind).toBe('queued');
    expect(world.lastHeard(alice)).toContain('2 users are still waiting');
    await world.say(withAlice, 'operator');
    expect(world.lastHeard(withAlice)).toContain('number 1');
    await world.say(carol, 'stop');
    expect(world.lastHeard(withAlice)).toContain('talking to Carol');
    expect((await world.conversationOf(waiting))?.state.kind).toBe('queued');
  });

  it('should tell each user handed back to the queue their real place in it', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();
    await world.operator('Carol', { onDuty: true });
    for (const name of ['Eve', 'Finn']) await world.say(world.person(name), 'operator');
    const gus = world.person('Gus');
    await world.say(gus, 'operator');

    await world.say(alice, '#off');

    expect(world.lastHeard(bob)).toBe('Alice had to leave. You’re first in line for the next free operator.');
    expect(world.lastHeard(dana)).toBe('Alice had to leave. You’re number 2 in the queue for the next free operator.');
    expect(world.lastHeard(alice)).toBe(
      'You’re off duty. Your conversations with Bob, Dana were handed to other operators or back to the queue. 3 users are still waiting.',
    );
    await world.say(gus, 'operator');
    expect(world.lastHeard(gus)).toContain('number 3 in the queue');
  });
});
