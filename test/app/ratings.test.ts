import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import { personLeft } from '../../src/app/duty/person-left';
import { conversationTranscript } from '../../src/app/transcript/conversation-transcript';
import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import { satisfactionOf } from '../../src/app/ratings/rate-conversation';
import { updateSettings } from '../../src/app/settings/update-settings';
import type { Participant } from '../../src/domain/participant';
import type { SettingsChange } from '../../src/domain/settings';
import { HOSTILE_TEXTS } from '../support/hostile-strings';
import { SEEDS, seededYields } from '../builders/interleaving';
import { PROJECT, World } from '../builders/world';

/** Alice on duty serving Bob, with the project's rating settings; nothing heard yet. */
async function served(settings: SettingsChange = {}, world = new World()) {
  await world.enableLiveAgents(settings);
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  const conversationId = (await world.conversationOf(bob))!.id;
  await world.say(bob, 'My screen is blank');
  world.chat.clear();
  return { world, alice, bob, conversationId };
}

/** The rating card Bob got: its text, its buttons and the conversation it is tied to. */
function ratingCard(world: World, user: Participant) {
  const card = world.chat.sent.filter((s) => s.to.userId === user.userId && s.message.buttons?.some((b) => b.action === 'rate')).at(-1)?.message;
  return card && { text: card.text, conversationId: card.conversationId, buttons: card.buttons?.map((b) => [b.label, b.value]) };
}

async function tap(world: World, user: Participant, conversationId: string, value: string) {
  return world.deliver(world.message(user, '', { action: { kind: 'rate', value }, conversationId })).then(() => undefined);
}

const handled = (world: World, user: Participant, conversationId: string, value: string) =>
  handleChatMessage(world.deps, world.message(user, '', { action: { kind: 'rate', value }, conversationId }));

const transcriptOf = (world: World, conversationId: string) => world.transcripts.read(conversationId);

