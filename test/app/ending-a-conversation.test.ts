import { closeWithoutOperator, leaveQueue } from '../../src/app/conversation/end-conversation';
import { aliceServingBobAndDana, connectedPair } from '../builders/scenes';
import { World } from '../builders/world';

describe('ending a conversation', () => {
  it.each(['stop', '#exit', 'STOP', '# exit'])(
    'should close the conversation when the operator types %p, telling the user they are back with the bot',
    async (typed) => {
      const { world, alice, bob } = await connectedPair();

      await world.say(alice, typed);

      expect(world.heard(bob)).toEqual(['Alice closed the conversation. You can continue talking to the Koji assistant.', expect.stringMatching(/^How did \w+ do\?/)]);
      expect(world.lastHeard(alice)).toBe('Your conversation with Bob has ended. You’re free for the next user.');
      expect(await world.conversationOf(bob)).toBeUndefined();
      expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    },
  );

  it('should close the conversation with the End conversation button', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);

    await world.click(alice, 'end-session', { conversationId: conversation!.id });

    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should send the user back to the bot after the conversation closed', async () => {
    const { world, alice, bob } = await connectedPair();
    await world.say(alice, 'stop');
    world.chat.clear();

    await world.say(bob, 'How do I reset my password?');

    expect(world.heard(alice)).toEqual([]);
    expect(world.lastHeard(bob)).toContain('I’m the Koji assistant');
  });

  it('should connect the next waiting user to the freed operator at once', async () => {
    const { world, alice } = await connectedPair();
    const dana = world.person('Dana');
    await world.say(dana, 'operator');

    await world.say(alice, 'stop');

    expect(world.lastHeard(dana)).toContain('You’re now talking to Alice');
    expect(world.chat.lastTo(alice)?.text).toContain('Dana (Slack) wants to talk');
  });

  it('should let the user end the conversation, telling the operator', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(bob, 'stop');

    expect(world.heard(bob).slice(-2)).toEqual(['You ended the conversation with Alice. You’re back with the Koji assistant.', expect.stringMatching(/^How did \w+ do\?/)]);
    expect(world.lastHeard(alice)).toBe('Bob ended the conversation. You’re free for the next user.');
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
  });

  it.each(['#exit', 'cancel'])('should let the user end the conversation by typing %p', async (typed) => {
    const { world, bob } = await connectedPair();

    await world.say(bob, typed);

    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should record how the conversation ended in its transcript', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);

    await world.say(alice, 'stop');

    const lines = await world.transcripts.read(conversation!.id);
    expect(lines.at(-1)).toMatchObject({ role: 'system', text: 'Alice ended the conversation.' });
  });

  it('should end the conversation an operator with several names, leaving the other open', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();

    await world.say(alice, 'Dana: stop');

    expect(await world.conversationOf(dana)).toBeUndefined();
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
  });

  it('should not let a button from an ended conversation end the next one', async () => {
    const { world, alice, bob } = await connectedPair();
    const bobsConversation = (await world.conversationOf(bob))!.id;
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    await world.click(alice, 'end-session', { conversationId: bobsConversation });
    expect(world.lastHeard(dana)).toContain('talking to Alice');

    await world.click(alice, 'end-session', { conversationId: bobsConversation });

    expect(world.lastHeard(alice)).toBe('That conversation has ended or was handed to someone else, so nothing was done.');
    expect((await world.conversationOf(dana))?.state.kind).toBe('with-operator');
  });

  it('should tell an operator with no conversation that there is nothing to stop', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    await world.say(alice, 'stop');

    expect(world.lastHeard(alice)).toContain('not in a conversation');
  });

  it('should end a conversation once even when the stop is delivered twice', async () => {
    const { world, alice, bob } = await connectedPair();
    const stop = world.message(alice, 'stop');

    await world.deliver(stop);
    await world.deliver(stop);

    expect(world.heard(bob)).toHaveLength(2);
    expect(world.heard(alice)).toHaveLength(1);
  });
});

describe('list_operators', () => {
  it('should list the on-duty operators with their load, marking the asker', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    await world.operator('Carol', { onDuty: true });
    await world.operator('Zed');
    await world.say(world.person('Bob'), 'operator');

    await world.say(alice, 'list_operators');

    expect(world.lastHeard(alice)).toBe(['On duty (2):', '• Alice (you): 1/2 conversations', '• Carol: 0/2 conversations'].join('\n'));
  });

  it('should mark operators with no room as busy', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Bob'), 'operator');

    await world.say(alice, '#list_operators');

    expect(world.lastHeard(alice)).toContain('• Alice (you): 1/1 conversation, busy');
  });

  it('should say that nobody is on duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, 'list_operators');

    expect(world.lastHeard(alice)).toBe('No operator is on duty.');
  });
});

describe('help for operators', () => {
  it('should answer an unknown #command with the list of valid commands, relaying nothing', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.chat.clear();

    await world.say(alice, '#of');

    expect(world.lastHeard(alice)).toMatch(/^I don’t know the command #of\. Commands: #on .*#off .*stop or #exit .*#create_ticket .*list_operators .*forward_operator/);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should list the commands on #help', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');

    await world.say(alice, '#help');

    expect(world.lastHeard(alice)).toContain('Commands: #on (start your shift)');
  });
});

describe('closing a waiting user on a stale read', () => {
  /** Bob was offered a ticket (nobody on duty), then asked again and got Alice: same conversation id. */
  async function offeredThenConnected() {
    const world = new World();
    await world.enableLiveAgents();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const stale = (await world.conversationOf(bob))!;
    expect(stale.state.kind).toBe('ticket-offered');
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(bob, 'operator');
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
    return { world, alice, bob, stale };
  }

  it('should leave a conversation that started meanwhile alone when the offer it read expires', async () => {
    const { world, alice, bob, stale } = await offeredThenConnected();

    const closed = await closeWithoutOperator(world.deps, stale, () => 'offer expired', ['ticket-offered']);

    expect(closed).toBeUndefined();
    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
    expect((await world.operatorRecord(alice))?.assignments).toHaveLength(1);
  });

  it('should end the conversation, telling the operator, when the user said cancel as they were connected', async () => {
    const { world, alice, bob, stale } = await offeredThenConnected();

    await leaveQueue(world.deps, stale);

    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    expect(world.lastHeard(alice)).toBe('Bob ended the conversation. You’re free for the next user.');
  });
});
