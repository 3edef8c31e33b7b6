import path from 'node:path';
import { kvs } from '@forge/kvs';
import { ReadAheadLiveAgentState } from '../../../src/adapters/forge/read-ahead-state';
import type { Conversation } from '../../../src/domain/conversation';
import type { Participant } from '../../../src/domain/participant';
import { loadEntityDefinitions } from '../../../packages/forge-local/src/kvs';
import { startLocalKvs, type LocalKvsHarness } from '../../local/support/local-kvs-harness';

/**
 * The Slack trigger reads the sender's records beside the workspace's signing secret (issue 21): the core's first
 * read of that sender takes the read started ahead; any later read, or a read of someone else, goes to storage.
 */
const APP_ENTITIES = loadEntityDefinitions(path.join(__dirname, '..', '..', '..', 'manifest.yml'));

let harness: LocalKvsHarness;
beforeEach(() => {
  harness = startLocalKvs({ entities: APP_ENTITIES });
});
afterEach(() => harness.close());

const bob: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UBOB' };
const eve: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UEVE' };

const waiting = (user: Participant, id: string): Conversation => ({
  id,
  projectId: '10000',
  user,
  userName: user.userId,
  requestedAt: 1,
  state: { kind: 'queued', since: 1, enteredAt: 1 },
});

describe('the read started ahead of verification', () => {
  it('should be taken by the first read of that sender only; the next read sees storage as it is now', async () => {
    const state = new ReadAheadLiveAgentState(kvs);
    await state.commit([{ kind: 'put-conversation', conversation: waiting(bob, 'c-1'), expected: 'absent' }]);
    state.readAhead(bob);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stored = await state.getConversation(bob);
    await state.commit([{ kind: 'delete-conversation', user: bob, expected: stored!.version }]);

    const first = await state.getParticipant(bob);
    const second = await state.getParticipant(bob);

    expect(first.conversation?.value.id).toBe('c-1');
    expect(second.conversation).toBeUndefined();
  });

  it('should not serve one sender’s read to another', async () => {
    const state = new ReadAheadLiveAgentState(kvs);
    await state.commit([{ kind: 'put-conversation', conversation: waiting(eve, 'c-2'), expected: 'absent' }]);
    state.readAhead(bob);

    expect((await state.getParticipant(eve)).conversation?.value.id).toBe('c-2');
    expect((await state.getParticipant(bob)).conversation).toBeUndefined();
  });
});
