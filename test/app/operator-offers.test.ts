import { sweepTimeouts } from '../../src/app/queue/sweep-timeouts';
import type { Participant } from '../../src/domain/participant';
import { PROJECT, World } from '../builders/world';

/**
 * Offer mode ("Offer first" in the backoffice): the operator routing picks is offered the user and must accept
 * before they are connected. An operator who is not there lets the offer pass, and the user goes on to the next
 * operator instead of waiting on someone at lunch; one who lets offers pass again and again is put off duty.
 */
const CONNECTING = 'Connecting you to an operator. I’ll tell you here as soon as one joins. Type “cancel” to stop waiting.';
const WENT_ROUND = /^The operators free right now couldn’t take your chat\. You’re first in line for the next one/;

async function offerDesk(settings: { missedOffersBeforeAway?: number | 'off'; operatorCapacity?: number } = {}) {
  const world = new World();
  await world.enableLiveAgents({ operatorAssignment: 'offer-first', offerWindowSeconds: 60, ...settings });
  const alice = await world.operator('Alice', { onDuty: true });
  return { world, alice };
}

/** The offer cards an operator was sent, newest last. */
function offerCards(world: World, operator: Participant) {
  return world.chat.sent.filter((s) => s.to.userId === operator.userId && s.message.buttons?.some((b) => b.action === 'accept-offer'));
}

