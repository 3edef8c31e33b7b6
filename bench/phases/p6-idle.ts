import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpDesk, startBenchPlatform } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { Seeder, seedingDeps } from '../lib/seed';
import { ShiftedClock, sweepOnce, type SweepRun } from './p6';

/**
 * P6 (idle): what idle auto-away adds to a run of the timeout sweep with N operators on duty and nobody to
 * serve (issue 17). N operators go on duty at T, with the project's idle time at its default, 30 minutes.
 *
 * - at T + 1 min nobody is idle long enough: the **quiet** run, which reads the head of the two free lanes
 *   of the routing order (`by-duty-rank`) up to the cutoff and finds nobody;
 * - at T + 31 min every one of them is idle: the **due** run puts each off duty and tells them (the notices
 *   go to generated people the Slack sandbox does not know, so those calls fail and are only counted).
 */
export interface IdleSize {
  readonly operators: number;
  readonly quiet: SweepRun;
  readonly due: SweepRun;
}

export interface IdleResult {
  readonly sizes: readonly IdleSize[];
}

const MINUTE = 60_000;

export async function runIdleSweep(options: { readonly operatorCounts: readonly number[]; readonly progress: Progress }): Promise<IdleResult> {
  const sizes: IdleSize[] = [];
  for (const operators of options.operatorCounts) sizes.push(await oneSize(operators, options.progress));
  return { sizes };
}

async function oneSize(operators: number, progress: Progress): Promise<IdleSize> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-idle-'));
  const clock = new ShiftedClock();
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    await setUpDesk(bench, { operators: [], operatorCapacity: 1 });
    const seeder = new Seeder(seedingDeps());
    const t0 = Date.now();
    clock.set(t0);
    for (let i = 0; i < operators; i += 1) {
      await seeder.operatorOnDuty();
      if (i % 100 === 99) progress.update(`P6 idle: ${fmt.int(i + 1)} of ${fmt.int(operators)} operators on duty`);
    }
    clock.set(t0 + MINUTE);
    progress.update(`P6 idle: sweeping with ${fmt.int(operators)} operators on duty, nobody idle`);
    const quiet = await sweepOnce(bench);
    clock.set(t0 + 31 * MINUTE);
    progress.update(`P6 idle: sweeping with ${fmt.int(operators)} operators idle`);
    const due = await sweepOnce(bench);
    return { operators, quiet, due };
  } finally {
    clock.restore();
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const putOff = (run: SweepRun) => (typeof run.report['operatorsIdleAway'] === 'number' ? run.report['operatorsIdleAway'] : 0);

export function idleRows(r: IdleResult): Row[] {
  const sizes = r.sizes.map((s) => fmt.int(s.operators)).join(' → ');
  const quiet = r.sizes.map((s) => s.quiet);
  const due = r.sizes.map((s) => s.due);
  const flat = quiet.every((q) => q.kvsReads === quiet[0]!.kvsReads);
  const perOperator = (run: SweepRun) => (putOff(run) === 0 ? '–' : (run.kvsReads / putOff(run)).toFixed(2));
  return [
    {
      figure: 'P6 idle',
      what: `timeout sweep with idle auto-away, nobody idle yet, operators on duty ${sizes}`,
      measured: `reads ${quiet.map((q) => fmt.int(q.kvsReads)).join(' → ')} · read bytes ${quiet.map((q) => fmt.bytes(q.kvsReadBytes)).join(' → ')} · writes ${quiet.map((q) => fmt.int(q.kvsWrites)).join(' → ')}`,
      target: 'the same at every size',
      verdict: flat ? 'met' : 'missed',
      note: flat ? undefined : 'reads grow with the operators on duty',
    },
    {
      figure: 'P6 idle (info)',
      what: `timeout sweep, every operator idle 31 minutes, operators on duty ${sizes}`,
      measured: `put off duty ${due.map((d) => fmt.int(putOff(d))).join(' → ')} · reads ${due.map((d) => fmt.int(d.kvsReads)).join(' → ')} (per operator ${due.map(perOperator).join(' → ')}) · writes ${due.map((d) => fmt.int(d.kvsWrites)).join(' → ')} · time ${due.map((d) => fmt.ms(d.durationMs)).join(' → ')}`,
      target: '',
      verdict: 'info',
    },
  ];
}
