import type { SavedReply } from '../../src/domain/saved-replies';
import { World } from '../builders/world';

const REPLIES: readonly SavedReply[] = [
  { name: 'VPN', text: 'Hi {user}, {operator} here: please restart the VPN client.' },
  { name: 'VPN reset', text: 'Your VPN token was reset, {user}.' },
  { name: 'VPN slow', text: 'A slow VPN is often the Wi-Fi: try a cable.' },
  { name: 'Ticket', text: 'I noted this on {ticket}; we’ll follow up there.' },
  { name: 'Braces', text: 'Type {{ and }} as they are, {user}.' },
];

async function deskWithSavedReplies(replies: readonly SavedReply[] = REPLIES, capacity = 1) {
  const world = new World();
  await world.enableLiveAgents({ savedReplies: replies, operatorCapacity: capacity });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  await world.say(bob, 'My VPN drops');
  world.chat.clear();
  return { world, alice, bob };
}

async function transcriptOf(world: World, user: Parameters<World['conversationOf']>[0]) {
  const conversation = await world.conversationOf(user);
  return world.transcripts.read(conversation!.id);
}

describe('#reply: saved replies', () => {
  it('should send the reply the whole name names, filled in, as the operator’s words, and show the operator what went', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();

    expect(await world.say(alice, '#reply vpn')).toBe('relayed');

    const relayed = world.chat.lastTo(bob);
    expect(relayed).toMatchObject({ kind: 'relay', text: 'Hi Bob, Alice here: please restart the VPN client.', senderName: 'Alice' });
    expect((await transcriptOf(world, bob)).at(-1)).toMatchObject({ role: 'operator', speakerName: 'Alice', speaker: alice, text: 'Hi Bob, Alice here: please restart the VPN client.' });
    expect(world.lastHeard(alice)).toBe('You sent Bob the saved reply “VPN”:\nHi Bob, Alice here: please restart the VPN client.');
  });

  it('should send the only reply a start of a name names, and undouble braces', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();

    await world.say(alice, '#reply  VPN  RES');
    await world.say(alice, '#reply br');

    expect(world.heard(bob)).toEqual(['Your VPN token was reset, Bob.', 'Type { and } as they are, Bob.']);
  });

  it('should never show the user #reply itself, whatever follows it', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();

    for (const typed of ['#reply', '#reply vp', '#reply nope', '#reply vpn']) await world.say(alice, typed);

    expect(world.heard(bob)).toEqual(['Hi Bob, Alice here: please restart the VPN client.']);
    expect((await transcriptOf(world, bob)).map((l) => l.text).filter((t) => t.includes('#reply'))).toEqual([]);
  });

  it('should list the replies with the first words of each when typed alone', async () => {
    const { world, alice } = await deskWithSavedReplies();

    await world.say(alice, '#reply');

    expect(world.lastHeard(alice)).toBe(
      [
        'Saved replies (5). Type #reply and a name, or the start of one:',
        '• VPN: Hi {user}, {operator} here: please restart the VPN client.',
        '• VPN reset: Your VPN token was reset, {user}.',
        '• VPN slow: A slow VPN is often the Wi-Fi: try a cable.',
        '• Ticket: I noted this on {ticket}; we’ll follow up there.',
        '• Braces: Type {{ and }} as they are, {user}.',
      ].join('\n'),
    );
  });

  it('should say there are none yet when the admin saved none', async () => {
    const { world, alice, bob } = await deskWithSavedReplies([]);

    await world.say(alice, '#reply');
    await world.say(alice, '#reply vpn');

    expect(world.heard(alice)).toEqual([
      'There are no saved replies yet: a Jira admin adds them in the Koji backoffice (Saved replies).',
      'No saved reply is called “vpn”. There are no saved replies yet: a Jira admin adds them in the Koji backoffice (Saved replies).',
    ]);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should offer a pick list when several names start so, and send the one clicked, settling the card', async () => {
    const { world, alice, bob } = await deskWithSavedReplies(REPLIES.slice(1));

    await world.say(alice, '#reply vpn');

    const choice = world.chat.lastTo(alice);
    expect(choice?.text).toBe(
      ['Several saved replies start with “vpn”. Pick one, or type more of its name:', '• VPN reset: Your VPN token was reset, {user}.', '• VPN slow: A slow VPN is often the Wi-Fi: try a cable.'].join('\n'),
    );
    expect(choice?.buttons).toEqual([
      { action: 'send-saved-reply', label: 'VPN reset', value: 'VPN reset' },
      { action: 'send-saved-reply', label: 'VPN slow', value: 'VPN slow' },
    ]);
    expect(world.heard(bob)).toEqual([]);

    const conversationId = choice?.conversationId;
    const handled = await world.deps.state.getConversation(bob);
    expect(conversationId).toBe(handled?.value.id);
    await world.click(alice, 'send-saved-reply', { value: 'VPN slow', conversationId });

    expect(world.heard(bob)).toEqual(['A slow VPN is often the Wi-Fi: try a cable.']);
    expect((await transcriptOf(world, bob)).at(-1)).toMatchObject({ role: 'operator', speakerName: 'Alice', text: 'A slow VPN is often the Wi-Fi: try a cable.' });
  });

  it('should give a pick list at most ten buttons, and say how many more there are', async () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ name: `net ${i + 1}`, text: `Answer ${i + 1}` }));
    const { world, alice } = await deskWithSavedReplies(many);

    await world.say(alice, '#reply net');

    const choice = world.chat.lastTo(alice);
    expect(choice?.buttons).toHaveLength(10);
    expect(choice?.text.split('\n').at(-1)).toBe('…and 3 more: type more of the name.');
  });

  it('should send only the reply a button names, not another that starts the same, once it is gone', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();
    await world.enableLiveAgents({ savedReplies: REPLIES.filter((r) => r.name !== 'VPN') });

    await world.click(alice, 'send-saved-reply', { value: 'VPN' });

    expect(world.heard(bob)).toEqual([]);
    expect(world.lastHeard(alice)).toBe('No saved reply is called “VPN” or starts so. Saved replies: VPN reset, VPN slow, Ticket, Braces.');
  });

  it('should name the replies there are when none matches', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();

    expect(await world.say(alice, '#reply printer')).toBe('refused');

    expect(world.lastHeard(alice)).toBe('No saved reply is called “printer” or starts so. Saved replies: VPN, VPN reset, VPN slow, Ticket, Braces.');
    expect(world.heard(bob)).toEqual([]);
  });

  it('should refuse a reply that names the ticket while the conversation has none, and send it once there is one', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();

    await world.say(alice, '#reply ticket');
    expect(world.heard(bob)).toEqual([]);
    expect(world.lastHeard(alice)).toBe('“Ticket” names the ticket, and your conversation with Bob has none yet, so nothing was sent. Type #create_ticket first, then send it again.');

    await world.say(alice, '#create_ticket VPN drops');
    await world.say(alice, '#reply ticket');

    expect(world.lastHeard(bob)).toBe('I noted this on SUP-1; we’ll follow up there.');
  });

  it('should send to the user named before a colon when the operator has several', async () => {
    const { world, alice, bob } = await deskWithSavedReplies(REPLIES, 2);
    const carol = world.person('Carol');
    await world.say(carol, 'operator');
    world.chat.clear();

    await world.say(alice, '#reply vpn reset');
    expect(world.lastHeard(alice)).toContain('You’re in 2 conversations');
    await world.say(alice, 'Carol: #reply vpn reset');

    expect(world.heard(carol)).toEqual(['Your VPN token was reset, Carol.']);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should answer a pick list’s button after its conversation ended like any old card', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();
    const conversationId = (await world.conversationOf(bob))?.id;
    await world.say(alice, 'stop');

    expect(await world.click(alice, 'send-saved-reply', { value: 'VPN slow', conversationId })).toBe('refused');

    expect(world.lastHeard(alice)).toBe('That conversation has ended or was handed to someone else, so nothing was done.');
    expect(world.heard(bob).filter((t) => t.includes('VPN'))).toEqual([]);
  });

  it('should tell a user who types #reply that it is for live agents, and an operator with nobody that they are in no conversation', async () => {
    const { world, alice } = await deskWithSavedReplies();
    const dan = world.person('Dan');
    await world.say(alice, 'stop');
    world.chat.clear();

    await world.say(dan, '#reply vpn');
    await world.say(alice, '#reply vpn');

    expect(world.lastHeard(dan)).toBe('Only live agents can use operator commands. Ask your Jira admin for the Live agent role in the Koji backoffice.');
    expect(world.lastHeard(alice)).toBe('You’re on duty but not in a conversation. Users who ask for an operator will be sent to you.');
  });

  it('should send a retried delivery of #reply once', async () => {
    const { world, alice, bob } = await deskWithSavedReplies();
    const msg = world.message(alice, '#reply vpn reset');

    await world.deliver(msg);
    expect(await world.deliver(msg)).toBe('duplicate');

    expect(world.heard(bob)).toEqual(['Your VPN token was reset, Bob.']);
  });
});
