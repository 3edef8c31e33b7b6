import { liveActivity } from '../../src/app/settings/live-activity';
import { participantKey, type Participant } from '../../src/domain/participant';
import { PROJECT, World } from '../builders/world';

/**
 * Someone the chat platform says can't be reached any more (deactivated, bot
 * removed from the chat, app blocked or uninstalled): nobody may be left
 * waiting on them.
 */
function goes(world: World, who: Participant, reason: string): void {
  world.chat.gone.set(participantKey(who), reason);
}

async function queueOrder(world: World): Promise<string[]> {
  return (await world.state.conversationsInState(PROJECT, 'queued')).items.map((s) => s.value.userName);
}

describe('an operator who can’t be reached any more', () => {
  it('should be taken off duty when a user’s message can’t reach them, and the user handed to another operator with what they wrote', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });
    goes(world, alice, 'account_inactive');

    expect(await world.say(bob, 'My VPN drops every hour')).toBe('relay-failed');

    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', assignments: [], unreachable: { at: world.clock.now(), reason: 'account_inactive' } });
    expect(world.heard(bob)).toContain('Alice can’t be reached any more. You’re first in line for the next free operator.');
    expect(world.lastHeard(bob)).toContain('talking to Carol');
    expect(world.chat.messagesTo(carol).find((m) => m.kind === 'request')?.excerpt?.map((l) => l.text)).toContain('My VPN drops every hour');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
  });

  it('should hand their users back ahead of users who asked later', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    // Erin is on duty but busy with Eve, so Dana waits and there is a queue to be handed back to.
    world.clock.advanceMinutes(1);
    await world.operator('Erin', { onDuty: true });
    await world.say(world.person('Eve'), 'operator');
    await world.say(dana, 'operator');
    goes(world, alice, 'channel_not_found');

    await world.say(bob, 'Still there?');

    expect(await queueOrder(world)).toEqual(['Bob', 'Dana']);
    expect(world.lastHeard(bob)).toBe('Alice can’t be reached any more. You’re first in line for the next free operator.');
    const carol = await world.operator('Carol', { onDuty: true });
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    expect(world.chat.messagesTo(carol).filter((m) => m.kind === 'request')).toHaveLength(1);
  });

  it('should be taken off duty when the request for a user can’t reach them, and the user go to the next operator', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    world.clock.advanceMinutes(1);
    const carol = await world.operator('Carol', { onDuty: true });
    goes(world, alice, 'not_in_channel');
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.operatorRecord(alice))?.duty).toBe('off');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Carol' });
    expect(world.chat.messagesTo(carol).filter((m) => m.kind === 'request')).toHaveLength(1);
    const transcript = await world.transcripts.read((await world.conversationOf(bob))!.id);
    expect(transcript.map((l) => l.text)).toContain(
      'Alice could not be reached (Slack says not_in_channel) and was taken off duty; the conversation went back to the queue.',
    );
  });

  it('should stop at nobody when every operator on duty is gone, offering the user a ticket as a new request gets then', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    goes(world, alice, 'user_disabled');
    goes(world, carol, '403 ConversationBlockedByUser');
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.operatorRecord(alice))?.duty).toBe('off');
    expect((await world.operatorRecord(carol))?.duty).toBe('off');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'no-operator-on-duty' });
    expect(world.lastHeard(bob)).toMatch(
      /^(Alice|Carol) can’t be reached any more\. No other operator is on duty right now, so nobody can take over this chat\. I can create a ticket from your messages/,
    );
  });

  it('should stay on duty through a failure that may pass, and be taken off only once the platform says they are gone', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.chat.unreachable.add(participantKey(alice));

    await world.say(bob, 'Hello?');

    expect((await world.operatorRecord(alice))?.duty).toBe('on');
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');

    world.chat.unreachable.clear();
    goes(world, alice, 'is_archived');
    await world.say(bob, 'Hello??');

    expect((await world.operatorRecord(alice))?.duty).toBe('off');
    // Nobody else is on duty: Bob gets the ticket offer a new request would get.
    expect((await world.conversationOf(bob))?.state.kind).toBe('ticket-offered');
  });

  it('should show on the Overview who was taken off duty, when and why, until they come back on duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    goes(world, alice, 'account_inactive');
    await world.say(bob, 'Hello?');
    const takenAt = world.clock.now();

    expect((await liveActivity(world.deps, PROJECT)).takenOffDuty).toEqual([{ name: 'Alice', channel: 'slack', at: takenAt, reason: 'account_inactive' }]);

    world.chat.gone.clear();
    await world.say(alice, '#on');

    expect((await liveActivity(world.deps, PROJECT)).takenOffDuty).toEqual([]);
    expect((await world.operatorRecord(alice))?.unreachable).toBeUndefined();
  });
});

describe('a user who can’t be reached any more', () => {
  it('should have their conversation ended, and their operator told and freed, when the operator’s reply can’t reach them', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const conversation = (await world.conversationOf(bob))!.id;
    goes(world, bob, 'user_disabled');

    expect(await world.say(alice, 'Try restarting')).toBe('relay-failed');

    expect(world.lastHeard(alice)).toBe('Bob can’t be reached on Slack any more, so your conversation with them has ended. You’re free for the next user.');
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    expect((await world.operatorRecord(alice))?.duty).toBe('on');
    const transcript = await world.transcripts.read(conversation);
    expect(transcript.map((l) => l.text)).toEqual(expect.arrayContaining(['Try restarting', 'The conversation was closed because Bob could no longer be reached on Slack.']));
  });

  it('should leave the queue when what Koji tells them while they wait can’t reach them', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    goes(world, dana, 'is_archived');

    await world.say(dana, 'operator');

    expect(await world.conversationOf(dana)).toBeUndefined();
    expect(await queueOrder(world)).toEqual([]);
  });
});