describe('offering a user to an operator first', () => {
  it('should offer the user to the operator with who is waiting and their words, and tell the user they are being connected', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'My VPN drops every hour');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toBe(CONNECTING);
    const [card] = offerCards(world, alice);
    expect(card?.message.text).toMatch(/^Bob \(Slack\) is waiting to talk to an operator\. Accept within 60 seconds, or decline so someone else can take them\./);
    expect(card?.message.excerpt?.map((l) => l.text)).toEqual(['My VPN drops every hour', 'operator']);
    const conversation = await world.conversationOf(bob);
    expect(card?.message.buttons).toEqual([
      { action: 'accept-offer', label: 'Accept', value: conversation?.id },
      { action: 'decline-offer', label: 'Decline', value: conversation?.id },
    ]);
    expect(conversation?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Alice' } });
    expect(world.outbox.offerExpiries).toEqual([{ job: { kind: 'offer-expiry', user: bob, offerId: expect.any(String) }, afterSeconds: 60 }]);
  });

  it('should keep what the user writes before anyone accepts from the operator, and show it once they do', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(bob, 'It is urgent, the CEO is waiting');
    expect(world.heard(alice).filter((t) => t.includes('CEO'))).toEqual([]);
    await world.click(alice, 'accept-offer', { value: (await world.conversationOf(bob))?.id });

    expect(world.lastHeard(bob)).toBe('You’re now talking to Alice, a live agent. Type “stop” when you’re done.');
    expect(world.chat.lastTo(alice)?.excerpt?.map((l) => l.text)).toContain('It is urgent, the CEO is waiting');
    await world.say(alice, 'On it');
    expect(world.lastHeard(bob)).toBe('On it');
  });

  it('should connect the user when the operator types #accept, and update the card so it offers nothing more', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const [card] = offerCards(world, alice);

    await world.say(alice, '#accept');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect(world.chat.currentCard(card!)).toEqual({ kind: 'notice', text: 'You accepted Bob.', conversationId: expect.any(String) });
    expect(await world.operatorRecord(alice)).toMatchObject({ offers: [], missedOffers: 0, assignments: [expect.objectContaining({ userName: 'Bob' })] });
  });

  it('should refuse an operator’s words to a user they have not accepted yet, with the way to accept', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(alice, 'Hello Bob!');

    expect(world.lastHeard(alice)).toBe('Bob isn’t connected to you yet. Type #accept to take them, or #decline to pass them on.');
    expect(world.heard(bob)).not.toContain('Hello Bob!');
  });

  it('should offer a declined user to the next operator, never back to the one who declined, and update the first card', async () => {
    const { world, alice } = await offerDesk();
    const carol = await world.operator('Carol', { onDuty: true });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const offeredTo = (await world.conversationOf(bob))?.state.kind === 'offered' ? 'first' : 'none';
    expect(offeredTo).toBe('first');
    const [first, second] = [alice, carol].sort((a) => (offerCards(world, a).length > 0 ? -1 : 1)) as [Participant, Participant];

    await world.say(first, '#decline');

    expect(world.chat.currentCard(offerCards(world, first)[0]!).text).toBe('You declined Bob; they were passed on to the next operator.');
    expect(offerCards(world, second)).toHaveLength(1);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', passedOver: [expect.stringContaining(first.userId)] });
    // Bob heard "Connecting you" once: being passed on is not news to him.
    expect(world.heard(bob).filter((t) => t === CONNECTING)).toHaveLength(1);

    await world.say(second, '#decline');

    expect(offerCards(world, first)).toHaveLength(1);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'queued', passedOver: [expect.any(String), expect.any(String)] });
    expect(world.lastHeard(bob)).toMatch(WENT_ROUND);
    expect(world.chat.lastTo(bob)?.buttons?.map((b) => b.action)).toEqual(['accept-ticket', 'leave']);
  });

  it('should let a user whom every operator passed over take a ticket from the choice they were given', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'My laptop will not boot');
    await world.say(bob, 'operator');
    await world.say(alice, '#decline');

    await world.click(bob, 'accept-ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(world.lastHeard(bob)).toMatch(/^I created ticket SUP-\d+ from your messages/);
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect(await world.operatorRecord(alice)).toMatchObject({ offers: [], assignments: [] });
  });

  it('should keep a passed-over user first in line, and offer them to the next operator who comes on duty', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(alice, '#decline');
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    // Alice declined Bob, not Dana: Dana, behind him, is offered to her rather than left waiting behind him.
    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Alice' } });

    const uma = await world.operator('Uma', { onDuty: true });

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Uma' } });
    expect(offerCards(world, uma)).toHaveLength(1);
  });

  it('should pass an offer nobody answered to the next operator when its window ends, and say so on the card', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol', { onDuty: true });

    expect(await world.expireNextOffer()).toBe(true);

    expect(world.chat.currentCard(offerCards(world, alice)[0]!).text).toBe('Nobody accepted within 60 seconds, so Bob was passed on to the next operator.');
    expect(world.chat.currentCard(offerCards(world, alice)[0]!).buttons).toBeUndefined();
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Carol' } });
    expect(offerCards(world, carol)).toHaveLength(1);
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'on', offers: [], missedOffers: 1 });
    const transcript = await world.transcripts.read((await world.conversationOf(bob))!.id);
    expect(transcript.map((l) => l.text)).toContain('Alice did not answer the offer of this conversation within 60 seconds.');
  });

  it('should do nothing when an expiry comes for an offer already accepted, however often it comes', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(alice, '#accept');
    const heardBefore = [world.heard(alice).length, world.heard(bob).length];

    const [expiry] = world.outbox.offerExpiries;
    world.outbox.offerExpiries.push(expiry!);
    await world.expireNextOffer();
    await world.expireNextOffer();

    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
    expect([world.heard(alice).length, world.heard(bob).length]).toEqual(heardBefore);
    expect(await world.operatorRecord(alice)).toMatchObject({ missedOffers: 0 });
  });

  it('should tell an operator whose offer is no longer open, when they click Accept too late', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const sessionId = (await world.conversationOf(bob))?.id;
    await world.say(bob, 'cancel');

    await world.click(alice, 'accept-offer', { value: sessionId });

    expect(world.lastHeard(alice)).toBe('You have no open offer: it was taken up, it expired, or the user stopped waiting.');
    expect(world.chat.currentCard(offerCards(world, alice)[0]!).text).toBe('Bob stopped waiting, so this offer is closed.');
    expect(await world.operatorRecord(alice)).toMatchObject({ offers: [], assignments: [] });
  });

  it('should send the card update as a message when the platform cannot update the card', async () => {
    const { world, alice } = await offerDesk();
    world.chat.canReplace = false;
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.expireNextOffer();

    expect(world.lastHeard(alice)).toBe('Nobody accepted within 60 seconds, so Bob was passed on to the next operator.');
  });

  it('should end an offer whose expiry event never came at the next sweep', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    world.outbox.offerExpiries.length = 0;
    world.clock.advanceMs(2 * 60_000 + 1);

    const report = await sweepTimeouts(world.deps);

    expect(report.operatorOffersExpired).toBe(1);
    expect(await world.operatorRecord(alice)).toMatchObject({ offers: [], missedOffers: 1 });
    expect(world.lastHeard(bob)).toMatch(WENT_ROUND);
  });

  it('should hand an offer back to the queue when its operator goes off duty, without counting it against them', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol');

    await world.say(alice, '#off');
    await world.say(carol, '#on');

    expect(world.chat.currentCard(offerCards(world, alice)[0]!).text).toBe('You’re off duty now, so Bob went back to the queue.');
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Carol' } });
    expect((await world.conversationOf(bob))?.state).not.toHaveProperty('passedOver');
  });

  it('should count an offer against the operator’s capacity, so nobody is offered more users than they can take', async () => {
    const { world, alice } = await offerDesk({ operatorCapacity: 2 });
    const [bob, dana, erin] = [world.person('Bob'), world.person('Dana'), world.person('Erin')];
    for (const user of [bob, dana, erin]) await world.say(user, 'operator');

    expect(offerCards(world, alice)).toHaveLength(2);
    expect((await world.conversationOf(erin))?.state.kind).toBe('queued');

    await world.click(alice, 'accept-offer', { value: (await world.conversationOf(dana))?.id });
    expect((await world.conversationOf(dana))?.state.kind).toBe('with-operator');
    expect((await world.conversationOf(bob))?.state.kind).toBe('offered');
    expect((await world.conversationOf(erin))?.state.kind).toBe('queued');
  });
});

