import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { figuresOf, P1_FIGURE_KEYS, type MessageFigures } from '../lib/figures';
import { measureSend, setUpDesk, startBenchPlatform, type BenchPlatform, type StepCost } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { Seeder, slackParticipant } from '../lib/seed';
import { expectRelayed, RELAY_TEXT_OPERATOR, RELAY_TEXT_USER } from './p1';

/**
 * P2: does anything grow with the number of open conversations or operators?
 *
 * Conversations: Bob ↔ Alice (opened through the web trigger) and N − 1 more,
 * written with the core's own code (see lib/seed.ts): generated operators on
 * duty, 10 conversations each (the most operatorCapacity allows), each with
 * its first transcript line. Bob and Alice relay at each size; Alice holds only
 * Bob's conversation throughout, so her record is the same size at every N.
 *
 * Routing: Alice on duty and free, and N − 1 generated operators on duty and
 * busy (capacity 1, one conversation each), so every request is routed to
 * Alice (the sandbox can deliver her request card). Bob, Dana and Eve take
 * turns asking for an operator and leaving again, so that Alice is free.
 *
 * Each size has its own data directory, set up once. The measurements then go
 * round the sizes several times, restarting the platform on each directory, so
 * that whatever else the machine does (and the JIT, and GC) falls on every size
 * alike: CPU time on a shared 2-core machine drifts by more than the 1.2 the
 * target allows.
 */
export interface SizeFigures {
  readonly size: number;
  readonly userToOperator: MessageFigures;
  readonly operatorToUser: MessageFigures;
  /** The backoffice's Overview (resolver activity/get) at this size: the first page of each list (see p2-overview.ts). */
  readonly overview: { readonly kvsReads: number; readonly kvsReadBytes: number; readonly cpuMicros: number };
}

export interface RoutingFigures {
  readonly operators: number;
  readonly ask: MessageFigures;
}

export interface P2Result {
  readonly rounds: number;
  readonly conversations: SizeFigures[];
  readonly routing: RoutingFigures[];
}

export interface P2Options {
  readonly sizes: readonly number[];
  readonly operatorCounts: readonly number[];
  /** Rounds over the sizes, and samples per size in each round. */
  readonly rounds: number;
  readonly samples: number;
  readonly routingSamples: number;
  readonly progress: Progress;
}

const CAPACITY = 10;

export async function runP2(options: P2Options): Promise<P2Result> {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-p2-'));
    dirs.push(dir);
    return dir;
  };
  try {
    const conversations = await conversationScaling(options, newDir);
    const routing = await routingScaling(options, newDir);
    return { rounds: options.rounds, conversations, routing };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `measure` on every size's platform, round after round, restarting the platform each time. */
async function roundRobin<T>(dirs: readonly string[], rounds: number, measure: (bench: BenchPlatform, index: number, round: number) => Promise<T>): Promise<T[][]> {
  const out: T[][] = dirs.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, dir] of dirs.entries()) {
      const bench = await startBenchPlatform({ dataDir: dir });
      try {
        out[index]!.push(await measure(bench, index, round));
      } finally {
        await bench.close();
      }
    }
  }
  return out;
}

