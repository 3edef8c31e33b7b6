import { putOffDuty } from '../../src/app/duty/set-duty-status';
import { loadSettings } from '../../src/app/settings/project-settings';
import { liveActivity } from '../../src/app/settings/live-activity';
import type { Participant } from '../../src/domain/participant';
import { SEEDS, seededYields } from '../builders/interleaving';
import { PROJECT, World } from '../builders/world';

/**
 * A Jira admin puts an operator off duty from the backoffice's Overview. It is the operator's own `#off` (the same
 * hand-back, the same words to their users, the ticket offer when nobody else is on duty), but the operator is
 * told an administrator did it and how to come back; and it holds up against their own `#off` and a user being
 * connected to them at the same moment.
 */
const PUT_OFF = 'An administrator put you off duty in the Koji backoffice.';
const COME_BACK = 'Type #on when you’re ready to take users again.';
const OFFER = 'No other operator is on duty right now, so nobody can take over this chat. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

async function putOff(world: World, operator: Participant, projectId = PROJECT) {
  return putOffDuty(world.deps, operator, projectId, await loadSettings(world.deps, projectId));
}

/** Alice on duty serving Bob; Carol on duty and busy with Dana; Erin waiting. */
async function aliceServingBob(options: { carol?: boolean } = {}) {
  const world = new World();
  await world.enableLiveAgents();
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob', { channel: 'teams', tenantId: 'tenant-b' });
  await world.say(bob, 'operator');
  await world.say(bob, 'My VPN drops every hour');
  if (!options.carol) return { world, alice, bob };
  const carol = await world.operator('Carol', { onDuty: true });
  const dana = world.person('Dana');
  await world.say(dana, 'operator');
  world.clock.advanceMs(1_000);
  const erin = world.person('Erin');
  await world.say(erin, 'operator');
  return { world, alice, bob, carol, dana, erin };
}

describe('an admin putting an operator off duty', () => {
  it('should hand their user back ahead of later arrivals, as #off does, and tell the operator who did it and how to come back', async () => {
    const { world, alice, bob, erin } = await aliceServingBob({ carol: true });

    expect(await putOff(world, alice)).toBe('put-off-duty');

    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect(world.lastHeard(bob)).toBe('Alice had to leave. You’re first in line for the next free operator.');
    expect(world.lastHeard(alice)).toBe(`${PUT_OFF} Your conversation with Bob was handed to another operator or back to the queue. 2 users are still waiting. ${COME_BACK}`);
    // Bob asked before Erin: he is served first when Carol frees up.
    await world.say(world.person('Dana'), 'stop');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    expect((await world.conversationOf(erin!))?.state.kind).toBe('queued');
    const transcript = await world.transcripts.read((await world.conversationOf(bob))!.id);
    expect(transcript.map((l) => l.text)).toContain('An administrator put Alice off duty; the conversation went back to the queue.');
  });

  it('should offer their user a ticket when nobody else is on duty, as #off does', async () => {
    const { world, alice, bob } = await aliceServingBob();

    await putOff(world, alice);

    expect(world.lastHeard(bob)).toBe(`Alice had to leave. ${OFFER}`);
    expect(world.chat.lastTo(bob)?.buttons).toEqual([{ action: 'accept-ticket', label: 'Create a ticket' }]);
    expect(world.lastHeard(alice)).toBe(`${PUT_OFF} No other operator is on duty, so Bob was offered a ticket instead. ${COME_BACK}`);
  });

  it('should tell an operator with nobody to hand back only that, and send them no users until they come back with #on', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    await putOff(world, alice);
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    expect(world.lastHeard(alice)).toBe(`${PUT_OFF} ${COME_BACK}`);
    expect((await world.conversationOf(bob))?.state.kind).toBe('ticket-offered');
    await world.say(alice, '#on');
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });

  it('should change nothing and tell nobody when the operator is already off duty, or has no role in this project', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');
    const heard = world.chat.sent.length;

    expect(await putOff(world, alice)).toBe('already-off-duty');
    expect(await putOff(world, world.person('Zed'))).toBe('not-an-operator');
    expect(await putOff(world, alice, 'another-project')).toBe('not-an-operator');

    expect(world.chat.sent.length).toBe(heard);
  });

  it('should list who is on duty with their shift’s start, so the Overview can name whom to put off', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 3 });
    const alice = await world.operator('Alice', { onDuty: true });
    const startedAt = (await world.operatorRecord(alice))?.idleSince;

    const { onDuty } = await liveActivity(world.deps, PROJECT);

    expect(onDuty.rows).toEqual([{ name: 'Alice', ...alice, since: startedAt, load: 0, offers: 0, capacity: 3 }]);
    expect(startedAt).toEqual(expect.any(Number));
  });
});

describe('an admin putting an operator off duty, racing', () => {
  it.each(SEEDS)('their own #off: one of them hands Bob back, he is told once, and Alice hears one off-duty story (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    const before = world.heard(alice).length;

    const [, byAdmin] = await Promise.all([world.say(alice, '#off'), putOff(world, alice)]);

    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [] });
    expect(world.heard(bob).filter((t) => t.startsWith('Alice had to leave.'))).toHaveLength(1);
    expect((await world.conversationOf(bob))?.state.kind).toBe('queued');
    const told = world.heard(alice).slice(before);
    if (byAdmin === 'put-off-duty') {
      // The admin's release handed Bob back; her own #off, a moment late, hears only that she already is.
      expect(told.filter((t) => t.startsWith(PUT_OFF))).toHaveLength(1);
      expect(told).toEqual(expect.arrayContaining(['You’re already off duty. Type #on to start your shift.']));
      expect(told).toHaveLength(2);
    } else {
      expect(byAdmin).toBe('already-off-duty');
      expect(told).toEqual([expect.stringMatching(/^You’re off duty\. Your conversation with Bob was/)]);
    }
  });

  it.each(SEEDS)('a user being connected to the operator: the user ends up queued or offered a ticket, told once, never held by someone off duty (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await Promise.all([world.say(bob, 'operator'), putOff(world, alice)]);

    const record = await world.operatorRecord(alice);
    expect(record).toMatchObject({ duty: 'off', assignments: [] });
    const state = (await world.conversationOf(bob))?.state;
    expect(state?.kind).toBe('ticket-offered');
    const heard = world.heard(bob);
    // Either asked after she was off (the offer a new request gets), or connected first and then handed back with it.
    expect(heard.filter((t) => t.includes('I can create a ticket from your messages'))).toHaveLength(1);
    expect(heard.filter((t) => t.startsWith('You’re now talking to')).length).toBe(heard.filter((t) => t.startsWith('Alice had to leave.')).length);
    for (const op of [...world.state.operators.values()].map((o) => o.value)) {
      if (op.duty === 'off') expect(op.assignments).toEqual([]);
    }
  });
});
