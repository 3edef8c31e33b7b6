import { TicketServiceError } from '../../src/domain/errors';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { badgeTicketOffered, printerConversation } from '../builders/scenes';
import { World } from '../builders/world';

const conversation = () => printerConversation({ requestTypeId: '42' });

describe('#create_ticket', () => {
  it('should create a ticket with the operator’s summary and the transcript, and tell both sides its key', async () => {
    const { world, alice, bob } = await conversation();

    await world.say(alice, '#create_ticket Floor 3 printer jams');

    const [ticket] = world.tickets.tickets;
    expect(ticket?.request).toMatchObject({
      summary: 'Floor 3 printer jams',
      projectId: '10000',
      requestTypeId: '42',
      operatorName: 'Alice',
      requester: { name: 'Bob', email: 'bob@example.com', participant: bob },
    });
    expect(ticket?.request.lines.map((l) => `${l.speakerName}: ${l.text}`)).toEqual([
      'Bob: The printer on floor 3 jams',
      'Bob: operator',
      'Alice: Which printer model?',
      'Bob: HP 4250',
    ]);
    expect(world.lastHeard(alice)).toBe('Ticket SUP-1 was created from this conversation, which goes on until you type “stop”: https://example.atlassian.net/browse/SUP-1');
    expect(world.lastHeard(bob)).toBe('Ticket SUP-1 was created from this conversation: https://example.atlassian.net/browse/SUP-1');
  });

  it('should draw the summary from the user’s first message when the operator gives none', async () => {
    const { world, alice } = await conversation();

    await world.click(alice, 'create-ticket');

    expect(world.tickets.tickets[0]?.request.summary).toBe('The printer on floor 3 jams');
  });

  it('should not make a second ticket, but add what was said since as a comment', async () => {
    const { world, alice, bob } = await conversation();
    await world.say(alice, '#create_ticket');
    await world.say(bob, 'It also smells of smoke');

    await world.say(alice, '#create_ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.tickets.tickets[0]?.comments.map((c) => c.map((l) => l.text))).toEqual([['It also smells of smoke']]);
    expect(world.lastHeard(alice)).toBe('Ticket SUP-1 already exists, so I added the 1 new message to it as a comment.');
  });

  it('should put on the ticket, in the next comment, what was said while Jira was creating it', async () => {
    const { world, alice, bob } = await conversation();
    world.tickets.whileCreating = () => world.say(bob, 'It also smells of smoke');

    await world.say(alice, '#create_ticket');
    await world.say(alice, 'stop');

    expect(world.tickets.tickets[0]?.request.lines.map((l) => l.text)).not.toContain('It also smells of smoke');
    expect(world.tickets.tickets[0]?.comments.flat().map((l) => l.text)).toContain('It also smells of smoke');
  });

  it('should add what was said after the ticket as a comment when the conversation ends', async () => {
    const { world, alice, bob } = await conversation();
    await world.say(alice, '#create_ticket');
    await world.say(alice, 'A technician is on the way');

    await world.say(alice, 'stop');

    const comments = world.tickets.tickets[0]?.comments ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.map((l) => l.text)).toEqual(['A technician is on the way', 'Alice ended the conversation.']);
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should tell the operator why the ticket failed, keep the transcript, and succeed once it is fixed', async () => {
    const { world, alice, bob } = await conversation();
    world.tickets.failNext = new TicketServiceError('Koji may not create requests in this service desk (403). Ask a Jira admin to add the app to the project.', false);

    await world.say(alice, '#create_ticket');

    expect(world.lastHeard(alice)).toBe(
      'I couldn’t create the ticket: Koji may not create requests in this service desk (403). Ask a Jira admin to add the app to the project. The conversation is kept: once that is fixed, #create_ticket makes the ticket with all of it.',
    );
    expect(world.heard(bob)).toEqual([]);
    expect(world.tickets.tickets).toEqual([]);

    await world.say(alice, '#create_ticket');
    expect(world.tickets.tickets[0]?.request.lines).toHaveLength(4);
  });

  it('should tell the operator to try again only when trying again can help', async () => {
    const { world, alice } = await conversation();
    world.tickets.failNext = new TicketServiceError('Jira took too long to answer (nothing within 8 s).', true);

    await world.say(alice, '#create_ticket');

    expect(world.lastHeard(alice)).toBe(
      'I couldn’t create the ticket: Jira took too long to answer (nothing within 8 s). The conversation is kept, so you can try again in a moment.',
    );
  });

  it('should say the new messages were not added, not that the ticket failed, when a second #create_ticket cannot comment', async () => {
    const { world, alice, bob } = await conversation();
    await world.say(alice, '#create_ticket');
    await world.say(bob, 'It also smells of smoke');
    world.tickets.failNext = new TicketServiceError('Jira is not answering properly right now (503).', true);

    await world.say(alice, '#create_ticket');

    expect(world.lastHeard(alice)).toBe(
      'I couldn’t add the 1 new message to ticket SUP-1: Jira is not answering properly right now (503). They are kept, so #create_ticket again adds them.',
    );
    await world.say(alice, '#create_ticket');
    expect(world.tickets.tickets[0]?.comments.map((c) => c.map((l) => l.text))).toEqual([['It also smells of smoke']]);
  });

  it('should tell the operator, not just a log, when the end of the conversation could not go on the ticket', async () => {
    const { world, alice, bob } = await conversation();
    await world.say(alice, '#create_ticket');
    await world.say(bob, 'Thanks!');
    world.tickets.failNext = new TicketServiceError('Jira is not answering properly right now (503).', true);

    await world.say(alice, 'stop');

    expect(world.heard(alice)).toContain(
      'I couldn’t add the end of your conversation with Bob to ticket SUP-1: Jira is not answering properly right now (503). Nothing is lost: the Koji panel on SUP-1 shows the whole conversation.',
    );
  });

  it('should put what was said while Jira worked on the ticket even when the conversation ended meanwhile', async () => {
    const { world, alice, bob } = await conversation();
    world.tickets.whileCreating = async () => {
      await world.say(bob, 'Never mind, it works now');
      await world.say(bob, 'stop');
    };

    await world.say(alice, '#create_ticket');

    expect(world.tickets.tickets[0]?.comments.flat().map((l) => l.text)).toEqual(['Never mind, it works now', 'Bob ended the conversation.']);
  });

  it('should make the summary one line of at most 255 characters', async () => {
    const { world, alice } = await conversation();

    await world.say(alice, `#create_ticket Printer\njams ${'x'.repeat(300)}`);

    const summary = world.tickets.tickets[0]?.request.summary ?? '';
    expect(summary).not.toMatch(/\n/);
    expect(summary.length).toBeLessThanOrEqual(255);
    expect(summary.startsWith('Printer jams xxx')).toBe(true);
  });

  it('should create the ticket without an e-mail when the user’s profile is unavailable', async () => {
    const { world, alice } = await conversation();
    world.chat.profiles.clear();

    await world.say(alice, '#create_ticket');

    expect(world.tickets.tickets[0]?.request.requester).toMatchObject({ name: 'Bob', email: undefined });
  });

  it('should refuse #create_ticket from someone without the role', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const mallory = world.person('Mallory');

    await world.say(mallory, '#create_ticket please');

    expect(world.lastHeard(mallory)).toContain('Only live agents can use operator commands');
    expect(world.tickets.tickets).toEqual([]);
  });
});

