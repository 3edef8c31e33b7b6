import { expireOffer } from '../../src/app/offers/settle-offer';
import type { Participant } from '../../src/domain/participant';
import { SEEDS, seededYields } from '../builders/interleaving';
import { World } from '../builders/world';

/**
 * Offers race: an operator's answer against the end of the window, against their own second answer, against the
 * user leaving, against going off duty. Each run ends with the user held by exactly one operator or by none, every
 * operator's record agreeing with the user's, and the user told once what became of them.
 */
const CONNECTED = 'You’re now talking to Alice, a live agent. Type “stop” when you’re done.';

async function offeredToAlice(seed: number) {
  const world = new World({ yieldBetweenCalls: seededYields(seed) });
  await world.enableLiveAgents({ operatorAssignment: 'offer-first', offerWindowSeconds: 60 });
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  const job = world.outbox.offerExpiries.at(-1)!.job;
  world.outbox.offerExpiries.length = 0;
  world.clock.advanceMs(60_000);
  return { world, alice, bob, job, sessionId: (await world.conversationOf(bob))!.id };
}

/** The user's record and every operator's agree: whoever holds or is offered the user is the one the user names. */
async function expectOneStory(world: World, bob: Participant): Promise<void> {
  const conversation = await world.conversationOf(bob);
  const operators = [...world.state.operators.values()].map((o) => o.value);
  const holding = operators.filter((op) => op.assignments.some((a) => a.user.userId === bob.userId));
  const offering = operators.filter((op) => (op.offers ?? []).some((o) => o.user.userId === bob.userId));
  const state = conversation?.state;
  expect(holding.map((o) => o.displayName)).toEqual(state?.kind === 'with-operator' ? [state.operatorName] : []);
  expect(offering.map((o) => o.displayName)).toEqual(state?.kind === 'offered' ? [state.offer.operatorName] : []);
  for (const op of operators) expect(op.assignments.length + (op.offers?.length ?? 0)).toBeLessThanOrEqual(1);
}

describe('operator offers, racing', () => {
  it.each(SEEDS)('an accept and the end of the window: Bob is with Alice or passed on, never both, and told once (seed %i)', async (seed) => {
    const { world, alice, bob, job, sessionId } = await offeredToAlice(seed);

    await Promise.all([world.click(alice, 'accept-offer', { value: sessionId }), expireOffer(world.deps, job)]);

    await expectOneStory(world, bob);
    const state = (await world.conversationOf(bob))?.state;
    const record = await world.operatorRecord(alice);
    if (state?.kind === 'with-operator') {
      expect(world.heard(bob).filter((t) => t === CONNECTED)).toHaveLength(1);
      expect(record?.missedOffers).toBe(0);
    } else {
      // The window won: Alice is told the offer is gone; nobody else is on duty, so Bob is offered the choice.
      expect(world.heard(bob)).not.toContain(CONNECTED);
      expect(world.lastHeard(alice)).toBe('You have no open offer: it was taken up, it expired, or the user stopped waiting.');
      expect(record?.missedOffers).toBe(1);
      expect(world.heard(bob).filter((t) => t.startsWith('The operators free right now'))).toHaveLength(1);
    }
  });

  it.each(SEEDS)('a click on Accept and a typed #accept: one connects Bob, the other is told there is nothing open (seed %i)', async (seed) => {
    const { world, alice, bob, sessionId } = await offeredToAlice(seed);

    await Promise.all([world.click(alice, 'accept-offer', { value: sessionId }), world.say(alice, '#accept')]);

    await expectOneStory(world, bob);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
    expect(world.heard(bob).filter((t) => t === CONNECTED)).toHaveLength(1);
    expect(world.heard(alice).filter((t) => t.startsWith('You have no open offer'))).toHaveLength(1);
  });

  it.each(SEEDS)('an accept and the user leaving: Bob ends up with Alice (and she hears he left) or gone, never held by her after leaving (seed %i)', async (seed) => {
    const { world, alice, bob, sessionId } = await offeredToAlice(seed);

    await Promise.all([world.click(alice, 'accept-offer', { value: sessionId }), world.say(bob, 'cancel')]);

    await expectOneStory(world, bob);
    expect(await world.conversationOf(bob)).toBeUndefined();
    expect((await world.operatorRecord(alice))?.assignments).toEqual([]);
    const heard = world.heard(bob);
    // Leaving after the accept ends the conversation with her; before it, leaves the queue: one ending, told once.
    expect(heard.filter((t) => t.startsWith('You’ve left the queue') || t.startsWith('You ended the conversation with Alice'))).toHaveLength(1);
  });

  it.each(SEEDS)('an accept and #off: Bob is with Alice and handed back by her #off, or back in line; never held by someone off duty (seed %i)', async (seed) => {
    const { world, alice, bob, sessionId } = await offeredToAlice(seed);

    await Promise.all([world.click(alice, 'accept-offer', { value: sessionId }), world.say(alice, '#off')]);

    await expectOneStory(world, bob);
    const record = await world.operatorRecord(alice);
    expect(record).toMatchObject({ duty: 'off', assignments: [], offers: [] });
    expect(['queued', 'offered', 'ticket-offered']).toContain((await world.conversationOf(bob))?.state.kind);
    expect(world.heard(bob).filter((t) => t === CONNECTED).length).toBe(world.heard(bob).filter((t) => t.startsWith('Alice had to leave.')).length);
  });

  it.each(SEEDS)('a decline and the end of the window: Bob is passed on once, and Alice counted at most one miss (seed %i)', async (seed) => {
    const { world, alice, bob, job } = await offeredToAlice(seed);

    await Promise.all([world.say(alice, '#decline'), expireOffer(world.deps, job)]);

    await expectOneStory(world, bob);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'queued', passedOver: [expect.stringContaining(alice.userId)] });
    expect(world.heard(bob).filter((t) => t.startsWith('The operators free right now'))).toHaveLength(1);
    expect([0, 1]).toContain((await world.operatorRecord(alice))?.missedOffers);
  });
});
