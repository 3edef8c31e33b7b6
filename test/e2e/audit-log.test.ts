import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../../packages/forge-local/src/teams';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * The audit log through the real resolvers and the local platform's KVS: every admin action recorded once it
 * succeeded, with who (the Jira admin of the call), what changed (before → after), newest first, filtered and paged;
 * nothing recorded for what changed nothing or failed; and never a secret in what is stored.
 */
let platform: LocalPlatform;
const { admin, settle } = localPlatformClient(() => platform);

const SLACK = { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId } as const;
const TEAMS = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId } as const;
const TEAMS_CONNECT = { ...TEAMS, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword };
const tomId = TEAMS_SANDBOX.people.find((p) => p.key === 'tom')!.id;

type Entry = { id: string; at: number; kind: string; actor: { accountId: string; displayName: string }; text: string };

async function auditLog(payload: Record<string, unknown> = {}, as?: string): Promise<{ entries: Entry[]; cursor?: string }> {
  const answer = await admin('audit/list', payload, as);
  expect(answer).toMatchObject({ ok: true });
  return answer.data as { entries: Entry[]; cursor?: string };
}

/** Everything the local KVS holds, as stored. */
function storedJson(): string {
  return JSON.stringify(platform.kvsDb.prepare('SELECT ns, key, value FROM kvs_items').all());
}

function auditRows(): Array<{ key: string; value: string; expires_at: number | null }> {
  return platform.kvsDb.prepare("SELECT key, value, expires_at FROM kvs_items WHERE ns = 'entity:audit'").all() as Array<{ key: string; value: string; expires_at: number | null }>;
}

