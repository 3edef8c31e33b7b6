import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { KvsPersonRecords } from '../../src/adapters/forge/kvs-person-records';
import { KvsConversationHistory } from '../../src/adapters/forge/kvs-history';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import { historyEntryOf } from '../../src/domain/history';
import { kvs } from '@forge/kvs';
import { runErasureStep, type ErasePersonJob } from '../../src/app/privacy/erase-person-job';
import { START } from '../../src/app/privacy/person-data';
import type { WorkJob } from '../../src/app/queue/work-job';
import { localPlatformClient, type AdminResult } from '../local/support/local-platform-client';
import { TEAMS_SANDBOX } from '../../packages/forge-local/src/teams';
import { deskChat, openTwoChannelDesk, teamsPersonId } from './support/two-channel-desk';

/**
 * Export and erasure of one person (issue 23), end to end: Bob talks to Alice on Slack, gets a ticket and rates
 * her; Eve talks to Alice too. An admin exports Bob's data and Alice's through the real backoffice resolvers, then
 * erases them; the local KVS is read afterwards, row by row.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say } = deskChat(() => ({ platform, slack, teams }));
const { admin, settle } = localPlatformClient(() => platform);
const BOB = { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' } as const;
const ALICE = { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' } as const;
const PROJECT = '10000';

interface ExportPage {
  records?: Record<string, unknown>;
  conversations: Array<Record<string, unknown>>;
  conversationRecords: Array<{ conversationId: string; records: Record<string, unknown> }>;
  lines: Array<{ conversationId: string; line: { text: string; speakerName: string } }>;
  written: Array<{ conversationId: string; line: { text: string; speakerName: string } }>;
  served: Array<Record<string, unknown>>;
  audit: Array<Record<string, unknown>>;
  figures: Array<{ day: string; figures: unknown }>;
  cursor?: string;
}

function data<T>(answer: AdminResult): T {
  if (!answer.ok) throw new Error(`The resolver refused: ${JSON.stringify(answer)}`);
  return answer.data as T;
}

/** Every page of a person's export, as the Privacy tab reads them. */
async function exportAll(person: typeof BOB | typeof ALICE): Promise<{ pages: number; all: ExportPage }> {
  const all: ExportPage = { conversations: [], conversationRecords: [], lines: [], written: [], served: [], audit: [], figures: [] };
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = data<ExportPage>(await admin('privacy/export', { ...person, ...(cursor ? { cursor } : {}) }));
    pages += 1;
    all.records ??= page.records;
    for (const key of ['conversations', 'conversationRecords', 'lines', 'written', 'served', 'audit', 'figures'] as const) (all[key] as unknown[]).push(...page[key]);
    cursor = page.cursor;
  } while (cursor);
  return { pages, all };
}

async function erase(person: typeof BOB | typeof ALICE): Promise<{ status: string; deleted: number; anonymised: number }> {
  const started = await admin('privacy/erase', person);
  if (!started.ok) throw new Error(JSON.stringify(started));
  await settle();
  return data(await admin('privacy/erasure', person));
}

/** Every KVS row of the app, as stored: key, namespace, value. */
function rows(): Array<{ ns: string; key: string; value: string }> {
  return platform.kvsDb.prepare('SELECT ns, key, value FROM kvs_items').all() as Array<{ ns: string; key: string; value: string }>;
}

/**
 * The rows that name `text`. A delivery claim (`delivery:v1:…`, value 1) is left out: its key is the platform's event
 * id, which for a Slack button click ends with the user id, and it is gone within a day (docs/privacy.md).
 */
/** The kind of an audit row (`undefined` for any other row). */
const kindOf = (row: { value: string }) => (JSON.parse(row.value) as { data?: { kind?: string } }).data?.kind;

