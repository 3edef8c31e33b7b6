import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { currentInvocation, emptyCounters, type InvocationCounters } from '../../packages/forge-local/src/invocation-counters';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';
import { ENTITY, storageKeys } from '../../src/adapters/forge/kvs-keys';
import { countFigures } from '../../src/app/figures/service-figures';
import { lastDays } from '../../src/app/figures/service-report';
import { loadSettings } from '../../src/app/settings/project-settings';
import { NO_FIGURES, withEvents, type DayFigures, type FigureEvent, type OperatorRef } from '../../src/domain/service-figures';
import { startBenchPlatform } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { generatedPerson, seedingDeps } from '../lib/seed';

/**
 * P7: what the service figures (issue 20) cost.
 *
 * - **Per conversation event**: the KVS reads and writes counting adds to each event, measured as the counting
 *   call the core makes after the event committed (countFigures), inside a counted invocation of the local
 *   platform: ask → connect (one record: asked and served), end, leave the queue, queue timeout, ticket, offer
 *   expired, rating. Events whose code path has no settings at hand read them (one read more).
 * - **Reports at scale**: 90 days of daily records for `conversations` conversations (written directly, a day's
 *   record built from its events by the domain code, not by simulating each conversation), spread over
 *   `operators` operators, with the assistant's deflection records beside them; then `reports/get` for 7, 30 and
 *   90 days through the resolver: its reads, read bytes and time.
 */
export interface FiguresResult {
  readonly events: ReadonlyArray<{ readonly event: string; readonly reads: number; readonly writes: number; readonly writeBytes: number }>;
  readonly conversations: number;
  readonly operators: number;
  readonly recordBytes: number;
  readonly reports: ReadonlyArray<{ readonly days: number; readonly reads: number; readonly readBytes: number; readonly durationMs: number }>;
}

const EVENTS: ReadonlyArray<readonly [name: string, withSettings: boolean, events: (op: OperatorRef) => FigureEvent[]]> = [
  ['ask → connected at once', true, (op) => [{ kind: 'asked' }, { kind: 'served', operator: op, waitMs: 0 }]],
  ['ask → queued', true, () => [{ kind: 'asked' }]],
  ['queued → connected', true, (op) => [{ kind: 'served', operator: op, waitMs: 95_000 }]],
  ['offer accepted (typed or clicked)', true, (op) => [{ kind: 'served', operator: op, waitMs: 30_000 }]],
  ['end of a conversation', true, (op) => [{ kind: 'ended', operator: op, handleMs: 600_000 }]],
  ['leave the queue', false, () => [{ kind: 'abandoned' }]],
  ['queue timeout (sweep)', true, () => [{ kind: 'timed-out' }]],
  ['ticket created', true, (op) => [{ kind: 'ticket', operator: op }]],
  ['offer expired', true, (op) => [{ kind: 'offer-missed', operator: op }]],
  ['rating', false, (op) => [{ kind: 'rated', operator: op, scale: 'five-stars', score: 5 }]],
];

/** Runs `work` as one invocation of the local platform, so its KVS calls are counted as Forge bills them. */
async function counted(work: () => Promise<void>): Promise<InvocationCounters> {
  const counters = emptyCounters();
  await currentInvocation.run({ id: `bench-figures-${Math.random()}`, functionKey: 'bench', counters }, work);
  return counters;
}

