import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { startBoltRelay } from '../lib/bolt-relay';
import { allocationsDuring, breakdownLine, breakdownOf, type Breakdown } from '../lib/breakdown';
import { startFloorRelay } from '../lib/floor-relay';
import { CPU_OWNER_NAMES, CPU_OWNERS, cpuByOwnerDuring, type CpuByOwner } from '../lib/cpu-owners';
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
/**
 * `floor`: the durable floor (bench/lib/floor-relay.ts: verify, one SQLite read, one insert, one send, no framework);
 * `slack`: no app at all, the load thread posts the relays to the fake Slack itself: the rig's ceiling.
 */
export type System = 'koji' | 'bolt' | 'floor' | 'slack';

export interface Throughput {
  readonly system: System;
  /** Every system runs once per round at each concurrency, side by side: ratios are taken within a round. */
  readonly round: number;
  readonly concurrency: number;
  readonly messages: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /**
   * The process's event-loop delay during the run, p99 (ms): how long a ready callback waited for the main
   * thread, which Koji, Bolt, the floor and the fake Slack all share. A p99 latency far above it is
   * queueing behind the system's own rate; one close to it is the main thread held by a burst of work.
   */
  readonly loopDelayP99Ms: number;
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
  readonly rounds: number;
  /** Where a relayed message's time goes (Koji on one lane, after the rounds). */
  readonly breakdown: Breakdown;
  /**
   * The main thread's CPU per relayed message by whose code, Koji and Bolt each in a profiled run of their own at
   * the lowest concurrency after the rounds (lib/cpu-owners.ts); Koji's KVS stand-in runs on another thread, its
   * time per relay beside it.
   */
  readonly cpuByOwner: { readonly concurrency: number; readonly koji: CpuByOwner & { readonly kvsStandInMs: number }; readonly bolt: CpuByOwner };
  /** Echo deliveries the sandbox dropped as a suspected loop (more than 30 bot posts in one DM within 10 s). */
  readonly sandboxEchoWarnings: number;
}

