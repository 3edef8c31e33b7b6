import { inProgressPage, lastMessageAt, liveActivity, waitingPage } from '../../src/app/settings/live-activity';
import { cursorOf, OVERVIEW_PAGE_SIZE } from '../../src/app/settings/overview-pages';
import type { StateWrite } from '../../src/app/ports';
import type { Conversation } from '../../src/domain/conversation';
import { aConversation, queued, withOperator } from '../builders/conversation';
import { anOperator, aParticipant, T0 } from '../builders/operator';
import { PROJECT, World } from '../builders/world';

/**
 * The backoffice's Overview, as a Jira admin supervising a team reads it: who is on duty, who waits and in
 * which order, which conversations are in progress, a page at a time, and what a refresh costs in reads.
 */
describe('the live Overview', () => {
  it('should show the users waiting in line, the one being offered to an operator marked, and the conversation in progress', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorAssignment: 'offer-first', operatorCapacity: 1 });
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, carol, dana] = [world.person('Bob'), world.person('Carol'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.click(alice, 'accept-offer');
    await world.say(carol, 'operator');
    await world.say(dana, 'operator');
    await world.operator('Erin', { onDuty: true });

    const overview = await liveActivity(world.deps, PROJECT);

    expect(overview.inProgress.rows).toEqual([expect.objectContaining({ userName: 'Bob', operatorName: 'Alice', user: bob })]);
    expect(overview.waiting.rows.map((w) => [w.position, w.name, w.offeredTo?.name])).toEqual([
      [1, 'Carol', 'Erin'],
      [2, 'Dana', undefined],
    ]);
    expect(overview.waiting.rows[0]!.offeredTo!.until).toBeGreaterThan(world.clock.now());
    expect(overview.onDuty.rows.map((o) => [o.name, o.load, o.offers])).toEqual([
      ['Alice', 1, 0],
      ['Erin', 0, 1],
    ]);
    expect([overview.onDuty.next, overview.waiting.next, overview.inProgress.next]).toEqual([undefined, undefined, undefined]);
  });

  it('should read at most 10 records a refresh, as many with 1,200 conversations and 100 operators as with a handful', async () => {
    const small = await refreshReads(await seeded({ waiting: 3, inProgress: 4, operators: 2 }));
    const large = await refreshReads(await seeded({ waiting: 400, inProgress: 800, operators: 100 }));

    expect(small.reads).toBeLessThanOrEqual(10);
    expect(large.reads).toBe(small.reads);
    expect(large.overview.waiting.rows).toHaveLength(OVERVIEW_PAGE_SIZE);
    expect(large.overview.waiting.next).toBeDefined();
    expect(large.overview.inProgress.next).toBeDefined();
    expect(large.overview.onDuty.next).toBeDefined();
  });

  it('should page through the whole line with Load more, queued and offered users in one order, each once', async () => {
    const world = await seeded({ waiting: 60, inProgress: 0, operators: 0, offeredEvery: 7 });
    const seen: Array<[number, string]> = [];
    let page = (await liveActivity(world.deps, PROJECT)).waiting;
    for (;;) {
      seen.push(...page.rows.map((w): [number, string] => [w.position, w.name]));
      if (!page.next) break;
      world.state.reads = 0;
      page = await waitingPage(world.deps, PROJECT, cursorOf(page.next));
      expect(world.state.reads).toBe(2);
    }

    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => [i + 1, userName(i)]));
  });

  it('should not lose or repeat a row when many conversations started in the same millisecond', async () => {
    const world = await seeded({ waiting: 0, inProgress: 70, operators: 0, sameMillisecond: true });
    const ids = new Set<string>();
    let page = (await liveActivity(world.deps, PROJECT)).inProgress;
    for (;;) {
      for (const row of page.rows) ids.add(row.conversationId);
      if (!page.next) break;
      page = await inProgressPage(world.deps, PROJECT, cursorOf(page.next));
    }

    expect(ids.size).toBe(70);
  });

  it('should tell a row’s last message on demand, and that a conversation ended since the page was read', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(bob, 'My VPN drops every hour');
    const row = (await liveActivity(world.deps, PROJECT)).inProgress.rows[0]!;
    world.state.reads = 0;

    expect(await lastMessageAt(world.deps, PROJECT, row.user, row.conversationId)).toEqual({ running: true, at: world.clock.now() });
    expect(world.state.reads).toBe(1);
    await world.say(alice, 'stop');
    expect(await lastMessageAt(world.deps, PROJECT, row.user, row.conversationId)).toEqual({ running: false });
    expect(await lastMessageAt(world.deps, 'another-project', row.user, row.conversationId)).toEqual({ running: false });
  });

  it('should refuse a cursor it did not make', () => {
    for (const bad of ['', 'x', '{}', '[]', 'null', '{"at":1,"seen":"a","shown":0}', '{"at":1,"seen":[],"shown":-1}', JSON.stringify({ at: 1, seen: [''], shown: 0 }), 'a'.repeat(9000)]) {
      expect(cursorOf(bad)).toBeUndefined();
    }
    expect(cursorOf(JSON.stringify({ at: T0, seen: ['conv-01'], shown: 25 }))).toEqual({ at: T0, seen: ['conv-01'], shown: 25 });
  });
});

const userName = (i: number) => `User ${String(i + 1).padStart(4, '0')}`;

/** A project with users waiting (every `offeredEvery`th being offered), conversations with operators, and operators on duty, written straight into the store. */
async function seeded(size: { waiting: number; inProgress: number; operators: number; offeredEvery?: number; sameMillisecond?: boolean }): Promise<World> {
  const world = new World();
  await world.enableLiveAgents();
  const writes: StateWrite[] = [];
  const operator = aParticipant({ userId: 'U0ALICE' });
  const conversation = (i: number, overrides: Partial<Conversation>) =>
    aConversation(i, { id: `conv-${i}`, user: aParticipant({ userId: `U0USER${i}` }), userName: userName(i), projectId: PROJECT, ...overrides });
  for (let i = 0; i < size.waiting; i += 1) {
    const offered = size.offeredEvery !== undefined && i % size.offeredEvery === 0;
    const offer = { id: `offer-${i}`, operator, operatorName: 'Alice', at: T0 + i, until: T0 + 60_000 };
    writes.push({ kind: 'put-conversation', expected: 'absent', conversation: conversation(i, { state: offered ? { kind: 'offered', since: T0 + i, enteredAt: T0 + i, offer } : queued(T0 + i) }) });
  }
  for (let i = size.waiting; i < size.waiting + size.inProgress; i += 1) {
    writes.push({ kind: 'put-conversation', expected: 'absent', conversation: conversation(i, { state: withOperator(operator, 'Alice', size.sameMillisecond ? T0 : T0 + i) }) });
  }
  for (let i = 0; i < size.operators; i += 1) {
    writes.push({ kind: 'put-operator', expected: 'absent', operator: anOperator({ displayName: `Op ${i}`, projectId: PROJECT, idleSince: T0 + i }) });
  }
  for (let i = 0; i < writes.length; i += 20) expect(await world.state.commit(writes.slice(i, i + 20))).toBe(true);
  return world;
}

async function refreshReads(world: World) {
  world.state.reads = 0;
  world.settings.reads = 0;
  const overview = await liveActivity(world.deps, PROJECT);
  return { overview, reads: world.state.reads + world.settings.reads };
}
