import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsConversationHistory } from '../../src/adapters/forge/kvs-history';
import { ENTITY, storageKeys } from '../../src/adapters/forge/kvs-keys';
import { KvsSettingsRepository } from '../../src/adapters/forge/kvs-settings-repository';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import { EXPIRES_AT_MOST_DAYS, PLAIN_KEYS, READ_OLDER_AT_MOST_DAYS } from '../../src/adapters/forge/plain-key-versions';
import { migrateRecords } from '../../src/adapters/forge/record-migration';
import { RECORD_UPGRADES } from '../../src/adapters/forge/record-upgrades';
import { RECORD_ENTITY, STAMPED_VALUES, VERSIONED_RECORDS } from '../../src/adapters/forge/record-versions';
import { KvsSlackWorkspaces, type SlackWorkspace } from '../../src/adapters/slack/slack-workspaces';
import type { HistoryEntry } from '../../src/domain/history';
import type { Participant } from '../../src/domain/participant';
import { DEFAULT_SETTINGS, type LiveAgentSettings } from '../../src/domain/settings';
import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { startLocalKvs, type LocalKvsHarness } from '../local/support/local-kvs-harness';

/**
 * Every stored record type carries a shape version or a declared reason it needs none: each entity of
 * manifest.yml is a versioned record with a `schema` attribute, each kind of plain key is declared in the
 * plain-key registry, and records release 1.x wrote (no `schema`) read in the next shape through a test-only step.
 */
const ROOT = path.join(__dirname, '..', '..');
const ENTITIES = loadEntityDefinitions(path.join(ROOT, 'manifest.yml'));