export async function runP3(options: {
  readonly messages: number;
  readonly warmup: number;
  readonly concurrency: readonly number[];
  readonly rounds: number;
  readonly breakdownMessages: number;
  readonly progress: Progress;
}): Promise<P3Result> {
  const bench = await startBenchPlatform();
  try {
    options.progress.update('P3: opening conversations');
    const layout = await openLanes(bench, Math.max(...options.concurrency));
    const apiUrl = bench.platform.slackApiUrl;
    if (!apiUrl) throw new Error('The platform has no Slack sandbox to send slack.com/api to.');
    const relayOptions = { slackApiUrl: apiUrl, botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret, lanes: layout.lanes };
    const bolt = await startBoltRelay(relayOptions);
    const floor = await startFloorRelay(relayOptions);
    const urls: Record<System, string> = { koji: bench.platform.webTriggerUrl('slack-events').replace('//localhost:', '//127.0.0.1:'), bolt: bolt.url, floor: floor.url, slack: apiUrl };
    const runs: Throughput[] = [];
    let breakdown: Breakdown;
    let cpuByOwner: P3Result['cpuByOwner'];
    try {
      const run = async (system: System, concurrency: number, messages: number, label: string, round = 0, laneList = layout.lanes.slice(0, concurrency)): Promise<Throughput & { sent: Array<{ status: number; latencyMs: number }>; relayInvocations: typeof bench.invocations }> => {
        const tag = `${system}${concurrency}${label.replace(/\W/g, '')}${Date.now().toString(36)}`;
        const lanes = laneList;
        const calls0 = bench.slack.apiCalls.length;
        const inv0 = bench.invocations.length;
        options.progress.update(`P3: ${NAMES[system]} at concurrency ${concurrency}, ${fmt.int(messages)} messages${label ? ` (${label})` : ` (round ${round} of ${options.rounds})`}`);
        const loopDelay = monitorEventLoopDelay({ resolution: 5 });
        loopDelay.enable();
        let result: Awaited<ReturnType<typeof runLoadInWorker>>;
        try {
          result = await runLoadInWorker({
            url: urls[system],
            signingSecret: SANDBOX_WORKSPACE.signingSecret,
            lanes,
            messages,
            tag,
            ...(system === 'slack' ? { mode: 'chat.postMessage' as const, token: SANDBOX_WORKSPACE.botToken } : {}),
          });
        } finally {
          loopDelay.disable();
        }
        await bench.settle();
        const delivery = checkDelivery(tag, lanes, result.sent, bench.slack.apiCalls.slice(calls0));
        const invocations = bench.invocations.slice(inv0).filter((i) => i.functionKey === SLACK_WEB_TRIGGER);
        const relays = invocations.filter((i) => i.counters.kvsWrites > 0);
        const latencies = result.sent.filter((s) => s.status === 200).map((s) => s.latencyMs);
        return {
          system,
          round,
          concurrency,
          messages,
          perSecond: (messages / result.wallMs) * 1000,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
          wallMs: result.wallMs,
          lanes: countDirections(lanes),
          delivery,
          invocations: { count: invocations.length, relays: relays.length, failed: invocations.filter((i) => i.failed).length },
          errors: result.errors.slice(0, 5),
          sent: result.sent,
          relayInvocations: relays,
        };
      };
      // Warm both up (JIT, connection pools, SQLite pages) at the highest concurrency, then measure side by side.
      const top = Math.max(...options.concurrency);
      for (const system of SYSTEMS) {
        const warm = await run(system, top, options.warmup, 'warm-up');
        assertDelivered(warm, 'warm-up');
      }
      // Rounds: every system at every concurrency, then again; other work on the machine then weighs on all alike.
      for (let round = 1; round <= options.rounds; round += 1) {
        for (const concurrency of options.concurrency) {
          for (const system of SYSTEMS) {
            const { sent: _sent, relayInvocations: _relays, ...figures } = await run(system, concurrency, options.messages, '', round);
            runs.push(figures);
          }
        }
      }
      // Whose code the main thread ran, Koji and Bolt each in a profiled run of its own (not among the rounds: the profiler slows both).
      const profiledAt = Math.min(...options.concurrency);
      const profiled = async (system: 'koji' | 'bolt') => {
        const { result, cpu } = await cpuByOwnerDuring(options.messages, () => run(system, profiledAt, options.messages, 'profiled'));
        assertDelivered(result, 'profiled run');
        return { cpu, kvsStandInMs: result.relayInvocations.reduce((s, r) => s + r.kvsStandInMicros, 0) / 1000 / Math.max(1, result.relayInvocations.length) };
      };
      const kojiCpu = await profiled('koji');
      const boltCpu = await profiled('bolt');
      cpuByOwner = { concurrency: profiledAt, koji: { ...kojiCpu.cpu, kvsStandInMs: kojiCpu.kvsStandInMs }, bolt: boltCpu.cpu };
      // The breakdown: Koji on one lane (a user writing to an operator), one message at a time, allocations sampled.
      const single = layout.lanes.filter((l) => l.direction === 'user-to-operator').slice(0, 1);
      const sampled = await allocationsDuring(() => run('koji', 1, options.breakdownMessages, 'breakdown', 0, single));
      const ok = sampled.result.sent.filter((x) => x.status === 200).map((x) => x.latencyMs);
      breakdown = breakdownOf(sampled.result.relayInvocations, ok, { bytes: sampled.bytes, byOwner: sampled.byOwner });
    } finally {
      await bolt.stop();
      await floor.stop();
    }
    return {
      layout: layout.kind,
      conversations: layout.conversations,
      runs,
      rounds: options.rounds,
      breakdown,
      cpuByOwner,
      sandboxEchoWarnings: bench.strayLogLines.filter((l) => l.includes('echoes are dropped')).length,
    };
  } finally {
    await bench.close();
  }
}

const SYSTEMS: readonly System[] = ['koji', 'bolt', 'floor', 'slack'];
const NAMES: Record<System, string> = { koji: 'Koji', bolt: 'Bolt', floor: 'the durable floor', slack: 'the fake Slack alone' };

function countDirections(lanes: readonly Lane[]): Throughput['lanes'] {
  return {
    userToOperator: lanes.filter((l) => l.direction === 'user-to-operator').length,
    operatorToUser: lanes.filter((l) => l.direction === 'operator-to-user').length,
  };
}

/** A run that lost, duplicated or misrouted a relay stops the bench: the app did not do what it must. */
function assertDelivered(t: Throughput, run: string): void {
  const d = t.delivery;
  if (d.losses + d.duplicates + d.misrouted + d.refused > 0 || t.errors.length > 0) {
    throw new Error(`${t.system}'s ${run} did not deliver cleanly: ${JSON.stringify(d)} ${t.errors.join('; ')}`);
  }
}

