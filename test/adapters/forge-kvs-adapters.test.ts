import path from 'node:path';
import { KvsDeliveryLog } from '../../src/adapters/forge/kvs-delivery-log';
import { ENTITY, storageKeys } from '../../src/adapters/forge/kvs-keys';
import { KvsLiveAgentState } from '../../src/adapters/forge/kvs-live-agent-state';
import { KvsSettingsRepository } from '../../src/adapters/forge/kvs-settings-repository';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import { kvs } from '@forge/kvs';
import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import type { TranscriptLine } from '../../src/domain/transcript';
import { describeLiveAgentStateContract } from '../contracts/live-agent-state.contract';
import { anOperator, T0 } from '../builders/operator';
import { startLocalKvs, type LocalKvsHarness } from '../local/support/local-kvs-harness';

const APP_ENTITIES = loadEntityDefinitions(path.join(__dirname, '..', '..', 'manifest.yml'));

let harness: LocalKvsHarness | undefined;
function freshKvs(): LocalKvsHarness {
  harness?.close();
  harness = startLocalKvs({ entities: APP_ENTITIES });
  return harness;
}
afterEach(() => {
  harness?.close();
  harness = undefined;
});

// The real @forge/kvs, over the entities manifest.yml declares, against the local platform's KVS.
describeLiveAgentStateContract('KvsLiveAgentState (real @forge/kvs on the local platform)', () => {
  freshKvs();
  return new KvsLiveAgentState(kvs);
});

describe('operators stored before routing lanes', () => {
  it('should route an operator whose rank was written the old way (load * 1e13 + idle since) as following the project’s capacity', async () => {
    // Arrange: two operators stored now, then one record rewritten as a version before lanes would have left it.
    freshKvs();
    const state = new KvsLiveAgentState(kvs);
    const roomy = anOperator({ displayName: 'Roomy', load: 1, capacity: 3, idleSince: T0 });
    const older = anOperator({ displayName: 'Older', load: 0, idleSince: T0 - 60_000 });
    const busy = anOperator({ displayName: 'Busy', load: 1, idleSince: T0 - 120_000 });
    for (const operator of [roomy, older, busy]) expect(await state.commit([{ kind: 'put-operator', operator, expected: 'absent' }])).toBe(true);
    const key = storageKeys.operator(older.participant);
    const stored = (await kvs.entity<Record<string, unknown>>(ENTITY.operator).get(key))!;
    await kvs.entity<Record<string, unknown>>(ENTITY.operator).set(key, { ...stored, rank: 0 * 1e13 + (T0 - 60_000) });

    // Act
    const all = await state.operatorsForRouting(older.projectId, { limit: 10 });
    const projectLane = await state.operatorsForRouting(older.projectId, { limit: 10, lane: 'project-capacity' });

    // Assert
    expect(all.items.map((o) => o.value.displayName)).toEqual(['Roomy', 'Older', 'Busy']);
    expect(projectLane.items.map((o) => o.value.displayName)).toEqual(['Older', 'Busy']);
  });
});

function line(id: string, at: number, text = id): TranscriptLine {
  return { id, at, role: 'user', speakerName: 'Bob', text };
}

describe('where an operator offer’s card went (rememberCard, recallCard)', () => {
  // An offer's id is its conversation's and the time; conversation keys hold any character a Teams id has.
  const offerId = 'teams/72f988bf/29:1Ab-C_d|x@y~lq2x3c';
  const sent = { ref: JSON.stringify({ teams: { c: 'a:1FJlqlBhBfa0f', a: '1796595024136', card: true } }) };

  it('should give back the card an offer was sent as, under the offer’s id', async () => {
    freshKvs();
    const state = new KvsLiveAgentState(kvs);

    await state.rememberCard(offerId, sent, 3660);

    expect(await state.recallCard(offerId)).toEqual(sent);
    expect(await state.recallCard('another-offer~lq2x3d')).toBeUndefined();
  });

  it('should forget the card once its lifetime has passed, and not before', async () => {
    const { clock } = freshKvs();
    const state = new KvsLiveAgentState(kvs);
    await state.rememberCard(offerId, sent, 120);

    clock.advance(119_000);
    expect(await state.recallCard(offerId)).toEqual(sent);
    clock.advance(2_000);
    expect(await state.recallCard(offerId)).toBeUndefined();
  });

  it('should name no card when what is stored under the key is not one', async () => {
    freshKvs();
    const state = new KvsLiveAgentState(kvs);

    await kvs.set(storageKeys.card(offerId), { ref: 42 });

    expect(await state.recallCard(offerId)).toBeUndefined();
  });
});

