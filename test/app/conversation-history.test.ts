import { findHistory, historyPeople, pastConversation } from '../../src/app/history/find-history';
import { DAY_SECONDS } from '../../src/domain/history';
import { badgeTicketOffered, connectedPair, printerConversation } from '../builders/scenes';
import { PROJECT, World } from '../builders/world';

const DAY_MS = DAY_SECONDS * 1000;

/** What a supervising admin finds in the History tab once conversations have ended. */
describe('conversation history', () => {
  it('should keep one record of a conversation an operator ended: who, when, and how it ended', async () => {
    const { world, alice, bob } = await printerConversation();
    const conversation = await world.conversationOf(bob);

    await world.say(alice, 'stop');

    const { items } = await findHistory(world.deps, { projectId: PROJECT });
    expect(items).toEqual([
      expect.objectContaining({
        conversationId: conversation!.id,
        channel: 'slack',
        user: bob,
        userName: 'Bob',
        operator: alice,
        operatorName: 'Alice',
        requestedAt: conversation!.requestedAt,
        startedAt: expect.any(Number),
        endedAt: world.clock.now(),
        ending: 'operator-ended',
      }),
    ]);
  });

  it('should write the record once, however many times the ending is asked for', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);

    await world.say(alice, 'stop');
    await world.click(alice, 'end-session', { conversationId: conversation!.id });
    await world.say(bob, 'stop');

    expect((await findHistory(world.deps, { projectId: PROJECT })).items).toHaveLength(1);
    // The record and its two people ("seen" by the pickers): three writes in one transaction, once.
    expect(world.history.writes).toBe(3);
  });

  it('should keep a record of a user who left the queue, with no operator', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, carla] = [world.person('Bob'), world.person('Carla')];
    await world.say(bob, 'operator');
    await world.say(carla, 'operator');

    await world.say(carla, 'cancel');

    const { items } = await findHistory(world.deps, { projectId: PROJECT, person: { role: 'user', participant: carla } });
    expect(items).toEqual([expect.objectContaining({ userName: 'Carla', ending: 'left-queue' })]);
    expect(items[0]?.operator).toBeUndefined();
    expect(alice).toBeDefined();
  });

  it('should keep the ticket of a user who took the ticket they were offered', async () => {
    const { world, bob } = await badgeTicketOffered();

    await world.click(bob, 'accept-ticket');

    const { items } = await findHistory(world.deps, { projectId: PROJECT, ticketKey: 'SUP-1' });
    expect(items).toEqual([expect.objectContaining({ userName: 'Bob', ending: 'ticket-taken', ticket: { key: 'SUP-1', url: 'https://example.atlassian.net/browse/SUP-1' } })]);
    expect((await findHistory(world.deps, { projectId: PROJECT, ticketKey: 'SUP-2' })).items).toEqual([]);
  });

  it('should find a user’s and an operator’s conversations, newest first, a page at a time', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    for (let i = 0; i < 23; i += 1) {
      await world.say(bob, 'operator');
      await world.say(bob, 'stop');
    }
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    await world.say(dana, 'stop');

    const first = await findHistory(world.deps, { projectId: PROJECT, person: { role: 'user', participant: bob } });
    const second = await findHistory(world.deps, { projectId: PROJECT, person: { role: 'user', participant: bob }, cursor: first.cursor });

    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(3);
    expect(second.cursor).toBeUndefined();
    const ends = [...first.items, ...second.items].map((e) => e.endedAt);
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
    expect([...first.items, ...second.items].every((e) => e.userName === 'Bob')).toBe(true);
    const alices = await findHistory(world.deps, { projectId: PROJECT, person: { role: 'operator', participant: alice } });
    const rest = await findHistory(world.deps, { projectId: PROJECT, person: { role: 'operator', participant: alice }, cursor: alices.cursor });
    expect([alices.items.length, rest.items.length]).toEqual([20, 4]);
    expect(alices.items[0]?.userName).toBe('Dana');
  });

  it('should list the users and operators who appear in the history, for the pickers', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.say(alice, 'stop');
    const carla = world.person('Carla');
    await world.say(carla, 'operator');
    await world.say(carla, 'stop');

    const users = await historyPeople(world.deps, PROJECT, 'user', undefined);
    const operators = await historyPeople(world.deps, PROJECT, 'operator', undefined);

    expect(users.items.map((p) => p.name)).toEqual(['Carla', 'Bob']);
    expect(operators.items).toEqual([expect.objectContaining({ name: 'Alice', person: alice, role: 'operator' })]);
    expect(bob).toBeDefined();
  });

  it('should filter by channel and by when it ended', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    const vic = world.person('Vic', { channel: 'teams', tenantId: '00000000-0000-0000-0000-000000000001' });
    await world.say(bob, 'operator');
    await world.say(bob, 'stop');
    const between = world.clock.now();
    world.clock.advanceMinutes(60);
    await world.say(vic, 'operator');
    await world.say(vic, 'stop');

    const teams = await findHistory(world.deps, { projectId: PROJECT, channel: 'teams' });
    const before = await findHistory(world.deps, { projectId: PROJECT, to: between });

    expect(teams.items.map((e) => e.userName)).toEqual(['Vic']);
    expect(before.items.map((e) => e.userName)).toEqual(['Bob']);
  });

  it('should open a past conversation with its transcript, internal notes marked, and its rating', async () => {
    const { world, alice, bob } = await printerConversation();
    await world.say(alice, '#note toner is low too');
    const conversation = await world.conversationOf(bob);
    await world.say(alice, 'stop');
    await world.click(bob, 'rate', { value: '5', conversationId: conversation!.id });

    const found = await pastConversation(world.deps, PROJECT, conversation!.id);

    expect(found?.entry.ending).toBe('operator-ended');
    expect(found?.transcript.lines).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'toner is low too', internal: true }), expect.objectContaining({ text: 'HP 4250' })]));
    expect(found?.transcript.rating).toEqual(expect.objectContaining({ score: 5, label: '5/5' }));
    expect(await pastConversation(world.deps, 'another-project', conversation!.id)).toBeUndefined();
  });

  it('should forget the record and the transcript once the project’s retention has passed', async () => {
    const { world, alice, bob } = await printerConversation({ retentionDays: 7 });
    const conversation = await world.conversationOf(bob);
    await world.say(alice, 'stop');

    world.clock.advanceMs(6 * DAY_MS);
    const kept = await pastConversation(world.deps, PROJECT, conversation!.id);
    world.clock.advanceMs(DAY_MS);

    expect(kept?.transcript.lines.map((l) => l.text)).toContain('HP 4250');
    expect((await findHistory(world.deps, { projectId: PROJECT })).items).toEqual([]);
    expect(await world.transcripts.read(conversation!.id)).toEqual([]);
    expect((await historyPeople(world.deps, PROJECT, 'user', undefined)).items).toEqual([]);
  });
});
