import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpDesk, startBenchPlatform, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';

/**
 * P8 (issue 22): what a ticket that keeps talking costs. A conversation on the Slack sandbox becomes SUP-1; then
 * a Jira agent works it on the embedded JSM, which emits Jira's product events to the app's trigger as Forge does,
 * and each event's invocation is measured: KVS reads and writes, Jira calls. An event about a ticket Koji did not
 * make must cost at most one read (the ticket's link); one that is not a status change or a comment, none. The
 * user's reply (Reply on ticket, then their message) is measured through the Slack web trigger.
 */
export interface FollowUpResult {
  readonly steps: ReadonlyArray<{ readonly name: string; readonly kvsReads: number; readonly kvsWrites: number; readonly jiraCalls: number; readonly told: number; readonly ignored: boolean }>;
}

const TRIGGER = 'ticket-events';

export async function runFollowUp(options: { readonly progress: Progress }): Promise<FollowUpResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-followup-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    options.progress.update('P8: a ticket from a conversation');
    await setUpDesk(bench, { operators: ['UALICE'] });
    for (const [who, text] of [['UALICE', '#on'], ['UBOB', 'operator'], ['UBOB', 'My laptop will not boot'], ['UALICE', '#create_ticket Laptop'], ['UALICE', 'stop']] as const) {
      await bench.slack.sendAs(who, text);
      await settled(bench);
    }
    const jsm = bench.platform.jsm!;
    // A ticket Koji did not make: raised on the portal by someone else.
    await jsm.respond('POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '11', requestFieldValues: { summary: 'Printer jams' } }, 'local-agent');
    const steps: Array<FollowUpResult['steps'][number]> = [];
    const step = async (name: string, act: () => unknown, ignored = false) => {
      options.progress.update(`P8: ${name}`);
      const i0 = bench.invocations.length;
      const heard0 = botPosts(bench);
      await act();
      await settled(bench);
      const invs = bench.invocations.slice(i0).filter((i) => i.functionKey === TRIGGER || i.functionKey === 'slack-webtrigger');
      steps.push({ name, ...sum(invs), told: botPosts(bench) - heard0, ignored });
    };
    await step('an agent’s public comment (told)', () => jsm.agentComment('SUP-1', 'Please hold the power button for 10 seconds.', false));
    await step('an internal note on that ticket (not told)', () => jsm.agentComment('SUP-1', 'Disk may be dead', true), true);
    await step('the ticket resolved (told)', () => jsm.transition('SUP-1', 'Resolved'));
    await step('a comment on a ticket Koji did not make (ignored)', () => jsm.agentComment('SUP-2', 'On it', false), true);
    await step('a status change of a ticket Koji did not make (ignored)', () => jsm.transition('SUP-2', 'In progress'), true);
    await step('an update that is not a status change (ignored)', () =>
      bench.platform.runner.invoke(TRIGGER, [{ eventType: 'avi:jira:updated:issue', issue: { key: 'SUP-2' }, changelog: { id: '9', items: [{ field: 'summary' }] } }, {}]), true);
    await step('the same comment event delivered again (not told twice)', async () => {
      bench.platform.productEvents.redeliver = true;
      jsm.agentComment('SUP-1', 'One more thing', false);
      await settled(bench);
      bench.platform.productEvents.redeliver = false;
    });
    const followUp = bench.slack.conversation('UBOB').filter((m) => JSON.stringify(m.blocks ?? []).includes('koji:reply-on-ticket')).at(-1);
    await step('Reply on ticket (the click)', () => bench.slack.click('UBOB', followUp!.ts, 'koji:reply-on-ticket:0'));
    await step('the user’s reply, added to the ticket', () => bench.slack.sendAs('UBOB', 'Yes, it beeps three times'));
    return { steps };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function settled(bench: BenchPlatform): Promise<void> {
  await bench.platform.productEvents.whenIdle();
  await bench.settle();
}

function botPosts(bench: BenchPlatform): number {
  return bench.slack.conversation('UBOB').filter((m) => m.user !== 'UBOB').length;
}

function sum(invs: readonly RecordedInvocation[]): { kvsReads: number; kvsWrites: number; jiraCalls: number } {
  return invs.reduce((t, i) => ({ kvsReads: t.kvsReads + i.counters.kvsReads, kvsWrites: t.kvsWrites + i.counters.kvsWrites, jiraCalls: t.jiraCalls + i.counters.productCalls }), { kvsReads: 0, kvsWrites: 0, jiraCalls: 0 });
}

export function followUpRows(r: FollowUpResult): Row[] {
  return r.steps.map((s) => {
    const foreign = s.name.includes('did not make') || s.name.includes('not a status change');
    const ok = foreign ? s.kvsReads <= 1 && s.kvsWrites === 0 && s.told === 0 : s.ignored ? s.told === 0 && s.kvsWrites === 0 : s.told === 1;
    return {
      figure: 'P8',
      what: `follow-up: ${s.name}`,
      measured: `${fmt.int(s.kvsReads)} reads, ${fmt.int(s.kvsWrites)} writes, ${fmt.int(s.jiraCalls)} Jira calls; ${s.told === 0 ? 'nobody told' : `user told ${s.told === 1 ? 'once' : `${s.told} times`}`}`,
      target: foreign ? '≤ 1 read, no write, nobody told' : s.ignored ? 'no write, nobody told' : 'told once',
      verdict: ok ? 'met' : 'missed',
    };
  });
}
