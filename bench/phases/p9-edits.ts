import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpSandboxes } from '../../dev/sandbox-setup';
import { startBenchPlatform, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';

/**
 * EDITS (issue 23): what an edit or a deletion of a relayed message costs, and what finding its copy later adds
 * to the relay. A Slack user talks to a Slack operator, then another to a Teams operator; each relays, edits and
 * deletes a message through the Slack web trigger, and each step's invocations are summed: KVS reads and writes,
 * and calls out (Slack Web API, Bot Connector). A relay to Slack must stay P1 (2 reads, 1 write, 1 call: Slack
 * finds the copy by its metadata); a relay to Teams pays one small write more (where the copy went).
 */
export interface EditsResult {
  readonly steps: ReadonlyArray<{ readonly name: string; readonly kind: 'relay-slack' | 'relay-teams' | 'edit'; readonly kvsReads: number; readonly kvsWrites: number; readonly calls: number }>;
}

const TRIGGERS = new Set(['slack-webtrigger', 'teams-webtrigger']);

export async function runEdits(options: { readonly progress: Progress }): Promise<EditsResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-edits-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    options.progress.update('EDITS: a desk on Slack and Teams');
    await setUpSandboxes(bench.platform, { settings: { operatorCapacity: 1 }, operators: { slack: ['UALICE'], teams: ['tom'] }, teamsInstalls: [] });
    await bench.settle();
    const slack = bench.slack;
    const teams = bench.platform.teams!;
    const steps: Array<EditsResult['steps'][number]> = [];
    const step = async (name: string, kind: EditsResult['steps'][number]['kind'], act: () => Promise<unknown>) => {
      options.progress.update(`EDITS: ${name}`);
      await bench.settle();
      const i0 = bench.invocations.length;
      await act();
      await bench.settle();
      steps.push({ name, kind, ...sum(bench.invocations.slice(i0).filter((i) => TRIGGERS.has(i.functionKey))) });
    };
    const lastTs = (userId: string) => slack.conversation(userId).filter((m) => m.user === userId).at(-1)!.ts;
    const say = async (who: string, text: string) => {
      await slack.sendAs(who, text);
      await bench.settle();
    };

    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    await step('a Slack user’s message relayed to a Slack operator', 'relay-slack', () => slack.sendAs('UBOB', 'My laptop will not boot'));
    const toSlack = lastTs('UBOB');
    await step('its edit (the Slack copy updated)', 'edit', () => slack.editAs('UBOB', toSlack, 'My laptop will not start'));
    await step('its deletion (the Slack copy deleted)', 'edit', () => slack.deleteAs('UBOB', toSlack));

    await teams.sendAs('tom', '#on');
    await say('UEVE', 'operator');
    await step('a Slack user’s message relayed to a Teams operator', 'relay-teams', () => slack.sendAs('UEVE', 'The printer jams'));
    const toTeams = lastTs('UEVE');
    await step('its edit (the Teams copy updated)', 'edit', () => slack.editAs('UEVE', toTeams, 'The printer jams on floor 2'));
    await step('its deletion (the Teams copy deleted)', 'edit', () => slack.deleteAs('UEVE', toTeams));
    await step('an edit of a message Koji never relayed (ignored)', 'edit', () => slack.editAs('UBOB', lastTs('UBOB'), 'hello again'));
    return { steps };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function sum(invs: readonly RecordedInvocation[]): { kvsReads: number; kvsWrites: number; calls: number } {
  return invs.reduce(
    (t, i) => ({ kvsReads: t.kvsReads + i.counters.kvsReads, kvsWrites: t.kvsWrites + i.counters.kvsWrites, calls: t.calls + i.steps.filter((s) => s.kind === 'fetch').length }),
    { kvsReads: 0, kvsWrites: 0, calls: 0 },
  );
}

/** Targets: P1 for a relay to Slack; one write more for one to Teams; an edit or deletion a bounded handful. */
const TARGETS = {
  'relay-slack': { reads: 2, writes: 1, calls: 1, text: '≤ 2 reads, 1 write, 1 call (P1)' },
  'relay-teams': { reads: 2, writes: 2, calls: 1, text: '≤ 2 reads, 2 writes, 1 call (P1 + where the copy went)' },
  edit: { reads: 5, writes: 2, calls: 3, text: '≤ 5 reads, 2 writes, 3 calls' },
} as const;

export function editsRows(r: EditsResult): Row[] {
  return r.steps.map((s) => {
    const target = TARGETS[s.kind];
    // The relay's 2 reads are the workspace's signing secret and the sender's records (P1).
    const ok = s.kvsReads <= target.reads && s.kvsWrites <= target.writes && s.calls <= target.calls;
    return {
      figure: 'EDITS',
      what: s.name,
      measured: `${fmt.int(s.kvsReads)} reads, ${fmt.int(s.kvsWrites)} writes, ${fmt.int(s.calls)} calls out`,
      target: target.text,
      verdict: ok ? 'met' : 'missed',
    };
  });
}
