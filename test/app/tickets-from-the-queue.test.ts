import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import { TicketServiceError } from '../../src/domain/errors';
import { printerConversation } from '../builders/scenes';
import type { World } from '../builders/world';
import type { Participant } from '../../src/domain/participant';

/**
 * Inside Slack's web trigger (3 s to answer) #create_ticket waits on Jira from
 * the queue, not inline. The job names the conversation it was typed in: it
 * never makes a ticket from one that ended meanwhile, nor from the next one
 * the operator took.
 */
function sayFromSlackTrigger(world: World, from: Participant, text: string) {
  return handleChatMessage({ ...world.deps, deferSlowWork: true }, world.message(from, text)).then((handled) => handled.outcome);
}

describe('#create_ticket from a web trigger that can’t wait for Jira', () => {
  it('should answer at once and make the ticket from the queue', async () => {
    const { world, alice, bob } = await printerConversation();

    expect(await sayFromSlackTrigger(world, alice, '#create_ticket Floor 3 printer jams')).toBe('command');
    expect(world.tickets.tickets).toEqual([]);

    await world.runQueue();

    expect(world.tickets.tickets.map((t) => t.request.summary)).toEqual(['Floor 3 printer jams']);
    expect(world.lastHeard(bob)).toMatch(/^Ticket SUP-1 was created from this conversation/);
  });

  it('should make no ticket when the conversation ended before the job ran, and tell the operator', async () => {
    const { world, alice, bob } = await printerConversation();

    await sayFromSlackTrigger(world, alice, '#create_ticket');
    await world.say(bob, 'stop');
    const carol = world.person('Carol');
    await world.say(carol, 'operator');
    await world.runQueue();

    expect(world.tickets.tickets).toEqual([]);
    expect(world.lastHeard(alice)).toBe('The conversation with Bob ended before the ticket was made, so no ticket was created from it.');
    expect(world.heard(carol).some((t) => t.includes('Ticket'))).toBe(false);
  });

  it('should try again later when Jira fails for a passing reason, and tell the operator only when it keeps failing', async () => {
    const { world, alice } = await printerConversation();
    world.tickets.failNext = new TicketServiceError('Jira answered 503.', true);

    await sayFromSlackTrigger(world, alice, '#create_ticket');
    await world.runQueue();

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.heard(alice).some((t) => t.startsWith('I couldn’t create the ticket'))).toBe(false);
  });

  it('should tell the operator after the last try when Jira keeps failing', async () => {
    const { world, alice } = await printerConversation();
    world.tickets.failAlways = new TicketServiceError('Jira answered 503.', true);

    await sayFromSlackTrigger(world, alice, '#create_ticket');
    await world.runQueue();

    expect(world.outbox.ticketDelays).toEqual([0, 5, 10, 20]);
    expect(world.tickets.tickets).toHaveLength(0);
    expect(world.heard(alice)).toEqual(['I couldn’t create the ticket: Jira answered 503. The conversation is kept, so you can try again in a moment.']);
  });

  it('should make one ticket when Slack retries the command', async () => {
    const { world, alice } = await printerConversation();
    const message = world.message(alice, '#create_ticket');

    await handleChatMessage({ ...world.deps, deferSlowWork: true }, message);
    expect((await handleChatMessage({ ...world.deps, deferSlowWork: true }, message)).outcome).toBe('duplicate');
    await world.runQueue();

    expect(world.tickets.tickets).toHaveLength(1);
  });
});
