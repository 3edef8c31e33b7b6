import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { RECORD_UPGRADES } from '../../src/adapters/forge/record-upgrades';
import type { UpgradeStep } from '../../src/adapters/forge/record-versions';
import { localPlatformClient } from '../local/support/local-platform-client';
import { dataDirOfRelease } from './support/release-fixture';

/**
 * Upgrades as a site lives them: the app deployed over data an earlier release wrote, and a deploy in the
 * middle of conversations. The local platform keeps its store in a data directory; a new platform instance on
 * the same directory is the new code (with a test-only next shape of operators and conversations, so records
 * the old code wrote are read by the new). People notice nothing: who waited still waits, who was on duty
 * still is, messages go on in order, none lost, none twice.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let dataDir: string;
const invocations: FinishedInvocation[] = [];
const { admin, settle } = localPlatformClient(() => platform);

async function start(): Promise<void> {
  platform = await startLocalPlatform({ port: 0, dataDir, onInvocation: (i) => invocations.push(i) });
  slack = platform.slack!;
}

async function say(userId: string, text: string): Promise<void> {
  expect((await slack.sendAs(userId, text)).status).toBe(200);
  await settle();
}

function heard(userId: string): string[] {
  return slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId).map((m) => m.text);
}

/** The stored operators and conversations, with the shape each is in. */
function storedShapes(): Array<{ key: string; schema?: number }> {
  const rows = platform.kvsDb.prepare("SELECT key, value FROM kvs_items WHERE ns IN ('entity:operator', 'entity:session') ORDER BY key").all() as Array<{ key: string; value: string }>;
  return rows.map((r) => ({ key: r.key.replace(/^.*\.2f/, ''), schema: (JSON.parse(r.value) as { schema?: number }).schema }));
}

async function runMigration(): Promise<FinishedInvocation> {
  await platform.runner.invoke('record-migration', [{ context: { cloudId: 'local' } }]);
  return invocations.filter((i) => i.functionKey === 'record-migration').at(-1)!;
}

afterEach(async () => {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the app deployed over data release 1.x wrote', () => {
  beforeEach(async () => {
    // Alice on duty and talking to Dana; Bob queued behind them, with a message waiting; no record has a shape version.
    dataDir = dataDirOfRelease(path.join(__dirname, 'fixtures', 'release-1-records.json'));
    await start();
  });

  it('should carry on every conversation: relay, the queue, stop, #off', async () => {
    expect(storedShapes()).toEqual([{ key: 'UALICE' }, { key: 'UBOB' }, { key: 'UDANA' }]);

    await say('UDANA', 'It is out now');
    expect(heard('UALICE')).toEqual(['It is out now']);
    await say('UALICE', 'Good, leave the room open');
    expect(heard('UDANA')).toEqual(['Good, leave the room open']);

    await say('UALICE', 'stop');
    expect(heard('UBOB').at(-1)).toContain('You’re now talking to Alice Operator');
    expect(JSON.stringify(slack.conversation('UALICE').at(-1))).toContain('Still waiting here');
    await say('UBOB', 'Finally!');
    expect(heard('UALICE').at(-1)).toBe('Finally!');
    await say('UALICE', 'stop');
    await say('UALICE', '#off');
    expect(heard('UALICE').at(-1)).toBe('You’re off duty.');
    expect((await admin('activity/get')).data).toEqual({ onDuty: { rows: [] }, waiting: { rows: [] }, inProgress: { rows: [] }, takenOffDuty: [] });
  });

  it('should find nothing to migrate, and read nothing to know it', async () => {
    const run = await runMigration();

    expect(run).toMatchObject({ failed: false, counters: expect.objectContaining({ kvsReads: 0, kvsWrites: 0 }) });
    expect(storedShapes().every((r) => r.schema === undefined)).toBe(true);
  });
});

/** The next release's shapes, for this spec only: what they change is visible in the stored data. */
const operatorV2: UpgradeStep = { to: 2, why: 'test: operators carry the release that moved them', upgrade: (data) => ({ ...(data as object), movedBy: 'v2' }) };
const conversationV2: UpgradeStep = { to: 2, why: 'test: conversations carry the release that moved them', upgrade: (data) => ({ ...(data as object), movedBy: 'v2' }) };

describe('a deploy in the middle of conversations', () => {
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'koji-deploy-'));
    await start();
    expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
    expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
    expect(await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' })).toMatchObject({ ok: true });
    await settle();
  });

  it('should lose nothing and repeat nothing: the queued user still queued, the operator still on duty, the relay in order', async () => {
    await say('UALICE', '#on');
    await say('UDANA', 'operator');
    await say('UDANA', 'one');
    await say('UBOB', 'operator');
    expect(heard('UBOB').at(-1)).toContain('You’re number 1 in the queue');

    await platform.close();
    jest.replaceProperty(RECORD_UPGRADES, 'operator', [operatorV2]);
    jest.replaceProperty(RECORD_UPGRADES, 'conversation', [conversationV2]);
    await start();

    await say('UDANA', 'two');
    await say('UDANA', 'three');
    await say('UALICE', 'answer');
    // The sandbox's chats live in the data directory too: what each person saw, before and after the deploy.
    expect(heard('UALICE').slice(-3)).toEqual(['one', 'two', 'three']);
    expect(heard('UALICE').at(-4)).toContain('Dana User (Slack) wants to talk to an operator');
    expect(heard('UDANA').at(-1)).toBe('answer');
    expect(heard('UBOB')).toHaveLength(1);
    // A relayed message writes its transcript line only: the new code read the old records as they are.
    expect(storedShapes()).toEqual([{ key: 'UALICE', schema: 1 }, { key: 'UBOB', schema: 1 }, { key: 'UDANA', schema: 1 }]);

    // The job moves them; a second run finds it done, for one read per record type.
    expect((await runMigration()).failed).toBe(false);
    expect(storedShapes().map((r) => r.schema)).toEqual([2, 2, 2]);
    expect(platform.kvsDb.prepare("SELECT value FROM kvs_items WHERE ns = 'entity:session'").all().every((r) => (r as { value: string }).value.includes('"movedBy":"v2"'))).toBe(true);
    expect((await runMigration()).counters).toMatchObject({ kvsReads: 2, kvsWrites: 0 });

    await say('UALICE', 'stop');
    expect(heard('UBOB').at(-1)).toContain('You’re now talking to Alice Operator');
    await say('UBOB', 'Hello Alice');
    expect(heard('UALICE').filter((t) => t === 'Hello Alice')).toHaveLength(1);
    const transcript = await admin('activity/get');
    expect(transcript.data).toMatchObject({ onDuty: { rows: [expect.anything()] }, waiting: { rows: [] }, inProgress: { rows: [expect.anything()] } });
    await say('UALICE', 'stop');
    await say('UALICE', '#off');
    expect(heard('UALICE').at(-1)).toBe('You’re off duty.');
  });
});
