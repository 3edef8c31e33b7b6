import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpDesk, startBenchPlatform, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import { SWEEP_LIMITS } from '../../src/app/queue/sweep-timeouts';
import { fmt, type Progress, type Row } from '../lib/report';
import { Seeder, seedingDeps } from '../lib/seed';

/**
 * P6: what one run of the timeout sweep (the `timeout-sweep` scheduled trigger)
 * costs, and whether it stays bounded, with N conversations open.
 *
 * Each size gets its own platform. N conversations are opened at T (generated
 * users and operators, see lib/seed.ts), each with its first transcript line;
 * half of them get another line at T + 119 min. The app's clock is then moved
 * (Date.now, which the app, the local KVS and the sandboxes read):
 *
 * - at T + 1 min nothing is due: the **quiet** run, what the sweep costs on most runs;
 * - at T + 120 min every conversation is past the 30-minute inactivity
 *   deadline it was stored with: half are silent (closed, both sides told) and
 *   half had a message a minute ago (kept open, their deadline moved on). The
 *   **due** runs follow one another until a run finds nothing left to do, or
 *   `maxDueRuns` runs were made.
 *
 * The notices go to generated people whom the Slack sandbox does not know, so
 * those Slack calls fail (logged, as a notice that could not be delivered);
 * they are counted, and priced like any other call in the Forge estimate.
 */
export interface SweepRun {
  readonly kvsReads: number;
  readonly kvsReadBytes: number;
  readonly kvsWrites: number;
  readonly slackCalls: number;
  readonly durationMs: number;
  /** The invocation's CPU without the local KVS stand-in's share. */
  readonly appCpuMicros: number;
  /** Conversations the run closed or whose deadline it moved on. */
  readonly handled: number;
  readonly report: Readonly<Record<string, unknown>>;
  readonly failed: boolean;
}

export interface SweepSize {
  readonly size: number;
  readonly quiet: SweepRun;
  readonly due: readonly SweepRun[];
  /** Conversations still open after the due runs (the active half, when every due one was handled). */
  readonly openAfter: number;
}

export interface P6Result {
  readonly sizes: readonly SweepSize[];
  readonly kvsMs: number;
  readonly slackMs: number;
}

export interface P6Options {
  readonly sizes: readonly number[];
  readonly maxDueRuns: number;
  readonly kvsMs: number;
  readonly slackMs: number;
  readonly progress: Progress;
}

const CAPACITY = 10;
const MINUTE = 60_000;
const SWEEP = 'timeout-sweep';

export async function runP6(options: P6Options): Promise<P6Result> {
  const sizes: SweepSize[] = [];
  for (const size of options.sizes) sizes.push(await oneSize(size, options));
  return { sizes, kvsMs: options.kvsMs, slackMs: options.slackMs };
}

async function oneSize(size: number, options: P6Options): Promise<SweepSize> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-p6-'));
  const clock = new ShiftedClock();
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    options.progress.update(`P6: opening ${fmt.int(size)} conversations`);
    await setUpDesk(bench, { operators: [], operatorCapacity: CAPACITY });
    const deps = seedingDeps();
    const seeder = new Seeder(deps);
    const t0 = Date.now();
    let open = 0;
    while (open < size) {
      const operator = await seeder.operatorOnDuty();
      const batch = Math.min(CAPACITY, size - open);
      const users = Array.from({ length: batch }, () => seeder.newPerson());
      const ids = await seeder.connect(operator.participant, users, { transcriptLine: true });
      for (const [i, id] of ids.entries()) {
        if ((open + i) % 2 === 1) continue;
        const user = users[i]!;
        await deps.transcripts.append(id, {
          id: `EvLATER${user.participant.userId}`,
          at: t0 + 119 * MINUTE,
          role: 'user',
          speakerName: user.name,
          speaker: user.participant,
          text: 'Still there? The laptop restarted again.',
        });
      }
      open += batch;
      if (open % 1000 < CAPACITY) options.progress.update(`P6: opening conversations, ${fmt.int(open)} of ${fmt.int(size)}`);
    }

    clock.set(t0 + MINUTE);
    options.progress.update(`P6: sweeping with ${fmt.int(size)} conversations open, nothing due`);
    const quiet = await sweepOnce(bench);

    clock.set(t0 + 120 * MINUTE);
    const due: SweepRun[] = [];
    for (let run = 1; run <= options.maxDueRuns; run += 1) {
      options.progress.update(`P6: sweeping with ${fmt.int(size)} conversations past their deadline, run ${run}`);
      const result = await sweepOnce(bench);
      due.push(result);
      if (result.handled === 0 || result.failed) break;
    }
    const openAfter = await countOpen(bench, deps, seeder.projectId);
    return { size, quiet, due, openAfter };
  } finally {
    clock.restore();
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function sweepOnce(bench: BenchPlatform): Promise<SweepRun> {
  const i0 = bench.invocations.length;
  const a0 = bench.slack.apiCalls.length;
  let failed = false;
  try {
    await bench.platform.runner.invoke(SWEEP, [{ context: { cloudId: 'local' } }]);
  } catch {
    failed = true;
  }
  await bench.settle();
  const inv = bench.invocations.slice(i0).find((i) => i.functionKey === SWEEP);
  if (!inv) throw new Error('The timeout sweep left no invocation record.');
  const report = sweepReport(inv);
  const handled = ['closedForInactivity', 'inactivityDeadlinesMoved', 'queueTimeouts', 'offersExpired', 'woundDown'].reduce(
    (sum, key) => sum + (typeof report[key] === 'number' ? report[key] : 0),
    0,
  );
  return {
    kvsReads: inv.counters.kvsReads,
    kvsReadBytes: inv.counters.kvsReadBytes,
    kvsWrites: inv.counters.kvsWrites,
    slackCalls: bench.slack.apiCalls.length - a0,
    durationMs: inv.durationMs,
    appCpuMicros: inv.cpuMicros - inv.kvsStandInMicros,
    handled,
    report,
    failed: failed || inv.failed,
  };
}

function sweepReport(inv: RecordedInvocation): Record<string, unknown> {
  for (const line of inv.logLines) {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry['event'] === 'timeout_sweep') return entry;
    } catch {
      // Not one of the app's JSON lines.
    }
  }
  return {};
}