beforeEach(async () => {
  ({ platform } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

describe('the audit log', () => {
  it('should record every kind of admin action with who did it and what changed, newest first, and never a secret', async () => {
    await admin('settings/update', { change: { enabled: true } });
    await admin('settings/update', { change: { queueTimeoutMinutes: 15, operatorAssignment: 'offer-first' } });
    await admin('settings/update', { change: { savedReplies: [{ name: 'VPN reset', text: 'Your VPN token xoxb-not-a-secret was reset' }] } });
    expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
    expect(await admin('tenants/connect', TEAMS_CONNECT)).toMatchObject({ ok: true });
    await platform.teams!.install('tom');
    await admin('roles/grant', { ...SLACK, userId: 'UALICE' });
    await admin('roles/grant', { ...TEAMS, userId: tomId });
    await admin('roles/capacity', { ...SLACK, userId: 'UALICE', capacity: 3 });
    await admin('roles/capacity', { ...SLACK, userId: 'UALICE', capacity: null });
    await settle();
    await platform.slack!.sendAs('UALICE', '#on');
    await settle();
    await admin('duty/put-off', { ...SLACK, userId: 'UALICE' });
    await admin('roles/revoke', { ...TEAMS, userId: tomId });
    await admin('tenants/disconnect', SLACK);
    await settle();

    const { entries } = await auditLog({ limit: 50 });
    expect(entries.map((e) => e.text)).toEqual([
      'Ada Admin disconnected the Slack workspace T0SANDBOX (0 conversations ended, 0 waits closed, 1 role removed)',
      'Ada Admin removed the Live agent role from Tom Operator',
      'Ada Admin put Alice Operator off duty',
      'Ada Admin changed Alice Operator’s own capacity: 3 → the project’s (1)',
      'Ada Admin changed Alice Operator’s own capacity: the project’s (1) → 3',
      'Ada Admin gave Tom Operator the Live agent role',
      'Ada Admin gave Alice Operator the Live agent role',
      `Ada Admin connected the Teams tenant Koji Sandbox (Teams) (${TEAMS_SANDBOX.tenantId})`,
      'Ada Admin connected the Slack workspace Koji Sandbox (T0SANDBOX)',
      'Ada Admin changed Saved replies: 0 replies → 1 reply (added “VPN reset”)',
      'Ada Admin changed Queue timeout: 10 → 15 minutes; How users reach operators: Assign directly → Offer first',
      'Ada Admin turned live agent support on',
    ]);
    expect(new Set(entries.map((e) => e.actor.accountId))).toEqual(new Set(['local-admin']));
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort((a, b) => b - a));

    // What is stored: one entry per action, none holding a token, signing secret or client secret, nor a saved reply's text.
    expect(auditRows()).toHaveLength(12);
    const stored = storedJson();
    const audit = JSON.stringify(auditRows());
    for (const secret of [SANDBOX_WORKSPACE.botToken, SANDBOX_WORKSPACE.signingSecret, TEAMS_SANDBOX.appPassword, 'xoxb-not-a-secret']) {
      expect({ secret, inAudit: audit.includes(secret) }).toEqual({ secret, inAudit: false });
    }
    // The grep can fail: the reply's text is stored, in the settings.
    expect(stored.includes('xoxb-not-a-secret')).toBe(true);
  });

  it('should keep each entry a year (KVS TTL), and write nothing for a save that changed nothing or an action that was refused', async () => {
    const before = Date.now();
    await admin('settings/update', { change: { queueTimeoutMinutes: 20 } });
    await admin('settings/update', { change: { queueTimeoutMinutes: 20 } });
    expect(await admin('settings/update', { change: { queueTimeoutMinutes: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    expect(await admin('roles/grant', { ...SLACK, userId: 'UALICE' })).toMatchObject({ ok: false });
    expect(await admin('duty/put-off', { ...SLACK, userId: 'UNOBODY' })).toMatchObject({ ok: true, data: { result: 'not-an-operator' } });

    const rows = auditRows();
    expect(rows).toHaveLength(1);
    const year = 365 * 24 * 3600 * 1000;
    expect(rows[0]!.expires_at).toBeGreaterThanOrEqual(before + year);
    expect(rows[0]!.expires_at).toBeLessThanOrEqual(Date.now() + year);
  });

  it('should filter by action kind or by admin, and page with Load more', async () => {
    for (const minutes of [11, 12, 13, 14, 15]) await admin('settings/update', { change: { queueTimeoutMinutes: minutes } });
    await admin('settings/update', { change: { enabled: true } });
    await admin('settings/update', { change: { enabled: false } });

    expect((await auditLog({ kind: 'support' })).entries.map((e) => e.text)).toEqual(['Ada Admin turned live agent support off', 'Ada Admin turned live agent support on']);
    expect((await auditLog({ actorId: 'local-admin', limit: 1 })).entries.map((e) => e.kind)).toEqual(['support']);
    expect((await auditLog({ actorId: 'someone-else' })).entries).toEqual([]);

    const first = await auditLog({ kind: 'settings', limit: 2 });
    expect(first.entries.map((e) => e.text)).toEqual(['Ada Admin changed Queue timeout: 14 → 15 minutes', 'Ada Admin changed Queue timeout: 13 → 14 minutes']);
    const second = await auditLog({ kind: 'settings', limit: 2, cursor: first.cursor });
    expect(second.entries.map((e) => e.text)).toEqual(['Ada Admin changed Queue timeout: 12 → 13 minutes', 'Ada Admin changed Queue timeout: 11 → 12 minutes']);
    const third = await auditLog({ kind: 'settings', limit: 2, cursor: second.cursor });
    expect(third.entries.map((e) => e.text)).toEqual(['Ada Admin changed Queue timeout: 10 → 11 minutes']);
    expect(third.cursor).toBeUndefined();
  });

  it('should answer a bad request with why, and only admins', async () => {
    const refused = async (payload: unknown, message: RegExp) => expect(await admin('audit/list', payload)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(message) } });
    await refused({ kind: 'everything' }, /“kind” must be one of support, settings/);
    await refused({ limit: 0 }, /from 1 to 50/);
    await refused({ limit: 51 }, /from 1 to 50/);
    await refused({ limit: 2.5 }, /from 1 to 50/);
    await refused({ actorId: 'a b' }, /Jira account id/);
    await refused({ kind: 'support', actorId: 'local-admin' }, /not both/);
    await refused({ cursor: 'x'.repeat(5000) }, /previous page/);
    await refused({ cursor: 'bm90LWEtY3Vyc29y' }, /load the Audit log again/);
    await refused({ everything: true }, /Unknown fields: everything/);
    expect(await admin('audit/list', {}, 'local-agent')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
