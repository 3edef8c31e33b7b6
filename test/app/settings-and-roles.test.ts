import { grantOperatorRole, revokeOperatorRole } from '../../src/app/settings/manage-operator-role';
import { updateSettings } from '../../src/app/settings/update-settings';
import { InvalidSettingsError } from '../../src/domain/errors';
import { aliceServingBobAndDana } from '../builders/scenes';
import { PROJECT, World } from '../builders/world';

describe('live agent support on and off', () => {
  it('should be off by default: a request for an operator gets a polite “not available”', async () => {
    const world = new World();
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toBe('Live agent support isn’t available right now. I can still help with your question here.');
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should still let an operator end a conversation and a shift after support was turned off', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    // Turned off behind the core's back, as if winding down had been cut short.
    await world.settings.put(PROJECT, { ...(await world.settings.get(PROJECT))!, enabled: false });

    await world.say(alice, 'stop');
    await world.say(alice, '#off');

    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.operatorRecord(alice))?.duty).toBe('off');
  });

  it.each(['#on', 'list_operators', 'forward_operator', '#create_ticket'])(
    'should tell an operator typing %p that live agent support is disabled',
    async (typed) => {
      const world = new World();
      const alice = await world.operator('Alice');

      await world.say(alice, typed);

      expect(world.lastHeard(alice)).toBe(
        'Live agent support is turned off for this service desk. Ask your Jira admin to turn it on in the Koji backoffice.',
      );
      expect((await world.operatorRecord(alice))?.duty).toBe('off');
    },
  );

  it('should end open conversations, offer waiting users a ticket instead and end shifts when turned off, telling everyone', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');

    await updateSettings(world.deps, PROJECT, { enabled: false });

    expect(world.lastHeard(bob)).toContain('Live agent support was turned off');
    expect(world.lastHeard(dana)).toContain('Live agent support was turned off');
    expect(world.lastHeard(alice)).toBe('Live agent support was turned off for this service desk, so you’re off duty.');
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'support-disabled' });
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
  });

  it('should connect waiting users when capacity is raised', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Bob'), 'operator');
    const dana = world.person('Dana');
    await world.say(dana, 'operator');

    await updateSettings(world.deps, PROJECT, { operatorCapacity: 2 });

    expect(world.lastHeard(dana)).toContain('talking to Alice');
  });

  it('should refuse invalid settings and keep the saved ones', async () => {
    const world = new World();
    await world.enableLiveAgents();

    await expect(updateSettings(world.deps, PROJECT, { operatorCapacity: 0 })).rejects.toBeInstanceOf(InvalidSettingsError);

    expect((await world.settings.get(PROJECT))?.operatorCapacity).toBe(1);
  });
});

describe('the Live agent role', () => {
  it('should let a granted user use operator commands, and tell them how to start', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = world.person('Alice');

    expect(await grantOperatorRole(world.deps, { projectId: PROJECT, participant: alice, displayName: 'Alice' })).toBe('granted');
    expect(world.lastHeard(alice)).toContain('You now have the Live agent role');
    await world.say(alice, '#on');

    expect(world.lastHeard(alice)).toContain('You’re on duty');
  });

  it('should change nothing when the role is granted twice', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    expect(await grantOperatorRole(world.deps, { projectId: PROJECT, participant: alice, displayName: 'Alice' })).toBe('already-granted');

    expect((await world.operatorRecord(alice))?.duty).toBe('on');
  });

  it.each(['#on', '#off', 'list_operators', 'forward_operator Alice', '#create_ticket'])(
    'should refuse %p from a user without the role and change nothing',
    async (typed) => {
      const world = new World();
      await world.enableLiveAgents();
      const mallory = world.person('Mallory');

      await world.say(mallory, typed);

      expect(world.lastHeard(mallory)).toBe(
        'Only live agents can use operator commands. Ask your Jira admin for the Live agent role in the Koji backoffice.',
      );
      expect(world.state.operators.size).toBe(0);
      expect(world.state.conversations.size).toBe(0);
    },
  );

  it('should hand the users of an operator whose role is revoked to someone else, and tell everyone', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.operator('Carol', { onDuty: true });

    expect(await revokeOperatorRole(world.deps, alice)).toBe('revoked');

    expect(world.heard(bob).slice(-2)).toEqual([
      'Alice is no longer available. You’re first in line for the next free operator.',
      expect.stringContaining('talking to Carol'),
    ]);
    expect(world.lastHeard(alice)).toBe('Your Live agent role in Koji was removed, so you’re off duty.');
    expect(await world.operatorRecord(alice)).toBeUndefined();
    await world.say(alice, '#on');
    expect(world.lastHeard(alice)).toContain('Only live agents');
  });

  it('should tell each user of an operator whose role is revoked their real place in the queue', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();
    // Carol is on duty but busy, so there is a queue to be handed back to.
    await world.operator('Carol', { onDuty: true });
    for (const name of ['Eve', 'Finn']) await world.say(world.person(name), 'operator');

    await revokeOperatorRole(world.deps, alice);

    expect(world.lastHeard(bob)).toBe('Alice is no longer available. You’re first in line for the next free operator.');
    expect(world.lastHeard(dana)).toBe('Alice is no longer available. You’re number 2 in the queue for the next free operator.');
  });

  it('should report a revoke of someone without the role', async () => {
    const world = new World();
    expect(await revokeOperatorRole(world.deps, world.person('Nobody'))).toBe('not-granted');
  });
});
