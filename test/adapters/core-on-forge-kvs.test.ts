import { FakeFiles } from '../fakes/fake-files';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsDeliveryLog } from '../../src/adapters/forge/kvs-delivery-log';
import { KvsLiveAgentState } from '../../src/adapters/forge/kvs-live-agent-state';
import { KvsRatingStore } from '../../src/adapters/forge/kvs-ratings';
import { KvsSettingsRepository } from '../../src/adapters/forge/kvs-settings-repository';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import { HandoffHintAssistant } from '../../src/app/conversation/default-assistant';
import { handleChatMessage } from '../../src/app/conversation/handle-chat-message';
import { grantOperatorRole } from '../../src/app/settings/manage-operator-role';
import type { CoreDeps } from '../../src/app/ports';
import { updateSettings } from '../../src/app/settings/update-settings';
import { participantKey, type Participant } from '../../src/domain/participant';
import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { RecordingLogger } from '../builders/world';
import { FakeTickets } from '../fakes/fake-tickets';
import { FixedClock } from '../fakes/in-memory-stores';
import { RecordingChat, RecordingOutbox } from '../fakes/recording-chat';
import { whenUnreachable } from '../../src/app/delivery/unreachable';
import { startLocalKvs, type LocalKvsHarness } from '../local/support/local-kvs-harness';

const ENTITIES = loadEntityDefinitions(path.join(__dirname, '..', '..', 'manifest.yml'));
const PROJECT = '10000';

let harness: LocalKvsHarness;
let deps: CoreDeps;
let chat: RecordingChat;
let counter = 0;

beforeEach(() => {
  harness = startLocalKvs({ entities: ENTITIES });
  chat = new RecordingChat();
  deps = {
    state: new KvsLiveAgentState(kvs),
    ratings: new KvsRatingStore(kvs),
    settings: new KvsSettingsRepository(kvs),
    transcripts: new KvsTranscriptLog(kvs),
    deliveries: new KvsDeliveryLog(kvs),
    chat,
    files: new FakeFiles(),
    outbox: new RecordingOutbox(),
    tickets: new FakeTickets(),
    assistant: new HandoffHintAssistant(),
    clock: new FixedClock(),
    log: new RecordingLogger(),
    whenUnreachable,
  };
});
afterEach(() => harness.close());

function person(name: string): Participant {
  const p: Participant = { channel: 'slack', tenantId: 'T1', userId: `U${name.toUpperCase()}` };
  chat.profiles.set(participantKey(p), { displayName: name });
  return p;
}

function say(from: Participant, text: string, id = `Ev${++counter}`) {
  return handleChatMessage(deps, { id, projectId: PROJECT, from, text, sentAt: deps.clock.now() + counter }).then((handled) => handled.outcome);
}

async function operatorOnDuty(name: string): Promise<Participant> {
  const p = person(name);
  await grantOperatorRole(deps, { projectId: PROJECT, participant: p, displayName: name });
  await say(p, '#on');
  return p;
}

describe('the core on Forge KVS (real @forge/kvs, local platform)', () => {
  it('should give one free operator to exactly one of two users asking at the same moment', async () => {
    await updateSettings(deps, PROJECT, { enabled: true });
    const alice = await operatorOnDuty('Alice');
    const [bob, dana] = [person('Bob'), person('Dana')];

    await Promise.all([say(bob, 'operator'), say(dana, 'operator')]);

    const states = [(await deps.state.getConversation(bob))?.value.state.kind, (await deps.state.getConversation(dana))?.value.state.kind];
    expect(states.sort()).toEqual(['queued', 'with-operator']);
    expect((await deps.state.getOperator(alice))?.value.assignments).toHaveLength(1);
  });

  it('should relay a conversation both ways and keep its transcript in KVS', async () => {
    await updateSettings(deps, PROJECT, { enabled: true });
    const alice = await operatorOnDuty('Alice');
    const bob = person('Bob');
    await say(bob, 'operator');

    await say(bob, 'My VPN drops');
    await say(alice, 'Which client?');
    const retried = await say(bob, 'My VPN drops', `Ev${counter - 1}`);

    expect(retried).toBe('duplicate');
    expect(chat.textsTo(alice)).toContain('My VPN drops');
    expect(chat.textsTo(bob)).toContain('Which client?');
    const conversation = await deps.state.getConversation(bob);
    expect((await deps.transcripts.read(conversation!.value.id)).map((l) => l.text)).toEqual(['operator', 'My VPN drops', 'Which client?']);
  });

  it('should relay a message in a running conversation with one KVS read and one small write', async () => {
    await updateSettings(deps, PROJECT, { enabled: true });
    await operatorOnDuty('Alice');
    const bob = person('Bob');
    await say(bob, 'operator');
    harness.operations.length = 0;

    expect(await say(bob, 'Hello, is the VPN down?')).toBe('relayed');

    const reads = harness.operations.filter((o) => o.kind === 'read');
    const writes = harness.operations.filter((o) => o.kind === 'write');
    expect(reads).toHaveLength(1);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.bytes).toBeLessThan(2048);
  });

  it('should relay an operator’s message with one KVS read and one small write too', async () => {
    await updateSettings(deps, PROJECT, { enabled: true });
    const alice = await operatorOnDuty('Alice');
    await say(person('Bob'), 'operator');
    harness.operations.length = 0;

    expect(await say(alice, 'Try restarting the VPN client')).toBe('relayed');

    expect(harness.operations.filter((o) => o.kind === 'read')).toHaveLength(1);
    expect(harness.operations.filter((o) => o.kind === 'write')).toHaveLength(1);
  });
});
