import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { KvsAuditLog } from '../../src/adapters/forge/kvs-audit-log';
import { AUDIT_KINDS } from '../../src/domain/audit';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { setUpDesk, startBenchPlatform, type AdminResult, type BenchPlatform } from '../lib/harness';
import { fmt, type Progress, type Row } from '../lib/report';

/**
 * AUDIT (issue 20): what the audit log costs. Each admin action through its real resolver, as one invocation: its
 * KVS reads and writes, and how many audit entries it wrote (counted in the store); then the Audit log tab's
 * pages (`audit/list`, 25 entries) with N entries in the project: the first page, the next (by cursor), and one
 * action kind's, which must cost the same at every size.
 */
export interface AuditResult {
  readonly actions: ReadonlyArray<{ readonly name: string } & Figures & { readonly entries: number }>;
  readonly pages: ReadonlyArray<{ readonly size: number; readonly first: Figures; readonly next: Figures; readonly kind: Figures }>;
}

interface Figures {
  readonly kvsReads: number;
  readonly kvsWrites: number;
  readonly kvsReadBytes: number;
  readonly durationMs: number;
}

const ALICE = { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' } as const;
const BRUNO = { ...ALICE, userId: 'UBRUNO' } as const;

export async function runAudit(options: { readonly sizes: readonly number[]; readonly progress: Progress }): Promise<AuditResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-audit-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  try {
    await setUpDesk(bench, { operators: ['UALICE'] });
    options.progress.update('AUDIT: each admin action once');
    const actions: Array<{ name: string } & Figures & { entries: number; cursor?: string }> = [];
    const step = async (name: string, key: string, payload: unknown) => actions.push({ name, ...(await measured(bench, key, payload)) });
    await step('settings/update (Queue timeout)', 'settings/update', { change: { queueTimeoutMinutes: 15 } });
    await step('settings/update, nothing changed', 'settings/update', { change: { queueTimeoutMinutes: 15 } });
    await step('settings/update (support off)', 'settings/update', { change: { enabled: false } });
    await step('settings/update (support on)', 'settings/update', { change: { enabled: true } });
    await step('roles/grant', 'roles/grant', BRUNO);
    await step('roles/capacity', 'roles/capacity', { ...ALICE, capacity: 3 });
    await bench.slack.sendAs('UALICE', '#on');
    await bench.settle();
    await step('duty/put-off', 'duty/put-off', ALICE);
    await step('roles/revoke', 'roles/revoke', BRUNO);

    const pages: Array<{ size: number; first: Figures; next: Figures; kind: Figures }> = [];
    const log = new KvsAuditLog(kvs);
    let seeded = auditRows(bench);
    for (const size of options.sizes) {
      // Entries written as the app writes them, one a millisecond over the last days, every kind in turn.
      const start = Date.now() - size * 1000;
      for (let i = seeded; i < size; i += 1) {
        const kind = AUDIT_KINDS[i % AUDIT_KINDS.length]!;
        await log.write({ projectId: LOCAL_PROJECT.id, actor: { accountId: 'local-admin', displayName: 'Ada Admin' }, kind, changes: [{ label: 'Queue timeout', before: '10', after: '15', unit: 'minutes' }] }, start + i);
        if (i % 1000 === 999) options.progress.update(`AUDIT: ${fmt.int(i + 1)} of ${fmt.int(size)} entries`);
      }
      seeded = Math.max(seeded, size);
      const first = await measured(bench, 'audit/list', { limit: 25 });
      const next = await measured(bench, 'audit/list', { limit: 25, cursor: first.cursor });
      const kind = await measured(bench, 'audit/list', { limit: 25, kind: 'capacity' });
      pages.push({ size, first, next, kind });
    }
    return { actions: actions.map(({ cursor: _c, ...a }) => a), pages: pages.map((p) => ({ size: p.size, first: figuresOf(p.first), next: figuresOf(p.next), kind: figuresOf(p.kind) })) };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function auditRows(bench: BenchPlatform): number {
  return (bench.platform.kvsDb.prepare("SELECT COUNT(*) AS n FROM kvs_items WHERE ns = 'entity:audit'").get() as { n: number }).n;
}

/** One resolver call: its invocation's figures, the audit entries it added, and the cursor it answered. */
async function measured(bench: BenchPlatform, key: string, payload: unknown): Promise<Figures & { entries: number; cursor?: string }> {
  const rows0 = auditRows(bench);
  const i0 = bench.invocations.length;
  const answer: AdminResult = await bench.admin(key, payload);
  if (!answer.ok) throw new Error(`${key} failed: ${answer.error?.message ?? 'no answer'}`);
  const inv = bench.invocations.slice(i0).find((i) => i.functionKey === 'settings-resolver');
  if (!inv) throw new Error(`${key} left no resolver invocation`);
  await bench.settle();
  const cursor = (answer.data as { cursor?: string } | undefined)?.cursor;
  return { ...figuresOf({ ...inv.counters, durationMs: inv.durationMs }), entries: auditRows(bench) - rows0, ...(cursor ? { cursor } : {}) };
}

function figuresOf(f: Figures): Figures {
  return { kvsReads: f.kvsReads, kvsWrites: f.kvsWrites, kvsReadBytes: f.kvsReadBytes, durationMs: f.durationMs };
}

export function auditRowsOf(r: AuditResult): Row[] {
  const actions: Row[] = r.actions.map((a) => ({
    figure: 'AUDIT',
    what: `${a.name}: audit entries written`,
    measured: `${a.entries} ${a.entries === 1 ? 'entry' : 'entries'} · whole call ${fmt.int(a.kvsReads)} reads, ${fmt.int(a.kvsWrites)} writes, ${fmt.ms(a.durationMs)}`,
    target: a.name.includes('nothing changed') ? '0 entries' : '1 entry, 1 write',
    verdict: a.entries === (a.name.includes('nothing changed') ? 0 : 1) ? 'met' : 'missed',
  }));
  const sizes = r.pages.map((p) => fmt.int(p.size)).join(' → ');
  const pageRow = (what: string, pick: (p: AuditResult['pages'][number]) => Figures): Row => {
    const runs = r.pages.map(pick);
    const flat = runs.every((x) => x.kvsReads === runs[0]!.kvsReads);
    return {
      figure: 'AUDIT',
      what: `Audit log tab, ${what} (25 entries) at ${sizes} entries`,
      measured: `reads ${runs.map((x) => fmt.int(x.kvsReads)).join(' → ')} · read bytes ${runs.map((x) => fmt.bytes(x.kvsReadBytes)).join(' → ')} · time ${runs.map((x) => fmt.ms(x.durationMs)).join(' → ')}`,
      target: 'the same reads at every size',
      verdict: flat ? 'met' : 'missed',
      note: flat ? undefined : 'a page reads more as the log grows',
    };
  };
  return [...actions, pageRow('first page', (p) => p.first), pageRow('next page (Load more)', (p) => p.next), pageRow('one action kind', (p) => p.kind)];
}
