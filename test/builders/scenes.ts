import type { SettingsChange } from '../../src/domain/settings';
import { World } from './world';

/**
 * Starting situations several specs share. Each names who is involved, so a
 * test still reads as "given Alice serving Bob and Dana, when…".
 */

/** Bob, who has an e-mail, tells the bot about a jammed printer, asks for a person and gets Alice; they talk. */
/** Alice on duty talking with Bob, who just asked for an operator; nothing heard yet. */
export async function connectedPair() {
  const world = new World();
  await world.enableLiveAgents();
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob');
  await world.say(bob, 'operator');
  world.chat.clear();
  return { world, alice, bob };
}

export async function printerConversation(settings: SettingsChange = {}) {
  const world = new World();
  await world.enableLiveAgents(settings);
  const alice = await world.operator('Alice', { onDuty: true });
  const bob = world.person('Bob', { email: 'bob@example.com' });
  await world.say(bob, 'The printer on floor 3 jams');
  await world.say(bob, 'operator');
  await world.say(alice, 'Which printer model?');
  await world.say(bob, 'HP 4250');
  world.chat.clear();
  return { world, alice, bob };
}

/** Operators take two users each; Alice, on duty, serves Bob and then Dana. */
export async function aliceServingBobAndDana() {
  const world = new World();
  await world.enableLiveAgents({ operatorCapacity: 2 });
  const alice = await world.operator('Alice', { onDuty: true });
  const [bob, dana] = [world.person('Bob'), world.person('Dana')];
  await world.say(bob, 'operator');
  await world.say(dana, 'operator');
  return { world, alice, bob, dana };
}

/** Alice has the role but is off duty: Bob tells the bot his badge fails, asks for a person and is offered a ticket. */
export async function badgeTicketOffered() {
  const world = new World();
  await world.enableLiveAgents();
  await world.operator('Alice');
  const bob = world.person('Bob');
  await world.say(bob, 'My badge does not open door B');
  await world.say(bob, 'operator');
  return { world, bob };
}
