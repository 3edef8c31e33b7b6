import type { CoreDeps, TranscriptLog } from '../../src/app/ports';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import type { Participant } from '../../src/domain/participant';
import { World } from '../builders/world';

/** The world's transcripts, counting the reads, and failing them for the conversations in `failing`. */
function observedTranscripts(world: World): { deps: CoreDeps; reads: () => number; failing: Set<string> } {
  let reads = 0;
  const failing = new Set<string>();
  const inner = world.transcripts;
  const transcripts: TranscriptLog = {
    append: (id, line, options) => inner.append(id, line, options),
    appendMany: (id, lines, options) => inner.appendMany(id, lines, options),
    findLines: (keys) => inner.findLines(keys),
    reviseLine: (found, line) => inner.reviseLine(found, line),
    read: (id, options) => {
      reads += 1;
      if (failing.has(id)) return Promise.reject(new Error('KVS answered 500 Internal Server Error'));
      return inner.read(id, options);
    },
  };
  return { deps: { ...world.deps, transcripts }, reads: () => reads, failing };
}

/** Operators with room for ten each, and `count` users each connected to one of them, a second apart. */
async function conversations(count: number, settings: { inactivityTimeoutMinutes?: number } = {}) {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 10, inactivityTimeoutMinutes: 15, ...settings });
  for (let i = 0; i < Math.ceil(count / 10); i += 1) await world.operator(`Op ${i}`, { onDuty: true });
  const users: Participant[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = world.person(`User ${i}`);
    await world.say(user, 'operator');
    users.push(user);
  }
  const open = async () => (await Promise.all(users.map((u) => world.conversationOf(u)))).filter((s) => s?.state.kind === 'with-operator').length;
  return { world, users, open };
}

describe('the timeout sweep with many conversations open', () => {
  it('should read nothing of the conversations whose deadline has not come', async () => {
    const { world, users } = await conversations(40);
    const observed = observedTranscripts(world);
    world.clock.advanceMinutes(5);
    await world.say(users[0]!, 'still there?');

    const report = await sweepTimeouts(observed.deps);

    expect(report).toMatchObject({ closedForInactivity: 0, inactivityDeadlinesMoved: 0, failed: 0 });
    expect(observed.reads()).toBe(0);
  });

  it('should read only the conversations past their deadline, and close the silent ones', async () => {
    const { world, users, open } = await conversations(40);
    const observed = observedTranscripts(world);
    // Fifteen minutes on, all forty are past their deadline; all but the first three have written since.
    world.clock.advanceMinutes(15);
    for (const u of users.slice(3)) await world.say(u, 'still there?');

    const report = await sweepTimeouts(observed.deps);

    expect(report.closedForInactivity).toBe(3);
    expect(report.inactivityDeadlinesMoved).toBe(37);
    expect(await open()).toBe(37);
    world.clock.advanceMinutes(5);
    expect(await sweepTimeouts(observed.deps)).toMatchObject({ closedForInactivity: 0, inactivityDeadlinesMoved: 0 });
    expect(observed.reads()).toBe(40);
  });

  it('should move the deadline of a conversation that had messages, and close it once silent that long after the last one', async () => {
    const world = new World();
    await world.enableLiveAgents({ inactivityTimeoutMinutes: 15 });
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.clock.advanceMinutes(10);
    await world.say(alice, 'Let me check the logs');

    world.clock.advanceMinutes(5);
    expect(await sweepTimeouts(world.deps)).toMatchObject({ closedForInactivity: 0, inactivityDeadlinesMoved: 1 });
    world.clock.advanceMinutes(9);
    expect(await sweepTimeouts(world.deps)).toMatchObject({ closedForInactivity: 0, inactivityDeadlinesMoved: 0 });
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
    world.clock.advanceMinutes(1);
    expect(await sweepTimeouts(world.deps)).toMatchObject({ closedForInactivity: 1 });

    expect(world.heard(bob).slice(-2)).toEqual(['This conversation was closed after 15 minutes without messages. You can continue talking to the Koji assistant.', expect.stringMatching(/^How did \w+ do\?/)]);
  });

  it('should handle a bounded number of conversations per run, earliest deadline first, and continue with the next run', async () => {
    const { world, users, open } = await conversations(25);
    world.clock.advanceMinutes(60);
    const limits = { maxItems: 10, maxMillis: 60_000, concurrency: 4 };

    const runs = [await sweepTimeouts(world.deps, limits), await sweepTimeouts(world.deps, limits), await sweepTimeouts(world.deps, limits)];

    expect(runs.map((r) => r.closedForInactivity)).toEqual([10, 10, 5]);
    expect(runs.map((r) => r.leftForNextRun)).toEqual([true, true, false]);
    expect(await open()).toBe(0);
    // The first run closed the ten who asked first.
    const closedFirst = users.slice(0, 10).map((u) => world.heard(u).filter((t) => t.includes('without messages')).length);
    expect(closedFirst).toEqual(Array(10).fill(1));
  });

  it('should log and skip a conversation that fails, close the others, and try it again next run', async () => {
    const { world, users, open } = await conversations(5);
    const observed = observedTranscripts(world);
    const broken = (await world.conversationOf(users[2]!))!.id;
    observed.failing.add(broken);
    world.clock.advanceMinutes(60);

    const report = await sweepTimeouts(observed.deps);

    expect(report).toMatchObject({ closedForInactivity: 4, failed: 1 });
    expect(await open()).toBe(1);
    expect(world.log.entries).toContainEqual({
      level: 'warn',
      event: 'timeout_sweep_failed',
      fields: expect.objectContaining({ conversationId: broken, reason: 'KVS answered 500 Internal Server Error' }),
    });
    observed.failing.clear();
    expect(await sweepTimeouts(observed.deps)).toMatchObject({ closedForInactivity: 1, failed: 0 });
  });
});