describe('offers, at the edges', () => {
  it('should serve a user behind several whom the free operator passed over, instead of leaving them all waiting', async () => {
    const { world, alice } = await offerDesk();
    for (let i = 1; i <= 6; i += 1) {
      await world.say(world.person(`User${i}`), 'operator');
      await world.say(alice, '#decline');
    }
    const zed = world.person('Zed');

    await world.say(zed, 'operator');

    expect((await world.conversationOf(zed))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Alice' } });
  });

  it('should tell only the first in line that they are first, when offers to several went round', async () => {
    const { world, alice } = await offerDesk({ operatorCapacity: 2 });
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');

    await world.say(alice, '#decline');
    await world.say(alice, '#decline');

    expect(world.lastHeard(bob)).toMatch(/couldn’t take your chat\. You’re first in line for the next one/);
    expect(world.lastHeard(dana)).toMatch(/couldn’t take your chat\. You keep your place in the queue/);
  });

  it('should update a card that arrives after its offer was settled, so no live Accept is left', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    const schedule = world.outbox.expireOfferLater.bind(world.outbox);
    // Bob leaves between the offer's commit and its card: the settling side finds no card to update yet.
    world.outbox.expireOfferLater = async (job, after) => {
      await schedule(job, after);
      world.outbox.expireOfferLater = schedule;
      await world.say(bob, 'cancel');
    };

    await world.say(bob, 'operator');

    expect(await world.conversationOf(bob)).toBeUndefined();
    const live = offerCards(world, alice).filter((c) => world.chat.currentCard(c).buttons?.some((b) => b.action === 'accept-offer'));
    expect(live).toEqual([]);
    expect(await world.operatorRecord(alice)).toMatchObject({ offers: [] });
  });

  it('should let a passed-over user take the ticket they were offered while a newly free operator is being offered them', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'My laptop will not boot');
    await world.say(bob, 'operator');
    await world.say(alice, '#decline');
    const carol = await world.operator('Carol', { onDuty: true });
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Carol' } });

    await world.click(bob, 'accept-ticket');

    expect(world.tickets.tickets).toHaveLength(1);
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect(await world.operatorRecord(carol)).toMatchObject({ offers: [] });
    expect(world.chat.currentCard(offerCards(world, carol)[0]!).text).toBe('Bob stopped waiting, so this offer is closed.');
  });

  it('should answer a user being offered who asks again that they are being connected', async () => {
    const { world } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');

    await world.say(bob, 'operator');

    expect(world.heard(bob).filter((t) => t === CONNECTING)).toHaveLength(2);
    expect((await world.conversationOf(bob))?.state.kind).toBe('offered');
  });

  it('should tell a user they are being connected once, even when their offer was handed back and made again', async () => {
    const { world, alice } = await offerDesk();
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    const carol = await world.operator('Carol');

    await world.say(alice, '#off');
    await world.say(carol, '#on');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'offered', offer: { operatorName: 'Carol' } });
    expect(world.heard(bob).filter((t) => t === CONNECTING)).toHaveLength(1);
  });
});

