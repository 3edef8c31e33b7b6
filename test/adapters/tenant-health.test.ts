import { EVENTS_FAILING_TTL_SECONDS, HEALTH_WINDOW_MS, TenantHealth, healthOfConnection, shownCheck, type HealthSubject, type TenantHealthRecord, type TenantHealthStore } from '../../src/adapters/forge/tenant-health';
import { FixedClock } from '../fakes/in-memory-stores';

/**
 * A workspace's status from its own traffic: misconfiguration (a wrong signing
 * secret, a refused token) shows as Failing with the reason, forged requests
 * beside real traffic do not, and the status costs at most one write a minute
 * per tenant, however many requests are refused.
 */
class RecordingStore implements TenantHealthStore {
  readonly writes: TenantHealthRecord[] = [];
  /** Each write's time to live in seconds, undefined for none, in the order of `writes`. */
  readonly expiries: Array<number | undefined> = [];
  failing = false;

  write(record: TenantHealthRecord, expiresInSeconds?: number): Promise<void> {
    if (this.failing) return Promise.reject(new Error('KVS said 500'));
    this.writes.push(record);
    this.expiries.push(expiresInSeconds);
    return Promise.resolve();
  }
  remove(subject: HealthSubject): Promise<void> {
    const same = (w: TenantHealthRecord) => w.channel === subject.channel && w.tenantId === subject.tenantId && w.appId === subject.appId;
    this.writes.splice(0, this.writes.length, ...this.writes.filter((w) => !same(w)));
    return Promise.resolve();
  }
  list(): Promise<TenantHealthRecord[]> {
    return Promise.resolve(this.writes);
  }
  last(): TenantHealthRecord | undefined {
    return this.writes.at(-1);
  }
}

const MISMATCH = 'The request signature does not match.';
const SECRET_MESSAGE = /^Slack events are refused because the signing secret does not match\./;

function monitor() {
  const clock = new FixedClock();
  const store = new RecordingStore();
  return { clock, store, health: new TenantHealth(store, () => clock.now()) };
}

describe('a workspace’s status from its traffic', () => {
  it('should show Failing with the reason once events are refused and nothing verifies', async () => {
    const { store, health } = monitor();

    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);

    expect(store.writes).toEqual([{ channel: 'slack', tenantId: 'T1', ok: false, at: expect.any(Number), message: expect.stringMatching(SECRET_MESSAGE), cause: 'events' }]);
  });

  it('should write at most once a minute per workspace, however many requests are refused', async () => {
    const { clock, store, health } = monitor();

    for (let i = 0; i < 3_000; i += 1) {
      await health.refused({ channel: 'slack', tenantId: 'T1' }, i % 2 === 0 ? MISMATCH : 'The request is not signed.');
      await health.refused({ channel: 'slack', tenantId: 'T2' }, MISMATCH);
      clock.advanceMs(60);
    }

    // 3,000 refusals a workspace over three minutes, the reason changing every time: three writes each.
    const times = (teamId: string) => store.writes.filter((w) => w.tenantId === teamId).map((w) => w.at);
    for (const teamId of ['T1', 'T2']) {
      expect(times(teamId).length).toBeLessThanOrEqual(3);
      for (const [a, b] of times(teamId).slice(1).map((t, i) => [times(teamId)[i]!, t] as const)) expect(b - a).toBeGreaterThanOrEqual(HEALTH_WINDOW_MS);
    }
    expect(times('T2')).toHaveLength(1);
  });

  it('should write a Failing for refused events to go by itself in an hour, and again every half hour while they go on', async () => {
    const { clock, store, health } = monitor();

    for (let minute = 0; minute < 75; minute += 1) {
      await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);
      clock.advanceMinutes(1);
    }

    expect(store.writes.map((w) => w.ok)).toEqual([false, false, false]);
    expect(store.writes.map((w) => (w.at - store.writes[0]!.at) / 60_000)).toEqual([0, 30, 60]);
    expect(store.expiries).toEqual([EVENTS_FAILING_TTL_SECONDS, EVENTS_FAILING_TTL_SECONDS, EVENTS_FAILING_TTL_SECONDS]);
    expect(EVENTS_FAILING_TTL_SECONDS).toBe(3_600);
  });

  it('should keep a Failing for refused sends until a send goes out: no one forges a send', async () => {
    const { clock, store, health } = monitor();

    await health.sendRefused({ channel: 'slack', tenantId: 'T1' }, 'invalid_auth');
    clock.advanceMinutes(120);
    await health.sendRefused({ channel: 'slack', tenantId: 'T1' }, 'invalid_auth');

    expect(store.writes.map((w) => [w.ok, w.cause])).toEqual([[false, 'sends']]);
    expect(store.expiries).toEqual([undefined]);
  });

  it('should stay Working through a flood of forged requests while real events verify', async () => {
    const { clock, store, health } = monitor();

    for (let second = 0; second < 600; second += 1) {
      if (second % 20 === 0) await health.verified({ channel: 'slack', tenantId: 'T1' });
      for (let forged = 0; forged < 50; forged += 1) await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);
      clock.advanceMs(1000);
    }

    expect(store.writes).toEqual([]);
  });

  it('should show Working again once events verify a minute after it wrote Failing', async () => {
    const { clock, store, health } = monitor();
    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);

    clock.advanceMs(10_000);
    await health.verified({ channel: 'slack', tenantId: 'T1' });
    expect(store.writes.map((w) => w.ok)).toEqual([false]);

    clock.advanceMs(HEALTH_WINDOW_MS);
    await health.verified({ channel: 'slack', tenantId: 'T1' });
    expect(store.writes.map((w) => w.ok)).toEqual([false, true]);
  });

  it('should show Failing when Slack refuses the bot token for a send, and Working once a send goes out again', async () => {
    const { clock, store, health } = monitor();

    await health.sendRefused({ channel: 'slack', tenantId: 'T1' }, 'token_revoked');
    expect(store.last()).toMatchObject({ ok: false, cause: 'sends', message: expect.stringContaining('Slack does not accept the bot token (token_revoked)') });

    clock.advanceMs(HEALTH_WINDOW_MS);
    await health.sent({ channel: 'slack', tenantId: 'T1' });
    expect(store.last()).toMatchObject({ ok: true });
  });

  it('should never write for a workspace whose requests all verify and sends all go out', async () => {
    const { clock, store, health } = monitor();

    for (let i = 0; i < 1_000; i += 1) {
      await health.verified({ channel: 'slack', tenantId: 'T1' });
      await health.sent({ channel: 'slack', tenantId: 'T1' });
      clock.advanceMs(500);
    }

    expect(store.writes).toEqual([]);
  });

  it('should answer the refused request even when the status cannot be written', async () => {
    const { store, health } = monitor();
    store.failing = true;

    await expect(health.refused({ channel: 'teams', tenantId: 'tenant-1' }, 'The token is not valid: unexpected "aud" claim value')).resolves.toBeUndefined();
  });

  it('should write the status a minute after the store failed to take it, not only when it changes again', async () => {
    const { clock, store, health } = monitor();
    store.failing = true;
    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);
    store.failing = false;

    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);
    expect(store.writes).toEqual([]);
    clock.advanceMs(HEALTH_WINDOW_MS);
    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);

    expect(store.writes).toEqual([expect.objectContaining({ ok: false, cause: 'events' })]);
  });

  it('should keep a Failing for refused sends from going by itself when events are refused too', async () => {
    const { clock, store, health } = monitor();

    await health.sendRefused({ channel: 'slack', tenantId: 'T1' }, 'invalid_auth');
    clock.advanceMs(HEALTH_WINDOW_MS);
    await health.refused({ channel: 'slack', tenantId: 'T1' }, MISMATCH);

    expect(store.writes.map((w) => w.cause)).toEqual(['sends', 'events']);
    expect(store.expiries).toEqual([undefined, undefined]);
  });
});

