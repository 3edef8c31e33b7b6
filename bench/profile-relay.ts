import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { SANDBOX_WORKSPACE } from '../packages/forge-local/src/slack';
import { startBoltRelay } from './lib/bolt-relay';
import { allocationsDuring } from './lib/breakdown';
import { cpuProfileDuring, threadCpuTicks } from './lib/cpu-owners';
import { startBenchPlatform, SLACK_WEB_TRIGGER } from './lib/harness';
import { openLanes } from './lib/lanes';
import { runLoadInWorker } from './lib/load-in-worker';

/**
 * `node --import tsx bench/profile-relay.ts [messages=2000] [concurrency=8] [koji|bolt|slack]`
 *
 * One system of P3 alone (Koji's web trigger, the bare Bolt app, or the fake Slack
 * with no app), loaded as P3 loads it (signed events from a worker thread), after a
 * warm-up. Prints the rate and the CPU per message of each thread of this process,
 * read from /proc: the main thread (platform, app, fake Slack) apart from the load
 * thread and V8's helpers. Throughput on a shared 2-core machine is noisy; CPU per
 * message is what to compare.
 *
 * Where the main thread's time goes: `node --cpu-prof --cpu-prof-dir=DIR --import tsx …`
 * (the sampling profile also counts time the thread was preempted), or, on CPU only,
 * `CPU_PROFILE_OUT=file.cpuprofile node --import tsx …` writes the main thread's profile of the measured run
 * only (the same format as `--cpu-prof`'s, through node:inspector); `bench/flame-graph.ts` draws it. Or,
 * `PERF_OUT=file node --perf-basic-prof --import tsx …`, which records the measured
 * run with `perf record -g`; read it with `perf script`. `ALLOC_TOP=30` prints the 30 functions that
 * allocated the most per message during the measured run (V8's sampling heap profiler, main thread only: the
 * KVS stand-in's and the load's threads are not in it).
 */
async function main(): Promise<void> {
  const messages = Number(process.argv[2] ?? 2000);
  const concurrency = Number(process.argv[3] ?? 8);
  // `slack`: no app, the load thread posts the relays to the fake Slack itself (P3's "no app" row); `bolt`: the bare Bolt app.
  const system = process.argv[4] ?? 'koji';
  const noApp = system === 'slack';
  const bench = await startBenchPlatform();
  try {
    const layout = await openLanes(bench, concurrency);
    const apiUrl = bench.platform.slackApiUrl ?? '';
    const bolt = system === 'bolt' ? await startBoltRelay({ slackApiUrl: apiUrl, botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret, lanes: layout.lanes }) : undefined;
    const url = noApp ? apiUrl : (bolt?.url ?? bench.platform.webTriggerUrl('slack-events').replace('//localhost:', '//127.0.0.1:'));
    const run = async (count: number, label: string) => {
      const inv0 = bench.invocations.length;
      const cpu0 = process.cpuUsage();
      const threads0 = threadTicks();
      const elu0 = performance.eventLoopUtilization();
      const result = await runLoadInWorker({ url, signingSecret: SANDBOX_WORKSPACE.signingSecret, lanes: layout.lanes, messages: count, tag: `${label}${Date.now().toString(36)}`,
        ...(noApp ? { mode: 'chat.postMessage' as const, token: SANDBOX_WORKSPACE.botToken } : {}),
      });
      await bench.settle();
      const cpu = process.cpuUsage(cpu0);
      const threads = threadTicks();
      const elu = performance.eventLoopUtilization(elu0);
      const invocations = bench.invocations.slice(inv0).filter((i) => i.functionKey === SLACK_WEB_TRIGGER);
      const relays = invocations.filter((i) => i.counters.kvsWrites > 0);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
      console.error(
        `${label}: ${((count / result.wallMs) * 1000).toFixed(0)} msg/s · process CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms per message` +
          ` (main thread and load worker)` +
          ` · per thread (ms per message): ${[...threads].map(([name, t]) => `${name} ${(((t - (threads0.get(name) ?? 0)) * 10) / count).toFixed(2)}`).filter((x) => !x.endsWith(' 0.00')).join(', ')}` +
          ` · main event loop busy ${(elu.utilization * 100).toFixed(0)}%` +
          ` · KVS stand-in ${(mean(relays.map((r) => r.kvsStandInMicros)) / 1000).toFixed(2)} ms · ${invocations.length - relays.length} echoes · errors ${result.errors.length}`,
      );
      // SLOWEST=n: the n slowest relays, each with its calls in order (what it waited on, from the call's start).
      const slowest = Number(process.env['SLOWEST'] ?? 0);
      if (slowest > 0) {
        const latencies = result.sent.map((x) => x.latencyMs).sort((a, b) => a - b);
        console.error(`  client latency p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms · p99 ${latencies[Math.floor(latencies.length * 0.99)]?.toFixed(1)} ms`);
        for (const r of [...relays].sort((a, b) => b.durationMs - a.durationMs).slice(0, slowest)) {
          const t0 = r.steps[0]?.startMs ?? 0;
          console.error(`  ${r.durationMs.toFixed(1)} ms, ended at ${(r.endedAtMs - (relays[0]?.endedAtMs ?? 0)).toFixed(0)} ms: ${r.steps.map((st) => `${st.kind} +${(st.startMs - t0).toFixed(1)} (${(st.endMs - st.startMs).toFixed(1)})`).join(' · ')}`);
        }
      }
    };
    await run(Math.min(300, messages), 'warm-up');
    // The sandbox lets 30 echoes per DM through in any 10 s: after a pause every run gets the same echoes.
    // NO_PAUSE=1 measures at once, as P3 does, with whatever echoes the sandbox's window lets through.
    if (!process.env['NO_PAUSE']) await new Promise((resolve) => setTimeout(resolve, 10_500));
    // PERF_OUT=file: `perf record` of this process during the measured run only (start node with --perf-basic-prof).
    const perf = process.env['PERF_OUT'] ? spawn('perf', ['record', '-e', 'cpu-clock', '-F', '1999', '-g', '-p', String(process.pid), '-o', process.env['PERF_OUT']], { stdio: 'ignore' }) : undefined;
    if (perf) await new Promise((resolve) => setTimeout(resolve, 500));
    // ALLOC_TOP=n: the n functions that allocated the most during the measured run, per relayed message.
    const allocTop = Number(process.env['ALLOC_TOP'] ?? 0);
    const measured = async () => {
      if (allocTop > 0) printAllocators(allocTop, messages, (await allocationsDuring(() => run(messages, 'measured'))).byFunction);
      else await run(messages, 'measured');
    };
    const profileOut = process.env['CPU_PROFILE_OUT'];
    if (profileOut) writeFileSync(profileOut, JSON.stringify((await cpuProfileDuring(measured, 200)).profile));
    else await measured();
    if (perf) {
      perf.kill('SIGINT');
      await new Promise((resolve) => perf.once('exit', resolve));
    }
    await bolt?.stop();
  } finally {
    await bench.close();
  }
}

function printAllocators(top: number, messages: number, frames: Map<string, number>): void {
  for (const [where, bytes] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.error(`  ${(bytes / messages / 1024).toFixed(1).padStart(6)} KB  ${where}`);
  }
}

/** CPU ticks (10 ms) of every thread of this process, by name (the main thread is the one whose id is the pid). */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const thread = threadCpuTicks(tid);
    if (!thread) continue; // it ended
    const name = tid === String(process.pid) ? 'main' : thread.name;
    ticks.set(name, (ticks.get(name) ?? 0) + thread.ticks);
  }
  return ticks;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
