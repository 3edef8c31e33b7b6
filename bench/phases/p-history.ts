import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyEntryOf, DAY_SECONDS, type HistoryEntry } from '../../src/domain/history';
import type { CoreDeps } from '../../src/app/ports';
import { newConversationId } from '../../src/app/transcript/transcript-ids';
import { currentInvocation, emptyCounters, type InvocationCounters } from '../../packages/forge-local/src/invocation-counters';
import { measureSend, setUpDesk, startBenchPlatform, type BenchPlatform } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';
import { generatedPerson, seedingDeps } from '../lib/seed';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';

/**
 * HISTORY (issue 20, part 3): what conversation history adds to an ending, and what the History tab reads.
 *
 * - **ending**: Alice ends a conversation with Bob through the Slack web trigger (`stop`): the whole handling's
 *   reads and writes, and, measured on its own, the history record's transaction (the record and its two people).
 * - **History pages** at N conversations that ended over the last 90 days (generated: 5,000 users, 200
 *   operators, Slack and Teams, a ticket on every tenth), each through the real resolver (`history/*`): the
 *   newest page, one user's, one operator's, a channel's, a ticket key, the user picker, and opening one.
 */
export interface HistorySize {
  readonly conversations: number;
  readonly seedSeconds: number;
  readonly pages: Readonly<Record<PageKind, PageFigures & { readonly data?: unknown }>>;
}

type PageKind = 'newest' | 'user' | 'operator' | 'channel' | 'ticket' | 'people' | 'open';

interface PageFigures {
  readonly kvsReads: number;
  readonly kvsReadBytes: number;
  readonly durationMs: number;
  readonly results: number;
}

export interface HistoryResult {
  readonly ending: { readonly reads: number; readonly writes: number; readonly writeBytes: number; readonly history: InvocationCounters };
  readonly sizes: readonly HistorySize[];
}

const DAY_MS = DAY_SECONDS * 1000;
const USERS = 5_000;
const OPERATORS = 200;

export async function runHistory(options: { readonly sizes: readonly number[]; readonly progress: Progress }): Promise<HistoryResult> {
  const ending = await endingCost(options.progress);
  const sizes: HistorySize[] = [];
  for (const size of options.sizes) sizes.push(await oneSize(size, options.progress));
  return { ending, sizes };
}

async function endingCost(progress: Progress): Promise<HistoryResult['ending']> {
  const bench = await startBenchPlatform({ dataDir: ':memory:' });
  try {
    progress.update('HISTORY: Alice ends a conversation with Bob');
    await setUpDesk(bench, { operators: ['UALICE'] });
    await measureSend(bench, 'UALICE', '#on');
    await measureSend(bench, 'UBOB', 'operator');
    await measureSend(bench, 'UBOB', 'My printer jams');
    const stop = await measureSend(bench, 'UALICE', 'stop');
    const deps = seedingDeps();
    const found = await deps.history?.find({ projectId: LOCAL_PROJECT.id, limit: 20 });
    if (found?.items.length !== 1) throw new Error(`Ending one conversation left ${found?.items.length ?? 0} history records, not 1.`);
    const history = await counted(() => deps.history!.record(found.items[0]!, 90 * DAY_SECONDS));
    const { counters } = stop.handling;
    return { reads: counters.kvsReads, writes: counters.kvsWrites, writeBytes: counters.kvsWriteBytes, history };
  } finally {
    await bench.close();
  }
}

async function oneSize(conversations: number, progress: Progress): Promise<HistorySize> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-history-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    await setUpDesk(bench, { operators: ['UALICE'] });
    const t0 = performance.now();
    await seed(seedingDeps(), conversations, progress);
    const seedSeconds = (performance.now() - t0) / 1000;
    progress.update(`HISTORY: reading pages at ${fmt.int(conversations)} conversations`);
    const user = generatedPerson(1).participant;
    const operator = generatedPerson(USERS + 1).participant;
    const page = (payload: Record<string, unknown>) => measured(bench, 'history/search', payload, 'conversations');
    const newest = await page({});
    const newestId = (newest.data as Array<{ conversationId: string }>)[0]?.conversationId;
    if (!newestId) throw new Error('The newest page had no conversation to open.');
    const pages = {
      newest,
      user: await page({ person: { role: 'user', ...user } }),
      operator: await page({ person: { role: 'operator', ...operator } }),
      channel: await page({ channel: 'teams' }),
      ticket: await page({ ticketKey: 'SUP-10' }),
      people: await measured(bench, 'history/people', { role: 'user' }, 'people'),
      open: await measured(bench, 'history/get', { conversationId: newestId }, 'transcript'),
    };
    return { conversations, seedSeconds, pages };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One resolver call, as the page makes it: the settings-resolver invocation's reads and time. */