async function conversationScaling(options: P2Options, newDir: () => string): Promise<SizeFigures[]> {
  const dirs: string[] = [];
  const overviews: Array<SizeFigures['overview']> = [];
  for (const size of options.sizes) {
    const dir = newDir();
    dirs.push(dir);
    const bench = await startBenchPlatform({ dataDir: dir });
    try {
      options.progress.update(`P2: opening ${fmt.int(size)} conversations`);
      await setUpDesk(bench, { operators: ['UALICE'], operatorCapacity: CAPACITY });
      await measureSend(bench, 'UALICE', '#on');
      await measureSend(bench, 'UBOB', 'operator');
      const seeder = new Seeder();
      let open = 1;
      while (open < size) {
        const operator = await seeder.operatorOnDuty();
        const batch = Math.min(CAPACITY, size - open);
        await seeder.connect(operator.participant, Array.from({ length: batch }, () => seeder.newPerson()), { transcriptLine: true });
        open += batch;
        if (open % 1000 < CAPACITY) options.progress.update(`P2: opening conversations, ${fmt.int(open)} of ${fmt.int(size)}`);
      }
      const i0 = bench.invocations.length;
      const activity = await bench.admin('activity/get');
      const overview = bench.invocations.slice(i0).find((inv) => inv.functionKey === 'settings-resolver');
      // The Overview lists a first page of conversations in progress (25, then "25+"), never counting them all.
      const shown = (activity.data as { inProgress?: { rows?: unknown[] } } | undefined)?.inProgress?.rows?.length;
      if (shown !== Math.min(size, 25)) throw new Error(`The backoffice lists ${String(shown)} conversations in progress, not ${Math.min(size, 25)}.`);
      overviews.push({ kvsReads: overview?.counters.kvsReads ?? Number.NaN, kvsReadBytes: overview?.counters.kvsReadBytes ?? Number.NaN, cpuMicros: overview?.cpuMicros ?? Number.NaN });
    } finally {
      await bench.close();
    }
  }
  let n = 0;
  const measured = await roundRobin(dirs, options.rounds, async (bench, index, round) => {
    const up: StepCost[] = [];
    const down: StepCost[] = [];
    // One relay each way first: the restarted platform's first calls fill caches.
    for (let i = -1; i < options.samples; i += 1) {
      options.progress.update(`P2: relaying with ${fmt.int(options.sizes[index]!)} conversations open, round ${round + 1} of ${options.rounds}`);
      n += 1;
      const a = await expectRelayed(bench, 'UBOB', RELAY_TEXT_USER(1000 + n), 'UALICE');
      const b = await expectRelayed(bench, 'UALICE', RELAY_TEXT_OPERATOR(1000 + n), 'UBOB');
      if (i >= 0) {
        up.push(a);
        down.push(b);
      }
    }
    return { up, down };
  });
  return options.sizes.map((size, index) => ({
    size,
    userToOperator: figuresOf(measured[index]!.flatMap((m) => m.up)),
    operatorToUser: figuresOf(measured[index]!.flatMap((m) => m.down)),
    overview: overviews[index]!,
  }));
}

async function routingScaling(options: P2Options, newDir: () => string): Promise<RoutingFigures[]> {
  const dirs: string[] = [];
  for (const count of options.operatorCounts) {
    const dir = newDir();
    dirs.push(dir);
    const bench = await startBenchPlatform({ dataDir: dir });
    try {
      options.progress.update(`P2: routing, putting ${fmt.int(count)} operators on duty`);
      await setUpDesk(bench, { operators: ['UALICE'], operatorCapacity: 1 });
      await measureSend(bench, 'UALICE', '#on');
      const seeder = new Seeder();
      for (let onDuty = 1; onDuty < count; onDuty += 1) {
        const operator = await seeder.operatorOnDuty();
        await seeder.connect(operator.participant, [seeder.newPerson()]);
        if (onDuty % 100 === 0) options.progress.update(`P2: routing, operators on duty ${fmt.int(onDuty)} of ${fmt.int(count)}`);
      }
    } finally {
      await bench.close();
    }
  }
  const measured = await roundRobin(dirs, options.rounds, async (bench, index, round) => {
    const asks: StepCost[] = [];
    const seeder = new Seeder();
    for (let i = -1; i < options.routingSamples; i += 1) {
      const user = ['UBOB', 'UDANA', 'UEVE'][(i + 3) % 3]!;
      options.progress.update(`P2: routing with ${fmt.int(options.operatorCounts[index]!)} operators on duty, round ${round + 1} of ${options.rounds}`);
      const ask = await measureSend(bench, user, 'operator');
      expectHeard(bench, user, 'talking to Alice Operator');
      await measureSend(bench, user, 'stop');
      const alice = await seeder.operator(slackParticipant('UALICE'));
      if (alice.assignments.length !== 0) throw new Error('Alice is still busy after the user left.');
      if (i >= 0) asks.push(ask);
    }
    return asks;
  });
  return options.operatorCounts.map((operators, index) => ({ operators, ask: figuresOf(measured[index]!.flat()) }));
}

function expectHeard(bench: BenchPlatform, userId: string, expected: string): void {
  const last = bench.slack.conversation(userId).filter((m) => m.botId !== undefined).at(-1)?.text ?? '';
  if (!last.includes(expected)) throw new Error(`${userId} last heard “${last}”, not “${expected}”.`);
}