describe('what the Tenants table shows', () => {
  const passed = { ok: true, at: 2_000 };

  it('should show refused events as Failing even after Test connection passed, since the test does not check the signing secret', () => {
    const refused: TenantHealthRecord = { channel: 'slack', tenantId: 'T1', ok: false, at: 1_000, message: 'Slack events are refused because…', cause: 'events' };

    expect(shownCheck(passed, refused)).toEqual({ ok: false, at: 1_000, message: 'Slack events are refused because…', source: 'traffic' });
  });

  it('should let a later passing Test connection answer a refused token', () => {
    const refused: TenantHealthRecord = { channel: 'slack', tenantId: 'T1', ok: false, at: 1_000, message: 'Koji’s messages are refused…', cause: 'sends' };

    expect(shownCheck(passed, refused)).toBe(passed);
    expect(shownCheck({ ok: true, at: 500 }, refused)).toMatchObject({ ok: false, source: 'traffic' });
  });
});

describe('two projects’ bots in one Teams tenant', () => {
  const botA = { channel: 'teams', tenantId: 'tenant-1', appId: 'app-a' } as const;
  const botB = { channel: 'teams', tenantId: 'tenant-1', appId: 'app-b' } as const;
  const tenantWide = { channel: 'teams', tenantId: 'tenant-1' } as const;

  it('should show each bot its own status: B’s refused sends leave A Working', async () => {
    const { store, health } = monitor();

    await health.sendRefused(botB, '401 Unauthorized');
    await health.sent(botA);

    expect(healthOfConnection(store.writes, botB)).toMatchObject({ appId: 'app-b', ok: false, cause: 'sends' });
    expect(healthOfConnection(store.writes, botA)).toBeUndefined();
  });

  it('should show a refusal for no connected bot on each bot of the tenant, and let either one’s real traffic within the minute outweigh forged requests', async () => {
    const { clock, store, health } = monitor();

    await health.verified(botA);
    clock.advanceMs(1_000);
    await health.refused(tenantWide, 'The token is not valid: unexpected "aud" claim value');
    expect(store.writes).toEqual([]);

    clock.advanceMs(HEALTH_WINDOW_MS);
    await health.refused(tenantWide, 'The token is not valid: unexpected "aud" claim value');
    for (const bot of [botA, botB]) expect(healthOfConnection(store.writes, bot)).toMatchObject({ ok: false, cause: 'events' });
  });

  it('should clear the tenant-wide status with the bot that is connected again', async () => {
    const { store, health } = monitor();
    await health.refused(tenantWide, 'The activity is for another bot than the one connected for this tenant.');

    await health.forget(botA);

    expect(healthOfConnection(store.writes, botA)).toBeUndefined();
  });
});