export async function runFigures(options: { readonly conversations: number; readonly operators: number; readonly progress: Progress }): Promise<FiguresResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-figures-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    const deps = seedingDeps();
    const projectId = LOCAL_PROJECT.id;
    const settings = await loadSettings(deps, projectId);
    const operators = Array.from({ length: options.operators }, (_, i) => generatedPerson(i + 1)).map((p) => ({ participant: p.participant, name: p.name }));
    const days = lastDays('UTC', Date.now(), 90);
    let recordBytes = 0;
    for (const [index, day] of days.entries()) {
      const record = dayOf(Math.round(options.conversations / days.length), operators, index);
      recordBytes = Math.max(recordBytes, Buffer.byteLength(JSON.stringify(record)));
      await kvs.entity(ENTITY.figures).set(storageKeys.figures(projectId, day), { version: 1, data: record });
      await kvs.entity(ENTITY.deflection).set(storageKeys.deflection(projectId, day), { version: 1, data: { answered: 40, solved: 12, escalated: 9, 'no-match': 11 } });
      if (index % 10 === 9) options.progress.update(`P7: ${index + 1} of 90 days of figures written`);
    }
    // Today already holds a busy day with every operator, so each event pays for a full-size record.
    options.progress.update('P7: counting each kind of event');
    const events = [];
    for (const [event, withSettings, make] of EVENTS) {
      const c = await counted(() => countFigures(deps, projectId, withSettings ? settings : undefined, make(operators[0]!)));
      events.push({ event, reads: c.kvsReads, writes: c.kvsWrites, writeBytes: c.kvsWriteBytes });
    }

    const reports = [];
    for (const period of [7, 30, 90] as const) {
      const i0 = bench.invocations.length;
      const answer = await bench.admin('reports/get', { days: period });
      const inv = bench.invocations.slice(i0).find((i) => i.functionKey === 'settings-resolver');
      if (!answer.ok || !inv) throw new Error(`reports/get for ${period} days failed: ${answer.error?.message ?? 'no invocation'}`);
      const served = (answer.data as { totals?: { asked?: number } } | undefined)?.totals?.asked ?? 0;
      if (period === 90 && Math.abs(served - options.conversations) > days.length) throw new Error(`reports/get counts ${served} conversations asked in 90 days, not ${options.conversations}.`);
      reports.push({ days: period, reads: inv.counters.kvsReads, readBytes: inv.counters.kvsReadBytes, durationMs: inv.durationMs });
    }
    return { events, conversations: options.conversations, operators: options.operators, recordBytes, reports };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One day's record for `count` conversations: 80 % served (spread over the operators), 8 % abandoned, 4 % timed out. */
function dayOf(count: number, operators: readonly OperatorRef[], seed: number): DayFigures {
  const events: FigureEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const op = operators[(i + seed) % operators.length]!;
    events.push({ kind: 'asked' });
    const roll = (i * 37 + seed) % 100;
    if (roll < 80) {
      events.push({ kind: 'served', operator: op, waitMs: (roll % 20) * 9_000 }, { kind: 'ended', operator: op, handleMs: 120_000 + roll * 15_000 });
      if (roll % 5 === 0) events.push({ kind: 'ticket', operator: op });
      if (roll % 3 === 0) events.push({ kind: 'rated', operator: op, scale: 'five-stars', score: roll % 2 === 0 ? 5 : 3 });
    } else if (roll < 88) events.push({ kind: 'abandoned' });
    else if (roll < 92) events.push({ kind: 'timed-out' });
    if (roll === 99) events.push({ kind: 'offer-missed', operator: op });
  }
  return withEvents(NO_FIGURES, events);
}

export function figuresRows(r: FiguresResult): Row[] {
  const perEvent = r.events.map((e) => `${e.event}: ${e.reads} r / ${e.writes} w`).join(' · ');
  const flat = r.events.every((e) => e.writes === 1 && e.reads <= 2);
  const ninety = r.reports.find((x) => x.days === 90)!;
  return [
    {
      figure: 'P7',
      what: `service figures: KVS reads / writes each conversation event adds (the day's one record, with ${r.operators} operators: ${fmt.bytes(Math.max(...r.events.map((e) => e.writeBytes)))} a write)`,
      measured: perEvent,
      target: '≤ 2 reads, 1 write per event; none per relayed message',
      verdict: flat ? 'met' : 'missed',
      note: flat ? undefined : 'an event costs more than one compare-and-set',
    },
    {
      figure: 'P7',
      what: `reports/get for 7 → 30 → 90 days, ${fmt.int(r.conversations)} conversations over 90 days, ${r.operators} operators (largest day record ${fmt.bytes(r.recordBytes)})`,
      measured: `reads ${r.reports.map((x) => x.reads).join(' → ')} · read bytes ${r.reports.map((x) => fmt.bytes(x.readBytes)).join(' → ')} · time ${r.reports.map((x) => fmt.ms(x.durationMs)).join(' → ')}`,
      target: '90 days: ≤ 10 reads, ≤ 200 ms',
      verdict: ninety.reads <= 10 && ninety.durationMs <= 200 ? 'met' : 'missed',
      note: ninety.reads <= 10 ? 'slower than 200 ms' : 'more reads than one batch per 25 records',
    },
  ];
}
