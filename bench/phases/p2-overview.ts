import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpDesk, startBenchPlatform, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { Seeder, seedingDeps } from '../lib/seed';

/**
 * P2 (Overview): what one refresh of the backoffice Overview costs as a site grows (issue 20: ≤ 10 KVS reads
 * and ≤ 200 ms at any size). N conversations, as a busy site has them: 60 % ended (only their transcript line
 * is left), 30 % with an operator (generated operators on duty, 10 each) and 10 % waiting in the queue. Measured
 * as the resolver's own invocation (`activity/get`, then one Load more of the waiting line and of the
 * conversations in progress), after one warm-up read, the time the median of five.
 */
export interface OverviewSize {
  readonly conversations: number;
  readonly refresh: Figures;
  readonly moreWaiting: Figures;
  readonly moreInProgress: Figures;
}

interface Figures {
  readonly kvsReads: number;
  readonly kvsReadBytes: number;
  readonly kvsWrites: number;
  readonly durationMs: number;
}

export interface OverviewResult {
  readonly sizes: readonly OverviewSize[];
}

const CAPACITY = 10;
const SAMPLES = 5;

export async function runOverview(options: { readonly sizes: readonly number[]; readonly progress: Progress }): Promise<OverviewResult> {
  const sizes: OverviewSize[] = [];
  for (const size of options.sizes) sizes.push(await oneSize(size, options.progress));
  return { sizes };
}

async function oneSize(size: number, progress: Progress): Promise<OverviewSize> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-overview-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    await setUpDesk(bench, { operators: [], operatorCapacity: CAPACITY });
    await seed(size, progress);
    progress.update(`P2 Overview: reading it at ${fmt.int(size)} conversations`);
    await measured(bench, 'activity/get');
    const refreshes: Figures[] = [];
    let first: { waiting?: { next?: string }; inProgress?: { next?: string } } = {};
    for (let i = 0; i < SAMPLES; i += 1) {
      const { figures, data } = await measured(bench, 'activity/get');
      refreshes.push(figures);
      first = data as typeof first;
    }
    const more = async (key: string, cursor: string | undefined) => (cursor ? (await measured(bench, key, { cursor })).figures : none);
    return {
      conversations: size,
      refresh: { ...refreshes.at(-1)!, durationMs: median(refreshes.map((r) => r.durationMs)) },
      moreWaiting: await more('activity/waiting', first.waiting?.next),
      moreInProgress: await more('activity/in-progress', first.inProgress?.next),
    };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const none: Figures = { kvsReads: 0, kvsReadBytes: 0, kvsWrites: 0, durationMs: 0 };

/** The site: 60 % ended, 30 % with an operator, 10 % queued. */
async function seed(size: number, progress: Progress): Promise<void> {
  const deps = seedingDeps();
  const seeder = new Seeder(deps);
  const withOperator = Math.round(size * 0.3);
  const queued = Math.round(size * 0.1);
  const ended = size - withOperator - queued;
  for (let open = 0; open < withOperator; open += CAPACITY) {
    const operator = await seeder.operatorOnDuty();
    await seeder.connect(operator.participant, Array.from({ length: Math.min(CAPACITY, withOperator - open) }, () => seeder.newPerson()));
    if (open % 1000 === 0) progress.update(`P2 Overview: ${fmt.int(open)} of ${fmt.int(withOperator)} conversations with an operator`);
  }
  progress.update(`P2 Overview: ${fmt.int(queued)} users waiting`);
  await seeder.queue(Array.from({ length: queued }, () => seeder.newPerson()));
  for (let i = 0; i < ended; i += 1) {
    const person = seeder.newPerson();
    const at = deps.clock.now() - (i % 90) * 86_400_000;
    await deps.transcripts.append(`ended-${person.participant.userId}`, { id: 'EvEND', at, role: 'user', speakerName: person.name, speaker: person.participant, text: 'Thanks, that fixed it' });
    if (i % 5000 === 0) progress.update(`P2 Overview: ${fmt.int(i)} of ${fmt.int(ended)} ended conversations`);
  }
}

async function measured(bench: BenchPlatform, key: string, payload: Record<string, unknown> = {}): Promise<{ figures: Figures; data: unknown }> {
  const i0 = bench.invocations.length;
  const answer = await bench.admin(key, payload);
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer)}`);
  const inv: RecordedInvocation | undefined = bench.invocations.slice(i0).find((i) => i.functionKey === 'settings-resolver');
  if (!inv) throw new Error(`${key} left no resolver invocation`);
  return { figures: { kvsReads: inv.counters.kvsReads, kvsReadBytes: inv.counters.kvsReadBytes, kvsWrites: inv.counters.kvsWrites, durationMs: inv.durationMs }, data: answer.data };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function overviewRows(r: OverviewResult): Row[] {
  const sizes = r.sizes.map((s) => fmt.int(s.conversations)).join(' → ');
  const of = (pick: (s: OverviewSize) => Figures) =>
    `reads ${r.sizes.map((s) => fmt.int(pick(s).kvsReads)).join(' → ')} · read bytes ${r.sizes.map((s) => fmt.bytes(pick(s).kvsReadBytes)).join(' → ')} · writes ${r.sizes
      .map((s) => fmt.int(pick(s).kvsWrites))
      .join(' → ')} · time ${r.sizes.map((s) => fmt.ms(pick(s).durationMs)).join(' → ')}`;
  const met = r.sizes.every((s) => s.refresh.kvsReads <= 10 && s.refresh.durationMs <= 200 && s.refresh.kvsWrites === 0);
  return [
    {
      figure: 'P2 Overview',
      what: `one Overview refresh (activity/get), conversations ${sizes} (60 % ended, 30 % with an operator, 10 % waiting)`,
      measured: of((s) => s.refresh),
      target: '≤ 10 reads, ≤ 200 ms, at every size',
      verdict: met ? 'met' : 'missed',
      note: met ? undefined : 'an Overview refresh reads more, or takes longer, than the target',
    },
    { figure: 'P2 Overview (info)', what: `Load more: the waiting line’s second page, ${sizes}`, measured: of((s) => s.moreWaiting), target: '', verdict: 'info' },
    { figure: 'P2 Overview (info)', what: `Load more: conversations in progress, second page, ${sizes}`, measured: of((s) => s.moreInProgress), target: '', verdict: 'info' },
  ];
}