const naming = (text: string) => rows().filter((r) => !r.key.startsWith('delivery:') && (r.key.includes(text) || r.value.includes(text)));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}));
  await say('slack', 'UALICE', '#on');
  await say('slack', 'UBOB', 'operator');
  await say('slack', 'UBOB', 'I am bob@sandbox.test and my password is hunter2');
  await say('slack', 'UALICE', 'Thanks Bob, I am resetting it');
  await say('slack', 'UALICE', '#create_ticket Password reset');
  await say('slack', 'UALICE', 'stop');
  const card = slack.conversation('UBOB').filter((m) => JSON.stringify(m.blocks ?? []).includes('koji:rate')).at(-1)!;
  await slack.click('UBOB', card.ts, 'koji:rate:4'); // the fifth button: 5 stars
  await settle();
  await say('slack', 'UEVE', 'operator');
  await say('slack', 'UEVE', 'The printer is jammed');
  await say('slack', 'UALICE', 'On my way, Eve');
  await say('slack', 'UALICE', 'stop');
  await say('slack', 'UALICE', '#off');
}, 60_000);

afterEach(() => platform.close());

describe('exporting a person’s data', () => {
  it('should give everything Koji keeps about Bob: his conversation and its lines, the rating, the ticket link, his records', async () => {
    const { all } = await exportAll(BOB);

    expect(all.conversations).toEqual([expect.objectContaining({ userName: 'Bob User', operatorName: 'Alice Operator', ticket: expect.objectContaining({ key: expect.stringMatching(/^SUP-/) }) })]);
    expect(all.lines.map((l) => l.line.text)).toEqual(expect.arrayContaining(['I am bob@sandbox.test and my password is hunter2', 'Thanks Bob, I am resetting it']));
    expect(all.conversationRecords.find((c) => c.conversationId === all.conversations[0]?.['conversationId'])?.records).toMatchObject({ rating: { score: 5, userName: 'Bob User' }, ticket: { state: 'created' }, ticketLink: expect.objectContaining({ userName: 'Bob User' }) });
    expect(all.records).toMatchObject({ historyAsUser: { name: 'Bob User' }, lastOperator: expect.anything() as unknown });
  });

  it('should give an operator’s duty history: the conversations she served, her words in them, her role in the audit log, her figures', async () => {
    const { all } = await exportAll(ALICE);

    expect(all.served.map((e) => e['userName'])).toEqual(['Eve User', 'Bob User']);
    expect(all.written.map((l) => l.line.text)).toEqual(expect.arrayContaining(['Thanks Bob, I am resetting it', 'On my way, Eve']));
    expect(all.records).toMatchObject({ operator: { displayName: 'Alice Operator', duty: 'off' }, satisfaction: { rated: 1 }, historyAsOperator: { name: 'Alice Operator' } });
    expect(all.audit).toEqual([expect.objectContaining({ kind: 'role-granted', subject: expect.objectContaining({ name: 'Alice Operator' }) })]);
    expect(all.figures).not.toHaveLength(0);
  });

  it('should record the export in the audit log by channel and id', async () => {
    await exportAll(BOB);

    const entries = data<{ entries: Array<{ text: string }> }>(await admin('audit/list', { kind: 'person-exported' })).entries;
    expect(entries.map((e) => e.text)).toEqual([expect.stringMatching(/exported the data of Slack user UBOB$/)]);
  });
});

