import { connectWrites } from '../../src/app/conversation/connect-to-operator';
import { grantOperatorRole } from '../../src/app/settings/manage-operator-role';
import type { ChatGateway, CoreDeps, StateWrite, Versioned } from '../../src/app/ports';
import { loadSettings } from '../../src/app/settings/project-settings';
import { goOnDuty } from '../../src/app/duty/set-duty-status';
import { newConversationId } from '../../src/app/transcript/transcript-ids';
import { buildServices } from '../../src/composition';
import type { Conversation } from '../../src/domain/conversation';
import type { Operator } from '../../src/domain/operator';
import type { Participant } from '../../src/domain/participant';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';

/**
 * More people than the sandbox's six. The Slack sandbox answers users.info and
 * chat.postMessage only for its own people, so the bench cannot bring extra
 * people in through signed requests (asking for an operator looks the user up,
 * and the request card goes to the operator). Instead it writes their state
 * with the core's own code (grantOperatorRole, goOnDuty, connectWrites, the
 * state port's compare-and-set commit), over the same KVS the app uses, inside
 * the platform process, with a chat gateway that sends nothing (the notices
 * those steps send would go to people the sandbox does not know).
 *
 * Ids look like `UGEN12` ("Gen 12"), so that a sandbox that one day knows
 * generated people can deliver to them too (see bench/README.md).
 */
export const GENERATED_ID_PREFIX = 'UGEN';

export interface Person {
  readonly participant: Participant;
  readonly name: string;
}

export function generatedPerson(n: number): Person {
  return { participant: slackParticipant(`${GENERATED_ID_PREFIX}${n}`), name: `Gen ${n}` };
}

export function slackParticipant(userId: string): Participant {
  return { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId };
}

const silentChat: ChatGateway = {
  send: () => Promise.resolve(),
  profile: (p) => Promise.resolve({ displayName: p.userId }),
};
const silentLog = { info: () => undefined, warn: () => undefined };

/** The app's own services (buildServices), except that nothing is sent and nothing is logged. */
export function seedingDeps(): CoreDeps {
  return { ...buildServices({ bench: 'seed' }), chat: silentChat, log: silentLog };
}

/** Writes at most this many records per commit (the port allows 25: 10 conversations and their operator fit). */
const SESSIONS_PER_COMMIT = 20;

export class Seeder {
  private nextN: number;
  readonly projectId: string = LOCAL_PROJECT.id;

  constructor(
    private readonly deps: CoreDeps = seedingDeps(),
    options: { readonly firstN?: number } = {},
  ) {
    this.nextN = options.firstN ?? 1;
  }

  newPerson(): Person {
    const person = generatedPerson(this.nextN);
    this.nextN += 1;
    return person;
  }

  /** An operator's record as the app stores it. */
  async operator(participant: Participant): Promise<Operator> {
    const found = await this.deps.state.getOperator(participant);
    if (!found) throw new Error(`${participant.userId} is not an operator`);
    return found.value;
  }

  /** A new operator on duty: the role as the resolver grants it, then `#on` as the core handles it. */
  async operatorOnDuty(person: Person = this.newPerson()): Promise<Person> {
    const granted = await grantOperatorRole(this.deps, { projectId: this.projectId, participant: person.participant, displayName: person.name });
    if (granted !== 'granted') throw new Error(`${person.participant.userId} already had the role`);
    const operator = await this.deps.state.getOperator(person.participant);
    if (!operator) throw new Error(`${person.participant.userId} has no operator record after the grant`);
    await goOnDuty(this.deps, operator.value, await loadSettings(this.deps, this.projectId), 'en');
    return person;
  }

  /**
   * Opens one conversation per user with `operator`, as routing would: each
   * conversation and the operator's assignments are committed together
   * (connectWrites), `SESSIONS_PER_COMMIT` conversations per commit. With
   * `transcriptLine`, each conversation also gets the user's request as its
   * first transcript line, as a real handoff writes it.
   */
  async connect(operator: Participant, users: readonly Person[], options: { readonly transcriptLine?: boolean } = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < users.length; start += SESSIONS_PER_COMMIT) {
      const batch = users.slice(start, start + SESSIONS_PER_COMMIT);
      const current = await this.deps.state.getOperator(operator);
      if (!current) throw new Error(`${operator.userId} is not an operator`);
      const now = this.deps.clock.now();
      let versioned: Versioned<Operator> = current;
      const writes: StateWrite[] = [];
      const conversations: Conversation[] = [];
      for (const user of batch) {
        const eventId = `EvSEED${user.participant.userId}${now}`;
        const conversation: Conversation = {
          id: newConversationId(user.participant, eventId),
          projectId: this.projectId,
          user: user.participant,
          userName: user.name,
          requestedAt: now,
          state: { kind: 'queued', since: now, enteredAt: now },
        };
        const change = connectWrites(conversation, 'absent', versioned, now);
        writes.push(change.writes[0]!);
        conversations.push(change.conversation);
        // The next conversation is added to the operator as this commit will leave it (same expected version: one write).
        versioned = { value: change.operator, version: current.version };
      }
      writes.push({ kind: 'put-operator', operator: versioned.value, expected: current.version });
      if (!(await this.deps.state.commit(writes))) throw new Error(`Seeding ${operator.userId}'s conversations lost a race`);
      for (const conversation of conversations) {
        ids.push(conversation.id);
        if (options.transcriptLine) {
          await this.deps.transcripts.append(conversation.id, {
            id: `EvSEED${conversation.user.userId}`,
            at: now,
            role: 'user',
            speakerName: conversation.userName,
            speaker: conversation.user,
            text: 'I would like to talk to someone about my laptop, please',
          });
        }
      }
    }
    return ids;
  }

  /**
   * Puts users in the queue as asking for an operator would with nobody free: one waiting conversation each,
   * first come first served by the order given, `SESSIONS_PER_COMMIT` per commit.
   */
  async queue(users: readonly Person[]): Promise<void> {
    for (let start = 0; start < users.length; start += SESSIONS_PER_COMMIT) {
      const writes: StateWrite[] = users.slice(start, start + SESSIONS_PER_COMMIT).map((user, i) => {
        const now = this.deps.clock.now() + start + i;
        const conversation: Conversation = {
          id: newConversationId(user.participant, `EvSEEDQ${user.participant.userId}${now}`),
          projectId: this.projectId,
          user: user.participant,
          userName: user.name,
          requestedAt: now,
          state: { kind: 'queued', since: now, enteredAt: now },
        };
        return { kind: 'put-conversation', conversation, expected: 'absent' };
      });
      if (!(await this.deps.state.commit(writes))) throw new Error('Seeding the queue lost a race');
    }
  }
}
