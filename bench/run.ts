import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Progress, renderTable, type Row } from './lib/report';
import { p1Rows, runP1, type P1Result } from './phases/p1';
import { p1FilesRows, runP1Files } from './phases/p1-files';
import { p2Rows, runP2, type P2Result } from './phases/p2';
import { overviewRows, runOverview, type OverviewResult } from './phases/p2-overview';
import { p3Rows, runP3, type P3Result } from './phases/p3';
import { p4Rows, runP4, type P4Result } from './phases/p4';
import { p5Rows, runP5, type P5Result } from './phases/p5';
import { p6Rows, runP6, type P6Result } from './phases/p6';
import { idleRows, runIdleSweep, type IdleResult } from './phases/p6-idle';
import { offerRows, runOffers, type OffersResult } from './phases/p6-offers';
import { auditRowsOf, runAudit, type AuditResult } from './phases/p7-audit';
import { followUpRows, runFollowUp, type FollowUpResult } from './phases/p8-followup';
import { figuresRows, runFigures, type FiguresResult } from './phases/p7-figures';
import { historyRows, runHistory, type HistoryResult } from './phases/p-history';
import { editsRows, runEdits, type EditsResult } from './phases/p9-edits';
import { privacyRows, runPrivacy, type PrivacyResult } from './phases/p-privacy';

/**
 * `npm run bench [-- --quick | --full] [--only=P1,P3] [--slack-ms=150] [--kvs-ms=20]`
 *
 * What a relayed message costs and how that cost grows (issue 9): starts the
 * local platform on fresh data directories, sets up operators and
 * conversations, relays messages through the Slack web trigger, and prints one
 * table; the same, with every raw figure, goes to .artifacts/bench/<time>.json
 * and .artifacts/bench/latest.json. It measures; it never fails on a number
 * (it fails only when the app does not do what it should, e.g. a relay is lost).
 */
interface Mode {
  readonly name: 'quick' | 'full';
  readonly p1: { samples: number; warmup: number };
  readonly p2: { sizes: number[]; operatorCounts: number[]; rounds: number; samples: number; routingSamples: number };
  readonly p3: { messages: number; warmup: number; concurrency: number[]; rounds: number; breakdownMessages: number };
  /** Open conversations for the timeout sweep, and how many due runs at most per size. */
  readonly p6: { sizes: number[]; maxDueRuns: number };
  /** Operators on duty for the idle auto-away part of P6. */
  readonly idle: { operatorCounts: number[] };
  /** Conversations on the site for the backoffice Overview part of P2. */
  readonly overview: { sizes: number[] };
  /** Operators on duty and users waiting for the operator offers part of P6. */
  readonly offers: { sizes: Array<{ operators: number; queued: number }> };
  /** Entries in the project's audit log when its pages are read. */
  readonly audit: { sizes: number[] };
  /** Service figures: conversations over 90 days (written as daily records) and the operators they are spread over. */
  readonly figures: { conversations: number; operators: number };
  /** Conversations in the history (ended over 90 days) for the History tab's pages. */
  readonly history: { sizes: number[] };
  /** Transcript lines of the person a privacy export and erasure go through. */
  readonly privacy: { sizes: number[] };
}

const MODES: Record<Mode['name'], Mode> = {
  quick: {
    name: 'quick',
    p1: { samples: 10, warmup: 3 },
    p2: { sizes: [10, 1_000], operatorCounts: [10, 1_000], rounds: 3, samples: 6, routingSamples: 3 },
    p3: { messages: 400, warmup: 100, concurrency: [8, 32], rounds: 3, breakdownMessages: 100 },
    p6: { sizes: [10, 1_000], maxDueRuns: 3 },
    idle: { operatorCounts: [10, 1_000] },
    overview: { sizes: [10, 10_000] },
    offers: { sizes: [{ operators: 10, queued: 100 }, { operators: 1_000, queued: 1_000 }] },
    audit: { sizes: [100, 1_000] },
    figures: { conversations: 100_000, operators: 50 },
    history: { sizes: [10, 10_000] },
    privacy: { sizes: [10, 10_000] },
  },
  full: {
    name: 'full',
    p1: { samples: 20, warmup: 3 },
    p2: { sizes: [10, 1_000, 100_000], operatorCounts: [10, 1_000], rounds: 4, samples: 8, routingSamples: 3 },
    p3: { messages: 2_000, warmup: 500, concurrency: [8, 32], rounds: 3, breakdownMessages: 400 },
    p6: { sizes: [10, 10_000, 100_000], maxDueRuns: 12 },
    idle: { operatorCounts: [10, 1_000] },
    overview: { sizes: [10, 100_000] },
    offers: { sizes: [{ operators: 10, queued: 100 }, { operators: 1_000, queued: 10_000 }] },
    audit: { sizes: [100, 10_000] },
    figures: { conversations: 100_000, operators: 50 },
    history: { sizes: [10, 10_000, 100_000] },
    privacy: { sizes: [10, 10_000] },
  },
};