describe('a ticket for a user nobody could serve', () => {
  it('should create a ticket from the user’s own messages when they accept the offer', async () => {
    const { world, bob } = await badgeTicketOffered();

    await world.say(bob, 'ticket');

    expect(world.tickets.tickets[0]?.request).toMatchObject({ summary: 'My badge does not open door B', operatorName: undefined });
    expect(world.tickets.tickets[0]?.request.lines.map((l) => l.text)).toEqual(['My badge does not open door B', 'operator']);
    expect(world.lastHeard(bob)).toContain('I created ticket SUP-1 from your messages');
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should close the offer when the user moves on, so a later “ok” opens no ticket', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(bob, 'How do I reset my password?');
    await world.say(bob, 'ok');

    expect(world.tickets.tickets).toEqual([]);
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should accept the offer from the button', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.click(bob, 'accept-ticket');

    expect(world.tickets.tickets).toHaveLength(1);
  });

  it('should let the user decline the offer and go back to the bot', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(bob, 'cancel');

    expect(world.lastHeard(bob)).toBe('All right, no ticket. You’re back with the Koji assistant.');
    expect(world.tickets.tickets).toEqual([]);
  });

  it('should tell the user when the ticket could not be created, keeping the offer open', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.tickets.failNext = new TicketServiceError('Jira is not answering right now.', true);

    await world.say(bob, 'ticket');

    expect(world.lastHeard(bob)).toBe(
      'I couldn’t create a ticket just now because the service desk isn’t answering. Please try again in a few minutes: reply “ticket” or use the button.',
    );
    await world.say(bob, 'ticket');
    expect(world.tickets.tickets).toHaveLength(1);
  });

  it('should not show the user the reason meant for a Jira admin, nor ask them to retry what cannot work', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.tickets.failNext = new TicketServiceError('Koji is not allowed to create requests in this service desk (403). Ask a Jira admin to check the app’s access to the project.', false);

    await world.say(bob, 'ticket');

    expect(world.lastHeard(bob)).toBe('The service desk can’t take tickets from this chat right now, so I couldn’t create one. Please contact the service desk another way.');
    expect(world.log.entries).toContainEqual(expect.objectContaining({ event: 'ticket_not_created', fields: expect.objectContaining({ reason: expect.stringContaining('(403)') }) }));
  });

  it('should route the user to an operator who came on duty if they ask again instead', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.operator('Alice', { onDuty: true });

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toContain('You’re now talking to Alice');
  });
});

