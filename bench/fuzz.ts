import { startSandboxedPlatform } from '../test/local/support/local-platform-client';
import { checkRelay, describeFuzzResult, fuzzSlack, fuzzTeams, setUpDesk } from './lib/webtrigger-fuzzer';

/**
 * `npm run fuzz [-- --count 10000 --seed 42]`: the full fuzz run of both web
 * triggers on the local platform (in memory), then a real relay on each.
 * Prints the answers per status code, the 5xx and dropped connections and the
 * time per trigger; exits 1 on any 5xx, dropped connection or broken relay.
 */
function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}

const print = (text: string) => void process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  // The app logs one JSON line per request; tens of thousands of them would bury the figures (--verbose keeps them).
  if (!process.argv.includes('--verbose')) {
    Object.assign(console, { info: () => undefined, warn: () => undefined });
  }
  const count = option('count', 10_000);
  const seed = option('seed', Date.now() % 2 ** 31);
  const targets = await startSandboxedPlatform();
  try {
    await setUpDesk(targets);
    const results = [await fuzzSlack(targets, seed, count), await fuzzTeams(targets, seed, count)];
    for (const result of results) print(describeFuzzResult(result));
    const problems = await checkRelay(targets);
    print(problems.length === 0 ? 'relay afterwards: Slack and Teams both ways, OK' : `relay afterwards FAILED:\n  ${problems.join('\n  ')}`);
    const failed = results.some((r) => r.serverErrors > 0 || r.dropped > 0) || problems.length > 0;
    if (failed) print(`replay with: npm run fuzz -- --seed ${seed} --count ${count}`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    await targets.platform.close();
  }
}

void main();