const ROOT = path.resolve(__dirname, '..');
const PHASES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'AUDIT', 'HISTORY', 'PRIVACY', 'P8', 'EDITS'] as const;

function parseArgs(argv: readonly string[]) {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const number = (name: string, fallback: number) => {
    const raw = flag(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of milliseconds`);
    return value;
  };
  const unknown = argv.filter((a) => !['--quick', '--full'].includes(a) && !/^--(only|slack-ms|kvs-ms|sweep-sizes)=/.test(a));
  if (unknown.length > 0) {
    throw new Error(`Unknown option ${unknown.join(' ')}. Use --quick, --full, --only=P1,P3, --slack-ms=N, --kvs-ms=N, --sweep-sizes=10,10000.`);
  }
  const sweepSizes = flag('sweep-sizes')
    ?.split(',')
    .map((n) => Number(n.replace(/_/g, '')));
  if (sweepSizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sweep-sizes takes whole numbers of conversations, e.g. 10,10000');
  const mode = MODES[argv.includes('--quick') ? 'quick' : 'full'];
  const only = flag('only')
    ?.split(',')
    .map((p) => p.trim().toUpperCase());
  return {
    mode: sweepSizes ? { ...mode, p6: { ...mode.p6, sizes: sweepSizes } } : mode,
    phases: PHASES.filter((p) => !only || only.includes(p)),
    slackMs: number('slack-ms', 150),
    kvsMs: number('kvs-ms', 20),
  };
}

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return { nproc: os.availableParallelism(), cpu: model.trim(), node: process.version, os: `${os.type()} ${os.release()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const progress = new Progress();
  if (args.mode.name === 'full' && args.phases.includes('P2')) {
    process.stderr.write('Full run: P2 opens 100,000 conversations through the local KVS, about a minute on 2 cores; --quick takes seconds.\n');
  }
  const started = Date.now();
  const rows: Row[] = [];
  const results: { p1?: P1Result; p2?: P2Result; p3?: P3Result; p4?: P4Result; p5?: P5Result; p6?: P6Result; idle?: IdleResult; offers?: OffersResult; overview?: OverviewResult; audit?: AuditResult; figures?: FiguresResult; history?: HistoryResult; followUp?: FollowUpResult; edits?: EditsResult; privacy?: PrivacyResult } = {};
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(ROOT, '.artifacts', 'bench');
  const loadBefore = os.loadavg()[0]!;
  const seconds: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      seconds[phase] = Math.round((performance.now() - t0) / 100) / 10;
    }
  };

  try {
    if (args.phases.includes('P1') || args.phases.includes('P5')) {
      results.p1 = await timed('P1', () => runP1({ ...args.mode.p1, progress }));
      if (args.phases.includes('P1')) rows.push(...p1Rows(results.p1));
      if (args.phases.includes('P1')) rows.push(...p1FilesRows(await timed('P1 files', () => runP1Files({ sizesMb: [1, 5], progress }))));
    }
    if (args.phases.includes('P2')) {
      results.p2 = await timed('P2', () => runP2({ ...args.mode.p2, progress }));
      rows.push(...p2Rows(results.p2));
      results.overview = await timed('P2 Overview', () => runOverview({ ...args.mode.overview, progress }));
      rows.push(...overviewRows(results.overview));
    }
    if (args.phases.includes('P3')) {
      results.p3 = await timed('P3', () => runP3({ ...args.mode.p3, progress }));
      rows.push(...p3Rows(results.p3));
    }
    if (args.phases.includes('P4')) {
      results.p4 = await timed('P4', () => runP4({ outDir: path.join(outDir, 'bundle'), progress }));
      rows.push(...p4Rows(results.p4));
    }
    if (args.phases.includes('P5') && results.p1) {
      results.p5 = runP5(results.p1, { slackMs: args.slackMs, kvsMs: args.kvsMs, bytesPerGb: 1e9 });
      rows.push(...p5Rows(results.p5, results.p1));
    }
    if (args.phases.includes('P6')) {
      results.p6 = await timed('P6', () => runP6({ ...args.mode.p6, kvsMs: args.kvsMs, slackMs: args.slackMs, progress }));
      rows.push(...p6Rows(results.p6));
      results.idle = await timed('P6 idle', () => runIdleSweep({ ...args.mode.idle, progress }));
      rows.push(...idleRows(results.idle));
      results.offers = await timed('P6 offers', () => runOffers({ ...args.mode.offers, progress }));
      rows.push(...offerRows(results.offers));
    }
    if (args.phases.includes('P7')) {
      results.figures = await timed('P7', () => runFigures({ ...args.mode.figures, progress }));
      rows.push(...figuresRows(results.figures));
    }
    if (args.phases.includes('AUDIT')) {
      results.audit = await timed('AUDIT', () => runAudit({ ...args.mode.audit, progress }));
      rows.push(...auditRowsOf(results.audit));
    }
    if (args.phases.includes('HISTORY')) {
      results.history = await timed('HISTORY', () => runHistory({ ...args.mode.history, progress }));
      rows.push(...historyRows(results.history));
    }
    if (args.phases.includes('PRIVACY')) {
      results.privacy = await timed('PRIVACY', () => runPrivacy({ ...args.mode.privacy, progress }));
      rows.push(...privacyRows(results.privacy));
    }
    if (args.phases.includes('P8')) {
      results.followUp = await timed('P8', () => runFollowUp({ progress }));
      rows.push(...followUpRows(results.followUp));
    }
    if (args.phases.includes('EDITS')) {
      results.edits = await timed('EDITS', () => runEdits({ progress }));
      rows.push(...editsRows(results.edits));
    }
  } finally {
    progress.done();
  }

  const meta = {
    command: `npm run bench -- --${args.mode.name}${args.phases.length < PHASES.length ? ` --only=${args.phases.join(',')}` : ''}`,
    mode: args.mode,
    date: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    phaseSeconds: seconds,
    machine: machine(),
    /** 1-minute load average before and after: other work on the machine slows every figure but the counts. */
    loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(os.loadavg()[0]! * 100) / 100 },
  };
  const m = meta.machine;
  const title = `Koji Live Agent bench · ${meta.command} · ${meta.date.slice(0, 16).replace('T', ' ')} UTC · ${m.nproc} × ${m.cpu} · node ${m.node} · ${meta.durationSeconds} s · load average ${meta.loadAverage.before} → ${meta.loadAverage.after}`;
  process.stdout.write(`${title}\n\n${renderTable(rows)}\n`);
  if (Math.max(meta.loadAverage.before, meta.loadAverage.after) > m.nproc) {
    process.stdout.write(`\nThe machine was busy with other work (load average above ${m.nproc}): times, rates and CPU are pessimistic; counts and bytes are not affected.\n`);
  }
  if (results.p3) {
    process.stdout.write(
      `\nP3 ran ${results.p3.layout === 'sandbox-people' ? 'on the sandbox as it is (it delivers only to its six people: 30 user → operator and 3 operator → user lanes at most)' : 'with generated sandbox people'}; the sandbox dropped echoes ${results.p3.sandboxEchoWarnings} times (its loop guard: > 30 bot posts per DM in 10 s).\n`,
    );
  }

  mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify({ meta, rows, ...results }, null, 2)}\n`;
  writeFileSync(path.join(outDir, `${stamp}.json`), json);
  writeFileSync(path.join(outDir, 'latest.json'), json);
  process.stdout.write(`\nWritten to ${path.relative(ROOT, path.join(outDir, `${stamp}.json`))} and .artifacts/bench/latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
