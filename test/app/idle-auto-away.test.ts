import { setOperatorCapacity } from '../../src/app/settings/manage-operator-role';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import type { Participant } from '../../src/domain/participant';
import { english } from '../../src/domain/replies';
import type { SettingsChange } from '../../src/domain/settings';
import { SEEDS, seededYields } from '../builders/interleaving';
import { PROJECT, World } from '../builders/world';

const { toOperator, toUser } = english;

/**
 * An on-duty operator with no conversation and no activity (any message or button from them) for the project's
 * idle time (30 minutes unless an admin changed it, or off) is put off duty by the timeout sweep and told.
 */
const MINUTE_MS = 60 * 1000;
const IDLE_AWAY = toOperator.idleAway(30);

async function aliceOnDuty(change: SettingsChange = {}, options: { yieldBetweenCalls?: () => Promise<void> } = {}) {
  const world = new World(options);
  await world.enableLiveAgents({ inactivityTimeoutMinutes: 24 * 60, ...change });
  const alice = await world.operator('Alice', { onDuty: true });
  return { world, alice };
}

const dutyOf = async (world: World, who: Participant) => (await world.operatorRecord(who))?.duty;

describe('idle auto-away', () => {
  it('should put an operator with nobody to serve and no activity for 30 minutes off duty, and tell them how to come back', async () => {
    const { world, alice } = await aliceOnDuty();

    world.clock.advanceMs(29 * MINUTE_MS);
    expect((await sweepTimeouts(world.deps)).operatorsIdleAway).toBe(0);
    expect(await dutyOf(world, alice)).toBe('on');

    world.clock.advanceMs(2 * MINUTE_MS);
    expect((await sweepTimeouts(world.deps)).operatorsIdleAway).toBe(1);

    expect(await dutyOf(world, alice)).toBe('off');
    expect(world.lastHeard(alice)).toBe('You’ve been idle for 30 minutes with nobody to serve, so I put you off duty. Type #on when you’re back.');
    expect(world.heard(alice).filter((t) => t === IDLE_AWAY)).toHaveLength(1);
  });

  it('should not tell them twice: the next sweep finds them off duty', async () => {
    const { world, alice } = await aliceOnDuty();
    world.clock.advanceMs(31 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    world.clock.advanceMs(10 * MINUTE_MS);

    expect((await sweepTimeouts(world.deps)).operatorsIdleAway).toBe(0);
    expect(world.heard(alice).filter((t) => t === IDLE_AWAY)).toHaveLength(1);
  });

  it.each([
    ['a command', (world: World, alice: Participant) => world.say(alice, 'list_operators')],
    ['words with nobody to send them to', (world: World, alice: Participant) => world.say(alice, 'anyone there?')],
    ['a button on an old card', (world: World, alice: Participant) => world.click(alice, 'end-session', { conversationId: 'an-old-one' })],
  ])('should count %s as activity, and the idle time from it', async (_what, act) => {
    const { world, alice } = await aliceOnDuty();
    world.clock.advanceMs(20 * MINUTE_MS);
    await act(world, alice);

    world.clock.advanceMs(11 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    expect(await dutyOf(world, alice)).toBe('on');

    world.clock.advanceMs(20 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    expect(await dutyOf(world, alice)).toBe('off');
  });

  it('should never put off duty an operator who is serving someone, and count from when they became free', async () => {
    const { world, alice } = await aliceOnDuty();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.clock.advanceMs(3 * 60 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    expect(await dutyOf(world, alice)).toBe('on');

    await world.say(bob, 'stop');
    world.clock.advanceMs(29 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    expect(await dutyOf(world, alice)).toBe('on');
    world.clock.advanceMs(2 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    expect(await dutyOf(world, alice)).toBe('off');
  });

  it('should follow the idle time the admin set, and say it', async () => {
    const { world, alice } = await aliceOnDuty({ idleAwayMinutes: 10 });
    world.clock.advanceMs(11 * MINUTE_MS);

    await sweepTimeouts(world.deps);

    expect(await dutyOf(world, alice)).toBe('off');
    expect(world.lastHeard(alice)).toBe(toOperator.idleAway(10));
  });

  it('should leave idle operators on duty when the admin turned it off', async () => {
    const { world, alice } = await aliceOnDuty({ idleAwayMinutes: 'off' });
    world.clock.advanceMs(5 * 60 * MINUTE_MS);

    await sweepTimeouts(world.deps);

    expect(await dutyOf(world, alice)).toBe('on');
  });

  it('should put off duty an idle operator with a capacity of their own as well, and only the idle ones', async () => {
    const { world, alice } = await aliceOnDuty();
    await setOperatorCapacity(world.deps, alice, PROJECT, 3);
    world.clock.advanceMs(10 * MINUTE_MS);
    const carol = await world.operator('Carol', { onDuty: true });
    const dave = await world.operator('Dave', { onDuty: true });
    await setOperatorCapacity(world.deps, dave, PROJECT, 2);
    const bob = world.person('Bob');
    world.clock.advanceMs(25 * MINUTE_MS);
    await world.say(bob, 'operator'); // Alice, idle longest

    world.clock.advanceMs(6 * MINUTE_MS);
    expect((await sweepTimeouts(world.deps)).operatorsIdleAway).toBe(2);

    expect([await dutyOf(world, alice), await dutyOf(world, carol), await dutyOf(world, dave)]).toEqual(['on', 'off', 'off']);
  });

  it('should send users who ask afterwards the usual answer for nobody on duty, and let the operator come back with #on', async () => {
    const { world, alice } = await aliceOnDuty();
    world.clock.advanceMs(31 * MINUTE_MS);
    await sweepTimeouts(world.deps);
    const bob = world.person('Bob');

    await world.say(bob, 'operator');
    expect(world.lastHeard(bob)).toBe(toUser.noOperatorOnDuty());

    await world.say(alice, '#on');
    expect(await dutyOf(world, alice)).toBe('on');
  });

  describe('racing the operator and the users', () => {
    it.each(SEEDS)('should end on duty when the operator types #on as the sweep puts them off (seed %i)', async (seed) => {
      const { world, alice } = await aliceOnDuty({}, { yieldBetweenCalls: seededYields(seed) });
      world.clock.advanceMs(31 * MINUTE_MS);

      await Promise.all([sweepTimeouts(world.deps), world.say(alice, '#on')]);

      expect(await dutyOf(world, alice)).toBe('on');
      expect(world.heard(alice).filter((t) => t === IDLE_AWAY).length).toBeLessThanOrEqual(1);
    });

    it.each(SEEDS)('should end off duty, told once why, when the operator types #off as the sweep puts them off (seed %i)', async (seed) => {
      const { world, alice } = await aliceOnDuty({}, { yieldBetweenCalls: seededYields(seed) });
      world.clock.advanceMs(31 * MINUTE_MS);
      const before = world.heard(alice).length;

      await Promise.all([sweepTimeouts(world.deps), world.say(alice, '#off')]);

      expect(await dutyOf(world, alice)).toBe('off');
      const told = world.heard(alice).slice(before);
      const why = told.filter((t) => t === IDLE_AWAY || t.startsWith('You’re off duty.'));
      expect(why).toHaveLength(1);
    });

    it.each(SEEDS)('should either give the user to the operator or put the operator off duty, never both (seed %i)', async (seed) => {
      const { world, alice } = await aliceOnDuty({}, { yieldBetweenCalls: seededYields(seed) });
      world.clock.advanceMs(31 * MINUTE_MS);
      const bob = world.person('Bob');

      await Promise.all([sweepTimeouts(world.deps), world.say(bob, 'operator')]);

      const record = await world.operatorRecord(alice);
      const state = (await world.conversationOf(bob))?.state;
      if (record?.duty === 'on') {
        expect(state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
        expect(record.assignments).toHaveLength(1);
        expect(world.heard(alice)).not.toContain(IDLE_AWAY);
      } else {
        expect(state?.kind).toBe('ticket-offered');
        expect(record?.assignments).toEqual([]);
        expect(world.heard(alice).filter((t) => t === IDLE_AWAY)).toHaveLength(1);
      }
    });
  });
});
