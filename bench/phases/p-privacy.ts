import { historyEntryOf, DAY_SECONDS } from '../../src/domain/history';
import { newConversationId } from '../../src/app/transcript/transcript-ids';
import type { TranscriptLine } from '../../src/domain/transcript';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';
import { setUpDesk, startBenchPlatform, type BenchPlatform } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { generatedPerson, seedingDeps } from '../lib/seed';

/**
 * PRIVACY (issue 23): export and erasure of one person read a bounded amount per invocation, whatever they wrote.
 * A user (`UGEN1`) has one past conversation with an operator (`UGEN2`) holding N transcript lines, half each; the
 * admin exports the user through the real resolver, page by page as the Privacy tab does, then erases them: the
 * resolver queues the first step and each queued step (chat-consumer) queues the next. Counted per invocation.
 */
export interface PrivacySize {
  readonly lines: number;
  readonly export: Phase;
  readonly erase: Phase;
  /** Rows left that name the user after the erasure (the audit log's note of it aside): 0. */
  readonly leftAfter: number;
}

interface Phase {
  readonly invocations: number;
  readonly maxReads: number;
  readonly maxWrites: number;
  readonly totalReads: number;
  readonly maxMs: number;
}

export interface PrivacyResult {
  readonly sizes: readonly PrivacySize[];
}

const USER = generatedPerson(1);
const OPERATOR = generatedPerson(2);

export async function runPrivacy(options: { readonly sizes: readonly number[]; readonly progress: Progress }): Promise<PrivacyResult> {
  const sizes: PrivacySize[] = [];
  for (const lines of options.sizes) sizes.push(await oneSize(lines, options.progress));
  return { sizes };
}

async function oneSize(lines: number, progress: Progress): Promise<PrivacySize> {
  const bench = await startBenchPlatform({ dataDir: ':memory:' });
  try {
    await setUpDesk(bench, { operators: [] });
    progress.update(`PRIVACY: writing a conversation of ${fmt.int(lines)} lines`);
    await seed(lines);
    const person = { ...USER.participant };

    progress.update(`PRIVACY: exporting ${fmt.int(lines)} lines`);
    let i0 = bench.invocations.length;
    let cursor: string | undefined;
    let exported = 0;
    do {
      const answer = await bench.admin('privacy/export', { ...person, ...(cursor ? { cursor } : {}) });
      if (!answer.ok) throw new Error(`privacy/export failed: ${answer.error?.message ?? ''}`);
      exported += (answer.data?.['lines'] as unknown[]).length;
      cursor = answer.data?.['cursor'] as string | undefined;
    } while (cursor);
    if (exported !== lines) throw new Error(`The export gave ${exported} lines of ${lines}.`);
    const exportPhase = phaseOf(bench, i0, 'settings-resolver');

    progress.update(`PRIVACY: erasing ${fmt.int(lines)} lines`);
    i0 = bench.invocations.length;
    const started = await bench.admin('privacy/erase', person);
    if (!started.ok) throw new Error(`privacy/erase failed: ${started.error?.message ?? ''}`);
    await bench.settle();
    const erasePhase = phaseOf(bench, i0, 'chat-consumer');
    const leftAfter = (bench.platform.kvsDb.prepare("SELECT value FROM kvs_items WHERE (key LIKE '%UGEN1%' OR value LIKE '%UGEN1\"%') AND ns != 'entity:audit'").all()).length;
    return { lines, export: exportPhase, erase: erasePhase, leftAfter };
  } finally {
    await bench.close();
  }
}

function phaseOf(bench: BenchPlatform, from: number, functionKey: string): Phase {
  const list = bench.invocations.slice(from).filter((i) => i.functionKey === functionKey);
  return {
    invocations: list.length,
    maxReads: Math.max(...list.map((i) => i.counters.kvsReads)),
    maxWrites: Math.max(...list.map((i) => i.counters.kvsWrites)),
    totalReads: list.reduce((sum, i) => sum + i.counters.kvsReads, 0),
    maxMs: Math.max(...list.map((i) => i.durationMs)),
  };
}

/** One past conversation of the user with N lines (half theirs, half the operator's), as the app writes them. */
async function seed(lines: number): Promise<void> {
  const deps = seedingDeps();
  const endedAt = Date.now();
  const id = newConversationId(USER.participant, 'EvPRIVACY');
  const keep = { expiresInSeconds: 90 * DAY_SECONDS };
  const batch: Promise<unknown>[] = [];
  for (let i = 0; i < lines; i += 1) {
    const user = i % 2 === 0;
    const line: TranscriptLine = {
      id: `EvLINE${i}`,
      at: endedAt - (lines - i) * 1000,
      role: user ? 'user' : 'operator',
      speakerName: user ? USER.name : OPERATOR.name,
      speaker: user ? USER.participant : OPERATOR.participant,
      text: user ? `My account number is ${100_000 + i}` : 'Noted, checking',
    };
    batch.push(deps.transcripts.append(id, line, keep));
    if (batch.length >= 50) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  const entry = historyEntryOf(
    {
      id,
      projectId: LOCAL_PROJECT.id,
      user: USER.participant,
      userName: USER.name,
      requestedAt: endedAt - (lines + 60) * 1000,
      state: { kind: 'with-operator', operator: OPERATOR.participant, operatorName: OPERATOR.name, since: endedAt - lines * 1000 },
    },
    'operator-ended',
    endedAt,
  );
  await deps.history!.record(entry, 90 * DAY_SECONDS);
}

export function privacyRows(result: PrivacyResult): Row[] {
  const list = result.sizes;
  const sizes = list.map((s) => fmt.int(s.lines)).join(' → ');
  const row = (what: string, pick: (s: PrivacySize) => Phase, target: string, limit: number): Row => ({
    figure: 'PRIVACY',
    what: `${what} a person with ${sizes} transcript lines`,
    measured: `invocations ${list.map((s) => fmt.int(pick(s).invocations)).join(' → ')} · reads per invocation ≤ ${list.map((s) => pick(s).maxReads).join(' → ')} (total ${list.map((s) => fmt.int(pick(s).totalReads)).join(' → ')}) · slowest ${list.map((s) => fmt.ms(pick(s).maxMs)).join(' → ')}`,
    target,
    verdict: list.every((s) => pick(s).maxReads <= limit && s.leftAfter === 0) ? 'met' : 'missed',
  });
  return [
    // 10 pages a step, the projects of the last page's conversations (≤ 4 batches), the erasure's progress.
    row('export (privacy/export, page by page) of', (s) => s.export, '≤ 15 reads per call at any size', 15),
    row('erase (queued steps) of', (s) => s.erase, `≤ 15 reads per step at any size; nothing of theirs left (left: ${list.map((s) => s.leftAfter).join(' → ')})`, 15),
  ];
}
