import { World } from '../builders/world';
import { participantKey } from '../../src/domain/participant';

async function deskWithThreeOperators(capacity = 1) {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: capacity });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  await world.say(bob, 'My VPN drops');
  await world.say(alice, 'Let me find a network specialist');
  const carol = await world.operator('Carol', { onDuty: true });
  const dave = await world.operator('Dave', { onDuty: true });
  world.chat.clear();
  return { world, alice, bob, carol, dave };
}

describe('forward_operator', () => {
  it('should list the other on-duty operators with room, numbered, when given no target', async () => {
    const { world, alice } = await deskWithThreeOperators();
    await world.operator('Eve');

    await world.say(alice, 'forward_operator');

    const choice = world.chat.lastTo(alice);
    expect(choice?.text).toBe('Who should take this conversation? Type forward_operator and a number or a name:\n1. Carol\n2. Dave');
    expect(choice?.buttons?.map((b) => b.label)).toEqual(['Carol', 'Dave']);
  });

  it.each([
    ['a number from the list', 'forward_operator 2'],
    ['a name', 'forward_operator Dave'],
    ['a name in other case with @', 'forward_operator @dave'],
    ['a name copied from the app’s list, with its invisible isolate marks', 'forward_operator \u2068Dave\u2069'],
    ['a Slack mention', 'forward_operator <@UDAVE>'],
    ['a Slack mention with a label', 'forward_operator <@UDAVE|dave>'],
  ])('should move the conversation to the operator given by %s', async (_how, typed) => {
    const { world, alice, bob, dave } = await deskWithThreeOperators();

    await world.say(alice, typed);

    expect(world.lastHeard(bob)).toBe('Dave has taken over your conversation.');
    expect(world.lastHeard(alice)).toBe('Bob is now with Dave. You’re free for the next user.');
    const handover = world.chat.lastTo(dave);
    expect(handover?.text).toContain('Alice forwarded Bob (Slack) to you');
    expect(handover?.excerpt?.map((l) => l.text)).toEqual(
      expect.arrayContaining(['operator', 'My VPN drops', 'Let me find a network specialist']),
    );
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Dave' });
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    expect((await world.operatorRecord(dave))?.assignments.map((a) => a.userName)).toEqual(['Bob']);
  });

  it('should move the conversation when the operator picks from the buttons', async () => {
    const { world, alice, bob, carol } = await deskWithThreeOperators();

    await world.click(alice, 'forward', { value: participantKey(carol) });

    expect(world.lastHeard(bob)).toBe('Carol has taken over your conversation.');
  });

  it('should relay between the user and the new operator afterwards, and not the first one', async () => {
    const { world, alice, bob, dave } = await deskWithThreeOperators();
    await world.say(alice, 'forward_operator Dave');
    world.chat.clear();

    await world.say(bob, 'Hi Dave');
    await world.say(dave, 'Hi Bob');

    expect(world.heard(dave)).toEqual(['Hi Dave']);
    expect(world.heard(bob)).toEqual(['Hi Bob']);
    expect(world.heard(alice)).toEqual([]);
  });

  it.each([
    ['oneself', 'forward_operator Alice', 'You’re already in this conversation. Pick another operator.'],
    ['someone off duty', 'forward_operator Eve', 'Eve is off duty. Pick an operator who is on duty.'],
    ['someone unknown', 'forward_operator Mallory', 'I don’t know an operator called “Mallory”. Type forward_operator to see who can take the conversation.'],
    ['a number not on the list', 'forward_operator 7', 'I don’t know an operator called “7”. Type forward_operator to see who can take the conversation.'],
  ])('should refuse to forward to %s and change nothing', async (_who, typed, reply) => {
    const { world, alice, bob } = await deskWithThreeOperators();
    await world.operator('Eve');
    const before = await world.conversationOf(bob);

    await world.say(alice, typed);

    expect(world.lastHeard(alice)).toBe(reply);
    expect(await world.conversationOf(bob)).toEqual(before);
    expect(world.heard(bob)).toEqual([]);
  });

  it('should refuse to forward to an operator at capacity and change nothing', async () => {
    const { world, alice, bob, carol } = await deskWithThreeOperators();
    // Carol came on duty before Dave, so she has been idle longer and takes the next user.
    await world.say(world.person('Other'), 'operator');
    expect((await world.operatorRecord(carol))?.assignments).toHaveLength(1);

    await world.say(alice, 'forward_operator Carol');

    expect(world.lastHeard(alice)).toBe('Carol has no room for another conversation right now.');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ operatorName: 'Alice' });
  });

  it('should say when nobody can take the conversation', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    await world.say(world.person('Bob'), 'operator');

    await world.say(alice, 'forward_operator');

    expect(world.lastHeard(alice)).toBe('No other operator on duty has room for another conversation right now.');
  });

  it('should record the forward in the transcript', async () => {
    const { world, alice, bob } = await deskWithThreeOperators();
    const conversation = await world.conversationOf(bob);

    await world.say(alice, 'forward_operator Carol');

    const lines = await world.transcripts.read(conversation!.id);
    expect(lines.at(-1)).toMatchObject({ role: 'system', text: 'Alice forwarded the conversation to Carol.' });
  });

  it('should refuse forward_operator from someone without the role', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const mallory = world.person('Mallory');

    await world.say(mallory, 'forward_operator 1');

    expect(world.lastHeard(mallory)).toContain('Only live agents can use operator commands');
  });
});
