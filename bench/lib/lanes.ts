import { SANDBOX_PEOPLE, SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { measureSend, setUpDesk, type BenchPlatform } from './harness';
import type { Lane } from './load';
import { GENERATED_ID_PREFIX, Seeder, slackParticipant, type Person } from './seed';

/**
 * Conversations for a load run, and the lanes (one sender, one direction each)
 * that write in them. Relays must land somewhere the fake Slack can deliver.
 *
 * - `sandbox-people` (the sandbox as it is): it delivers only to its six people,
 *   so the three sandbox operators each hold 10 conversations (the most
 *   operatorCapacity allows) with generated users (user → operator lanes), and
 *   the three sandbox users each talk to a generated operator (operator → user
 *   lanes): 33 lanes, 30 of them user → operator.
 * - `generated-people` (a sandbox that also knows `UGEN<n>` people): generated
 *   users and operators, one conversation per operator, both directions of each.
 */
export type LaneLayoutKind = 'sandbox-people' | 'generated-people';

export interface LaneLayout {
  readonly kind: LaneLayoutKind;
  readonly lanes: readonly Lane[];
  readonly conversations: number;
}

export const SANDBOX_PEOPLE_MAX_LANES = 33;
const SANDBOX_OPERATORS = ['UALICE', 'UBRUNO', 'UCARLA'];
const SANDBOX_USERS = ['UBOB', 'UDANA', 'UEVE'];
const CAPACITY = 10;

/** Asks the fake Slack who `UGEN1` is: only a sandbox that knows generated people can deliver to them. */
export async function sandboxKnowsGeneratedPeople(bench: BenchPlatform): Promise<boolean> {
  const response = await fetch(`${bench.platform.url}${bench.slack.apiPath}users.info`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX_WORKSPACE.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user: `${GENERATED_ID_PREFIX}1` }).toString(),
  });
  const answer = (await response.json()) as { ok?: boolean };
  return answer.ok === true;
}

/** Sets up the desk on a fresh platform and opens conversations for `wanted` lanes. */
export async function openLanes(bench: BenchPlatform, wanted: number, seeder = new Seeder()): Promise<LaneLayout> {
  if (await sandboxKnowsGeneratedPeople(bench)) return generatedLayout(bench, wanted, seeder);
  if (wanted > SANDBOX_PEOPLE_MAX_LANES) {
    throw new Error(`The sandbox delivers only to its six people: at most ${SANDBOX_PEOPLE_MAX_LANES} lanes, not ${wanted}.`);
  }
  await setUpDesk(bench, { operators: SANDBOX_OPERATORS, operatorCapacity: CAPACITY });
  for (const op of SANDBOX_OPERATORS) await measureSend(bench, op, '#on');

  const toOperator: Lane[][] = SANDBOX_OPERATORS.map(() => []);
  let id = 0;
  for (const [i, op] of SANDBOX_OPERATORS.entries()) {
    const users = Array.from({ length: CAPACITY }, () => seeder.newPerson());
    await seeder.connect(slackParticipant(op), users);
    for (const user of users) toOperator[i]!.push({ id: id++, from: user.participant.userId, to: op, senderName: user.name, direction: 'user-to-operator' });
  }
  const toUser: Lane[] = [];
  for (const userId of SANDBOX_USERS) {
    const operator = await seeder.operatorOnDuty();
    await seeder.connect(operator.participant, [sandboxPerson(userId)]);
    toUser.push({ id: id++, from: operator.participant.userId, to: userId, senderName: operator.name, direction: 'operator-to-user' });
  }
  // Round-robin over the operators, with the three operator → user lanes early on, so small runs have both directions.
  const lanes: Lane[] = [];
  for (let k = 0; k < CAPACITY; k += 1) for (const list of toOperator) lanes.push(list[k]!);
  lanes.splice(2, 0, toUser[0]!);
  lanes.splice(6, 0, toUser[1]!);
  lanes.splice(17, 0, toUser[2]!);
  const chosen = lanes.slice(0, wanted);
  return { kind: 'sandbox-people', lanes: chosen, conversations: new Set(chosen.map((l) => conversationOf(l))).size };
}

async function generatedLayout(bench: BenchPlatform, wanted: number, seeder: Seeder): Promise<LaneLayout> {
  await setUpDesk(bench, { operators: [] });
  const lanes: Lane[] = [];
  const conversations = Math.ceil(wanted / 2);
  for (let c = 0; c < conversations; c += 1) {
    const operator = await seeder.operatorOnDuty();
    const user = seeder.newPerson();
    await seeder.connect(operator.participant, [user]);
    lanes.push({ id: lanes.length, from: user.participant.userId, to: operator.participant.userId, senderName: user.name, direction: 'user-to-operator' });
    lanes.push({ id: lanes.length, from: operator.participant.userId, to: user.participant.userId, senderName: operator.name, direction: 'operator-to-user' });
  }
  return { kind: 'generated-people', lanes: lanes.slice(0, wanted), conversations };
}

function sandboxPerson(userId: string): Person {
  const person = SANDBOX_PEOPLE.find((p) => p.id === userId);
  if (!person) throw new Error(`No sandbox person ${userId}`);
  return { participant: slackParticipant(userId), name: person.displayName || person.realName };
}

function conversationOf(lane: Lane): string {
  return lane.direction === 'user-to-operator' ? lane.from : lane.to;
}