describe('rating a conversation', () => {
  it.each(['stop', '#exit'])('should send the user a 1–5 card after the operator types %p', async (typed) => {
    const { world, alice, bob, conversationId } = await served();

    await world.say(alice, typed);

    expect(world.heard(bob)).toEqual(['Alice closed the conversation. You can continue talking to the Koji assistant.', 'How did Alice do? Tap a score from 1 (poor) to 5 (great) within 24 hours.']);
    expect(ratingCard(world, bob)).toEqual({ text: expect.any(String) as unknown, conversationId, buttons: [['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5']] });
  });

  it('should send the card when the user leaves and when the conversation closes for inactivity', async () => {
    const left = await served();
    await left.world.say(left.bob, 'stop');
    expect(ratingCard(left.world, left.bob)?.conversationId).toBe(left.conversationId);

    const silent = await served({ inactivityTimeoutMinutes: 15 });
    silent.world.clock.advanceMinutes(15);
    await sweepTimeouts(silent.world.deps);
    expect(ratingCard(silent.world, silent.bob)?.conversationId).toBe(silent.conversationId);
  });

  it('should send no card when live agent support is turned off under the conversation, nor when ratings are off', async () => {
    const off = await served();
    await updateSettings(off.world.deps, PROJECT, { enabled: false });
    expect(ratingCard(off.world, off.bob)).toBeUndefined();

    const noRatings = await served({ ratingScale: 'off' });
    await noRatings.world.say(noRatings.alice, 'stop');
    expect(noRatings.world.heard(noRatings.bob)).toEqual(['Alice closed the conversation. You can continue talking to the Koji assistant.']);
    expect(await noRatings.world.ratings.get(noRatings.conversationId)).toEqual({});
  });

  it('should store a tap once, settle the card, count it for the operator and keep it in the transcript as an internal line', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, 'stop');

    const first = await handled(world, bob, conversationId, '4');
    const second = await handled(world, bob, conversationId, '1');

    expect(first).toEqual({ outcome: 'rated', cardNote: 'You rated 4/5. Thanks! To add a comment, reply here within 10 minutes.' });
    expect(second).toEqual({ outcome: 'refused', cardNote: 'You already rated this conversation 4/5.' });
    expect((await world.ratings.get(conversationId)).rating?.value).toMatchObject({ scale: 'five-stars', score: 4, operatorName: 'Alice' });
    expect(await satisfactionOf(world.deps, PROJECT, alice)).toEqual({ rated: 1, satisfied: 1, share: 100 });
    expect((await transcriptOf(world, conversationId)).filter((l) => l.internal)).toEqual([
      expect.objectContaining({ role: 'system', text: 'Bob rated the conversation 4/5.', internal: true }),
    ]);
  });

  it('should refuse a tap after the window, saying so on the card, and count nothing', async () => {
    const { world, alice, bob, conversationId } = await served({ ratingWindowHours: 2 });
    await world.say(alice, 'stop');
    world.clock.advanceMinutes(121);

    expect(await handled(world, bob, conversationId, '5')).toEqual({ outcome: 'refused', cardNote: 'The time to rate this conversation has passed.' });
    expect(await satisfactionOf(world.deps, PROJECT, alice)).toEqual({ rated: 0, satisfied: 0, share: undefined });
  });

  it('should refuse a value the card’s scale does not have, and a tap from someone else', async () => {
    const { world, alice, bob, conversationId } = await served({ ratingScale: 'thumbs' });
    const eve = world.person('Eve');
    await world.say(alice, 'stop');

    for (const value of ['4', '6', '0', ' up', 'UP', '1e0', '']) expect(await handled(world, bob, conversationId, value)).toEqual({ outcome: 'refused' });
    expect(await handled(world, eve, conversationId, 'up')).toEqual({ outcome: 'refused' });
    expect((await world.ratings.get(conversationId)).rating).toBeUndefined();
  });

  it('should rate on the thumbs scale, a thumb down counting as not satisfied in the same share', async () => {
    const world = new World();
    const first = await served({ ratingScale: 'thumbs' }, world);
    await world.say(first.alice, 'stop');
    expect(ratingCard(world, first.bob)?.buttons).toEqual([['👍', 'up'], ['👎', 'down']]);
    expect(world.lastHeard(first.bob)).toBe('Did Alice help you? Tap 👍 or 👎 within 24 hours.');
    await tap(world, first.bob, first.conversationId, 'up');

    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    const second = (await world.conversationOf(dana))!.id;
    await world.say(first.alice, 'stop');
    await tap(world, dana, second, 'down');

    expect(await satisfactionOf(world.deps, PROJECT, first.alice)).toEqual({ rated: 2, satisfied: 1, share: 50 });
  });

  it('should take the user’s next message as the comment, not as a question for the assistant, and only within the comment window', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, 'stop');
    await tap(world, bob, conversationId, '2');

    await world.say(bob, 'Took too long to answer');
    await world.say(bob, 'How do I reset my password?');

    expect(world.heard(bob).slice(-2)).toEqual(['Thanks, I added your comment to your rating.', expect.stringContaining('I’m the Koji assistant')]);
    expect((await world.ratings.get(conversationId)).rating?.value.comment).toBe('Took too long to answer');
    expect((await transcriptOf(world, conversationId)).filter((l) => l.internal).map((l) => l.text)).toEqual([
      'Bob rated the conversation 2/5.',
      'Bob added a comment to their rating: “Took too long to answer”',
    ]);
  });

  it('should send a message after the comment window to the assistant', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, 'stop');
    await tap(world, bob, conversationId, '5');
    world.clock.advanceMinutes(11);

    await world.say(bob, 'How do I reset my password?');

    expect(world.lastHeard(bob)).toContain('I’m the Koji assistant');
    expect((await world.ratings.get(conversationId)).rating?.value.comment).toBeUndefined();
  });

  it('should let a user in the comment window still ask for an operator', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, 'stop');
    await tap(world, bob, conversationId, '5');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toMatch(/^You’re now talking to Alice/);
  });

  it('should add the rating and its comment to the conversation’s ticket as internal lines, hostile text kept as text', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, '#create_ticket Blank screen');
    await world.say(alice, 'stop');
    await tap(world, bob, conversationId, '3');
    const hostile = HOSTILE_TEXTS.find((t) => t.includes('<'))!;
    await world.say(bob, hostile);

    const ticket = world.tickets.tickets[0]!;
    const added = ticket.comments.flat().filter((l) => l.internal);
    expect(added.map((l) => l.text)).toEqual(['Bob rated the conversation 3/5.', `Bob added a comment to their rating: “${hostile.trim()}”`]);
    expect(added.every((l) => l.internal === true && l.role === 'system')).toBe(true);
    // The issue panel shows the rating as text (React escapes it), the comment exactly as typed.
    expect((await conversationTranscript(world.deps, conversationId)).rating).toEqual({ scale: 'five-stars', score: 3, label: '3/5', comment: hostile.trim(), at: expect.any(Number) as unknown });
  });
});

describe('two taps on a rating card at once', () => {
  it.each(SEEDS)('should store one score and count it once (seed %i)', async (seed) => {
    const world = new World({ yieldBetweenCalls: seededYields(seed) });
    const { alice, bob, conversationId } = await served({}, world);
    await world.say(alice, 'stop');

    const answers = await Promise.all([handled(world, bob, conversationId, '2'), handled(world, bob, conversationId, '5')]);

    const stored = (await world.ratings.get(conversationId)).rating!.value;
    expect(answers.filter((a) => a.outcome === 'rated')).toHaveLength(1);
    expect(answers.find((a) => a.outcome === 'refused')?.cardNote).toBe(`You already rated this conversation ${stored.score}/5.`);
    expect(await satisfactionOf(world.deps, PROJECT, alice)).toMatchObject({ rated: 1 });
    expect((await transcriptOf(world, conversationId)).filter((l) => l.internal)).toHaveLength(1);
  });
});

describe('no rating for someone who is gone', () => {
  it('should not ask a user who removed the app to rate the conversation', async () => {
    const { world, bob } = await served();

    await personLeft(world.deps, bob, PROJECT);

    expect(await world.conversationOf(bob)).toBeUndefined();
    expect(ratingCard(world, bob)).toBeUndefined();
  });
});

describe('the comment window and the next conversation', () => {
  it('should not take a message from a later conversation as the comment on an earlier rating', async () => {
    const { world, alice, bob, conversationId } = await served();
    await world.say(alice, 'stop');
    await tap(world, bob, conversationId, '5');
    await world.say(bob, 'operator');
    await world.say(alice, 'stop');

    await world.say(bob, 'how do I reset my password?');

    const lines = await transcriptOf(world, conversationId);
    expect(lines.map((l) => l.text).join('\n')).not.toContain('reset my password');
  });
});
