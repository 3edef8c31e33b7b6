import type { Assignment, Operator } from '../../src/domain/operator';
import type { Conversation } from '../../src/domain/conversation';
import type { Participant } from '../../src/domain/participant';
import { MAX_WRITES_PER_COMMIT, type LiveAgentState, type StateWrite, type Versioned } from '../../src/app/ports';
import { anAssignment, anOperator, aParticipant, PROJECT_ID, T0 } from '../builders/operator';
import { aConversation, queued, ticketOffered, withOperator } from '../builders/conversation';

const OTHER_PROJECT = '20000';

/**
 * What every implementation of the `LiveAgentState` port must do: the in-memory
 * fake and the Forge KVS adapter alike. Each test gets a fresh, empty store from
 * `makeState`.
 */
export function describeLiveAgentStateContract(
  name: string,
  makeState: () => Promise<LiveAgentState> | LiveAgentState,
): void {
  describe(`LiveAgentState contract: ${name}`, () => {
    let state: LiveAgentState;

    beforeEach(async () => {
      state = await makeState();
    });

    const putOperator = (operator: Operator, expected: number | 'absent'): StateWrite => ({ kind: 'put-operator', operator, expected });
    const putConversation = (conversation: Conversation, expected: number | 'absent'): StateWrite => ({ kind: 'put-conversation', conversation, expected });
    const deleteOperator = (participant: Participant, expected: number): StateWrite => ({ kind: 'delete-operator', participant, expected });
    const deleteConversation = (user: Participant, expected: number): StateWrite => ({ kind: 'delete-conversation', user, expected });

    /** Stores a new operator or conversation and returns it as read back, with its version. */
    async function created(value: Operator): Promise<Versioned<Operator>>;
    async function created(value: Conversation): Promise<Versioned<Conversation>>;
    async function created(value: Operator | Conversation): Promise<Versioned<Operator | Conversation>> {
      const isOperator = 'participant' in value;
      const write = isOperator ? putOperator(value, 'absent') : putConversation(value, 'absent');
      if (!(await state.commit([write]))) throw new Error('Arrange failed: could not create the record');
      const stored = isOperator ? await state.getOperator(value.participant) : await state.getConversation(value.user);
      if (!stored) throw new Error('Arrange failed: the created record is not there');
      return stored;
    }

    /** A commit the port forbids must not apply: it may throw or return false. */
    async function outcomeOf(commit: Promise<boolean>): Promise<'applied' | 'refused'> {
      try {
        return (await commit) ? 'applied' : 'refused';
      } catch {
        return 'refused';
      }
    }

    async function allQueued(projectId: string, limit: number): Promise<{ pages: string[][]; ids: string[] }> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await state.conversationsInState(projectId, 'queued', { limit, cursor });
        pages.push(page.items.map((s) => s.value.id));
        cursor = page.cursor;
        if (pages.length > 20) throw new Error('Paging does not end');
      } while (cursor);
      return { pages, ids: pages.flat() };
    }

    describe('reading what is not there', () => {
      it('should return undefined when the operator was never stored', async () => {
        // Act
        const found = await state.getOperator(aParticipant({ userId: 'U0NOBODY' }));

        // Assert
        expect(found).toBeUndefined();
      });

      it('should return undefined when the user has no conversation', async () => {
        // Act
        const found = await state.getConversation(aParticipant({ userId: 'U0NOBODY' }));

        // Assert
        expect(found).toBeUndefined();
      });

      it('should return empty lists from an empty store', async () => {
        // Act
        const onDuty = await state.operatorsByDuty(PROJECT_ID, 'on');
        const ofTenant = await state.operatorsOfTenant('slack', 'T0001');
        const page = await state.conversationsInState(PROJECT_ID, 'queued');

        // Assert
        expect(onDuty).toEqual([]);
        expect(ofTenant).toEqual([]);
        expect(page.items).toEqual([]);
        expect(page.cursor).toBeUndefined();
      });
    });

    describe('create if absent', () => {
      it('should create an operator when the write expects it to be absent', async () => {
        // Arrange
        const alice = anOperator({ displayName: 'Alice' });

        // Act
        const committed = await state.commit([putOperator(alice, 'absent')]);

        // Assert
        expect(committed).toBe(true);
        expect((await state.getOperator(alice.participant))?.value).toEqual(alice);
      });

      it('should create a conversation when the write expects it to be absent', async () => {
        // Arrange
        const conversation = aConversation(1, { ticket: { key: 'SUP-1', url: 'https://example.atlassian.net/browse/SUP-1', coveredThrough: { at: T0, id: 'Ev0001' } } });

        // Act
        const committed = await state.commit([putConversation(conversation, 'absent')]);

        // Assert
        expect(committed).toBe(true);
        expect((await state.getConversation(conversation.user))?.value).toEqual(conversation);
      });

      it('should refuse a second create of the same operator and keep the first', async () => {
        // Arrange
        const first = await created(anOperator({ displayName: 'Alice', duty: 'off' }));

        // Act
        const committed = await state.commit([putOperator({ ...first.value, duty: 'on', displayName: 'Impostor' }, 'absent')]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getOperator(first.value.participant)).toEqual(first);
      });

      it('should refuse a second create of the same conversation and keep the first', async () => {
        // Arrange
        const first = await created(aConversation(1, { id: 'conv-first' }));

        // Act
        const committed = await state.commit([putConversation({ ...first.value, id: 'conv-second' }, 'absent')]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getConversation(first.value.user)).toEqual(first);
      });

      it('should keep operators and conversations apart when they belong to the same person', async () => {
        // Arrange: one person can hold the role and be a user waiting for someone else.
        const person = aParticipant({ userId: 'U0BOTH' });
        await created(anOperator({ participant: person }));

        // Act
        const committed = await state.commit([putConversation(aConversation(1, { user: person }), 'absent')]);

        // Assert
        expect(committed).toBe(true);
        expect((await state.getOperator(person))?.value.participant).toEqual(person);
        expect((await state.getConversation(person))?.value.user).toEqual(person);
      });
    });

    describe('compare-and-set updates', () => {
      it('should update an operator and change its version when the write expects the current version', async () => {
        // Arrange
        const read = await created(anOperator({ displayName: 'Alice', duty: 'off' }));
        const onDuty: Operator = { ...read.value, duty: 'on', idleSince: T0 + 60_000 };

        // Act
        const committed = await state.commit([putOperator(onDuty, read.version)]);

        // Assert
        const after = await state.getOperator(read.value.participant);
        expect(committed).toBe(true);
        expect(after?.value).toEqual(onDuty);
        expect(after?.version).not.toBe(read.version);
      });

      it('should update a conversation and change its version when the write expects the current version', async () => {
        // Arrange
        const read = await created(aConversation(1));
        const connected: Conversation = { ...read.value, state: withOperator(aParticipant({ userId: 'U0ALICE' }), 'Alice', T0 + 5_000) };

        // Act
        const committed = await state.commit([putConversation(connected, read.version)]);

        // Assert
        const after = await state.getConversation(read.value.user);
        expect(committed).toBe(true);
        expect(after?.value).toEqual(connected);
        expect(after?.version).not.toBe(read.version);
      });

      it('should give every successive update a new version', async () => {
        // Arrange
        let read = await created(anOperator());
        const versions = [read.version];

        // Act
        for (let i = 1; i <= 3; i += 1) {
          expect(await state.commit([putOperator({ ...read.value, idleSince: T0 + i }, read.version)])).toBe(true);
          read = (await state.getOperator(read.value.participant))!;
          versions.push(read.version);
        }

        // Assert
        expect(new Set(versions).size).toBe(4);
      });

      it('should refuse a write with a stale version and leave the record as the winner wrote it', async () => {
        // Arrange
        const stale = await created(anOperator({ displayName: 'Alice' }));
        const winner: Operator = { ...stale.value, assignments: [anAssignment(1)] };
        expect(await state.commit([putOperator(winner, stale.version)])).toBe(true);
        const current = await state.getOperator(stale.value.participant);

        // Act
        const committed = await state.commit([putOperator({ ...stale.value, assignments: [anAssignment(2)] }, stale.version)]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getOperator(stale.value.participant)).toEqual(current);
      });

      it('should refuse a versioned write to a record that does not exist, creating nothing', async () => {
        // Arrange
        const conversation = aConversation(1);

        // Act
        const committed = await state.commit([putConversation(conversation, 1)]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getConversation(conversation.user)).toBeUndefined();
      });

      it('should refuse a write that expects the version a record had before it was deleted and created again', async () => {
        // Arrange: a slow handler read the user's first conversation; meanwhile it ended and the user asked again.
        const first = await created(aConversation(1, { id: 'conv-first' }));
        expect(await state.commit([deleteConversation(first.value.user, first.version)])).toBe(true);
        const second = await created(aConversation(1, { id: 'conv-second' }));

        // Act
        const committed = await state.commit([putConversation({ ...first.value, state: ticketOffered(T0, 'queue-timeout') }, first.version)]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getConversation(first.value.user)).toEqual(second);
      });
    });

    describe('all or nothing', () => {
      it('should apply none of the writes when one of them is stale', async () => {
        // Arrange
        const operator = await created(anOperator({ displayName: 'Alice' }));
        expect(await state.commit([putOperator({ ...operator.value, idleSince: T0 + 1 }, operator.version)])).toBe(true);
        const operatorBefore = await state.getOperator(operator.value.participant);
        const waiting = await created(aConversation(1));
        const conversation = aConversation(2);

        // Act: connecting with a stale operator version must not half-happen.
        const committed = await state.commit([
          putConversation({ ...waiting.value, state: withOperator(operator.value.participant) }, waiting.version),
          putConversation(conversation, 'absent'),
          putOperator({ ...operator.value, assignments: [anAssignment(1)] }, operator.version),
        ]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getOperator(operator.value.participant)).toEqual(operatorBefore);
        expect(await state.getConversation(waiting.value.user)).toEqual(waiting);
        expect(await state.getConversation(conversation.user)).toBeUndefined();
      });

      it('should apply none of the writes when the stale one comes first', async () => {
        // Arrange
        const existing = await created(aConversation(1));
        const newcomer = aConversation(2);

        // Act
        const committed = await state.commit([putConversation(existing.value, existing.version + 1000), putConversation(newcomer, 'absent')]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getConversation(newcomer.user)).toBeUndefined();
        expect(await state.getConversation(existing.value.user)).toEqual(existing);
      });

      it('should apply every write of a commit whose versions all match', async () => {
        // Arrange
        const operator = await created(anOperator({ displayName: 'Alice' }));
        const waiting = await created(aConversation(1));
        const assignment = anAssignment(1, { sessionId: waiting.value.id, user: waiting.value.user, userName: waiting.value.userName });

        // Act
        const committed = await state.commit([
          putConversation({ ...waiting.value, state: withOperator(operator.value.participant) }, waiting.version),
          putOperator({ ...operator.value, assignments: [assignment] }, operator.version),
        ]);

        // Assert
        expect(committed).toBe(true);
        expect((await state.getConversation(waiting.value.user))?.value.state.kind).toBe('with-operator');
        expect((await state.getOperator(operator.value.participant))?.value.assignments).toEqual([assignment]);
      });
    });

    describe('delete', () => {
      it('should delete an operator when the write expects its current version', async () => {
        // Arrange
        const read = await created(anOperator());

        // Act
        const committed = await state.commit([deleteOperator(read.value.participant, read.version)]);

        // Assert
        expect(committed).toBe(true);
        expect(await state.getOperator(read.value.participant)).toBeUndefined();
        expect(await state.operatorsByDuty(PROJECT_ID, 'on')).toEqual([]);
      });

      it('should delete a conversation when the write expects its current version', async () => {
        // Arrange
        const read = await created(aConversation(1));

        // Act
        const committed = await state.commit([deleteConversation(read.value.user, read.version)]);

        // Assert
        expect(committed).toBe(true);
        expect(await state.getConversation(read.value.user)).toBeUndefined();
        expect((await state.conversationsInState(PROJECT_ID, 'queued')).items).toEqual([]);
      });

      it('should refuse a delete with a stale version and keep the record', async () => {
        // Arrange
        const stale = await created(aConversation(1));
        expect(await state.commit([putConversation({ ...stale.value, state: queued(T0 + 1) }, stale.version)])).toBe(true);
        const current = await state.getConversation(stale.value.user);

        // Act
        const committed = await state.commit([deleteConversation(stale.value.user, stale.version)]);

        // Assert
        expect(committed).toBe(false);
        expect(await state.getConversation(stale.value.user)).toEqual(current);
      });

      it('should refuse to delete an operator who is not there', async () => {
        // Act
        const committed = await state.commit([deleteOperator(aParticipant({ userId: 'U0NOBODY' }), 1)]);

        // Assert
        expect(committed).toBe(false);
      });

      it('should let the user start a new conversation once the old one is deleted', async () => {
        // Arrange
        const old = await created(aConversation(1, { id: 'conv-old' }));
        expect(await state.commit([deleteConversation(old.value.user, old.version)])).toBe(true);

        // Act
        const committed = await state.commit([putConversation(aConversation(1, { id: 'conv-new' }), 'absent')]);

        // Assert
        expect(committed).toBe(true);
        expect((await state.getConversation(old.value.user))?.value.id).toBe('conv-new');
      });
    });

    describe('operator queries', () => {
      it('should list the operators of one project with one duty status', async () => {
        // Arrange
        await created(anOperator({ displayName: 'Alice', duty: 'on' }));
        await created(anOperator({ displayName: 'Bob', duty: 'off' }));
        await created(anOperator({ displayName: 'Carol', duty: 'on', load: 1 }));
        await created(anOperator({ displayName: 'Dan', duty: 'on', projectId: OTHER_PROJECT }));

        // Act
        const onDuty = await state.operatorsByDuty(PROJECT_ID, 'on');
        const offDuty = await state.operatorsByDuty(PROJECT_ID, 'off');
        const otherProject = await state.operatorsByDuty(OTHER_PROJECT, 'on');

        // Assert
        expect(onDuty.map((o) => o.value.displayName).sort()).toEqual(['Alice', 'Carol']);
        expect(offDuty.map((o) => o.value.displayName)).toEqual(['Bob']);
        expect(otherProject.map((o) => o.value.displayName)).toEqual(['Dan']);
      });

      it('should follow an operator going off duty', async () => {
        // Arrange
        const alice = await created(anOperator({ displayName: 'Alice', duty: 'on' }));

        // Act
        await state.commit([putOperator({ ...alice.value, duty: 'off' }, alice.version)]);

        // Assert
        expect(await state.operatorsByDuty(PROJECT_ID, 'on')).toEqual([]);
        expect((await state.operatorsByDuty(PROJECT_ID, 'off')).map((o) => o.value.displayName)).toEqual(['Alice']);
      });

      it('should list operators with the versions a compare-and-set needs', async () => {
        // Arrange
        const alice = await created(anOperator({ displayName: 'Alice' }));

        // Act
        const [listed] = await state.operatorsByDuty(PROJECT_ID, 'on');

        // Assert
        expect(listed).toEqual(alice);
        expect(await state.commit([putOperator({ ...listed!.value, idleSince: T0 + 1 }, listed!.version)])).toBe(true);
      });

      it('should list the role holders of one workspace or tenant on one channel, across projects', async () => {
        // Arrange
        await created(anOperator({ displayName: 'Alice', participant: { channel: 'slack', tenantId: 'T0001', userId: 'U0ALICE' } }));
        await created(
          anOperator({ displayName: 'Bob', duty: 'off', projectId: OTHER_PROJECT, participant: { channel: 'slack', tenantId: 'T0001', userId: 'U0BOB' } }),
        );
        await created(anOperator({ displayName: 'Carol', participant: { channel: 'slack', tenantId: 'T0002', userId: 'U0CAROL' } }));
        await created(anOperator({ displayName: 'Dan', participant: { channel: 'teams', tenantId: 'T0001', userId: '29:1Dan' } }));

        // Act
        const slackT1 = await state.operatorsOfTenant('slack', 'T0001');
        const teamsT1 = await state.operatorsOfTenant('teams', 'T0001');
        const unknown = await state.operatorsOfTenant('slack', 'T9999');

        // Assert
        expect(slackT1.map((o) => o.value.displayName).sort()).toEqual(['Alice', 'Bob']);
        expect(teamsT1.map((o) => o.value.displayName)).toEqual(['Dan']);
        expect(unknown).toEqual([]);
      });
    });

    describe('operatorsForRouting', () => {
      const DAY = 24 * 60 * 60 * 1_000;

      async function routingPages(limit: number): Promise<{ pages: string[][]; names: string[] }> {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await state.operatorsForRouting(PROJECT_ID, { limit, cursor });
          pages.push(page.items.map((o) => o.value.displayName));
          cursor = page.cursor;
          if (pages.length > 20) throw new Error('Paging does not end');
        } while (cursor);
        return { pages, names: pages.flat() };
      }

      /** Five on-duty operators, created out of routing order: Ann, Ben, Cy, Di, Ed. */
      async function fiveOnDuty(): Promise<void> {
        await created(anOperator({ displayName: 'Di', load: 1, idleSince: T0 + 1_000 }));
        await created(anOperator({ displayName: 'Ben', load: 0, idleSince: T0 + 2_000 }));
        await created(anOperator({ displayName: 'Ed', load: 2, idleSince: T0 - 5 * DAY }));
        await created(anOperator({ displayName: 'Ann', load: 0, idleSince: T0 + 1_000 }));
        await created(anOperator({ displayName: 'Cy', load: 0, idleSince: T0 + 3_000 }));
      }

      it('should return an empty last page from an empty store', async () => {
        // Act
        const page = await state.operatorsForRouting(PROJECT_ID);

        // Assert
        expect(page.items).toEqual([]);
        expect(page.cursor).toBeUndefined();
      });

      it('should order the on-duty operators of one project least busy first, then idle longest', async () => {
        // Arrange
        await fiveOnDuty();
        await created(anOperator({ displayName: 'Off', duty: 'off', idleSince: T0 - 9 * DAY }));
        await created(anOperator({ displayName: 'Elsewhere', projectId: OTHER_PROJECT, idleSince: T0 - 9 * DAY }));

        // Act
        const page = await state.operatorsForRouting(PROJECT_ID, { limit: 10 });

        // Assert
        expect(page.items.map((o) => o.value.displayName)).toEqual(['Ann', 'Ben', 'Cy', 'Di', 'Ed']);
        expect(page.cursor).toBeUndefined();
      });

      it('should put fewer conversations first however long a busier operator has been idle', async () => {
        // Arrange: idle for years with one conversation, against free since just now.
        await created(anOperator({ displayName: 'Old', load: 1, idleSince: T0 - 3_000 * DAY }));
        await created(anOperator({ displayName: 'New', load: 0, idleSince: T0 + 365 * DAY }));
        await created(anOperator({ displayName: 'Full', load: 9, idleSince: 0 }));

        // Act
        const page = await state.operatorsForRouting(PROJECT_ID, { limit: 10 });

        // Assert
        expect(page.items.map((o) => o.value.displayName)).toEqual(['New', 'Old', 'Full']);
      });

      it('should put operators with room under a capacity of their own first, and those full at it last, each lane least busy first', async () => {
        // Arrange: Own has room at 2 of 3; Flat follows the project; Full is at 1 of 1 however long idle.
        await created(anOperator({ displayName: 'Flat', load: 0, idleSince: T0 }));
        await created(anOperator({ displayName: 'Own', load: 2, capacity: 3, idleSince: T0 + 5_000 }));
        await created(anOperator({ displayName: 'Full', load: 1, capacity: 1, idleSince: T0 - 9 * DAY }));
        await created(anOperator({ displayName: 'Busy', load: 1, idleSince: T0 }));
        await created(anOperator({ displayName: 'Roomy', load: 0, capacity: 2, idleSince: T0 + 9_000 }));

        // Act
        const all = await state.operatorsForRouting(PROJECT_ID, { limit: 10 });
        const projectLane = await state.operatorsForRouting(PROJECT_ID, { limit: 10, lane: 'project-capacity' });
        const { pages } = await routingPages(2);

        // Assert
        expect(all.items.map((o) => o.value.displayName)).toEqual(['Roomy', 'Own', 'Flat', 'Busy', 'Full']);
        expect(projectLane.items.map((o) => o.value.displayName)).toEqual(['Flat', 'Busy']);
        expect(pages.flat()).toEqual(['Roomy', 'Own', 'Flat', 'Busy', 'Full']);
      });

      it('should move an operator between lanes as their load and their own capacity change', async () => {
        // Arrange
        const own = await created(anOperator({ displayName: 'Own', load: 0, capacity: 1, idleSince: T0 }));
        await created(anOperator({ displayName: 'Flat', load: 0, idleSince: T0 - DAY }));
        const full = { ...own.value, assignments: [anAssignment(1)] };

        // Act
        expect(await state.commit([{ kind: 'put-operator', operator: full, expected: own.version }])).toBe(true);
        const whenFull = await state.operatorsForRouting(PROJECT_ID, { limit: 10 });
        const current = (await state.getOperator(own.value.participant))!;
        const { capacity: _own, ...following } = current.value;
        expect(await state.commit([{ kind: 'put-operator', operator: following, expected: current.version }])).toBe(true);
        const whenFollowing = await state.operatorsForRouting(PROJECT_ID, { limit: 10, lane: 'project-capacity' });

        // Assert
        expect(whenFull.items.map((o) => o.value.displayName)).toEqual(['Flat', 'Own']);
        expect(whenFollowing.items.map((o) => o.value.displayName)).toEqual(['Flat', 'Own']);
      });

      it('should return no more than the limit, the best first, and a cursor to the rest', async () => {
        // Arrange
        await fiveOnDuty();

        // Act
        const page = await state.operatorsForRouting(PROJECT_ID, { limit: 2 });

        // Assert
        expect(page.items.map((o) => o.value.displayName)).toEqual(['Ann', 'Ben']);
        expect(page.cursor).toBeDefined();
      });

      it('should page through five operators two at a time in three pages, each once and in order', async () => {
        // Arrange
        await fiveOnDuty();

        // Act
        const { pages, names } = await routingPages(2);

        // Assert
        expect(pages).toEqual([['Ann', 'Ben'], ['Cy', 'Di'], ['Ed']]);
        expect(names).toEqual(['Ann', 'Ben', 'Cy', 'Di', 'Ed']);
      });

      it('should return every one of several operators tied in load and idle time once, a page of one at a time', async () => {
        // Arrange
        for (const name of ['Tia', 'Tom', 'Tess']) await created(anOperator({ displayName: name, idleSince: T0 }));
        await created(anOperator({ displayName: 'Later', idleSince: T0 + 1 }));

        // Act
        const { pages, names } = await routingPages(1);

        // Assert
        expect(pages.every((p) => p.length <= 1)).toBe(true);
        expect(names.slice(0, 3).sort()).toEqual(['Tess', 'Tia', 'Tom']);
        expect(names.slice(3)).toEqual(['Later']);
      });

      it('should follow an operator who takes a conversation, becomes free again, or goes off duty', async () => {
        // Arrange
        await fiveOnDuty();
        const ann = (await state.getOperator(anOperator({ displayName: 'Ann' }).participant))!;
        const ben = (await state.getOperator(anOperator({ displayName: 'Ben' }).participant))!;
        const di = (await state.getOperator(anOperator({ displayName: 'Di' }).participant))!;

        // Act
        await state.commit([
          putOperator({ ...ann.value, assignments: [anAssignment(1)], idleSince: T0 + 10_000 }, ann.version),
          putOperator({ ...ben.value, duty: 'off' }, ben.version),
          putOperator({ ...di.value, assignments: [], idleSince: T0 + 20_000 }, di.version),
        ]);

        // Assert
        expect((await routingPages(10)).names).toEqual(['Cy', 'Di', 'Ann', 'Ed']);
      });

      it('should return operators with the versions a compare-and-set needs', async () => {
        // Arrange
        const alice = await created(anOperator({ displayName: 'Alice' }));

        // Act
        const [listed] = (await state.operatorsForRouting(PROJECT_ID, { limit: 1 })).items;

        // Assert
        expect(listed).toEqual(alice);
        expect(await state.commit([putOperator({ ...listed!.value, assignments: [anAssignment(1)] }, listed!.version)])).toBe(true);
      });
    });

    describe('sessionsInState', () => {
      /** Five queued conversations, created out of order; `conv-01` waits longest. */
      async function fiveQueued(projectId = PROJECT_ID, offset = 0): Promise<void> {
        for (const n of [3, 1, 5, 2, 4]) {
          await created(aConversation(n + offset, { id: `conv-${String(n + offset).padStart(2, '0')}`, projectId, state: queued(T0 + n * 1_000, T0) }));
        }
      }

      it('should return queued conversations oldest place in line first', async () => {
        // Arrange
        await fiveQueued();

        // Act
        const page = await state.conversationsInState(PROJECT_ID, 'queued', { limit: 10 });

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-01', 'conv-02', 'conv-03', 'conv-04', 'conv-05']);
        expect(page.cursor).toBeUndefined();
      });

      it('should order by place in line (since), not by when the wait began or the conversation was asked for', async () => {
        // Arrange: conv-02 was handed back to the queue and keeps an early place.
        await created(aConversation(1, { id: 'conv-01', requestedAt: T0, state: queued(T0 + 2_000, T0) }));
        await created(aConversation(2, { id: 'conv-02', requestedAt: T0 + 9_000, state: queued(T0 + 1_000, T0 + 9_000) }));

        // Act
        const page = await state.conversationsInState(PROJECT_ID, 'queued');

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-02', 'conv-01']);
      });

      it('should page through five conversations two at a time in three pages, each conversation once and in order', async () => {
        // Arrange
        await fiveQueued();

        // Act
        const { pages, ids } = await allQueued(PROJECT_ID, 2);

        // Assert
        expect(pages).toEqual([['conv-01', 'conv-02'], ['conv-03', 'conv-04'], ['conv-05']]);
        expect(ids).toEqual(['conv-01', 'conv-02', 'conv-03', 'conv-04', 'conv-05']);
      });

      it('should not skip anyone when the conversations already read leave the queue before the next page', async () => {
        // Arrange: what winding down does: close each conversation of a page, then ask for the next page.
        await fiveQueued();
        const seen: string[] = [];
        let cursor: string | undefined;

        // Act
        do {
          const page = await state.conversationsInState(PROJECT_ID, 'queued', { limit: 2, cursor });
          for (const conversation of page.items) {
            seen.push(conversation.value.id);
            expect(await state.commit([deleteConversation(conversation.value.user, conversation.version)])).toBe(true);
          }
          cursor = page.cursor;
        } while (cursor && seen.length <= 5);

        // Assert
        expect(seen).toEqual(['conv-01', 'conv-02', 'conv-03', 'conv-04', 'conv-05']);
        expect((await state.conversationsInState(PROJECT_ID, 'queued')).items).toEqual([]);
      });

      it('should not return the conversations of another project', async () => {
        // Arrange
        await fiveQueued(OTHER_PROJECT, 10);
        await created(aConversation(1, { id: 'conv-mine', state: queued(T0 + 99_000) }));

        // Act
        const page = await state.conversationsInState(PROJECT_ID, 'queued');

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-mine']);
        expect((await allQueued(OTHER_PROJECT, 2)).ids).toHaveLength(5);
      });

      it('should return only conversations in the asked state, each state ordered by since', async () => {
        // Arrange
        const alice = aParticipant({ userId: 'U0ALICE' });
        await created(aConversation(1, { id: 'conv-q', state: queued(T0 + 1_000) }));
        await created(aConversation(2, { id: 'conv-w-late', state: withOperator(alice, 'Alice', T0 + 8_000) }));
        await created(aConversation(3, { id: 'conv-w-early', state: withOperator(alice, 'Alice', T0 + 2_000) }));
        await created(aConversation(4, { id: 'conv-t', state: ticketOffered(T0 + 3_000, 'queue-timeout') }));

        // Act
        const queuedIds = (await state.conversationsInState(PROJECT_ID, 'queued')).items.map((s) => s.value.id);
        const withOperatorIds = (await state.conversationsInState(PROJECT_ID, 'with-operator')).items.map((s) => s.value.id);
        const offeredIds = (await state.conversationsInState(PROJECT_ID, 'ticket-offered')).items.map((s) => s.value.id);

        // Assert
        expect(queuedIds).toEqual(['conv-q']);
        expect(withOperatorIds).toEqual(['conv-w-early', 'conv-w-late']);
        expect(offeredIds).toEqual(['conv-t']);
      });

      it('should follow a conversation that changes state', async () => {
        // Arrange
        const waiting = await created(aConversation(1));

        // Act
        await state.commit([putConversation({ ...waiting.value, state: withOperator(aParticipant({ userId: 'U0ALICE' })) }, waiting.version)]);

        // Assert
        expect((await state.conversationsInState(PROJECT_ID, 'queued')).items).toEqual([]);
        expect((await state.conversationsInState(PROJECT_ID, 'with-operator')).items.map((s) => s.value.id)).toEqual(['conv-01']);
      });
    });

    describe('sessionsByTimer', () => {
      const alice = aParticipant({ userId: 'U0ALICE' });
      const conversation = (n: number, since: number, activeAt?: number): Conversation =>
        aConversation(n, { state: { ...withOperator(alice, 'Alice', since), ...(activeAt === undefined ? {} : { activeAt }) } });

      it('should return only the conversations whose timer started by the given time, earliest first', async () => {
        // Arrange
        for (const n of [4, 1, 3, 2, 5]) await created(conversation(n, T0 + n * 1_000));

        // Act
        const page = await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 3_000, { limit: 10 });

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-01', 'conv-02', 'conv-03']);
        expect(page.cursor).toBeUndefined();
      });

      it('should count a conversation’s timer from the activity the sweep recorded, not from when it was connected', async () => {
        // Arrange: conv-01 was connected first but had activity later.
        await created(conversation(1, T0, T0 + 5_000));
        await created(conversation(2, T0 + 1_000));

        // Act
        const due = await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 2_000);
        const later = await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 9_000);

        // Assert
        expect(due.items.map((s) => s.value.id)).toEqual(['conv-02']);
        expect(later.items.map((s) => s.value.id)).toEqual(['conv-02', 'conv-01']);
      });

      it('should follow a timer moved on by a commit', async () => {
        // Arrange
        const read = await created(conversation(1, T0));

        // Act
        await state.commit([putConversation(conversation(1, T0, T0 + 60_000), read.version)]);

        // Assert
        expect((await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 59_999)).items).toEqual([]);
        expect((await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 60_000)).items.map((s) => s.value.id)).toEqual(['conv-01']);
      });

      it('should time a waiting user from when the wait began, not from their place in line', async () => {
        // Arrange: conv-01 was handed back to the queue: an early place, a wait that began late.
        await created(aConversation(1, { state: queued(T0, T0 + 9_000) }));
        await created(aConversation(2, { state: queued(T0 + 1_000, T0 + 1_000) }));

        // Act
        const page = await state.conversationsByTimer(PROJECT_ID, 'queued', T0 + 5_000);

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-02']);
      });

      it('should time an offer from when it was made, and keep states and projects apart', async () => {
        // Arrange
        await created(aConversation(1, { state: ticketOffered(T0 + 1_000) }));
        await created(aConversation(2, { state: queued(T0) }));
        await created(aConversation(3, { projectId: OTHER_PROJECT, state: ticketOffered(T0) }));

        // Act
        const page = await state.conversationsByTimer(PROJECT_ID, 'ticket-offered', T0 + 1_000);

        // Assert
        expect(page.items.map((s) => s.value.id)).toEqual(['conv-01']);
      });

      it('should page through the due head without skipping anyone when each page is handled before the next', async () => {
        // Arrange: what the sweep does: close some of each page, move the others' timers past the cut-off.
        for (const n of [3, 1, 5, 2, 4]) await created(conversation(n, T0 + n * 1_000));
        await created(conversation(6, T0 + 60_000));
        const seen: string[] = [];
        let cursor: string | undefined;

        // Act
        do {
          const page = await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 10_000, { limit: 2, cursor });
          for (const conversation of page.items) {
            seen.push(conversation.value.id);
            const write =
              seen.length % 2 === 0
                ? deleteConversation(conversation.value.user, conversation.version)
                : putConversation({ ...conversation.value, state: { ...conversation.value.state, activeAt: T0 + 30_000 } } as Conversation, conversation.version);
            expect(await state.commit([write])).toBe(true);
          }
          cursor = page.cursor;
        } while (cursor && seen.length <= 6);

        // Assert
        expect(seen).toEqual(['conv-01', 'conv-02', 'conv-03', 'conv-04', 'conv-05']);
        expect((await state.conversationsByTimer(PROJECT_ID, 'with-operator', T0 + 10_000)).items).toEqual([]);
      });
    });

    describe('commit limits', () => {
      it(`should apply a commit of ${MAX_WRITES_PER_COMMIT} writes`, async () => {
        // Arrange
        const conversations = Array.from({ length: MAX_WRITES_PER_COMMIT }, (_, i) => aConversation(i + 1, { state: queued(T0 + i) }));

        // Act
        const committed = await state.commit(conversations.map((s) => putConversation(s, 'absent')));

        // Assert
        expect(committed).toBe(true);
        expect((await allQueued(PROJECT_ID, 10)).ids).toHaveLength(MAX_WRITES_PER_COMMIT);
      });

      it(`should not apply a commit of ${MAX_WRITES_PER_COMMIT + 1} writes`, async () => {
        // Arrange
        const conversations = Array.from({ length: MAX_WRITES_PER_COMMIT + 1 }, (_, i) => aConversation(i + 1, { state: queued(T0 + i) }));

        // Act
        const outcome = await outcomeOf(state.commit(conversations.map((s) => putConversation(s, 'absent'))));

        // Assert
        expect(outcome).toBe('refused');
        expect((await state.conversationsInState(PROJECT_ID, 'queued')).items).toEqual([]);
      });

      it('should not apply a commit that writes the same record twice', async () => {
        // Arrange
        const read = await created(anOperator({ displayName: 'Alice' }));

        // Act
        const outcome = await outcomeOf(
          state.commit([
            putOperator({ ...read.value, duty: 'off' }, read.version),
            putOperator({ ...read.value, displayName: 'Alice Twice' }, read.version),
          ]),
        );

        // Assert
        expect(outcome).toBe('refused');
        expect(await state.getOperator(read.value.participant)).toEqual(read);
      });

      it('should not apply a commit that puts and deletes the same conversation', async () => {
        // Arrange
        const read = await created(aConversation(1));
        const other = aConversation(2);

        // Act
        const outcome = await outcomeOf(
          state.commit([putConversation(other, 'absent'), putConversation({ ...read.value, state: queued(T0 + 1) }, read.version), deleteConversation(read.value.user, read.version)]),
        );

        // Assert
        expect(outcome).toBe('refused');
        expect(await state.getConversation(read.value.user)).toEqual(read);
        expect(await state.getConversation(other.user)).toBeUndefined();
      });
    });

    describe('isolation of values', () => {
      it('should not let a caller change the store by mutating an operator it read', async () => {
        // Arrange
        const alice = await created(anOperator({ displayName: 'Alice' }));
        const read = (await state.getOperator(alice.value.participant))!;

        // Act
        (read.value as { displayName: string }).displayName = 'Mallory';
        (read.value.assignments as Assignment[]).push(anAssignment(9));
        (read.value.participant as { userId: string }).userId = 'U0MALLORY';

        // Assert
        expect(await state.getOperator(alice.value.participant)).toEqual(alice);
      });

      it('should not let a caller change the store by mutating a listed operator or conversation', async () => {
        // Arrange
        const alice = await created(anOperator({ displayName: 'Alice' }));
        const waiting = await created(aConversation(1));
        const [listedOperator] = await state.operatorsByDuty(PROJECT_ID, 'on');
        const [ofTenant] = await state.operatorsOfTenant('slack', 'T0001');
        const [listedConversation] = (await state.conversationsInState(PROJECT_ID, 'queued')).items;

        // Act
        (listedOperator!.value as { duty: string }).duty = 'off';
        (ofTenant!.value as { displayName: string }).displayName = 'Mallory';
        (listedConversation!.value as { userName: string }).userName = 'Mallory';
        (listedConversation!.value.state as { since: number }).since = 0;

        // Assert
        expect(await state.getOperator(alice.value.participant)).toEqual(alice);
        expect(await state.getConversation(waiting.value.user)).toEqual(waiting);
      });

      it('should not let a caller change the store by mutating a value after committing it', async () => {
        // Arrange
        const conversation = { ...aConversation(1), state: { kind: 'queued', since: T0, enteredAt: T0 } };
        await state.commit([putConversation(conversation as Conversation, 'absent')]);

        // Act
        conversation.state.since = T0 + 999_000;
        (conversation as { userName: string }).userName = 'Mallory';

        // Assert
        const stored = await state.getConversation(conversation.user);
        expect(stored?.value.userName).toBe('User 01');
        expect(stored?.value.state).toEqual(queued(T0));
      });
    });

    describe('races', () => {
      it('should let exactly one of two commits from the same read win', async () => {
        // Arrange: two operators answer the same waiting user at once.
        const waiting = await created(aConversation(1));
        const byAlice = putConversation({ ...waiting.value, state: withOperator(aParticipant({ userId: 'U0ALICE' }), 'Alice') }, waiting.version);
        const byBob = putConversation({ ...waiting.value, state: withOperator(aParticipant({ userId: 'U0BOB' }), 'Bob') }, waiting.version);

        // Act
        const results = await Promise.all([state.commit([byAlice]), state.commit([byBob])]);

        // Assert
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await state.getConversation(waiting.value.user);
        const winner = results[0] ? 'Alice' : 'Bob';
        expect(stored?.value.state).toMatchObject({ kind: 'with-operator', operatorName: winner });
      });

      it('should let exactly one of two racing creates of the same record win', async () => {
        // Arrange: a user double-clicks "talk to an operator".
        const first = aConversation(1, { id: 'conv-a' });
        const second = aConversation(1, { id: 'conv-b' });

        // Act
        const results = await Promise.all([state.commit([putConversation(first, 'absent')]), state.commit([putConversation(second, 'absent')])]);

        // Assert
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await state.getConversation(first.user))?.value.id).toBe(results[0] ? 'conv-a' : 'conv-b');
      });

      it('should let only one of two multi-record commits sharing one record win, applying nothing of the loser', async () => {
        // Arrange: Alice and Bob both claim the same waiting user, each writing their own record too.
        const alice = await created(anOperator({ displayName: 'Alice' }));
        const bob = await created(anOperator({ displayName: 'Bob' }));
        const waiting = await created(aConversation(1));
        const claim = (op: Versioned<Operator>): StateWrite[] => [
          putConversation({ ...waiting.value, state: withOperator(op.value.participant, op.value.displayName) }, waiting.version),
          putOperator({ ...op.value, assignments: [anAssignment(1)] }, op.version),
        ];

        // Act
        const results = await Promise.all([state.commit(claim(alice)), state.commit(claim(bob))]);

        // Assert
        expect(results.filter(Boolean)).toHaveLength(1);
        const [winner, loser] = results[0] ? [alice, bob] : [bob, alice];
        expect((await state.getOperator(winner.value.participant))?.value.assignments).toHaveLength(1);
        expect(await state.getOperator(loser.value.participant)).toEqual(loser);
      });
    });

    describe('reading a participant in one call', () => {
      it('should return the conversation and the operator record a person has, and nothing for a stranger', async () => {
        const conversation = await created(aConversation(1));
        const operator = await created(anOperator({ displayName: 'Alice', participant: conversation.value.user }));

        const both = await state.getParticipant(conversation.value.user);
        const nobody = await state.getParticipant({ channel: 'slack', tenantId: 'T9', userId: 'UNOBODY' });

        expect(both).toEqual({ conversation, operator });
        expect(nobody.conversation).toBeUndefined();
        expect(nobody.operator).toBeUndefined();
      });

      it('should return only the conversation of a user who is no operator', async () => {
        const conversation = await created(aConversation(2));

        const found = await state.getParticipant(conversation.value.user);

        expect(found.conversation).toEqual(conversation);
        expect(found.operator).toBeUndefined();
      });
    });

    describe('idleOperators', () => {
      async function idleOf(lane: 'own-capacity-with-room' | 'project-capacity', idleBy: number, limit: number): Promise<string[]> {
        const names: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await state.idleOperators(PROJECT_ID, lane, idleBy, { limit, cursor });
          names.push(...page.items.map((o) => o.value.displayName));
          cursor = page.cursor;
          if (names.length > 50) throw new Error('Paging does not end');
        } while (cursor);
        return names;
      }

      it('should return the free on-duty operators of a lane idle since the cutoff or before, idle longest first, a page at a time', async () => {
        await created(anOperator({ displayName: 'Ann', idleSince: T0 + 3 }));
        await created(anOperator({ displayName: 'Ben', idleSince: T0 + 1 }));
        await created(anOperator({ displayName: 'Cat', idleSince: T0 + 2 }));
        await created(anOperator({ displayName: 'Dan', idleSince: T0 + 5 })); // active since the cutoff
        await created(anOperator({ displayName: 'Eve', idleSince: T0, load: 1 })); // serving someone
        await created(anOperator({ displayName: 'Fay', idleSince: T0, duty: 'off' }));
        await created(anOperator({ displayName: 'Gus', idleSince: T0, projectId: OTHER_PROJECT }));
        await created(anOperator({ displayName: 'Hal', idleSince: T0, capacity: 2 })); // the other lane

        expect(await idleOf('project-capacity', T0 + 4, 2)).toEqual(['Ben', 'Cat', 'Ann']);
        expect(await idleOf('own-capacity-with-room', T0 + 4, 2)).toEqual(['Hal']);
        expect(await idleOf('project-capacity', T0 - 1, 2)).toEqual([]);
      });
    });

    describe('who last served a user', () => {
      it('should read a user’s conversation and who last served them in one call, and keep the second when the first is deleted', async () => {
        const conversation = await created(aConversation(3));
        const alice = aParticipant({ userId: 'UALICE' });
        const last = { operator: alice, projectId: PROJECT_ID, at: T0 };
        const closed = await state.commit([
          deleteConversation(conversation.value.user, conversation.version),
          { kind: 'put-last-operator', user: conversation.value.user, last, lifetimeSeconds: 3600 },
        ]);

        const found = await state.getRequester(conversation.value.user);

        expect(closed).toBe(true);
        expect(found).toEqual({ conversation: undefined, lastOperator: last });
      });

      it('should leave a record of who served a user out of a commit that loses its race', async () => {
        const conversation = await created(aConversation(4));
        const last = { operator: aParticipant({ userId: 'UALICE' }), projectId: PROJECT_ID, at: T0 };

        const closed = await state.commit([
          deleteConversation(conversation.value.user, conversation.version + 100),
          { kind: 'put-last-operator', user: conversation.value.user, last, lifetimeSeconds: 3600 },
        ]);

        expect(closed).toBe(false);
        expect(await state.getRequester(conversation.value.user)).toEqual({ conversation, lastOperator: undefined });
      });
    });
  });
}