async function measured(bench: BenchPlatform, key: string, payload: Record<string, unknown>, field: string): Promise<PageFigures & { readonly data: unknown }> {
  const i0 = bench.invocations.length;
  const answer = await bench.admin(key, payload);
  if (!answer.ok) throw new Error(`${key} failed: ${answer.error?.code ?? ''} ${answer.error?.message ?? ''}`);
  const inv = bench.invocations.slice(i0).find((i) => i.functionKey === 'settings-resolver');
  if (!inv) throw new Error(`${key} left no resolver invocation.`);
  const data = answer.data?.[field];
  return { data, kvsReads: inv.counters.kvsReads, kvsReadBytes: inv.counters.kvsReadBytes, durationMs: inv.durationMs, results: Array.isArray(data) ? data.length : 1 };
}

/** What `work` costs in KVS, counted as the platform counts an invocation's calls. */
async function counted(work: () => Promise<unknown>): Promise<InvocationCounters> {
  const counters = emptyCounters();
  await currentInvocation.run({ id: 'bench-history', functionKey: 'bench', counters }, work);
  return counters;
}

/** N conversations that ended over the last 90 days, written as the app writes them (ConversationHistory.record). */
async function seed(deps: CoreDeps, conversations: number, progress: Progress): Promise<void> {
  const now = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 1; i <= conversations; i += 1) {
    const user = generatedPerson(((i - 1) % USERS) + 1);
    const teams = i % 4 === 0;
    const participant = teams ? { channel: 'teams' as const, tenantId: '00000000-0000-0000-0000-0000000000b1', userId: `29:gen${i % USERS}` } : user.participant;
    const operator = generatedPerson(USERS + 1 + (i % OPERATORS));
    const endedAt = now - Math.floor(((conversations - i) / conversations) * 89 * DAY_MS);
    const entry: HistoryEntry = historyEntryOf(
      {
        id: newConversationId(participant, `EvHIST${i}`),
        projectId: LOCAL_PROJECT.id,
        user: participant,
        userName: user.name,
        requestedAt: endedAt - 600_000,
        state: { kind: 'with-operator', operator: operator.participant, operatorName: operator.name, since: endedAt - 540_000 },
        ...(i % 10 === 0 ? { ticket: { key: `SUP-${i}`, url: `https://example.atlassian.net/browse/SUP-${i}`, coveredThrough: { at: 0, id: '' } } } : {}),
      },
      i % 3 === 0 ? 'user-left' : 'operator-ended',
      endedAt,
    );
    inFlight.push(deps.history!.record(entry, 90 * DAY_SECONDS));
    if (inFlight.length >= 50) await Promise.all(inFlight.splice(0));
    if (i % 5_000 === 0) progress.update(`HISTORY: ${fmt.int(i)} of ${fmt.int(conversations)} past conversations written`);
  }
  await Promise.all(inFlight);
}

export function historyRows(result: HistoryResult): Row[] {
  const { ending } = result;
  const rows: Row[] = [
    {
      figure: 'HISTORY',
      what: 'an operator ends a conversation (stop), whole handling; of it, the history record',
      measured: `${ending.reads} reads, ${ending.writes} writes (${fmt.bytes(ending.writeBytes)}); history: ${ending.history.kvsReads} reads, ${ending.history.kvsWrites} write (one transaction: the record + its user + its operator, ${fmt.bytes(ending.history.kvsWriteBytes)})`,
      target: '≤ 1 write added, no read; relay unchanged (P1)',
      verdict: ending.history.kvsWrites <= 1 && ending.history.kvsReads === 0 ? 'met' : 'missed',
    },
  ];
  const names: Record<PageKind, string> = {
    newest: 'newest page',
    user: "one user's",
    operator: "one operator's",
    channel: 'Teams only (filter on the page)',
    ticket: 'a ticket key',
    people: 'user picker (50)',
    open: 'open one (record, transcript, rating)',
  };
  for (const kind of Object.keys(names) as PageKind[]) {
    const list = result.sizes;
    const all = list.map((s) => s.pages[kind]);
    rows.push({
      figure: 'HISTORY',
      what: `History tab: ${names[kind]} at ${list.map((s) => fmt.int(s.conversations)).join(' → ')} conversations (90 days)`,
      measured: `reads ${all.map((p) => fmt.int(p.kvsReads)).join(' → ')} · ${all.map((p) => fmt.ms(p.durationMs)).join(' → ')} · results ${all.map((p) => fmt.int(p.results)).join(' → ')}`,
      target: '≤ 10 reads, ≤ 200 ms at any size',
      verdict: all.every((p) => p.kvsReads <= 10 && p.durationMs <= 200) ? 'met' : 'missed',
    });
  }
  return rows;
}
