import type { WeeklySchedule } from '../../src/domain/business-hours';
import { World } from '../builders/world';

/**
 * Outside the project's business hours a user who asks for a person is told when the team is back and offered a
 * ticket at once, with the button a request gets when nobody is on duty; operators may still work, and users
 * already waiting when it closed keep their place. The world's clock starts on Wednesday 25 November 2026 at
 * 09:00 UTC, 10:00 in Paris.
 */
const nineToHalfFive = [{ from: '09:00', to: '17:30' }];
const WEEKDAYS: WeeklySchedule = { monday: nineToHalfFive, tuesday: nineToHalfFive, wednesday: nineToHalfFive, thursday: nineToHalfFive, friday: nineToHalfFive };
const OFFER = 'I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';
/** From Wednesday 10:00 to Friday 18:00, Paris time. */
const TO_FRIDAY_EVENING = (2 * 24 + 8) * 60;

async function parisHelpDesk(businessHours: WeeklySchedule = WEEKDAYS) {
  const world = new World();
  await world.enableLiveAgents({ timeZone: 'Europe/Paris', businessHours });
  const alice = await world.operator('Alice', { onDuty: true });
  return { world, alice };
}

describe('business hours', () => {
  it('should tell a user who asks on Friday evening that the team is back on Monday, and offer a ticket at once, with an operator on duty', async () => {
    const { world, alice } = await parisHelpDesk();
    world.clock.advanceMinutes(TO_FRIDAY_EVENING);
    const bob = world.person('Bob');
    world.chat.clear();

    await world.say(bob, 'operator');

    const told = world.chat.lastTo(bob);
    expect(told?.text).toBe(`Our team is away now: we’re back on Monday at 09:00 (Europe/Paris). ${OFFER}`);
    expect(told?.buttons).toEqual([{ action: 'accept-ticket', label: 'Create a ticket' }]);
    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'ticket-offered', reason: 'outside-business-hours' });
    expect(world.heard(alice)).toEqual([]);
  });

  it('should say “tomorrow” after closing time on a weekday', async () => {
    const { world } = await parisHelpDesk();
    world.clock.advanceMinutes(8 * 60); // Wednesday 18:00 in Paris
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toBe(`Our team is away now: we’re back tomorrow at 09:00 (Europe/Paris). ${OFFER}`);
  });

  it('should say “next Wednesday” when the week’s only hours have just ended', async () => {
    const { world } = await parisHelpDesk({ wednesday: [{ from: '09:00', to: '10:00' }] });
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toBe(`Our team is away now: we’re back next Wednesday at 09:00 (Europe/Paris). ${OFFER}`);
  });

  it('should say so when no day of the coming week has opening hours', async () => {
    const { world } = await parisHelpDesk({});
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect(world.lastHeard(bob)).toBe(`Our team is away now, and no opening hours are set for the next 7 days. ${OFFER}`);
  });

  it('should connect the user as usual inside business hours', async () => {
    const { world } = await parisHelpDesk();
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });

  it('should make a ticket from the user’s messages when they take the offer', async () => {
    const { world } = await parisHelpDesk();
    world.clock.advanceMinutes(TO_FRIDAY_EVENING);
    const bob = world.person('Bob');
    await world.say(bob, 'My printer is on fire');
    await world.say(bob, 'operator');

    await world.click(bob, 'accept-ticket', { conversationId: (await world.conversationOf(bob))?.id });
    await world.runQueue();

    expect(world.tickets.tickets).toHaveLength(1);
    expect(JSON.stringify(world.tickets.tickets[0])).toContain('My printer is on fire');
    expect(world.lastHeard(bob)).toMatch(/^I created ticket SUP-1 from your messages/);
  });

  it('should let an operator go on duty outside business hours', async () => {
    const { world } = await parisHelpDesk();
    world.clock.advanceMinutes(TO_FRIDAY_EVENING);
    const carol = await world.operator('Carol');

    await world.say(carol, '#on');

    expect(world.lastHeard(carol)).toMatch(/^You’re on duty/);
  });

  it('should leave users who were already waiting when the schedule closed in the queue, and connect them when an operator is free', async () => {
    const { world, alice } = await parisHelpDesk();
    world.clock.advanceMinutes(7 * 60 + 20); // Wednesday 17:20 in Paris
    const [bob, dana] = [world.person('Bob'), world.person('Dana')];
    await world.say(bob, 'operator');
    await world.say(dana, 'operator');
    world.clock.advanceMinutes(15); // closed now

    await world.say(alice, 'stop');

    expect((await world.conversationOf(dana))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });

  it('should route as always when business hours are turned off', async () => {
    const { world } = await parisHelpDesk();
    await world.enableLiveAgents({ businessHours: null });
    world.clock.advanceMinutes(TO_FRIDAY_EVENING);
    const bob = world.person('Bob');

    await world.say(bob, 'operator');

    expect((await world.conversationOf(bob))?.state).toMatchObject({ kind: 'with-operator', operatorName: 'Alice' });
  });
});
