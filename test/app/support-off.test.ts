import type { LiveAgentState, StateWrite } from '../../src/app/ports';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { updateSettings } from '../../src/app/settings/update-settings';
import { sameParticipant, type Participant } from '../../src/domain/participant';
import type { InMemoryLiveAgentState } from '../fakes/in-memory-live-agent-state';
import { PROJECT, World } from '../builders/world';

const TURNED_OFF_WHILE_WAITING =
  'Live agent support was turned off for this service desk, so no operator can take your request. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';
const TURNED_OFF = 'Live agent support was turned off for this service desk, so this conversation has ended. You can continue talking to the Koji assistant.';

/** The store, except that every commit touching `user`'s conversation fails the way a KVS 503 does. */
function failingFor(state: InMemoryLiveAgentState, user: Participant): LiveAgentState {
  const touches = (w: StateWrite) =>
    (w.kind === 'put-conversation' && sameParticipant(w.conversation.user, user)) || (w.kind === 'delete-conversation' && sameParticipant(w.user, user));
  return new Proxy(state, {
    get(target, property, receiver) {
      if (property === 'commit') {
        return async (writes: readonly StateWrite[]) => {
          if (writes.some(touches)) {
            throw new Error('KVS answered 503 Service Unavailable');
          }
          return target.commit(writes);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Alice on duty serving First; the others ask after her and wait. */
async function aliceBusyAndWaiting(...waiting: string[]) {
  const world = new World();
  await world.enableLiveAgents();
  const alice = await world.operator('Alice', { onDuty: true });
  const first = world.person('First');
  await world.say(first, 'operator');
  const people = waiting.map((name) => world.person(name));
  for (const p of people) await world.say(p, 'operator');
  return { world, alice, first, people };
}

describe('turning live agent support off', () => {
  it('should tell every waiting user why and offer them a ticket, end every conversation and every shift', async () => {
    const { world, alice, first, people } = await aliceBusyAndWaiting('Dana', 'Eve');
    const [dana, eve] = people as [Participant, Participant];

    await updateSettings(world.deps, PROJECT, { enabled: false });

    expect(world.lastHeard(first)).toBe(TURNED_OFF);
    expect(await world.conversationOf(first)).toBeUndefined();
    for (const waiting of [dana, eve]) {
      expect(world.chat.lastTo(waiting)).toMatchObject({ text: TURNED_OFF_WHILE_WAITING, buttons: [{ action: 'accept-ticket', label: 'Create a ticket' }] });
      expect((await world.conversationOf(waiting))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'support-disabled' });
    }
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect(world.lastHeard(alice)).toBe('Live agent support was turned off for this service desk, so you’re off duty.');

    await world.say(dana, 'ticket');
    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.lastHeard(dana)).toContain('I created ticket');
  });

  it('should leave an offered ticket open, and let it expire after a day like any other', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const offered = world.heard(bob).length;

    await updateSettings(world.deps, PROJECT, { enabled: false });
    expect((await world.conversationOf(bob))?.state.kind).toBe('ticket-offered');
    expect(world.heard(bob)).toHaveLength(offered);

    world.clock.advanceMinutes(25 * 60);
    expect((await sweepTimeouts(world.deps)).offersExpired).toBe(1);
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should wind down everyone after a user whose wind-down fails, and that user with the next sweep', async () => {
    const { world, people } = await aliceBusyAndWaiting('Dana', 'Eve', 'Finn');
    const [dana, eve, finn] = people as [Participant, Participant, Participant];

    await updateSettings({ ...world.deps, state: failingFor(world.state, eve) }, PROJECT, { enabled: false });

    for (const p of [dana, finn]) expect(world.lastHeard(p)).toBe(TURNED_OFF_WHILE_WAITING);
    expect((await world.conversationOf(eve))?.state.kind).toBe('queued');
    expect(world.log.entries).toContainEqual(expect.objectContaining({ level: 'warn', event: 'wind_down_failed' }));

    await sweepTimeouts(world.deps);

    expect(world.lastHeard(eve)).toBe(TURNED_OFF_WHILE_WAITING);
    expect((await world.conversationOf(eve))?.state.kind).toBe('ticket-offered');
  });

  it('should wind down, however many are waiting: what saving does not reach, the next sweep does', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 10 });
    for (let i = 0; i < 3; i += 1) await world.operator(`Op ${i}`, { onDuty: true });
    const users = Array.from({ length: 160 }, (_, i) => world.person(`User ${i}`));
    for (const u of users) await world.say(u, 'operator');
    const kinds = async () => Promise.all(users.map(async (u) => (await world.conversationOf(u))?.state.kind));
    expect((await kinds()).filter((k) => k === 'with-operator')).toHaveLength(30);

    await updateSettings(world.deps, PROJECT, { enabled: false });
    await sweepTimeouts(world.deps);

    const after = await kinds();
    expect(after.filter((k) => k === 'queued' || k === 'with-operator')).toEqual([]);
    expect(after.filter((k) => k === 'ticket-offered')).toHaveLength(130);
    for (const u of users) expect(world.heard(u).filter((t) => t === TURNED_OFF || t === TURNED_OFF_WHILE_WAITING)).toHaveLength(1);
  });

  it('should wind down on the next sweep what a wind-down cut short left in a project where support is off', async () => {
    const { world, alice, first, people } = await aliceBusyAndWaiting('Dana');
    const [dana] = people as [Participant];
    // Turned off behind the core's back, as if the wind-down had died right after the settings were saved.
    await world.settings.put(PROJECT, { ...(await world.settings.get(PROJECT))!, enabled: false });

    await sweepTimeouts(world.deps);

    expect(world.lastHeard(first)).toBe(TURNED_OFF);
    expect(world.lastHeard(dana)).toBe(TURNED_OFF_WHILE_WAITING);
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect([...world.state.conversations.values()].map((s) => s.value.state.kind)).toEqual(['ticket-offered']);
  });

  it('should finish a wind-down when an admin saves the settings off again', async () => {
    const { world, people } = await aliceBusyAndWaiting('Dana');
    const [dana] = people as [Participant];
    await world.settings.put(PROJECT, { ...(await world.settings.get(PROJECT))!, enabled: false });

    await updateSettings(world.deps, PROJECT, { enabled: false });

    expect(world.lastHeard(dana)).toBe(TURNED_OFF_WHILE_WAITING);
  });
});
