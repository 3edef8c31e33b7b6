import { personLeft } from '../../src/app/duty/person-left';
import { revokeOperatorRole } from '../../src/app/settings/manage-operator-role';
import { disconnectTenant } from '../../src/app/tenants/disconnect-tenant';
import { participantKey, type Participant } from '../../src/domain/participant';
import { PROJECT, World } from '../builders/world';

/**
 * A user whose operator leaves while nobody else is on duty has no one to wait for: they get the ticket offer a
 * new request gets then, not a place in a queue nobody serves. Every way an operator hands their users back is
 * here, and the operator's own line tells the same story.
 */
const OFFER = 'No other operator is on duty right now, so nobody can take over this chat. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

/** Alice, the only operator on duty, serving Bob (of a Teams tenant), who told her about his VPN. */
async function bobWithAlice() {
  const world = new World();
  await world.enableLiveAgents();
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob', { channel: 'teams', tenantId: 'tenant-b' });
  await world.say(bob, 'operator');
  await world.say(bob, 'My VPN drops every hour');
  return { world, alice, bob };
}

describe('a user handed back while nobody is on duty', () => {
  it.each<[string, string, (world: World, alice: Participant, bob: Participant) => Promise<unknown>]>([
    ['their operator goes off duty', 'Alice had to leave.', (world, alice) => world.say(alice, '#off')],
    ['their operator’s role is removed', 'Alice is no longer available.', (world, alice) => revokeOperatorRole(world.deps, alice)],
    [
      'their operator can’t be reached any more',
      'Alice can’t be reached any more.',
      async (world, alice, bob) => {
        world.chat.gone.set(participantKey(alice), 'account_inactive');
        await world.say(bob, 'Hello?');
      },
    ],
    ['their operator removed the app', 'Alice can’t be reached any more.', (world, alice) => personLeft(world.deps, alice, PROJECT)],
    [
      'their operator’s Slack workspace is disconnected',
      'Alice is no longer available: an administrator disconnected their Slack workspace from Koji.',
      (world) => disconnectTenant(world.deps, { projectId: PROJECT, channel: 'slack', tenantId: 'T1' }),
    ],
  ])('should be offered a ticket, as a new request is, when %s', async (_when, why, leave) => {
    const { world, alice, bob } = await bobWithAlice();

    await leave(world, alice, bob);

    const told = world.chat.lastTo(bob);
    expect(told?.text).toBe(`${why} ${OFFER}`);
    expect(told?.buttons).toEqual([{ action: 'accept-ticket', label: 'Create a ticket' }]);
    expect(world.heard(bob).some((t) => t.includes('in line') || t.includes('in the queue'))).toBe(false);
    const conversation = await world.conversationOf(bob);
    expect(conversation?.state).toMatchObject({ kind: 'ticket-offered', reason: 'no-operator-on-duty' });
    // The transcript, which the ticket and the panel show, says where he went from the queue.
    expect((await world.transcripts.read(conversation!.id)).at(-1)).toMatchObject({ role: 'system', text: 'No other operator was on duty, so Bob was offered a ticket.' });

    // Exactly what someone asking now hears, offer and button alike.
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    expect(world.chat.lastTo(dana)).toMatchObject({ text: expect.stringContaining('I can create a ticket from your messages'), buttons: told?.buttons });
    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'no-operator-on-duty' });
  });

  it('should get one ticket with the whole conversation when they take up the offer', async () => {
    const { world, alice, bob } = await bobWithAlice();
    await world.say(alice, 'Which client do you use?');
    await world.say(alice, '#off');

    await world.click(bob, 'accept-ticket', { conversationId: (await world.conversationOf(bob))?.id });
    await world.runQueue();

    expect(world.tickets.tickets).toHaveLength(1);
    expect(JSON.stringify(world.tickets.tickets[0])).toContain('My VPN drops every hour');
    expect(JSON.stringify(world.tickets.tickets[0])).toContain('Which client do you use?');
    expect(world.lastHeard(bob)).toMatch(/^I created ticket SUP-1 from your messages/);
    expect(await world.conversationOf(bob)).toBeUndefined();
    // Alice served him, though nobody held the conversation when it ended: the ticket and the History say so.
    expect(world.tickets.tickets[0]?.request).toMatchObject({ servedByName: 'Alice' });
    expect(world.tickets.tickets[0]?.request.operatorName).toBeUndefined();
    const [entry] = (await world.history.find({ projectId: PROJECT, limit: 5 })).items;
    expect(entry).toMatchObject({ operatorName: 'Alice', ticket: { key: 'SUP-1' } });
  });

  it('should keep in the History the operator who passed the conversation to the queue, when the user then leaves it', async () => {
    const { world, alice, bob } = await bobWithAlice();
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    await world.say(alice, 'forward_operator anyone');
    await world.click(bob, 'leave');

    const entries = (await world.history.find({ projectId: PROJECT, limit: 5 })).items;
    expect(entries.find((e) => e.userName === 'Bob')).toMatchObject({ operatorName: 'Alice', ending: 'left-queue' });
  });

  it('should be taken by an operator who came on duty if they ask again, in the same conversation', async () => {
    const { world, alice, bob } = await bobWithAlice();
    const before = (await world.conversationOf(bob))?.id;
    await world.say(alice, '#off');
    const carol = await world.operator('Carol', { onDuty: true });

    await world.say(bob, 'operator');

    expect(await world.conversationOf(bob)).toMatchObject({ id: before, state: { kind: 'with-operator', operatorName: 'Carol' } });
    expect(world.chat.lastTo(carol)?.excerpt?.map((l) => l.text)).toContain('My VPN drops every hour');
  });

  it('should tell the operator going off duty that their user was offered a ticket, not queued', async () => {
    const { world, alice } = await bobWithAlice();

    await world.say(alice, '#off');

    expect(world.lastHeard(alice)).toBe('You’re off duty. No other operator is on duty, so Bob was offered a ticket instead.');
  });

  it('should still be queued, at the front, while another operator is on duty but busy', async () => {
    const { world, alice, bob } = await bobWithAlice();
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');

    await world.say(alice, '#off');

    expect(world.lastHeard(bob)).toBe('Alice had to leave. You’re first in line for the next free operator.');
    expect((await world.conversationOf(bob))?.state.kind).toBe('queued');
    expect(world.lastHeard(alice)).toBe('You’re off duty. Your conversation with Bob was handed to another operator or back to the queue. 1 user is still waiting.');
  });

  it('should be offered a ticket when the disconnected workspace’s operators were all that was on duty, however many', async () => {
    const { world, alice, bob } = await bobWithAlice();
    // Bruno, of the same workspace, is on duty and free: he goes with it.
    await world.operator('Bruno', { onDuty: true });

    await disconnectTenant(world.deps, { projectId: PROJECT, channel: 'slack', tenantId: 'T1' });

    expect(world.heard(bob).at(-1)).toBe(`Alice is no longer available: an administrator disconnected their Slack workspace from Koji. ${OFFER}`);
    expect(world.lastHeard(alice)).toBe(
      'An administrator disconnected this Slack workspace from Koji, so you’re off duty and no longer a live agent. No other operator is on duty, so Bob was offered a ticket instead.',
    );
  });
});
