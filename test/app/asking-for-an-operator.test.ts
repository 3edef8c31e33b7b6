import type { Participant } from '../../src/domain/participant';
import { World } from '../builders/world';

/** Whom each user is talking to (undefined for a user not with an operator). */
async function operatorsOf(world: World, users: readonly Participant[]): Promise<Array<string | undefined>> {
  const conversations = await Promise.all(users.map((u) => world.conversationOf(u)));
  return conversations.map((s) => (s?.state.kind === 'with-operator' ? s.state.operatorName : undefined));
}

describe('asking for an operator', () => {
  it('should connect the user to a free operator and tell both who is there', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await world.say(bob, 'My laptop will not boot');
    await world.say(bob, 'I want to talk to an operator');

    expect(world.lastHeard(bob)).toContain('You’re now talking to Alice');
    const card = world.chat.lastTo(alice);
    expect(card?.kind).toBe('request');
    expect(card?.text).toContain('Bob (Slack) wants to talk to an operator');
    expect(card?.excerpt?.map((l) => l.text)).toEqual(['My laptop will not boot', 'I want to talk to an operator']);
    expect(card?.buttons?.map((b) => b.action)).toEqual(['end-session', 'create-ticket', 'forward']);
    const conversation = await world.conversationOf(bob);
    expect(conversation?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect((await world.operatorRecord(alice))?.assignments.map((a) => a.userName)).toEqual(['Bob']);
  });

  /** Bob told the bot about his VPN, asked for a person and Alice served him; the conversation is over. */
  async function bobServedOnce() {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'My VPN will not connect');
    await world.say(bob, 'operator');
    await world.say(alice, 'stop');
    return { world, alice, bob };
  }

  it('should open a later conversation with only what the user wrote since the last one, not the words that went into it', async () => {
    const { world, alice, bob } = await bobServedOnce();

    await world.say(bob, 'Now the printer jams');
    await world.say(bob, 'operator');

    const card = world.chat.lastTo(alice);
    expect(card?.kind).toBe('request');
    expect(card?.excerpt?.map((l) => l.text)).toEqual(['Now the printer jams', 'operator']);
    const conversation = await world.conversationOf(bob);
    expect((await world.transcripts.read(conversation!.id)).map((l) => l.text)).toEqual(['Now the printer jams', 'operator']);
  });

  it('should open a conversation asked for at once, with nothing written to the bot since the last one, with the request alone', async () => {
    const { world, alice, bob } = await bobServedOnce();

    await world.say(bob, 'operator');

    expect(world.chat.lastTo(alice)?.excerpt?.map((l) => l.text)).toEqual(['operator']);
  });

  it('should carry into the next request what the user wrote when no one read it: the ticket offered was not taken', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice');
    const bob = world.person('Bob');
    await world.say(bob, 'My VPN will not connect');
    await world.say(bob, 'operator');
    await world.say(bob, 'How do I reset my password?');

    await world.say(alice, '#on');
    await world.say(bob, 'operator');

    expect(world.chat.lastTo(alice)?.excerpt?.map((l) => l.text)).toEqual(['My VPN will not connect', 'How do I reset my password?', 'operator']);
  });

  it('should let the bot answer when the user does not ask for a human', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    const outcome = await world.say(bob, 'How do I reset my password?');

    expect(outcome).toBe('assistant');
    expect(world.lastHeard(bob)).toContain('To talk to a person, type “operator”');
    expect(world.chat.lastTo(bob)?.buttons).toEqual([{ action: 'request-operator', label: 'Talk to an operator' }]);
    expect(await world.conversationOf(bob)).toBeUndefined();
  });

  it('should accept the request-operator button as well as words', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await world.click(bob, 'request-operator');

    expect(world.lastHeard(bob)).toContain('talking to Alice');
  });

  it('should use the configured phrases that ask for a human', async () => {
    const world = new World();
    await world.enableLiveAgents({ handoffPhrases: ['parler à un humain'] });
    await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await world.say(bob, 'operator');
    expect(await world.conversationOf(bob)).toBeUndefined();

    await world.say(bob, 'Je veux parler à un humain');
    expect(world.lastHeard(bob)).toContain('talking to Alice');
  });

  it('should route to the least busy operator, then to the one idle longest', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const alice = await world.operator('Alice', { onDuty: true });
    const carol = await world.operator('Carol', { onDuty: true });
    const [u1, u2, u3] = [world.person('U one'), world.person('U two'), world.person('U three')];

    await world.say(u1, 'operator');
    await world.say(u2, 'operator');
    await world.say(u3, 'operator');

    // Alice came on duty first, so she has been idle longest and gets the first user.
    expect((await world.conversationOf(u1))?.state).toMatchObject({ operatorName: 'Alice' });
    expect((await world.conversationOf(u2))?.state).toMatchObject({ operatorName: 'Carol' });
    // Both carry one now; Alice took her user before Carol took hers.
    expect((await world.conversationOf(u3))?.state).toMatchObject({ operatorName: 'Alice' });
    expect((await world.operatorRecord(alice))?.assignments).toHaveLength(2);
    expect((await world.operatorRecord(carol))?.assignments).toHaveLength(1);
  });

  it('should route to the least busy, then idle longest, of many operators on duty', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 2 });
    const names = Array.from({ length: 40 }, (_, i) => `Op ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await world.operator(name, { onDuty: true });
    const users = Array.from({ length: 41 }, (_, i) => world.person(`User ${i + 1}`));

    // Everyone free: the one on duty longest first.
    for (const user of users.slice(0, 40)) await world.say(user, 'operator');
    expect(await operatorsOf(world, users.slice(0, 40))).toEqual(names);

    // Op 17 is free again: the least busy wins, though everyone else has been idle longer.
    await world.say(world.person('Op 17'), 'stop');
    await world.say(users[40]!, 'operator');
    expect(world.lastHeard(users[40]!)).toContain('talking to Op 17');

    // Everyone carries one: Op 01 took theirs first, so has been idle longest. (A newcomer: User 17, whom
    // Op 17 served, would go back to Op 17: return-to-the-same-operator.test.ts.)
    const newcomer = world.person('User 42');
    await world.say(newcomer, 'operator');
    expect(world.lastHeard(newcomer)).toContain('talking to Op 01');
  });

  it('should route by name among many operators equally busy and on duty since the same instant', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const operators = [];
    for (let n = 30; n >= 1; n -= 1) operators.push(await world.operator(`Op ${String(n).padStart(2, '0')}`));
    // Every #on is stamped before any is handled, so all of them start their shift at the same time.
    const shifts = operators.map((op) => world.message(op, '#on'));
    for (const shift of shifts) await world.deliver(shift);
    const [first, second] = [world.person('First'), world.person('Second')];

    await world.say(first, 'operator');
    await world.say(second, 'operator');

    expect(world.lastHeard(first)).toContain('talking to Op 01');
    expect(world.lastHeard(second)).toContain('talking to Op 02');
  });

  it('should hand waiting users to the operators idle longest when the capacity is raised', async () => {
    const world = new World();
    await world.enableLiveAgents({ operatorCapacity: 1 });
    const names = Array.from({ length: 12 }, (_, i) => `Op ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await world.operator(name, { onDuty: true });
    const users = Array.from({ length: 15 }, (_, i) => world.person(`User ${i + 1}`));
    for (const user of users) await world.say(user, 'operator');
    expect((await world.conversationOf(users[12]!))?.state.kind).toBe('queued');

    await world.enableLiveAgents({ operatorCapacity: 2 });

    expect(await operatorsOf(world, users.slice(12))).toEqual(['Op 01', 'Op 02', 'Op 03']);
  });

  it('should queue the user and tell their position when every operator is busy', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [first, second, third] = [world.person('First'), world.person('Second'), world.person('Third')];

    await world.say(first, 'operator');
    await world.say(second, 'operator');
    await world.say(third, 'agent please');

    expect(world.lastHeard(second)).toContain('You’re number 1 in the queue');
    expect(world.lastHeard(third)).toContain('You’re number 2 in the queue');
    expect(world.chat.lastTo(third)?.buttons).toEqual([{ action: 'leave', label: 'Leave the queue' }]);
    expect((await world.conversationOf(third))?.state.kind).toBe('queued');
  });

  it('should remind a waiting user of their place when they ask again', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [first, second] = [world.person('First'), world.person('Second')];
    await world.say(first, 'operator');
    await world.say(second, 'operator');

    await world.say(second, 'operator?');

    expect(world.lastHeard(second)).toContain('still waiting for an operator: number 1');
  });

  it('should record what a waiting user writes, so the operator sees it when connected', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const [first, second] = [world.person('First'), world.person('Second')];
    await world.say(first, 'operator');
    await world.say(second, 'operator');
    world.chat.clear();

    await world.say(second, 'It is about the VPN');
    expect(world.heard(second)).toEqual([]);
    await world.say(alice, 'stop');

    const card = world.chat.lastTo(alice);
    expect(card?.text).toContain('Second (Slack) wants to talk');
    expect(card?.excerpt?.map((l) => l.text)).toContain('It is about the VPN');
    expect(world.lastHeard(second)).toContain('talking to Alice');
  });

  it('should tell the user at once and offer a ticket when no operator is on duty', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice');
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    const reply = world.chat.lastTo(bob);
    expect(reply?.text).toContain('No operator is on duty');
    expect(reply?.buttons).toEqual([{ action: 'accept-ticket', label: 'Create a ticket' }]);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'no-operator-on-duty' });
  });

  it('should let a waiting user leave the queue and go back to the bot', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [first, second, third] = [world.person('First'), world.person('Second'), world.person('Third')];
    await world.say(first, 'operator');
    await world.say(second, 'operator');
    await world.say(third, 'operator');

    await world.say(second, 'cancel');

    expect(world.lastHeard(second)).toContain('You’ve left the queue. You’re back with the Koji assistant');
    expect(await world.conversationOf(second)).toBeUndefined();
    await world.say(third, 'operator');
    expect(world.lastHeard(third)).toContain('number 1');
  });

  it('should let a waiting user leave with the button', async () => {
    const world = new World();
    await world.enableLiveAgents();
    await world.operator('Alice', { onDuty: true });
    const [first, second] = [world.person('First'), world.person('Second')];
    await world.say(first, 'operator');
    await world.say(second, 'operator');

    await world.click(second, 'leave');

    expect(await world.conversationOf(second)).toBeUndefined();
  });

  it('should pass “operator” on to the operator, not start a second conversation, when the user is already connected', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.chat.clear();

    await world.say(bob, 'operator');

    // While connected, the words go to the operator like any other message.
    expect(world.heard(alice)).toEqual(['operator']);
    expect((await world.operatorRecord(alice))?.assignments).toHaveLength(1);
    expect(world.state.conversations.size).toBe(1);
  });
});
