import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { startBoltRelay } from '../lib/bolt-relay';
import { checkDelivery, type DeliveryCheck } from '../lib/delivery-check';
import { startBenchPlatform, SLACK_WEB_TRIGGER } from '../lib/harness';
import { openLanes, type LaneLayoutKind } from '../lib/lanes';
import { percentile, type Lane } from '../lib/load';
import { runLoadInWorker } from '../lib/load-in-worker';
import { fmt, type Progress, type Row } from '../lib/report';

/**
 * P3: relayed messages per second over HTTP, signatures checked, at
 * concurrency 8 and 32: Koji's Slack web trigger on the local platform, and a
 * bare Bolt app beside it in the same process, relaying to the same fake Slack.
 * The same signed bodies go to both from a worker thread; concurrency is the
 * number of lanes (one person each, a message sent when their previous one was
 * answered), so order per lane is promised and checked.
 */
/** `slack`: no app at all, the load thread posts the relays to the fake Slack itself: the rig's ceiling. */
export type System = 'koji' | 'bolt' | 'slack';

export interface Throughput {
  readonly system: System;
  readonly concurrency: number;
  readonly messages: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wallMs: number;
  readonly lanes: { readonly userToOperator: number; readonly operatorToUser: number };
  readonly delivery: DeliveryCheck;
  /** Web trigger invocations during the run: Koji's relays, and the echoes the sandbox let through (in every run). */
  readonly invocations: { readonly count: number; readonly relays: number; readonly failed: number };
  readonly errors: readonly string[];
}

export interface P3Result {
  readonly layout: LaneLayoutKind;
  readonly conversations: number;
  readonly runs: Throughput[];
  /** Echo deliveries the sandbox dropped as a suspected loop (more than 30 bot posts in one DM within 10 s). */
  readonly sandboxEchoWarnings: number;
}

export async function runP3(options: { readonly messages: number; readonly warmup: number; readonly concurrency: readonly number[]; readonly progress: Progress }): Promise<P3Result> {
  const bench = await startBenchPlatform();
  try {
    options.progress.update('P3: opening conversations');
    const layout = await openLanes(bench, Math.max(...options.concurrency));
    const apiUrl = bench.platform.slackApiUrl;
    if (!apiUrl) throw new Error('The platform has no Slack sandbox to send slack.com/api to.');
    const bolt = await startBoltRelay({ slackApiUrl: apiUrl, botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret, lanes: layout.lanes });
    const urls: Record<System, string> = { koji: bench.platform.webTriggerUrl('slack-events').replace('//localhost:', '//127.0.0.1:'), bolt: bolt.url, slack: apiUrl };
    const runs: Throughput[] = [];
    try {
      const run = async (system: System, concurrency: number, messages: number, label: string): Promise<Throughput> => {
        const tag = `${system}${concurrency}${label}${Date.now().toString(36)}`;
        const lanes = layout.lanes.slice(0, concurrency);
        const calls0 = bench.slack.apiCalls.length;
        const inv0 = bench.invocations.length;
        options.progress.update(`P3: ${NAMES[system]} at concurrency ${concurrency}, ${fmt.int(messages)} messages${label ? ` (${label})` : ''}`);
        const result = await runLoadInWorker({
          url: urls[system],
          signingSecret: SANDBOX_WORKSPACE.signingSecret,
          lanes,
          messages,
          tag,
          ...(system === 'slack' ? { mode: 'chat.postMessage' as const, token: SANDBOX_WORKSPACE.botToken } : {}),
        });
        await bench.settle();
        const delivery = checkDelivery(tag, lanes, result.sent, bench.slack.apiCalls.slice(calls0));
        const invocations = bench.invocations.slice(inv0).filter((i) => i.functionKey === SLACK_WEB_TRIGGER);
        const relays = invocations.filter((i) => i.counters.kvsWrites > 0);
        const latencies = result.sent.filter((s) => s.status === 200).map((s) => s.latencyMs);
        return {
          system,
          concurrency,
          messages,
          perSecond: (messages / result.wallMs) * 1000,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          wallMs: result.wallMs,
          lanes: countDirections(lanes),
          delivery,
          invocations: { count: invocations.length, relays: relays.length, failed: invocations.filter((i) => i.failed).length },
          errors: result.errors.slice(0, 5),
        };
      };
      // Warm both up (JIT, connection pools, SQLite pages) at the highest concurrency, then measure side by side.
      const top = Math.max(...options.concurrency);
      for (const system of SYSTEMS) {
        const warm = await run(system, top, options.warmup, 'warm-up');
        assertDelivered(warm);
      }
      for (const concurrency of options.concurrency) {
        for (const system of SYSTEMS) runs.push(await run(system, concurrency, options.messages, ''));
      }
    } finally {
      await bolt.stop();
    }
    return {
      layout: layout.kind,
      conversations: layout.conversations,
      runs,
      sandboxEchoWarnings: bench.strayLogLines.filter((l) => l.includes('echoes are dropped')).length,
    };
  } finally {
    await bench.close();
  }
}