describe('KvsTranscriptLog', () => {
  it('should keep one line per message and refuse the same line twice', async () => {
    freshKvs();
    const log = new KvsTranscriptLog(kvs);

    expect(await log.append('conv/1', line('Ev1', 1000))).toBe('appended');
    expect(await log.append('conv/1', line('Ev1', 1000, 'again'))).toBe('duplicate');

    expect((await log.read('conv/1')).map((l) => l.text)).toEqual(['Ev1']);
  });

  it('should read a conversation in time order, only its own lines, across pages', async () => {
    freshKvs();
    const log = new KvsTranscriptLog(kvs);
    for (let i = 150; i >= 1; i -= 1) await log.append('slack/T1/U1/Ev0', line(`Ev${i}`, i * 10));
    await log.append('slack/T1/U2/Ev0', line('other', 5));

    const lines = await log.read('slack/T1/U1/Ev0');

    expect(lines).toHaveLength(150);
    expect(lines[0]?.id).toBe('Ev1');
    expect(lines.at(-1)?.id).toBe('Ev150');
  });

  it('should read only the newest lines, in order, with one query', async () => {
    const { operations } = freshKvs();
    const log = new KvsTranscriptLog(kvs);
    for (let i = 1; i <= 30; i += 1) await log.append('c', line(`Ev${String(i).padStart(2, '0')}`, i));
    operations.length = 0;

    const last = await log.read('c', { last: 3 });

    expect(last.map((l) => l.id)).toEqual(['Ev28', 'Ev29', 'Ev30']);
    expect(operations.filter((o) => o.kind === 'read')).toHaveLength(1);
  });

  it('should read what came after a cursor, breaking ties on the id', async () => {
    freshKvs();
    const log = new KvsTranscriptLog(kvs);
    await log.appendMany('c', [line('a', 10), line('b', 20), line('c', 20), line('d', 30)]);

    expect((await log.read('c', { after: { at: 20, id: 'b' } })).map((l) => l.id)).toEqual(['c', 'd']);
  });

  it('should forget lines written with an expiry once it passes', async () => {
    const { clock } = freshKvs();
    const log = new KvsTranscriptLog(kvs);
    await log.append('recent/slack/T1/U1', line('Ev1', 1), { expiresInSeconds: 60 });

    clock.advance(61_000);

    expect(await log.read('recent/slack/T1/U1')).toEqual([]);
  });

  it('should keep ids with characters Forge keys do not allow', async () => {
    freshKvs();
    const log = new KvsTranscriptLog(kvs);

    await log.append('teams/72f988bf/29:1Ab-C_d|x@y', line('1700000000000|a/b', 1));

    expect((await log.read('teams/72f988bf/29:1Ab-C_d|x@y'))[0]?.id).toBe('1700000000000|a/b');
  });

  it('should cut a message too long for a KVS value instead of losing it', async () => {
    freshKvs();
    const log = new KvsTranscriptLog(kvs);

    await log.append('c', line('Ev1', 1, 'x'.repeat(300_000)));

    const [stored] = await log.read('c');
    expect(stored?.text.length).toBeLessThan(70_000);
    expect(stored?.text).toContain('[cut: the message was 300000 characters long]');
  });
});

describe('KvsDeliveryLog', () => {
  it('should let a delivery be claimed once, and again after a release', async () => {
    freshKvs();
    const deliveries = new KvsDeliveryLog(kvs);

    expect(await deliveries.claim('Ev1')).toBe(true);
    expect(await deliveries.claim('Ev1')).toBe(false);
    await deliveries.release('Ev1');
    expect(await deliveries.claim('Ev1')).toBe(true);
  });

  it('should forget claims after a day, so the store does not grow forever', async () => {
    const { clock } = freshKvs();
    const deliveries = new KvsDeliveryLog(kvs);
    await deliveries.claim('Ev1');

    clock.advance(24 * 60 * 60 * 1000 + 1);

    expect(await deliveries.claim('Ev1')).toBe(true);
  });
});

describe('KvsSettingsRepository', () => {
  it('should store settings per project and list the projects where live agents are on', async () => {
    freshKvs();
    const settings = new KvsSettingsRepository(kvs);

    await settings.put('10000', { ...DEFAULT_SETTINGS, enabled: true });
    await settings.put('10001', DEFAULT_SETTINGS);

    expect(await settings.get('10000')).toMatchObject({ enabled: true });
    expect(await settings.get('99999')).toBeUndefined();
    expect(await settings.enabledProjects()).toEqual(['10000']);
  });
});
