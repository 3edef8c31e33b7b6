import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpSandboxes } from '../../dev/sandbox-setup';
import { startBenchPlatform, type RecordedInvocation } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';

/**
 * EDITS (issue 23): what an edit or a deletion of a relayed message costs, and what finding its copy later adds
 * to the relay. A Slack user talks to a Slack operator, then another to a Teams operator; each relays, edits and
 * deletes a message through the Slack web trigger, then their operator redacts the next one with `#redact`; each
 * step's invocations are summed: KVS reads and writes, and calls out (Slack Web API, Bot Connector). A relay to
 * Slack must stay P1 (2 reads, 1 write, 1 call: Slack finds the copy by its metadata); a relay to Teams pays one
 * small write more (where the copy went).
 */
type Kind = 'relay-slack' | 'relay-teams' | 'edit-slack' | 'edit-teams' | 'redact-slack' | 'redact-teams';

export interface EditsResult {
  readonly steps: ReadonlyArray<{ readonly name: string; readonly kind: Kind; readonly kvsReads: number; readonly kvsWrites: number; readonly calls: number }>;
}

/** The invocations that handled a person's message or edit (the bot's own echoes are P1's, counted there). */
const HANDLED = /"event":"(slack|teams)_(message|edit)"/;

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
      steps.push({ name, kind, ...sum(bench.invocations.slice(i0).filter((i) => i.logLines.some((l) => HANDLED.test(l)))) });
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
    await step('its edit (the Slack copy updated)', 'edit-slack', () => slack.editAs('UBOB', toSlack, 'My laptop will not start'));
    await step('its deletion (the Slack copy deleted)', 'edit-slack', () => slack.deleteAs('UBOB', toSlack));
    await say('UBOB', 'My PIN is 4455');
    await step('an operator’s #redact of it (the line, the Slack copy, the note)', 'redact-slack', () => slack.sendAs('UALICE', '#redact'));

    await teams.sendAs('tom', '#on');
    await say('UEVE', 'operator');
    await step('a Slack user’s message relayed to a Teams operator', 'relay-teams', () => slack.sendAs('UEVE', 'The printer jams'));
    const toTeams = lastTs('UEVE');
    await step('its edit (the Teams copy updated)', 'edit-teams', () => slack.editAs('UEVE', toTeams, 'The printer jams on floor 2'));
    await step('its deletion (the Teams copy deleted)', 'edit-teams', () => slack.deleteAs('UEVE', toTeams));
    await say('UEVE', 'My PIN is 7788');
    await step('a Teams operator’s #redact of it (the line, the Teams copy, the note)', 'redact-teams', () => teams.sendAs('tom', '#redact'));
    await step('an edit of a line never relayed (“operator”: its line only)', 'edit-slack', () => slack.editAs('UBOB', lastTs('UBOB'), 'operator, please'));
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

/**
 * Targets: P1 for a relay to Slack; for one to Teams the two reads a Slack-to-Teams relay always made (the Teams
 * person's reference and their bot) and one write more; an edit or deletion a bounded handful: the signing
 * secret, the sender's records, their latest ended conversation (history), the line, and the claim and the
 * revision; Slack finds the copy with conversations.open and .history, then chat.update / chat.delete; Teams
 * reads where the copy went, the person's reference and bot, then one PUT / DELETE. An operator's `#redact`
 * (rare, and never on the relay): the trigger's reads, the settings, the conversation's last lines, the line by
 * key and the user's conversation (its ticket); the claim, the revised line and the transcript's note; the copy
 * found and replaced as for an edit, and the confirmation.
 */
const TARGETS = {
  'relay-slack': { reads: 2, writes: 1, calls: 1, text: '≤ 2 reads, 1 write, 1 call (P1)' },
  'relay-teams': { reads: 4, writes: 2, calls: 1, text: '≤ 4 reads, 2 writes (1 + where the copy went), 1 call' },
  'edit-slack': { reads: 4, writes: 2, calls: 3, text: '≤ 4 reads, 2 writes, 3 calls (conversations.open, conversations.history, chat.update)' },
  'edit-teams': { reads: 7, writes: 2, calls: 2, text: '≤ 7 reads, 2 writes, 2 calls (a token at most)' },
  'redact-slack': { reads: 6, writes: 3, calls: 4, text: '≤ 6 reads, 3 writes, 4 calls' },
  'redact-teams': { reads: 8, writes: 3, calls: 2, text: '≤ 8 reads, 3 writes, 2 calls (a token at most)' },
} as const;

export function editsRows(r: EditsResult): Row[] {
  return r.steps.map((s) => {
    const target = TARGETS[s.kind];
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
