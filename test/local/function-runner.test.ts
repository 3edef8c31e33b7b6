import path from 'node:path';
import { loadAppManifest } from '../../packages/forge-local/src/app-manifest';
import { FunctionRunner, type FinishedInvocation } from '../../packages/forge-local/src/function-runner';

/**
 * What the platform tells about each invocation it ran (dev/start.ts prints it, the bench reads it):
 * its time always, and its CPU only when it ran alone, since under concurrency the process's CPU is
 * everyone's and a figure for one invocation would be made up.
 */
describe('the function runner’s account of an invocation', () => {
  const manifest = loadAppManifest(path.resolve(__dirname, '../../manifest.yml'));
  const spin = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  function runnerWith(work: () => Promise<unknown>): { runner: FunctionRunner; finished: FinishedInvocation[] } {
    const finished: FinishedInvocation[] = [];
    const runner = new FunctionRunner({ ...manifest, functions: new Map([['probe', 'index.probe']]) }, { probe: work }, (i) => finished.push(i));
    return { runner, finished };
  }

  it('should give the CPU of an invocation that ran alone', async () => {
    const { runner, finished } = runnerWith(async () => spin(20));

    await runner.invoke('probe', []);

    expect(finished[0]?.cpuMicros).toBeGreaterThan(0);
    expect(finished[0]?.durationMs).toBeGreaterThanOrEqual(19);
  });

  it('should give no CPU for invocations that overlapped, but still their time and outcome', async () => {
    const { runner, finished } = runnerWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      spin(5);
    });

    await Promise.all([runner.invoke('probe', []), runner.invoke('probe', [])]);

    expect(finished).toHaveLength(2);
    for (const invocation of finished) {
      expect(invocation.cpuMicros).toBeUndefined();
      expect(invocation.durationMs).toBeGreaterThanOrEqual(9);
      expect(invocation.failed).toBe(false);
    }
  });

  it('should meter again once the others are done', async () => {
    const { runner, finished } = runnerWith(async () => spin(2));

    await Promise.all([runner.invoke('probe', []), runner.invoke('probe', [])]);
    await runner.invoke('probe', []);

    expect(finished.map((i) => i.cpuMicros === undefined)).toEqual([true, true, false]);
  });
});
