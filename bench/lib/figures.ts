import type { StepCost } from './harness';
import { fmt, mean, median } from './report';

/** P1's figures for one kind of message, averaged over samples (counts and bytes) or their median (CPU). */
export interface MessageFigures {
  readonly samples: number;
  readonly invocations: number;
  readonly kvsReads: number;
  readonly kvsReadBytes: number;
  readonly kvsWrites: number;
  readonly kvsWriteBytes: number;
  readonly queuePushes: number;
  /** Slack Web API calls the app made (chat.postMessage and any other). */
  readonly chatCalls: number;
  readonly chatCallsByMethod: Readonly<Record<string, number>>;
  readonly jiraCalls: number;
  /**
   * Median CPU of the handling invocations, µs: the process's CPU while they ran, so it includes the
   * local stand-ins that run in this process (the KVS over SQLite, the fake Slack answering the call).
   */
  readonly cpuMicros: number;
  /** Median of the same without the local KVS stand-in's share (on Forge the KVS service does that work). */
  readonly appCpuMicros: number;
  readonly logBytes: number;
  /** Slack's echoes of the bot's posts this message caused (one more web trigger invocation each). */
  readonly echoes: {
    readonly invocations: number;
    readonly kvsReads: number;
    readonly kvsReadBytes: number;
    readonly cpuMicros: number;
    readonly appCpuMicros: number;
  };
}

export const P1_FIGURE_KEYS = ['kvsReads', 'kvsReadBytes', 'kvsWrites', 'kvsWriteBytes', 'queuePushes', 'chatCalls', 'jiraCalls'] as const;

export function figuresOf(steps: readonly StepCost[]): MessageFigures {
  const byMethod: Record<string, number> = {};
  for (const s of steps) for (const [m, n] of Object.entries(s.slackCalls)) byMethod[m] = (byMethod[m] ?? 0) + n / steps.length;
  return {
    samples: steps.length,
    invocations: mean(steps.map((s) => s.handling.invocations)),
    kvsReads: mean(steps.map((s) => s.handling.counters.kvsReads)),
    kvsReadBytes: mean(steps.map((s) => s.handling.counters.kvsReadBytes)),
    kvsWrites: mean(steps.map((s) => s.handling.counters.kvsWrites)),
    kvsWriteBytes: mean(steps.map((s) => s.handling.counters.kvsWriteBytes)),
    queuePushes: mean(steps.map((s) => s.handling.counters.queuePushes)),
    chatCalls: mean(steps.map((s) => s.slackCallCount)),
    chatCallsByMethod: byMethod,
    jiraCalls: mean(steps.map((s) => s.handling.counters.productCalls)),
    cpuMicros: median(steps.map((s) => s.handling.cpuMicros)),
    appCpuMicros: median(steps.map((s) => s.handling.cpuMicros - s.handling.kvsStandInMicros)),
    logBytes: mean(steps.map((s) => s.handling.logBytes)),
    echoes: {
      invocations: mean(steps.map((s) => s.echoes.invocations)),
      kvsReads: mean(steps.map((s) => s.echoes.counters.kvsReads)),
      kvsReadBytes: mean(steps.map((s) => s.echoes.counters.kvsReadBytes)),
      cpuMicros: median(steps.filter((s) => s.echoes.invocations > 0).map((s) => s.echoes.cpuMicros / s.echoes.invocations)),
      appCpuMicros: median(
        steps.filter((s) => s.echoes.invocations > 0).map((s) => (s.echoes.cpuMicros - s.echoes.kvsStandInMicros) / s.echoes.invocations),
      ),
    },
  };
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function describeFigures(f: MessageFigures, options: { readonly cpu?: boolean } = {}): string {
  const parts = [
    `reads ${num(f.kvsReads)} (${fmt.bytes(f.kvsReadBytes)})`,
    `writes ${num(f.kvsWrites)} (${fmt.bytes(f.kvsWriteBytes)})`,
    `queue ${num(f.queuePushes)}`,
    `Slack calls ${num(f.chatCalls)}`,
    `Jira ${num(f.jiraCalls)}`,
  ];
  if (f.invocations !== 1) parts.unshift(`${num(f.invocations)} invocations`);
  if (options.cpu) parts.push(`CPU ${fmt.ms(f.cpuMicros / 1000)} (${fmt.ms(f.appCpuMicros / 1000)} without the KVS stand-in)`);
  return parts.join(' · ');
}

/** The P1 target: at most 2 KVS reads, 1 KVS write of at most 2 KB, no queue push, exactly 1 outbound call. */
export function relayTargetMisses(f: MessageFigures): string[] {
  const misses: string[] = [];
  if (f.kvsReads > 2) misses.push(`${num(f.kvsReads)} KVS reads, ${num(f.kvsReads - 2)} over 2`);
  if (f.kvsWrites !== 1) misses.push(`${num(f.kvsWrites)} KVS writes, not 1`);
  if (f.kvsWriteBytes > 2048) misses.push(`writes ${fmt.bytes(f.kvsWriteBytes)}, over 2 KB`);
  if (f.queuePushes > 0) misses.push(`${num(f.queuePushes)} queue pushes`);
  if (f.chatCalls !== 1) misses.push(`${num(f.chatCalls)} Slack calls, not 1`);
  if (f.jiraCalls > 0) misses.push(`${num(f.jiraCalls)} Jira calls`);
  return misses;
}
