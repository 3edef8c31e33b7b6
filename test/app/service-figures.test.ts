import { personLeft } from '../../src/app/duty/person-left';
import { dayIn } from '../../src/app/deflection/deflection-counters';
import { serviceReport } from '../../src/app/figures/service-report';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { loadSettings } from '../../src/app/settings/project-settings';
import { participantKey, type Participant } from '../../src/domain/participant';
import type { SettingsChange } from '../../src/domain/settings';
import { PROJECT, World } from '../builders/world';

/**
 * Service figures (issue 20): what a Jira admin supervising a team reads in the Reports tab, counted per project
 * and day (the project's time zone) and per operator, as conversations happen.
 */
async function desk(settings: SettingsChange = {}) {
  const world = new World();
  await world.enableLiveAgents(settings);
  const alice = await world.operator('Alice', { onDuty: true });
  return { world, alice };
}

const today = (world: World, timeZone = 'UTC') => world.figures.on(PROJECT, dayIn(timeZone, world.clock.now()));
const of = (world: World, operator: Participant) => today(world).operators[participantKey(operator)];

describe('service figures', () => {
  it('should count a user served at once as asked and served, with no wait, on the project and on the operator, in one write', async () => {
    const { world, alice } = await desk();
    const writes = world.figures.writes;

    await world.say(world.person('Bob'), 'operator');

    expect(today(world).project).toMatchObject({ asked: 1, served: 1, wait: [1] });
    expect(of(world, alice)).toMatchObject({ name: 'Alice', served: 1 });
    expect(world.figures.writes - writes).toBe(1);
  });

  it('should count a queued user’s wait until an operator takes them, and the operator’s handle time until the end', async () => {
    const { world, alice } = await desk();
    const bob = world.person('Bob');
    const carol = world.person('Carol');
    await world.say(bob, 'operator');
    await world.say(carol, 'operator');
    world.clock.advanceMs(40_000);

    await world.say(alice, 'stop');

    const figures = today(world).project;
    expect(figures).toMatchObject({ asked: 2, served: 2 });
    // Carol waited 41 s (her ask, the 40 s, Alice's message): the 30–45 s bucket; Bob none.
    expect(figures.wait?.[0]).toBe(1);
    expect(figures.wait?.[5]).toBe(1);
    // Bob's conversation lasted from his ask to Alice's stop: 42 s.
    expect(figures.handle?.[5]).toBe(1);
    expect(of(world, alice)).toMatchObject({ served: 2, handle: [0, 0, 0, 0, 0, 1] });
  });

  it('should count a user who leaves the queue as abandoned, and one who waits past the queue timeout as timed out', async () => {
    const { world } = await desk({ operatorCapacity: 1, queueTimeoutMinutes: 10 });
    await world.say(world.person('Bob'), 'operator');
    const carol = world.person('Carol');
    const dan = world.person('Dan');
    await world.say(carol, 'operator');
    await world.say(dan, 'operator');

    await world.say(carol, 'cancel');
    world.clock.advanceMinutes(11);
    await sweepTimeouts(world.deps);

    expect(today(world).project).toMatchObject({ asked: 3, served: 1, abandoned: 1, timedOut: 1 });
  });

  it('should count a waiting user who removes the app as abandoned, as their history says they left the queue', async () => {
    const { world } = await desk({ operatorCapacity: 1 });
    await world.say(world.person('Bob'), 'operator');
    const carol = world.person('Carol');
    await world.say(carol, 'operator');

    await personLeft(world.deps, carol, PROJECT);

    expect(today(world).project).toMatchObject({ asked: 2, served: 1, abandoned: 1 });
    expect((await world.history.find({ projectId: PROJECT, limit: 20 })).items.map((h) => h.ending)).toContain('left-queue');
  });

  it('should not count a user who declines a ticket offer as abandoned', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(bob, 'cancel');

    expect(today(world).project).toEqual({ asked: 1 });
  });

  it('should count a ticket made from a conversation once, for the operator who made it', async () => {
    const { world, alice } = await desk();
    await world.say(world.person('Bob'), 'operator');

    await world.say(alice, '#create_ticket Printer jams');
    await world.say(alice, '#create_ticket');

    expect(today(world).project.tickets).toBe(1);
    expect(of(world, alice)?.tickets).toBe(1);
  });

  it('should count an offer that ran out against the operator who let it pass, and the wait until someone accepted', async () => {
    const { world, alice } = await desk({ operatorAssignment: 'offer-first', offerWindowSeconds: 60, missedOffersBeforeAway: 'off' });
    const bruno = await world.operator('Bruno', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const first = (await world.conversationOf(bob))?.state;
    const missedBy = first?.kind === 'offered' ? first.offer.operator : undefined;
    const accepting = missedBy?.userId === alice.userId ? bruno : alice;

    await world.expireNextOffer();
    await world.click(accepting, 'accept-offer', { value: (await world.conversationOf(bob))?.id });

    expect(of(world, missedBy!)?.offersMissed).toBe(1);
    expect(of(world, accepting)).toMatchObject({ served: 1 });
    // Bob waited the 60 s window and a second more: the 60–90 s bucket.
    expect(today(world).project).toMatchObject({ asked: 1, served: 1, offersMissed: 1, wait: [0, 0, 0, 0, 0, 0, 0, 1] });
  });

  it('should count a rating for the operator it rates: how many, how many satisfied, and the stars for the average', async () => {
    const { world, alice } = await desk({ ratingScale: 'five-stars' });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversationId = (await world.conversationOf(bob))!.id;
    await world.say(alice, 'stop');

    await world.deliver(world.message(bob, '', { action: { kind: 'rate', value: '4' }, conversationId }));

    expect(today(world).project).toMatchObject({ rated: 1, satisfied: 1, starCount: 1, starSum: 4 });
    expect(of(world, alice)).toMatchObject({ rated: 1, satisfied: 1, starSum: 4 });
  });

  it('should count a conversation at 23:30 UTC on the next day in Europe/Paris', async () => {
    const world = new World();
    world.clock.advanceMs(Date.UTC(2026, 0, 15, 23, 30) - world.clock.now());
    await world.enableLiveAgents({ timeZone: 'Europe/Paris' });
    await world.operator('Alice', { onDuty: true });

    await world.say(world.person('Bob'), 'operator');

    expect(world.figures.on(PROJECT, '2026-01-16').project).toMatchObject({ asked: 1, served: 1 });
    expect(world.figures.on(PROJECT, '2026-01-15').project).toEqual({});
  });

  it('should connect the user even when counting fails, and log why', async () => {
    const { world, alice } = await desk();
    world.figures.fail = true;
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operator: alice });
    expect(world.log.entries).toContainEqual({ level: 'warn', event: 'figures_count_failed', fields: expect.objectContaining({ events: ['asked', 'served'], reason: 'the figures store is down' }) as unknown });
  });

  it('should write nothing for a relayed message', async () => {
    const { world, alice } = await desk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const writes = world.figures.writes;

    await world.say(bob, 'My screen is blank');
    await world.say(alice, 'Try another cable');

    expect(world.figures.writes).toBe(writes);
  });

  it('should report each day of the period, the totals and each operator, with median and 90th percentile waits', async () => {
    const { world, alice } = await desk({ operatorCapacity: 1, timeZone: 'Europe/Paris' });
    const people = ['Bob', 'Carol', 'Dan'].map((name) => world.person(name));
    for (const p of people) await world.say(p, 'operator');
    for (let i = 0; i < 2; i += 1) {
      world.clock.advanceMinutes(2);
      await world.say(alice, 'stop');
    }

    const report = await serviceReport(world.deps, PROJECT, await loadSettings(world.deps, PROJECT), 7);

    expect(report.timeZone).toBe('Europe/Paris');
    expect(report.days.map((d) => d.day)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect(report.days.slice(0, 6).every((d) => d.asked === 0 && d.waitMedianSeconds === undefined)).toBe(true);
    expect(report.totals).toMatchObject({ asked: 3, served: 3, abandoned: 0 });
    // Waits of 0 s, about 2 min and about 4 min: the median in the 120–180 s bucket, the 90th percentile in 180–300 s.
    expect(report.totals.waitMedianSeconds).toBeGreaterThanOrEqual(120);
    expect(report.totals.waitMedianSeconds).toBeLessThan(180);
    expect(report.totals.waitP90Seconds).toBeGreaterThanOrEqual(180);
    expect(report.totals.waitP90Seconds).toBeLessThan(300);
    expect(report.operators).toEqual([expect.objectContaining({ name: 'Alice', channel: 'slack', served: 3, asked: 0 })]);
  });
});
