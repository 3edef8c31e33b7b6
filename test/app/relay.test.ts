import { aliceServingBobAndDana, connectedPair } from '../builders/scenes';
import { World } from '../builders/world';

describe('relaying messages in a conversation', () => {
  it('should pass each user message to the operator and each operator message to the user, in order', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(bob, 'Hi, my VPN drops every hour');
    await world.say(alice, 'Which client version do you use?');
    await world.say(bob, '5.2');
    await world.say(bob, 'on Windows');

    expect(world.heard(alice)).toEqual(['Hi, my VPN drops every hour', '5.2', 'on Windows']);
    expect(world.heard(bob)).toEqual(['Which client version do you use?']);
  });

  it('should show operator messages under the operator’s display name and user messages under the user’s', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(alice, 'Hello Bob');
    await world.say(bob, 'Hello');

    expect(world.chat.lastTo(bob)).toMatchObject({ kind: 'relay', senderName: 'Alice', text: 'Hello Bob' });
    expect(world.chat.lastTo(alice)).toMatchObject({ kind: 'relay', senderName: 'Bob', text: 'Hello' });
  });

  it('should keep the bot silent while the user talks to a human', async () => {
    const { world, bob } = await connectedPair();

    await world.say(bob, 'How do I reset my password?');

    expect(world.heard(bob)).toEqual([]);
  });

  it('should add every relayed message to the transcript with who, when and attachments', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);

    await world.say(bob, 'Here is the log', { attachments: [{ name: 'vpn.log', url: 'https://files.example/vpn.log' }] });
    await world.say(alice, 'Thanks');

    const lines = await world.transcripts.read(conversation!.id);
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({
        role: 'user',
        speakerName: 'Bob',
        text: 'Here is the log',
        attachments: [{ name: 'vpn.log', url: 'https://files.example/vpn.log' }],
      }),
      expect.objectContaining({ role: 'operator', speakerName: 'Alice', text: 'Thanks' }),
    ]);
    expect(lines.at(-1)!.at).toBeGreaterThan(lines.at(-2)!.at);
    // The words go at once; the file follows as a file, by a queued job (attachments.test.ts).
    expect(world.chat.lastTo(alice)?.attachments).toBeUndefined();
    expect(world.outbox.files.map((j) => (j.kind === 'relay-files' ? j.files : []))).toEqual([[{ name: 'vpn.log', url: 'https://files.example/vpn.log' }]]);
  });

  it('should relay the links a sender’s client made, and keep the transcript plain text with its links beside it', async () => {
    const { world, alice, bob } = await connectedPair();
    const conversation = await world.conversationOf(bob);
    const links = [{ text: 'our portal', url: 'https://portal.example/reset' }];

    await world.say(alice, 'Try our portal, then tell me', { links });

    expect(world.chat.lastTo(bob)).toMatchObject({ kind: 'relay', text: 'Try our portal, then tell me', links });
    const lines = await world.transcripts.read(conversation!.id);
    expect(lines.at(-1)).toMatchObject({ role: 'operator', text: 'Try our portal, then tell me', links });
  });

  it('should relay a retried delivery only once', async () => {
    const { world, alice, bob } = await connectedPair();
    const msg = world.message(bob, 'Is anyone there?');

    expect(await world.deliver(msg)).toBe('relayed');
    expect(await world.deliver(msg)).toBe('duplicate');

    expect(world.heard(alice)).toEqual(['Is anyone there?']);
  });

  it('should tell the user when their message could not reach the operator, keeping it in the transcript', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.unreachable.add('slack/T1/UALICE');

    expect(await world.say(bob, 'Hello?')).toBe('relay-failed');

    expect(world.lastHeard(bob)).toBe('Your message “Hello?” couldn’t be delivered to Alice. Please send it again.');
    const conversation = await world.conversationOf(bob);
    expect((await world.transcripts.read(conversation!.id)).map((l) => l.text)).toContain('Hello?');
    expect(world.heard(alice)).toEqual([]);
  });

  it('should tell the operator when their message could not reach the user', async () => {
    const { world, alice } = await connectedPair();
    world.chat.unreachable.add('slack/T1/UBOB');

    expect(await world.say(alice, 'Try restarting')).toBe('relay-failed');

    expect(world.lastHeard(alice)).toBe('Your message “Try restarting” couldn’t be delivered to Bob. Please send it again.');
  });

  it('should hold a message for later, not drop it, when the chat platform asks to slow down', async () => {
    const { world, alice, bob } = await connectedPair();
    world.chat.rateLimited.add('slack/T1/UALICE');

    expect(await world.say(bob, 'Are you there?')).toBe('relayed-later');

    expect(world.outbox.drains).toEqual([{ job: expect.objectContaining({ kind: 'drain', lane: expect.objectContaining({ direction: 'to-operator' }) }), afterSeconds: 30 }]);
    expect(world.heard(bob)).toEqual([]);
    world.chat.rateLimited.clear();
    await world.runQueue();
    expect(world.chat.lastTo(alice)).toMatchObject({ kind: 'relay', text: 'Are you there?', senderName: 'Bob' });
  });

  it('should relay from a Teams user to a Slack operator and back', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const tom = world.person('Tom', { channel: 'teams', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });

    await world.say(tom, 'operator');
    await world.say(tom, 'Hello from Teams');
    await world.say(alice, 'Hello from Slack');

    expect(world.chat.messagesTo(alice).find((m) => m.kind === 'request')?.text).toContain('Tom (Microsoft Teams)');
    expect(world.heard(alice)).toContain('Hello from Teams');
    expect(world.lastHeard(tom)).toBe('Hello from Slack');
  });

  it('should not relay an old button the user clicks while connected', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.click(bob, 'request-operator');

    expect(world.heard(alice)).toEqual([]);
    expect(world.lastHeard(bob)).toBe('You’re already talking to Alice.');
  });

  it('should tell an on-duty operator who is not in a conversation that their words went nowhere', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });

    expect(await world.say(alice, 'hello?')).toBe('refused');

    expect(world.lastHeard(alice)).toContain('not in a conversation');
  });

  it('should ask an operator with several conversations which one they mean', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();
    world.chat.clear();

    await world.say(alice, 'Hi there');

    expect(world.lastHeard(alice)).toBe('You’re in 2 conversations (Bob, Dana). Start your message with the name of the person it is for, like “Bob: your message”.');
    expect(world.heard(bob)).toEqual([]);
    expect(world.heard(dana)).toEqual([]);
  });

  it.each([['Dana: Hi Dana'], ['dana: Hi Dana'], ['@Dana:   Hi Dana']])(
    'should relay %p to the user it names, without the name',
    async (typed) => {
      const { world, alice, bob, dana } = await aliceServingBobAndDana();
      world.chat.clear();

      await world.say(alice, typed);

      expect(world.heard(dana)).toEqual(['Hi Dana']);
      expect(world.heard(bob)).toEqual([]);
    },
  );

  it('should relay to the user named by a name copied from the app’s sentence, invisible isolate marks and all', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();
    world.chat.clear();

    await world.say(alice, '\u2068Dana\u2069: Hi Dana');

    expect(world.heard(dana)).toEqual(['Hi Dana']);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should relay to the conversation a card or thread names', async () => {
    const { world, alice, bob, dana } = await aliceServingBobAndDana();
    const danaConversation = await world.conversationOf(dana);
    world.chat.clear();

    await world.say(alice, 'Hi Dana', { conversationId: danaConversation!.id });

    expect(world.heard(dana)).toEqual(['Hi Dana']);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should relay words with a colon unchanged to the only user an operator serves', async () => {
    const { world, alice, bob } = await connectedPair();

    await world.say(alice, 'Note: restart first');

    expect(world.lastHeard(bob)).toBe('Note: restart first');
  });
});
