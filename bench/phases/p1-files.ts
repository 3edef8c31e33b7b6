import { setUpDesk, startBenchPlatform, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import type { Progress, Row } from '../lib/report';

/**
 * P1 (files): what relaying a file costs (issue 18, behaviour 5), Bob → Alice on Slack, for files of 1 MB and 5 MB.
 * The web trigger relays the words and queues the file; the queue consumer downloads it from Slack's file host and
 * uploads it to Alice's DM (files.getUploadURLExternal, the bytes, files.completeUploadExternal). Figures: the web
 * trigger's (to compare with a plain relay) and the consumer's, its wall time per MB, and bytes through the function.
 */
export interface FileRelayFigures {
  readonly megabytes: number;
  readonly trigger: { readonly kvsReads: number; readonly kvsWrites: number; readonly queuePushes: number; readonly durationMs: number };
  readonly job: { readonly kvsReads: number; readonly kvsWrites: number; readonly slackCalls: number; readonly durationMs: number; readonly cpuMs: number };
  /** Bytes the function moved: downloaded plus uploaded. */
  readonly bytesMoved: number;
}

export interface P1FilesResult {
  readonly files: readonly FileRelayFigures[];
}

export async function runP1Files(options: { readonly sizesMb: readonly number[]; readonly progress: Progress }): Promise<P1FilesResult> {
  const bench = await startBenchPlatform();
  try {
    options.progress.update('P1 files: setting up the desk');
    await setUpDesk(bench, { operators: ['UALICE'] });
    await bench.slack.sendAs('UALICE', '#on');
    await bench.slack.sendAs('UBOB', 'operator');
    await bench.settle();
    // A warm-up file, so module loading and the first TLS-free connection do not count.
    await relayFile(bench, 0.05);
    const files: FileRelayFigures[] = [];
    for (const mb of options.sizesMb) {
      options.progress.update(`P1 files: relaying a ${mb} MB file`);
      files.push(await relayFile(bench, mb));
    }
    return { files };
  } finally {
    await bench.close();
  }
}

async function relayFile(bench: BenchPlatform, megabytes: number): Promise<FileRelayFigures> {
  const bytes = Buffer.alloc(Math.round(megabytes * 1024 * 1024), 7);
  const i0 = bench.invocations.length;
  const a0 = bench.slack.apiCalls.length;
  const sent = await bench.slack.sendAs('UBOB', 'the log', [{ name: `log-${megabytes}.txt`, mimetype: 'text/plain', bytes }]);
  if (sent.status !== 200) throw new Error(`The web trigger answered HTTP ${sent.status}.`);
  await bench.settle();
  const arrived = bench.slack.conversation('UALICE').at(-1)?.files?.[0];
  if (arrived?.['size'] !== bytes.length) throw new Error(`A ${megabytes} MB file did not arrive whole in Alice's DM.`);
  const invocations = bench.invocations.slice(i0);
  const trigger = invocations.find((inv) => inv.functionKey === 'slack-webtrigger' && inv.counters.queuePushes > 0);
  const job = invocations.filter((inv) => inv.functionKey === 'chat-consumer');
  if (!trigger || job.length === 0) throw new Error('The file was not handed from the web trigger to a queued job.');
  const sum = (list: readonly RecordedInvocation[], f: (inv: RecordedInvocation) => number) => list.reduce((n, inv) => n + f(inv), 0);
  return {
    megabytes,
    trigger: { kvsReads: trigger.counters.kvsReads, kvsWrites: trigger.counters.kvsWrites, queuePushes: trigger.counters.queuePushes, durationMs: trigger.durationMs },
    job: {
      kvsReads: sum(job, (i) => i.counters.kvsReads),
      kvsWrites: sum(job, (i) => i.counters.kvsWrites),
      slackCalls: bench.slack.apiCalls.slice(a0).filter((c) => c.method.startsWith('files.') || c.method === 'conversations.open').length,
      durationMs: sum(job, (i) => i.durationMs),
      cpuMs: sum(job, (i) => i.cpuMicros) / 1000,
    },
    bytesMoved: 2 * bytes.length,
  };
}

export function p1FilesRows(r: P1FilesResult): Row[] {
  return r.files.map((f) => ({
    figure: 'P1 (files)',
    what: `relay of a ${f.megabytes} MB file user → operator (trigger + queued job)`,
    measured:
      `trigger: reads ${f.trigger.kvsReads} · writes ${f.trigger.kvsWrites} · queue ${f.trigger.queuePushes} · ${f.trigger.durationMs.toFixed(1)} ms; ` +
      `job: reads ${f.job.kvsReads} · writes ${f.job.kvsWrites} · Slack calls ${f.job.slackCalls} + download + upload · ${f.job.durationMs.toFixed(0)} ms ` +
      `(${(f.job.durationMs / f.megabytes).toFixed(0)} ms/MB, ${Number.isFinite(f.job.cpuMs) ? `CPU ${(f.job.cpuMs / f.megabytes).toFixed(0)} ms/MB` : 'CPU not metered: Slack’s file events ran beside it'}) · ${(f.bytesMoved / f.megabytes / 1024 / 1024).toFixed(0)} MB moved per MB relayed`,
    target: 'plain relay unchanged; job within the consumer’s 120 s',
    verdict: f.job.durationMs < 120_000 ? 'met' : 'missed',
  }));
}