describe('the ticket of a conversation that closes without an operator', () => {
  /**
   * Alice makes the ticket, then goes off duty while Carol, also on duty, is busy with Dana: Bob is back in the
   * queue with the ticket, and writes more.
   */
  async function handedBackWithTicket() {
    const { world, alice, bob } = await conversation();
    await world.say(alice, '#create_ticket');
    await world.operator('Carol', { onDuty: true });
    await world.say(world.person('Dana'), 'operator');
    await world.say(alice, '#off');
    await world.say(bob, 'Is anyone there?');
    return { world, bob };
  }

  const commented = (world: World) => world.tickets.tickets[0]?.comments.flat().map((l) => l.text) ?? [];

  it('should add what the user said since to the ticket when they leave the queue', async () => {
    const { world, bob } = await handedBackWithTicket();

    await world.say(bob, 'cancel');

    expect(commented(world)).toContain('Is anyone there?');
  });

  it('should add what the user said since to the ticket when live agent support is switched off', async () => {
    const { world } = await handedBackWithTicket();

    await world.enableLiveAgents({ enabled: false });

    expect(commented(world)).toContain('Is anyone there?');
  });

  it('should add what the user said since to the ticket when the offer made after the queue timeout expires', async () => {
    const { world } = await handedBackWithTicket();
    world.clock.advanceMinutes(60);
    await sweepTimeouts(world.deps);
    world.clock.advanceMinutes(25 * 60);

    expect((await sweepTimeouts(world.deps)).offersExpired).toBe(1);

    expect(commented(world)).toContain('Is anyone there?');
  });

  it('should add what the user said since to the ticket when they move on from the offer to the bot', async () => {
    const { world, bob } = await handedBackWithTicket();
    world.clock.advanceMinutes(60);
    await sweepTimeouts(world.deps);

    await world.say(bob, 'How do I reset my password?');

    expect(commented(world)).toContain('Is anyone there?');
  });

  it('should add to the existing ticket, not make another, when the user then accepts the offer', async () => {
    const { world, bob } = await handedBackWithTicket();
    world.clock.advanceMinutes(60);
    await sweepTimeouts(world.deps);

    await world.say(bob, 'ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(commented(world)).toContain('Is anyone there?');
    expect(world.lastHeard(bob)).toBe('Your messages were added to ticket SUP-1; the service desk will get back to you there: https://example.atlassian.net/browse/SUP-1');
  });
});