describe('an operator who misses offers', () => {
  it('should be put off duty after two offers in a row expire, be told why and how to come back, and keep the conversation they hold', async () => {
    const { world, alice } = await offerDesk({ operatorCapacity: 3 });
    const bob = world.person('Bob');
    await world.say(bob, 'operator');
    await world.say(alice, '#accept');
    const dana = world.person('Dana');
    await world.say(dana, 'operator');
    await world.expireNextOffer();
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'on', missedOffers: 1 });
    // Dana, passed over by Alice, waits; Erin is offered to Alice and that offer passes too.
    const erin = world.person('Erin');
    await world.say(erin, 'operator');

    await world.expireNextOffer();

    expect(world.heard(alice)).toContain(
      'You let 2 offers in a row go unanswered, so I put you off duty and passed your open offers to other operators. Type #on when you’re back.',
    );
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'off', offers: [], assignments: [expect.objectContaining({ userName: 'Bob' })] });
    await world.say(bob, 'Still there?');
    expect(world.lastHeard(alice)).toBe('Still there?');
    expect((await world.conversationOf(erin))?.state.kind).toBe('queued');
  });

  it('should not count a decline as a miss, and start counting again after an answer', async () => {
    const { world, alice } = await offerDesk();
    const [bob, dana, erin] = [world.person('Bob'), world.person('Dana'), world.person('Erin')];
    await world.say(bob, 'operator');
    await world.expireNextOffer();
    await world.say(dana, 'operator');
    await world.say(alice, '#decline');
    await world.say(erin, 'operator');

    await world.expireNextOffer();

    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'on', missedOffers: 1 });
  });

  it('should start a new shift with no misses counted, and never put anyone away when the setting is off', async () => {
    const { world, alice } = await offerDesk({ missedOffersBeforeAway: 'off' });
    for (const name of ['Bob', 'Dana', 'Erin']) {
      await world.say(world.person(name), 'operator');
      await world.expireNextOffer();
    }
    expect(await world.operatorRecord(alice)).toMatchObject({ duty: 'on', missedOffers: 3 });

    await world.say(alice, '#off');
    await world.say(alice, '#on');

    expect(await world.operatorRecord(alice)).not.toHaveProperty('missedOffers');
  });
});

describe('assigning directly, the default', () => {
  it('should connect the user at once, as before offers existed', async () => {
    const world = new World();
    await world.enableLiveAgents();
    const alice = await world.operator('Alice', { onDuty: true });
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.conversationOf(bob))?.state.kind).toBe('with-operator');
    expect(offerCards(world, alice)).toEqual([]);
    expect(world.outbox.offerExpiries).toEqual([]);
    expect((await world.settings.get(PROJECT))?.operatorAssignment).toBe('assign-directly');
  });
});