let harness: LocalKvsHarness;
beforeEach(() => {
  harness = startLocalKvs({ entities: ENTITIES });
});
afterEach(() => harness.close());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every `<kind>:${KEY_VERSION}` the app's code builds a key from. */
function keyKindsInSource(): Set<string> {
  const kinds = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/`([a-z][a-z-]*):\$\{KEY_VERSION\}/g)) kinds.add(match[1]!);
  }
  return kinds;
}

function storedRow(ns: string): Record<string, unknown> {
  const row = harness.db.prepare('SELECT value FROM kvs_items WHERE ns = ?').get(ns) as { value: string };
  return JSON.parse(row.value) as Record<string, unknown>;
}

const alice: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UALICE' };
const historyV2 = { to: 2, why: 'test: a past conversation says how long it lasted', upgrade: (data: unknown) => ({ ...(data as HistoryEntry), lastedMs: (data as HistoryEntry).endedAt - (data as HistoryEntry).requestedAt }) };

describe('every stored record type', () => {
  it('should be versioned for every entity manifest.yml declares, each with a `schema` attribute', () => {
    expect(ENTITIES.map((e) => e.name).sort()).toEqual(Object.values(RECORD_ENTITY).sort());
    expect(VERSIONED_RECORDS.map((r) => RECORD_ENTITY[r]).sort()).toEqual(ENTITIES.map((e) => e.name).sort());
    for (const entity of ENTITIES) expect({ entity: entity.name, schema: entity.attributes.schema }).toEqual({ entity: entity.name, schema: { type: 'integer' } });
  });

  it('should declare every kind of plain key the code writes, so a new kind needs a version decision', () => {
    const undeclared = [...keyKindsInSource()].filter((kind) => !(kind in PLAIN_KEYS));
    expect(undeclared).toEqual([]);
    expect(keyKindsInSource()).toEqual(new Set(Object.keys(PLAIN_KEYS)));
  });

  it('should let only short-lived keys expire before an upgrade, and give every long-lived value a stamp or its entity', () => {
    for (const [kind, rule] of Object.entries(PLAIN_KEYS)) {
      if (rule.older === 'expires') expect({ kind, ttlDays: Math.min(rule.ttlDays, EXPIRES_AT_MOST_DAYS) }).toEqual({ kind, ttlDays: rule.ttlDays });
      if (rule.older === 'read-older-key') expect({ kind, ttlDays: Math.min(rule.ttlDays, READ_OLDER_AT_MOST_DAYS) }).toEqual({ kind, ttlDays: rule.ttlDays });
      if (rule.older === 'entity') expect(VERSIONED_RECORDS).toContain(rule.record);
    }
    const stamped = Object.values(PLAIN_KEYS).flatMap((rule) => (rule.older === 'upgraded' ? rule.records : []));
    expect([...stamped].sort()).toEqual([...STAMPED_VALUES].sort());
  });
});

describe('a record release 1.x wrote, in the next shape', () => {
  it('should read a past conversation as shape 2 on every History read, while the migration job leaves it to expire', async () => {
    const history = new KvsConversationHistory(kvs);
    const endedAt = harness.clock.now();
    const entry: HistoryEntry = { conversationId: 'slack/T1/UALICE/Ev1', projectId: '10000', channel: 'slack', user: alice, userName: 'Alice', requestedAt: endedAt - 120_000, endedAt, ending: 'user-left' };
    await history.record(entry, 90 * 24 * 3600);
    expect(storedRow('entity:history')).toMatchObject({ schema: 1 });
    // As 1.x wrote it: the same entity without a `schema` attribute.
    const { schema: _none, ...releaseOne } = storedRow('entity:history');
    await kvs.entity(ENTITY.history).set(storageKeys.history(entry.conversationId), releaseOne);

    jest.replaceProperty(RECORD_UPGRADES, 'history', [historyV2]);

    expect(await history.get('10000', entry.conversationId)).toMatchObject({ userName: 'Alice', lastedMs: 120_000 });
    expect((await history.find({ projectId: '10000', limit: 10 })).items).toEqual([expect.objectContaining({ lastedMs: 120_000 })]);
    const before = harness.operations.length;
    expect(await migrateRecords(kvs, harness.clock.now)).toEqual([]);
    expect(harness.operations.length).toBe(before);
    // A new record is written in shape 2.
    await history.record({ ...entry, conversationId: 'slack/T1/UALICE/Ev2' }, 90 * 24 * 3600);
    const shapes = (harness.db.prepare("SELECT value FROM kvs_items WHERE ns = 'entity:history'").all() as Array<{ value: string }>).map((r) => (JSON.parse(r.value) as { schema?: number }).schema);
    expect(shapes.sort()).toEqual([2, undefined]);
  });

  it('should read a transcript line without a shape through the message steps', async () => {
    const log = new KvsTranscriptLog(kvs);
    await log.append('conv-1', { id: 'L1', at: harness.clock.now(), role: 'user', speakerName: 'Alice', text: 'hello' });
    expect(storedRow('entity:message')).toMatchObject({ schema: 1 });
    jest.replaceProperty(RECORD_UPGRADES, 'message', [{ to: 2, why: 'test: the text is trimmed', upgrade: (data) => ({ ...(data as object), text: 'hello (v2)' }) }]);

    expect((await log.read('conv-1')).map((l) => l.text)).toEqual(['hello (v2)']);
    expect((await log.findLines([{ conversationId: 'conv-1', lineId: 'L1' }])).map((l) => l.line.text)).toEqual(['hello (v2)']);
  });

  it('should read a project’s settings saved without a shape as shape 2, and save them stamped', async () => {
    const settings = new KvsSettingsRepository(kvs);
    await kvs.set(storageKeys.settings('10000'), { projectId: '10000', settings: DEFAULT_SETTINGS });
    jest.replaceProperty(RECORD_UPGRADES, 'settings', [{ to: 2, why: 'test: a greeting setting', upgrade: (data) => ({ ...(data as LiveAgentSettings), greeting: 'Hi' }) }]);

    expect(await settings.get('10000')).toMatchObject({ greeting: 'Hi' });
    expect(await settings.allProjects()).toEqual([{ projectId: '10000', settings: expect.objectContaining({ greeting: 'Hi' }) }]);
    await settings.put('10000', { ...DEFAULT_SETTINGS, enabled: true });
    expect(await kvs.get(storageKeys.settings('10000'))).toMatchObject({ schema: 2, projectId: '10000' });
  });

  it('should keep a Slack workspace connected by 1.x working: read without its stamp, checked, and saved stamped', async () => {
    const workspaces = new KvsSlackWorkspaces(kvs);
    const workspace: SlackWorkspace = { teamId: 'T1', teamName: 'Acme', projectId: '10000', botUserId: 'UBOT', botToken: 'xoxb-1', signingSecret: 's3cret', connectedAt: 1 };
    await kvs.setSecret(KvsSlackWorkspaces.secretKey('T1'), workspace);
    const { botToken: _t, signingSecret: _s, ...summary } = workspace;
    await kvs.set('tenant:v1:slack:T1', summary);

    const read = await workspaces.get('T1');
    expect(read).toEqual(workspace);
    await workspaces.recordCheck(read!, { ok: true, at: 2 });
    expect(await workspaces.list()).toEqual([{ ...summary, lastCheck: { ok: true, at: 2 } }]);
    expect(await kvs.get('tenant:v1:slack:T1')).toMatchObject({ schema: 1, lastCheck: { ok: true } });

    await workspaces.put(workspace);
    expect(await kvs.getSecret(KvsSlackWorkspaces.secretKey('T1'))).toEqual({ ...workspace, schema: 1 });
    expect(await workspaces.get('T1')).toEqual(workspace);
  });
});
