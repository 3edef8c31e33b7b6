import { checkRelay, describeFuzzResult, fuzzSlack, fuzzTeams, setUpDesk, type FuzzTargets } from '../../bench/lib/webtrigger-fuzzer';
import { startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Both web triggers, through the real entry points on the local platform,
 * under 500 correctly signed but mutated requests each: never a 5xx
 * and never a dropped connection, and a real conversation still relays
 * afterwards. The seed is fixed (set FUZZ_SEED to try another); a failure
 * prints it with each failing request. `npm run fuzz` runs ≥ 10,000 per trigger.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261206);
const COUNT = 500;

let targets: FuzzTargets;

beforeAll(async () => {
  targets = await startSandboxedPlatform();
  await setUpDesk(targets);
});
afterAll(() => targets.platform.close());

describe('the web triggers under mutated, correctly signed requests', () => {
  it('should answer every mutated Slack event and click with a 2xx or 4xx, never a 5xx or a dropped connection', async () => {
    const result = await fuzzSlack(targets, SEED, COUNT);

    expect({ serverErrors: result.serverErrors, dropped: result.dropped, report: result.failures.length > 0 ? describeFuzzResult(result) : '' }).toEqual({
      serverErrors: 0,
      dropped: 0,
      report: '',
    });
  }, 90_000);

  it('should answer every mutated Teams activity with a valid token with a 2xx or 4xx, never a 5xx or a dropped connection', async () => {
    const result = await fuzzTeams(targets, SEED, COUNT);

    expect({ serverErrors: result.serverErrors, dropped: result.dropped, report: result.failures.length > 0 ? describeFuzzResult(result) : '' }).toEqual({
      serverErrors: 0,
      dropped: 0,
      report: '',
    });
  }, 90_000);

  it('should still relay a real conversation both ways on Slack and on Teams afterwards', async () => {
    expect(await checkRelay(targets)).toEqual([]);
  });
});
