import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import type { MessageFigures } from '../lib/figures';
import { fmt, type Row } from '../lib/report';

/**
 * P5: dollars per million relayed messages at the 2026 Forge rates
 * (../shared/reference/forge-platform.md §5), from P1's bytes and the
 * measured CPU, at the manifest's memoryMB.
 *
 * Billed function time is wall time, and on Forge a relay mostly waits: on
 * Slack (the chat.postMessage) and on KVS. Neither wait exists on this machine
 * (both are local), so they are stated assumptions, added per call:
 * billed seconds = measured CPU + slackMs × Slack calls + kvsMs × KVS calls,
 * where the measured CPU leaves out the local KVS stand-in's share (its work
 * is the KVS wait on Forge) but keeps the in-process fake Slack's (an overstatement).
 * Each relayed post also comes back from Slack as an echo (the bot's own
 * message, `message.im`): one more web trigger invocation with one KVS read.
 */
export const RATES = { gbSecond: 0.000025, readPerGb: 0.055, writePerGb: 1.09, logPerGb: 1.005 } as const;

export interface Assumptions {
  readonly slackMs: number;
  readonly kvsMs: number;
  /** Bytes per GB: 1e9 (the rates page does not say; 2^30 would make every byte figure 7% cheaper). */
  readonly bytesPerGb: number;
}

export interface CostBreakdown {
  readonly billedSeconds: number;
  readonly compute: number;
  readonly reads: number;
  readonly writes: number;
  readonly logs: number;
  readonly total: number;
}

export interface P5Result {
  readonly memoryMB: number;
  readonly assumptions: Assumptions;
  readonly userToOperator: CostBreakdown;
  readonly operatorToUser: CostBreakdown;
  /** Both directions equally often. */
  readonly perMillion: number;
  /** The same with no waiting at all (CPU only): the floor. */
  readonly perMillionCpuOnly: number;
}

export function manifestMemoryMB(manifestPath = path.resolve(__dirname, '..', '..', 'manifest.yml')): number {
  const manifest = load(readFileSync(manifestPath, 'utf8')) as { app?: { runtime?: { memoryMB?: number } } };
  return manifest.app?.runtime?.memoryMB ?? 512;
}

export function costPerMessage(f: MessageFigures, memoryMB: number, a: Assumptions): CostBreakdown {
  const gb = memoryMB / 1024;
  // The local KVS stand-in's CPU is left out: on Forge that time is the KVS wait, counted as kvsMs per call.
  const relaySeconds = f.appCpuMicros / 1e6 + (a.slackMs / 1000) * f.chatCalls + (a.kvsMs / 1000) * (f.kvsReads + f.kvsWrites);
  const echoSeconds = f.echoes.invocations * (f.echoes.appCpuMicros / 1e6 + (a.kvsMs / 1000) * (f.echoes.kvsReads / Math.max(1, f.echoes.invocations)));
  const billedSeconds = relaySeconds + echoSeconds;
  const compute = billedSeconds * gb * RATES.gbSecond;
  const reads = ((f.kvsReadBytes + f.echoes.kvsReadBytes) / a.bytesPerGb) * RATES.readPerGb;
  const writes = (f.kvsWriteBytes / a.bytesPerGb) * RATES.writePerGb;
  const logs = (f.logBytes / a.bytesPerGb) * RATES.logPerGb;
  return { billedSeconds, compute, reads, writes, logs, total: compute + reads + writes + logs };
}

export function runP5(p1: { userToOperator: MessageFigures; operatorToUser: MessageFigures }, assumptions: Assumptions): P5Result {
  const memoryMB = manifestMemoryMB();
  const up = costPerMessage(p1.userToOperator, memoryMB, assumptions);
  const down = costPerMessage(p1.operatorToUser, memoryMB, assumptions);
  const noWait = { ...assumptions, slackMs: 0, kvsMs: 0 };
  const floor = (costPerMessage(p1.userToOperator, memoryMB, noWait).total + costPerMessage(p1.operatorToUser, memoryMB, noWait).total) / 2;
  return { memoryMB, assumptions, userToOperator: up, operatorToUser: down, perMillion: ((up.total + down.total) / 2) * 1e6, perMillionCpuOnly: floor * 1e6 };
}

export function p5Rows(r: P5Result, p1: { userToOperator: MessageFigures }): Row[] {
  const m = (c: CostBreakdown) => ({ compute: c.compute * 1e6, reads: c.reads * 1e6, writes: c.writes * 1e6, logs: c.logs * 1e6 });
  const up = m(r.userToOperator);
  const down = m(r.operatorToUser);
  const part = (k: keyof typeof up) => `${k} ${fmt.dollars((up[k] + down[k]) / 2)}`;
  return [
    {
      figure: 'P5',
      what: `$ per million relayed messages (${r.memoryMB} MB)`,
      measured: `${fmt.dollars(r.perMillion)} (${part('compute')}, ${part('writes')}, ${part('reads')}, ${part('logs')}); user → operator ${fmt.dollars(
        r.userToOperator.total * 1e6,
      )}, operator → user ${fmt.dollars(r.operatorToUser.total * 1e6)}`,
      target: '≤ $3',
      verdict: r.perMillion <= 3 ? 'met' : 'missed',
      note: r.perMillion <= 3 ? undefined : `${fmt.dollars(r.perMillion - 3)} over`,
    },
    {
      figure: 'P5',
      what: 'assumptions',
      measured: `billed time = measured CPU (${fmt.ms(p1.userToOperator.appCpuMicros / 1000)} + echo ${fmt.ms(p1.userToOperator.echoes.appCpuMicros / 1000)}) + ${r.assumptions.slackMs} ms per Slack call + ${r.assumptions.kvsMs} ms per KVS call (${fmt.ms(
        r.userToOperator.billedSeconds * 1000,
      )} per relay incl. its echo); log ${Math.round(p1.userToOperator.logBytes)} B per message; 1 GB = 10^9 B; no waits at all: ${fmt.dollars(r.perMillionCpuOnly)}`,
      target: '',
      verdict: 'info',
    },
  ];
}
