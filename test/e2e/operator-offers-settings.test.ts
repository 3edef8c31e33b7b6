import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { localPlatformClient } from '../local/support/local-platform-client';

/**
 * The operator offers settings (how users reach operators, the offer window, missed offers before an operator is
 * put off duty) through the real settings resolver: the local platform's `invoke`, @forge/resolver, the embedded
 * Jira's permissions and KVS. What it takes, what it refuses and why, and that a refusal reads and stores nothing.
 */
let platform: LocalPlatform;
const invocations: FinishedInvocation[] = [];

const { admin } = localPlatformClient(() => platform);

beforeEach(async () => {
  invocations.length = 0;
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', onInvocation: (i) => invocations.push(i) });
});

afterEach(() => platform.close());

const DEFAULTS = { operatorAssignment: 'assign-directly', offerWindowSeconds: 60, missedOffersBeforeAway: 2 };

const ASSIGNMENT_REFUSED = 'How users reach operators must be “Assign directly” or “Offer first”.';
const WINDOW_REFUSED = 'The offer window must be from 15 to 600 seconds.';
const MISSED_REFUSED = 'Missed offers before an operator is put off duty must be off or from 1 to 10.';

/** What the settings resolver's last invocation read and wrote in storage. */
function storageUsedByLastUpdate(): { reads: number; writes: number } {
  const last = invocations.filter((i) => i.functionKey === 'settings-resolver').at(-1);
  if (!last) throw new Error('The settings resolver was not invoked.');
  return { reads: last.counters.kvsReads, writes: last.counters.kvsWrites };
}

describe('operator offers settings, through the settings resolver', () => {
  it('should assign users directly until an admin chooses Offer first, with a 60-second window and 2 missed offers before off duty', async () => {
    expect(await admin('settings/get')).toMatchObject({ ok: true, data: { settings: DEFAULTS } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['Offer first', { operatorAssignment: 'offer-first' }],
    ['Assign directly', { operatorAssignment: 'assign-directly' }],
    ['a 15-second offer window', { offerWindowSeconds: 15 }],
    ['a 10-minute offer window', { offerWindowSeconds: 600 }],
    ['1 missed offer before off duty', { missedOffersBeforeAway: 1 }],
    ['10 missed offers before off duty', { missedOffersBeforeAway: 10 }],
    ['missed offers never putting anyone off duty', { missedOffersBeforeAway: 'off' }],
    ['all three at once', { operatorAssignment: 'offer-first', offerWindowSeconds: 30, missedOffersBeforeAway: 3 }],
  ])('should save %s and read it back', async (_what, change) => {
    expect(await admin('settings/update', { change })).toMatchObject({ ok: true, data: { settings: change } });

    expect(await admin('settings/get')).toMatchObject({ ok: true, data: { settings: { ...DEFAULTS, ...change } } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a way to reach operators that is neither', { operatorAssignment: 'round-robin' }, ASSIGNMENT_REFUSED],
    ['no way to reach operators', { operatorAssignment: null }, ASSIGNMENT_REFUSED],
    ['the way written differently', { operatorAssignment: 'Offer first' }, ASSIGNMENT_REFUSED],
    ['an offer window under 15 seconds', { offerWindowSeconds: 14 }, WINDOW_REFUSED],
    ['an offer window over 10 minutes', { offerWindowSeconds: 601 }, WINDOW_REFUSED],
    ['an offer window of 30.5 seconds', { offerWindowSeconds: 30.5 }, WINDOW_REFUSED],
    ['an offer window as text', { offerWindowSeconds: '30' }, WINDOW_REFUSED],
    ['an offer window turned off', { offerWindowSeconds: 'off' }, WINDOW_REFUSED],
    ['0 missed offers', { missedOffersBeforeAway: 0 }, MISSED_REFUSED],
    ['11 missed offers', { missedOffersBeforeAway: 11 }, MISSED_REFUSED],
    ['2.5 missed offers', { missedOffersBeforeAway: 2.5 }, MISSED_REFUSED],
    ['missed offers as text', { missedOffersBeforeAway: '2' }, MISSED_REFUSED],
    ['a word other than off', { missedOffersBeforeAway: 'never' }, MISSED_REFUSED],
  ])('should refuse %s with the reason, reading and storing nothing', async (_what, change, reason) => {
    const refused = await admin('settings/update', { change: { ...change, operatorCapacity: 3 } });

    expect(refused).toEqual({ ok: false, error: { code: 'invalid_settings', message: reason } });
    expect(storageUsedByLastUpdate()).toEqual({ reads: 0, writes: 0 });
    expect(await admin('settings/get')).toMatchObject({ ok: true, data: { settings: { ...DEFAULTS, operatorCapacity: 1 } } });
  });

  it('should give every reason at once, and keep what was saved before', async () => {
    expect(await admin('settings/update', { change: { operatorAssignment: 'offer-first', offerWindowSeconds: 45 } })).toMatchObject({ ok: true });

    const refused = await admin('settings/update', { change: { operatorAssignment: 'sometimes', offerWindowSeconds: 5, missedOffersBeforeAway: 0 } });

    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    for (const reason of [ASSIGNMENT_REFUSED, WINDOW_REFUSED, MISSED_REFUSED]) expect(refused.error?.message).toContain(reason);
    expect(await admin('settings/get')).toMatchObject({ ok: true, data: { settings: { operatorAssignment: 'offer-first', offerWindowSeconds: 45, missedOffersBeforeAway: 2 } } });
  });
});