describe('erasing a person’s data', () => {
  it('should leave nothing of Bob in Koji’s storage but the audit log’s note that his data was erased', async () => {
    expect(naming('UBOB').length).toBeGreaterThan(3);

    const erasure = await erase(BOB);

    expect(erasure).toMatchObject({ status: 'done', deleted: expect.any(Number) as unknown });
    expect(naming('hunter2')).toEqual([]);
    expect(naming('Bob User')).toEqual([]);
    expect(naming('UBOB').map((r) => [r.ns, kindOf(r)])).toEqual([['entity:audit', 'person-erased']]);
    const entries = data<{ entries: Array<{ text: string }> }>(await admin('audit/list', { kind: 'person-erased' })).entries;
    expect(entries.map((e) => e.text)).toEqual([expect.stringMatching(/erased the data of Slack user UBOB$/)]);
    expect(naming('printer is jammed')).toHaveLength(1);
  });

  it('should keep Alice’s part in others’ conversations as “erased person”, and forget her records', async () => {
    await erase(ALICE);

    expect(naming('Alice Operator')).toEqual([]);
    expect(naming('UALICE').map(kindOf)).toEqual(['person-erased']);
    const eve = data<{ conversations: Array<{ operatorName: string; conversationId: string }> }>(await admin('history/search', {})).conversations;
    expect(eve.map((c) => c.operatorName)).toEqual(['erased person', 'erased person']);
    const opened = data<{ transcript: { lines: Array<{ text: string; speakerName: string }> } }>(await admin('history/get', { conversationId: eve[0]!.conversationId }));
    expect(opened.transcript.lines.find((l) => l.text === 'On my way, Eve')?.speakerName).toBe('erased person');
    const roles = data<{ entries: Array<{ text: string }> }>(await admin('audit/list', { kind: 'role-granted' })).entries;
    expect(roles.map((e) => e.text).sort()).toEqual(['Ada Admin gave Tom Operator the Live agent role', 'Ada Admin gave erased person the Live agent role']);
  });

  it('should reach a message Alice edited as well', async () => {
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UALICE', 'Thanks Bob, I am looking');
    const ts = slack.conversation('UALICE').filter((m) => m.user === 'UALICE').at(-1)!.ts;
    expect((await slack.editAs('UALICE', ts, 'Thanks Bob, I am looking now')).status).toBe(200);
    await settle();
    await say('slack', 'UALICE', 'stop');
    await say('slack', 'UALICE', '#off');

    await erase(ALICE);

    expect(naming('Alice Operator')).toEqual([]);
  });

  it('should leave another project’s conversations alone: neither exported nor erased from this one', async () => {
    const elsewhere = 'slack/T0SANDBOX/UDANA/EvOTHERPROJECT';
    const line = { id: 'EvOTHER1', at: Date.now(), role: 'operator' as const, speakerName: 'Alice Operator', speaker: ALICE, text: 'Hello from project two' };
    await new KvsTranscriptLog(kvs).append(elsewhere, line, { expiresInSeconds: 3600 });
    await new KvsConversationHistory(kvs).record(historyEntryOf({ id: elsewhere, projectId: '10001', user: { ...ALICE, userId: 'UDANA' }, userName: 'Dana User', requestedAt: line.at, state: { kind: 'with-operator', operator: ALICE, operatorName: 'Alice Operator', since: line.at } }, 'operator-ended', line.at), 3600);

    const { all } = await exportAll(ALICE);
    await erase(ALICE);

    expect(all.written.map((l) => l.line.text)).not.toContain('Hello from project two');
    expect(naming('Hello from project two').map((r) => JSON.parse(r.value) as { line: { speakerName: string } }).map((r) => r.line.speakerName)).toEqual(['Alice Operator']);
  });

  it('should be safe to run twice: the second erasure finds nothing left', async () => {
    await erase(BOB);
    const before = rows().filter((r) => r.ns !== 'entity:audit' && !r.key.startsWith('erasure:'));

    const again = await erase(BOB);

    expect(again).toMatchObject({ status: 'done', deleted: 0, anonymised: 0 });
    expect(rows().filter((r) => r.ns !== 'entity:audit' && !r.key.startsWith('erasure:'))).toEqual(before);
  });

  it('should go on where a step stopped, with a few reads a step, until everything is erased', async () => {
    const records = new KvsPersonRecords(kvs);
    const queued: WorkJob[] = [];
    const deps = { records, progress: records, workQueue: { push: async (job: WorkJob) => void queued.push(job) }, clock: { now: () => Date.now() }, log: { info: () => undefined, warn: () => undefined, error: () => undefined } };
    let job: ErasePersonJob = { kind: 'erase-person', projectId: PROJECT, person: BOB, state: START };
    let steps = 0;

    while ((await runErasureStep(deps, job, { reads: 2, linesPage: 2, conversationsPage: 1, recordsPage: 2, figuresDays: 25 })) === 'continued') {
      job = queued.pop() as ErasePersonJob;
      steps += 1;
    }

    expect(steps).toBeGreaterThan(5);
    expect(naming('hunter2')).toEqual([]);
    expect(naming('UBOB').filter((r) => r.ns !== 'entity:audit')).toEqual([]);
  });

  it('should not name Alice on a ticket, in its transcript or in the History when a user she served still waited as she was erased', async () => {
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UDANA', 'operator');
    await say('slack', 'UDANA', 'My screen flickers');
    // Nobody else on duty: Dana is offered a ticket, and waits for her answer.
    await say('slack', 'UALICE', '#off');
    await erase(ALICE);

    await say('slack', 'UDANA', 'ticket');
    await settle();

    const description = platform.jsm!.requests().at(-1)?.fields['description'] as { content: Array<{ content?: Array<{ text?: string }> }> };
    const header = (description.content[0]?.content ?? []).map((t) => t.text).join('');
    expect(header).toBe('Created at the user’s request from a chat with Dana User (dana@sandbox.test) on Slack: no operator was available. Dana User has no Jira account with that e-mail, so the app raised it.');
    // Koji's own note of her leaving, on the ticket and in the transcript, names "erased person" as erasure does elsewhere.
    expect(JSON.stringify(description)).not.toContain('Alice');
    expect(JSON.stringify(description)).toContain('erased person went off duty; the conversation went back to the queue.');
    const found = data<{ conversations: Array<{ conversationId: string; userName: string; operatorName?: string }> }>(await admin('history/search', {}));
    const dana = found.conversations.find((c) => c.userName === 'Dana User');
    expect(dana).not.toHaveProperty('operatorName');
    const kept = data<{ transcript: { lines: Array<{ text: string }> } }>(await admin('history/get', { conversationId: dana!.conversationId }));
    expect(kept.transcript.lines.map((l) => l.text).join('\n')).not.toContain('Alice');
  });

  it('should not erase someone who is in a conversation right now', async () => {
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');

    const refused = await admin('privacy/erase', BOB);

    expect(refused).toMatchObject({ ok: false, error: { code: 'person_in_conversation' } });
  });
});