async function countOpen(bench: BenchPlatform, deps: ReturnType<typeof seedingDeps>, projectId: string): Promise<number> {
  void bench;
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.state.conversationsInState(projectId, 'with-operator', { limit: 100, cursor });
    count += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}

/** Moves the process's clock (Date.now) to a chosen time, and back. */
export class ShiftedClock {
  private readonly realNow = Date.now;

  set(at: number): void {
    const offset = at - this.realNow.call(Date);
    Date.now = () => this.realNow.call(Date) + offset;
  }

  restore(): void {
    Date.now = this.realNow;
  }
}

/**
 * What a run would take on Forge, where it mostly waits: CPU, plus an assumed
 * wait per KVS and per Slack call, those waits shared by the conversations the
 * sweep handles at once (SWEEP_LIMITS.concurrency).
 */
export function forgeSeconds(run: SweepRun, kvsMs: number, slackMs: number): number {
  const waits = (run.kvsReads + run.kvsWrites) * kvsMs + run.slackCalls * slackMs;
  return (run.appCpuMicros / 1000 + waits / SWEEP_LIMITS.concurrency) / 1000;
}

const FUNCTION_TIMEOUT_SECONDS = 120;

export function p6Rows(r: P6Result): Row[] {
  const sizes = r.sizes.map((s) => fmt.int(s.size)).join(' → ');
  const est = (run: SweepRun) => `${forgeSeconds(run, r.kvsMs, r.slackMs).toFixed(1)} s`;
  const quiet = r.sizes.map((s) => s.quiet);
  const first = r.sizes.map((s) => s.due[0]!);
  const perHandled = (run: SweepRun) => (run.handled === 0 ? '–' : (run.kvsReads / run.handled).toFixed(2));
  const longest = Math.max(...r.sizes.flatMap((s) => [s.quiet, ...s.due]).map((run) => forgeSeconds(run, r.kvsMs, r.slackMs)));
  const failed = r.sizes.flatMap((s) => [s.quiet, ...s.due]).some((run) => run.failed);
  return [
    {
      figure: 'P6',
      what: `timeout sweep, nothing due, conversations open ${sizes}`,
      measured: `reads ${quiet.map((q) => fmt.int(q.kvsReads)).join(' → ')} · read bytes ${quiet.map((q) => fmt.bytes(q.kvsReadBytes)).join(' → ')} · writes ${quiet.map((q) => fmt.int(q.kvsWrites)).join(' → ')} · time ${quiet.map((q) => fmt.ms(q.durationMs)).join(' → ')} · on Forge ≈ ${quiet.map(est).join(' → ')}`,
      target: 'the same at every size',
      verdict: quiet.every((q) => q.kvsReads === quiet[0]!.kvsReads) ? 'met' : 'missed',
      note: quiet.every((q) => q.kvsReads === quiet[0]!.kvsReads) ? undefined : 'reads grow with the conversations open',
    },
    {
      figure: 'P6',
      what: `timeout sweep, first run with every conversation past its deadline (half silent, half active), open ${sizes}`,
      measured: `handled ${first.map((d) => fmt.int(d.handled)).join(' → ')} · reads ${first.map((d) => fmt.int(d.kvsReads)).join(' → ')} (per conversation handled ${first.map(perHandled).join(' → ')}) · writes ${first.map((d) => fmt.int(d.kvsWrites)).join(' → ')} · Slack calls ${first.map((d) => fmt.int(d.slackCalls)).join(' → ')} · time ${first.map((d) => fmt.ms(d.durationMs)).join(' → ')} · on Forge ≈ ${first.map(est).join(' → ')}`,
      target: `reads per conversation handled flat; a run within the function's ${FUNCTION_TIMEOUT_SECONDS} s`,
      verdict: longest <= FUNCTION_TIMEOUT_SECONDS && !failed ? 'met' : 'missed',
      note: failed ? 'a run failed' : longest <= FUNCTION_TIMEOUT_SECONDS ? undefined : `the longest run ≈ ${longest.toFixed(0)} s on Forge`,
    },
    {
      figure: 'P6 (info)',
      what: 'timeout sweep, due runs until nothing is left',
      measured: r.sizes
        .map((s) => `${fmt.int(s.size)}: ${s.due.length} run${s.due.length === 1 ? '' : 's'} (handled ${s.due.map((d) => fmt.int(d.handled)).join(', ')}), ${fmt.int(s.openAfter)} still open`)
        .join(' · '),
      target: '',
      verdict: 'info',
    },
  ];
}