type FigureKey = (typeof P1_FIGURE_KEYS)[number] | 'cpuMicros' | 'appCpuMicros';
const CPU_KEYS = ['cpuMicros', 'appCpuMicros'] as const;
const LABEL: Record<FigureKey, string> = {
  kvsReads: 'reads',
  kvsReadBytes: 'read bytes',
  kvsWrites: 'writes',
  kvsWriteBytes: 'write bytes',
  queuePushes: 'queue',
  chatCalls: 'Slack calls',
  jiraCalls: 'Jira',
  cpuMicros: 'CPU',
  appCpuMicros: 'CPU without the KVS stand-in',
};

/** Largest over smallest of each figure across the sizes (1 when all are 0). */
export function ratios(list: readonly MessageFigures[]): Record<FigureKey, number> {
  const out = {} as Record<FigureKey, number>;
  for (const key of [...P1_FIGURE_KEYS, ...CPU_KEYS]) {
    const values = list.map((f) => f[key]);
    const max = Math.max(...values);
    const min = Math.min(...values);
    out[key] = max === 0 ? 1 : min === 0 ? Number.POSITIVE_INFINITY : max / min;
  }
  return out;
}

function scalingRow(what: string, sizes: readonly number[], list: readonly MessageFigures[]): Row {
  const r = ratios(list);
  const value = (f: MessageFigures, key: FigureKey) =>
    key === 'cpuMicros' || key === 'appCpuMicros' ? fmt.ms(f[key] / 1000) : key.endsWith('Bytes') ? fmt.bytes(f[key]) : String(Math.round(f[key] * 100) / 100);
  const same = (key: FigureKey) => list.every((f) => f[key] === list[0]![key]);
  const constant = P1_FIGURE_KEYS.filter((k) => same(k));
  const varying = [...P1_FIGURE_KEYS, ...CPU_KEYS].filter((k) => !constant.includes(k as never));
  const parts = varying.map((k) => `${LABEL[k]} ${list.map((f) => value(f, k)).join(' → ')} (${fmt.ratio(r[k])})`);
  if (constant.length > 0) parts.push(`${constant.length === P1_FIGURE_KEYS.length ? 'all P1 figures' : constant.map((k) => LABEL[k]).join(', ')} the same at every size`);
  // The gross CPU includes the local SQLite stand-in for KVS, whose cost grows with the database: shown, not judged.
  const over = (Object.entries(r) as Array<[FigureKey, number]>).filter(([k, v]) => k !== 'cpuMicros' && v > 1.2);
  return {
    figure: 'P2',
    what: `${what} at ${sizes.map((s) => fmt.int(s)).join(' → ')}`,
    measured: parts.join(' · '),
    target: 'largest / smallest ≤ 1.2 for every figure',
    verdict: over.length === 0 ? 'met' : 'missed',
    note: over.length === 0 ? undefined : over.map(([k, v]) => `${LABEL[k]} ${fmt.ratio(v)}`).join(', '),
  };
}

export function p2Rows(r: P2Result): Row[] {
  const sizes = r.conversations.map((c) => c.size);
  return [
    scalingRow('relay user → operator, conversations open', sizes, r.conversations.map((c) => c.userToOperator)),
    scalingRow('relay operator → user, conversations open', sizes, r.conversations.map((c) => c.operatorToUser)),
    scalingRow(
      'asking for an operator, operators on duty',
      r.routing.map((x) => x.operators),
      r.routing.map((x) => x.ask),
    ),
    overviewRow(r.conversations),
  ];
}

function overviewRow(list: readonly SizeFigures[]): Row {
  const of = (pick: (o: SizeFigures['overview']) => string) => list.map((c) => pick(c.overview)).join(' → ');
  return {
    figure: 'P2 (info)',
    what: `backoffice Overview (activity/get) at ${list.map((c) => fmt.int(c.size)).join(' → ')}`,
    measured: `reads ${of((o) => fmt.int(o.kvsReads))} · read bytes ${of((o) => fmt.bytes(o.kvsReadBytes))} · CPU ${of((o) => fmt.ms(o.cpuMicros / 1000))}`,
    target: '',
    verdict: 'info',
  };
}
