import type { CreatedTicket, TicketRequest } from '../../src/app/ports';
import { badgeTicketOffered, printerConversation } from '../builders/scenes';
import type { World } from '../builders/world';

/**
 * An earlier attempt made the conversation's ticket with its first `linesOnTicket` lines and
 * stopped before the conversation knew (a retried invocation, a process that died): the ticket
 * service hands that ticket back, marked as existing, as the JSM adapter does.
 */
function earlierAttemptMadeTheTicket(world: World, linesOnTicket: number): void {
  const fake = world.tickets;
  const create = fake.createTicket.bind(fake);
  fake.createTicket = async (request: TicketRequest): Promise<CreatedTicket> => {
    const made = await create({ ...request, lines: request.lines.slice(0, linesOnTicket) });
    return { ...made, existing: true, linesIncluded: linesOnTicket };
  };
}

describe('a ticket an earlier attempt already made', () => {
  const conversation = printerConversation;

  it('should add the lines the ticket lacks as a comment, and give both sides the ticket nobody was told of', async () => {
    const { world, alice, bob } = await conversation();
    earlierAttemptMadeTheTicket(world, 2);
    const sessionId = (await world.conversationOf(bob))!.id;

    await world.say(alice, '#create_ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.tickets.tickets[0]?.comments.map((c) => c.map((l) => l.text))).toEqual([['Which printer model?', 'HP 4250']]);
    expect(world.heard(alice)).toEqual([
      'Ticket SUP-1 was created from this conversation, which goes on until you type “stop”: https://example.atlassian.net/browse/SUP-1',
      'Ticket SUP-1 already exists, so I added the 2 new messages to it as a comment.',
    ]);
    expect(world.heard(bob)).toEqual([expect.stringContaining('https://example.atlassian.net/browse/SUP-1')]);
    const transcript = await world.transcripts.read(sessionId);
    expect(transcript.filter((l) => l.text === 'Ticket SUP-1 was created from this conversation.')).toHaveLength(1);
    expect((await world.conversationOf(bob))?.ticket?.key).toBe('SUP-1');
  });

  it('should not put those lines on the ticket twice when the conversation ends', async () => {
    const { world, alice, bob } = await conversation();
    earlierAttemptMadeTheTicket(world, 2);
    await world.say(alice, '#create_ticket');
    await world.say(bob, 'Thanks');

    await world.say(alice, 'stop');

    const onTicket = [...(world.tickets.tickets[0]?.request.lines ?? []), ...(world.tickets.tickets[0]?.comments.flat() ?? [])].map((l) => l.text);
    expect(onTicket.filter((t) => t === 'Which printer model?')).toHaveLength(1);
    expect(onTicket.filter((t) => t === 'HP 4250')).toHaveLength(1);
    expect(onTicket).toContain('Thanks');
  });

  it('should tell a user who accepts the offer that their messages were added to the ticket, and add the missing ones', async () => {
    const { world, bob } = await badgeTicketOffered();
    earlierAttemptMadeTheTicket(world, 1);

    await world.say(bob, 'ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.tickets.tickets[0]?.comments.flat().map((l) => l.text)).toContain('operator');
    expect(world.lastHeard(bob)).toContain('Your messages were added to ticket SUP-1');
    expect(world.heard(bob).join('\n')).not.toContain('I created ticket');
  });
});