export function p3Rows(r: P3Result): Row[] {
  const rows: Row[] = [];
  for (const concurrency of [...new Set(r.runs.map((x) => x.concurrency))]) {
    const of = (system: System) => r.runs.filter((x) => x.system === system && x.concurrency === concurrency);
    const ratio = (a: System, b: System) => spread(of(a).map((x, i) => x.perSecond / of(b)[i]!.perSecond));
    const koji = summary(of('koji'));
    const bolt = summary(of('bolt'));
    const kojiToBolt = ratio('koji', 'bolt');
    const misses: string[] = [];
    if (kojiToBolt.median < 1) misses.push(`${kojiToBolt.median.toFixed(2)}× Bolt's rate`);
    if (koji.p99.median > bolt.p99.median) misses.push(`p99 ${fmt.ms(koji.p99.median)} above Bolt's ${fmt.ms(bolt.p99.median)}`);
    const describe = (s: System) => {
      const t = summary(of(s));
      return `${t.perSecond.text(fmt.int)} msg/s · p50 ${t.p50.text(fmt.ms)} · p99 ${t.p99.text(fmt.ms)} · event-loop delay p99 ${t.loopDelay.text(fmt.ms)}`;
    };
    const lanes = of('koji')[0]!.lanes;
    rows.push({
      figure: 'P3',
      what: `Koji ÷ Bolt ÷ floor, concurrency ${concurrency} (${lanes.userToOperator}+${lanes.operatorToUser} lanes, ${fmt.int(of('koji')[0]!.messages)} messages × ${r.rounds} rounds)`,
      measured: `Koji ${kojiToBolt.text((x) => `${x.toFixed(2)}×`)} Bolt; floor ${ratio('floor', 'bolt').text((x) => `${x.toFixed(2)}×`)} Bolt; Koji ${ratio('koji', 'floor').text((x) => `${x.toFixed(2)}×`)} the floor (median of the rounds' ratios, min–max)`,
      target: '≥ 1.0× Bolt, p99 ≤ Bolt’s',
      verdict: misses.length ? 'missed' : 'met',
      note: misses.length ? misses.join('; ') : undefined,
    });
    rows.push({ figure: 'P3', what: `Koji web trigger, concurrency ${concurrency}`, measured: describe('koji'), target: '≥ 1,000 msg/s', verdict: koji.perSecond.median >= 1000 ? 'met' : 'missed', note: koji.perSecond.median >= 1000 ? undefined : `${fmt.int(koji.perSecond.median)}/s, ${((1 - koji.perSecond.median / 1000) * 100).toFixed(0)}% below 1,000/s` });
    rows.push({ figure: 'P3', what: `bare Bolt app, concurrency ${concurrency}`, measured: describe('bolt'), target: '', verdict: 'info' });
    rows.push({ figure: 'P3', what: `durable floor (no framework), concurrency ${concurrency}`, measured: describe('floor'), target: '', verdict: 'info' });
    rows.push({ figure: 'P3 (info)', what: `no app: relays posted to the fake Slack, conc. ${concurrency}`, measured: describe('slack'), target: '', verdict: 'info' });
  }
  rows.push({ figure: 'P3', what: 'where a relayed message’s time goes (platform timers, ms)', measured: breakdownLine(r.breakdown), target: '', verdict: 'info' });
  rows.push({ figure: 'P3', what: `main thread’s CPU per relayed message, by whose code (ms, concurrency ${r.cpuByOwner.concurrency}, CPU profiler)`, measured: cpuByOwnerLine(r.cpuByOwner), target: '', verdict: 'info' });
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

/** Koji's and Bolt's main-thread CPU per message by owner, and the app's own part (with the SDKs it ships) beside Bolt's framework. */
export function cpuByOwnerLine(c: P3Result['cpuByOwner']): string {
  const parts = (x: CpuByOwner) =>
    CPU_OWNERS.filter((o) => x.byOwner[o] >= 0.005)
      .map((o) => `${CPU_OWNER_NAMES[o]} ${x.byOwner[o].toFixed(2)}`)
      .join(' · ');
  const own = c.koji.byOwner.app + c.koji.byOwner.forgeSdk;
  const framework = c.bolt.byOwner.framework;
  return (
    `Koji ${c.koji.mainMs.toFixed(2)}: ${parts(c.koji)}, and the KVS stand-in ${c.koji.kvsStandInMs.toFixed(2)} on its own thread. ` +
    `Bolt ${c.bolt.mainMs.toFixed(2)}: ${parts(c.bolt)}. ` +
    `The app with its Forge SDKs ÷ Bolt's framework: ${framework >= 0.005 ? `${(own / framework).toFixed(2)}×` : 'n/a (no framework time sampled)'}`
  );
}

/** Median and min–max of a figure over the rounds. */
function spread(values: readonly number[]): { median: number; min: number; max: number; text(f: (x: number) => string): string } {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return { median, min, max, text: (f) => (sorted.length > 1 ? `${f(median)} (${f(min)}–${f(max)})` : f(median)) };
}

function summary(runs: readonly Throughput[]) {
  return {
    perSecond: spread(runs.map((x) => x.perSecond)),
    p50: spread(runs.map((x) => x.p50Ms)),
    p99: spread(runs.map((x) => x.p99Ms)),
    loopDelay: spread(runs.map((x) => x.loopDelayP99Ms)),
  };
}