const SYSTEMS: readonly System[] = ['koji', 'bolt', 'slack'];
const NAMES: Record<System, string> = { koji: 'Koji', bolt: 'Bolt', slack: 'the fake Slack alone' };

function countDirections(lanes: readonly Lane[]): Throughput['lanes'] {
  return {
    userToOperator: lanes.filter((l) => l.direction === 'user-to-operator').length,
    operatorToUser: lanes.filter((l) => l.direction === 'operator-to-user').length,
  };
}

function assertDelivered(t: Throughput): void {
  const d = t.delivery;
  if (d.losses + d.duplicates + d.misrouted + d.refused > 0 || t.errors.length > 0) {
    throw new Error(`${t.system} warm-up did not deliver cleanly: ${JSON.stringify(d)} ${t.errors.join('; ')}`);
  }
}

export function p3Rows(r: P3Result): Row[] {
  const rows: Row[] = [];
  for (const concurrency of [...new Set(r.runs.map((x) => x.concurrency))]) {
    const koji = r.runs.find((x) => x.system === 'koji' && x.concurrency === concurrency)!;
    const bolt = r.runs.find((x) => x.system === 'bolt' && x.concurrency === concurrency)!;
    const misses: string[] = [];
    if (koji.perSecond < 1000) misses.push(`${fmt.int(koji.perSecond)}/s is ${fmt.int(1000 - koji.perSecond)}/s (${((1 - koji.perSecond / 1000) * 100).toFixed(0)}%) below 1,000/s`);
    if (koji.perSecond < bolt.perSecond) misses.push(`${((koji.perSecond / bolt.perSecond) * 100).toFixed(0)}% of Bolt's rate`);
    const describe = (t: Throughput) =>
      `${fmt.int(t.perSecond)} msg/s · p50 ${fmt.ms(t.p50Ms)} · p99 ${fmt.ms(t.p99Ms)} (${fmt.int(t.messages)} messages, ${t.lanes.userToOperator}+${t.lanes.operatorToUser} lanes)`;
    rows.push({
      figure: 'P3',
      what: `Koji web trigger, concurrency ${concurrency}`,
      measured: describe(koji),
      target: '≥ 1,000 msg/s and ≥ Bolt',
      verdict: misses.length ? 'missed' : 'met',
      note: misses.length ? misses.join('; ') : undefined,
    });
    rows.push({ figure: 'P3', what: `bare Bolt app, concurrency ${concurrency}`, measured: describe(bolt), target: '', verdict: 'info' });
    const slack = r.runs.find((x) => x.system === 'slack' && x.concurrency === concurrency);
    if (slack) {
      rows.push({ figure: 'P3 (info)', what: `no app: relays posted to the fake Slack, conc. ${concurrency}`, measured: describe(slack), target: '', verdict: 'info' });
    }
  }
  const all = r.runs.map((x) => x.delivery);
  const sum = (k: keyof DeliveryCheck) => all.reduce((s, d) => s + d[k], 0);
  const clean = sum('duplicates') + sum('losses') + sum('outOfOrder') + sum('misrouted') + sum('refused') === 0;
  rows.push({
    figure: 'P3',
    what: 'what the fake Slack received (all runs)',
    measured: `${fmt.int(sum('received'))} of ${fmt.int(sum('acknowledged'))} acknowledged · duplicates ${sum('duplicates')} · losses ${sum('losses')} · out of order ${sum('outOfOrder')} · misrouted ${sum('misrouted')} · refused ${sum('refused')}`,
    target: '0 duplicates, 0 losses, in order',
    verdict: clean ? 'met' : 'missed',
    note: clean ? undefined : 'see the JSON',
  });
  return rows;
}
