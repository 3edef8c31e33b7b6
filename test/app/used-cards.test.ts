import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import type { IncomingChatMessage } from '../../src/app/conversation/incoming-message';
import type { ChatActionKind } from '../../src/domain/outgoing-message';
import { TicketServiceError } from '../../src/domain/errors';
import { participantKey, type Participant } from '../../src/domain/participant';
import { World } from '../builders/world';

/** A button click as a channel adapter hands it over, for the note the card is then updated with. */
function click(world: World, from: Participant, kind: ChatActionKind, extra: Partial<IncomingChatMessage> & { value?: string } = {}): IncomingChatMessage {
  const { value, ...rest } = extra;
  return world.message(from, '', { action: { kind, value }, ...rest });
}

async function deskWithBobAtAlice() {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 1 });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  const conversationId = (await world.conversationOf(bob))!.id;
  return { world, alice, bob, conversationId };
}

describe('what a click tells its channel about the card it was on', () => {
  it('should note an operator’s ended conversation, once: a redelivery of the click gets no note', async () => {
    const { world, alice, conversationId } = await deskWithBobAtAlice();
    const end = click(world, alice, 'end-session', { conversationId });

    expect(await handleChatMessage(world.deps, end)).toEqual({ outcome: 'command', cardNote: 'Ended by you' });
    expect(await handleChatMessage(world.deps, end)).toEqual({ outcome: 'duplicate' });
  });

  it('should give no note to a click on a card whose conversation has ended, so the card is left as it is', async () => {
    const { world, alice, conversationId } = await deskWithBobAtAlice();
    await world.say(alice, 'stop');

    const late = await handleChatMessage(world.deps, click(world, alice, 'end-session', { conversationId }));

    expect(late).toEqual({ outcome: 'refused' });
  });

  it('should give no note to typed commands: there is no card to update', async () => {
    const { world, alice } = await deskWithBobAtAlice();

    expect(await handleChatMessage(world.deps, world.message(alice, 'stop'))).toEqual({ outcome: 'command' });
  });

  it('should give no note to Create ticket, made or not: the conversation carries on, and a second click adds the new lines', async () => {
    const { world, alice, bob, conversationId } = await deskWithBobAtAlice();
    world.tickets.failNext = new TicketServiceError('Jira took too long to answer (nothing within 8 s).', true);

    expect(await handleChatMessage(world.deps, click(world, alice, 'create-ticket', { conversationId }))).toEqual({ outcome: 'command' });
    expect(await handleChatMessage(world.deps, click(world, alice, 'create-ticket', { conversationId }))).toEqual({ outcome: 'command' });
    expect(world.lastHeard(alice)).toContain('Ticket SUP-1 was created');

    await world.say(bob, 'It happened again');
    expect(await handleChatMessage(world.deps, click(world, alice, 'create-ticket', { conversationId }))).toEqual({ outcome: 'command' });
    expect(world.lastHeard(alice)).toContain('Ticket SUP-1 already exists');
  });

  it('should give no note to the Forward that shows the pick list, and note the colleague a pick went to', async () => {
    const { world, alice, conversationId } = await deskWithBobAtAlice();
    const carol = await world.operator('Carol', { onDuty: true });

    expect(await handleChatMessage(world.deps, click(world, alice, 'forward', { conversationId }))).toEqual({ outcome: 'command' });
    const pick = click(world, alice, 'forward', { conversationId, value: participantKey(carol) });
    expect(await handleChatMessage(world.deps, pick)).toEqual({ outcome: 'command', cardNote: 'Forwarded to Carol' });
  });

  it('should give no note to a forward that was refused, so another colleague can be picked', async () => {
    const { world, alice, conversationId } = await deskWithBobAtAlice();
    const carol = await world.operator('Carol');

    const refused = await handleChatMessage(world.deps, click(world, alice, 'forward', { conversationId, value: participantKey(carol) }));

    expect(refused).toEqual({ outcome: 'command' });
    expect(world.lastHeard(alice)).toContain('Carol');
  });

  it('should note a user’s request for a person and leaving the queue, and nothing while live agents are off', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    const bob = world.person('Bob');

    expect(await handleChatMessage(world.deps, click(world, bob, 'request-operator'))).toEqual({ outcome: 'handoff', cardNote: 'You asked for an operator' });
    expect(await handleChatMessage(world.deps, click(world, bob, 'leave'))).toEqual({ outcome: 'left', cardNote: 'You left the queue' });

    await world.enableLiveAgents({ enabled: false });
    expect(await handleChatMessage(world.deps, click(world, bob, 'request-operator'))).toEqual({ outcome: 'refused' });
  });
});