describe('finding a person and checking what the page sends', () => {
  it('should find a person by e-mail in the connected workspace, or take their user id', async () => {
    expect(await admin('privacy/find', { channel: 'slack', tenantId: 'T0SANDBOX', query: 'bob@sandbox.test' })).toMatchObject({ ok: true, data: { person: { userId: 'UBOB', label: 'Slack user UBOB', name: 'Bob User' } } });
    expect(await admin('privacy/find', { channel: 'slack', tenantId: 'T0SANDBOX', query: 'UEVE' })).toMatchObject({ ok: true, data: { person: { userId: 'UEVE' } } });
    expect(await admin('privacy/find', { channel: 'slack', tenantId: 'T0SANDBOX', query: 'nobody@sandbox.test' })).toMatchObject({ ok: false, error: { code: 'not_a_person' } });
  });

  it('should find a Teams person by their Microsoft Entra (AAD) object id', async () => {
    const vic = TEAMS_SANDBOX.people.find((p) => p.key === 'vic')!;

    const found = await admin('privacy/find', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, query: vic.aadObjectId });

    expect(found).toMatchObject({ ok: true, data: { person: { channel: 'teams', userId: teamsPersonId('vic'), label: `Teams user ${teamsPersonId('vic')}` } } });
  });

  it.each([
    ['a user id with spaces', 'privacy/erase', { ...BOB, userId: 'U B' }, /“userId”/],
    ['an unknown channel', 'privacy/export', { ...BOB, channel: 'irc' }, /channel/],
    ['a cursor it did not give', 'privacy/export', { ...BOB, cursor: Buffer.from('{"phase":"nowhere"}').toString('base64url') }, /“cursor”/],
    ['a query that is neither', 'privacy/find', { channel: 'slack', tenantId: 'T0SANDBOX', query: 'Bob; DROP' }, /“query”/],
  ])('should refuse %s with the reason', async (_what, key, payload, reason) => {
    expect(await admin(key, payload)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(reason) } });
  });

  it('should refuse someone who is not an admin', async () => {
    expect(await admin('privacy/export', BOB, 'local-agent')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('disconnecting a workspace and erasing its people', () => {
  it('should erase the data of the workspace’s people in the background, and say so in the audit log', async () => {
    const done = await admin('tenants/disconnect', { channel: 'slack', tenantId: 'T0SANDBOX', erasePeople: true });
    await settle();

    expect(done).toMatchObject({ ok: true, data: { erasing: true } });
    for (const word of ['hunter2', 'printer is jammed', 'Bob User', 'Eve User', 'Alice Operator']) expect({ word, rows: naming(word) }).toEqual({ word, rows: [] });
    const entries = data<{ entries: Array<{ text: string }> }>(await admin('audit/list', { kind: 'tenant-disconnected' })).entries;
    expect(entries[0]?.text).toMatch(/its people’s data being erased/);
  });
});
