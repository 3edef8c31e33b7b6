import { readdirSync } from 'node:fs';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { JsmTicketService } from '../../src/adapters/forge/jsm-ticket-service';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startSandboxedPlatform } from './support/local-platform-client';

/**
 * Who may call which resolver key, from every page the app puts in Jira: the backoffice (project
 * settings and Jira's admin page) is for Jira administrators and the project's administrators,
 * reads included; the issue panel shows its ticket's conversation to whoever may browse the ticket,
 * and nothing else to anyone.
 */
let platform: LocalPlatform;
beforeEach(async () => {
  ({ platform } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

/** The issue panel's one key. */
const PANEL_KEY = 'transcript/get';

/**
 * Every key of every handler map in src/entry/resolvers, read from the maps themselves so that a
 * key added later (to any map, in any file there) is checked without anyone listing it.
 */
async function resolverKeys(): Promise<string[]> {
  const folder = path.join(__dirname, '..', '..', 'src', 'entry', 'resolvers');
  const modules = await Promise.all(readdirSync(folder).filter((file) => file.endsWith('.ts')).map((file) => import(path.join(folder, file)) as Promise<Record<string, unknown>>));
  const keys = modules
    .flatMap((exported) => Object.values(exported))
    .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value))
    .filter((map) => Object.keys(map).length > 0 && Object.entries(map).every(([key, handler]) => /^[a-z-]+\/[a-z-]+$/.test(key) && typeof handler === 'function'))
    .flatMap((map) => Object.keys(map));
  return [...new Set(keys)].sort();
}

type Answer = { status: number; ok?: boolean; code?: string; body: string };

async function invoke(moduleKey: string, functionKey: string, as: string, issueKey?: string): Promise<Answer> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey, functionKey, payload: {}, ...(issueKey ? { issueKey } : {}) }),
  });
  const body = await response.text();
  const result = (JSON.parse(body) as { result?: { ok?: boolean; error?: { code?: string } } }).result;
  return { status: response.status, ok: result?.ok, code: result?.error?.code, body };
}

/** A refusal: the resolver said `forbidden`, or the page's resolver function has no such key (Forge's `invoke` rejects). */
const refused = (answer: Answer): boolean => (answer.status === 200 && answer.ok === false && answer.code === 'forbidden') || (answer.status !== 200 && answer.ok === undefined);

/** SUP-1, made by Koji from a conversation whose transcript says something private. */
async function ticketFromConversation(): Promise<void> {
  const lines = [{ id: 'Ev1', at: Date.UTC(2026, 10, 25, 9, 30), role: 'user' as const, speakerName: 'Bob User', text: 'My printer jams' }];
  await new KvsTranscriptLog(kvs).appendMany('conv-bob', lines);
  await new JsmTicketService().createTicket({
    conversationId: 'conv-bob',
    projectId: '10000',
    summary: 'Printer jams',
    requester: { participant: { channel: 'slack', tenantId: 'T1', userId: 'UBOB' }, name: 'Bob User' },
    lines,
  });
}

describe('who may call each resolver key, from each page', () => {
  it('should find the resolver keys in the handler maps, the panel’s among them', async () => {
    const keys = await resolverKeys();

    expect(keys).toContain(PANEL_KEY);
    expect(keys).toEqual(expect.arrayContaining(['settings/get', 'activity/get', 'settings/update', 'tenants/list']));
  });

  it('should refuse every key but the panel’s to someone who is no admin, from every page, before reading anything', async () => {
    await ticketFromConversation();
    const pages = platform.manifest.pages;
    expect(pages.map((p) => p.moduleType).sort()).toEqual(['jira:adminPage', 'jira:issuePanel', 'jira:projectSettingsPage']);

    const answers: Array<{ page: string; key: string; as: string; refused: boolean }> = [];
    for (const as of ['local-agent', 'someone-from-elsewhere']) {
      for (const page of pages) {
        for (const key of (await resolverKeys()).filter((k) => k !== PANEL_KEY)) {
          answers.push({ page: page.key, key, as, refused: refused(await invoke(page.key, key, as, 'SUP-1')) });
        }
      }
    }

    expect(answers.filter((a) => !a.refused)).toEqual([]);
    expect(answers.length).toBeGreaterThan(2 * 3 * 10);
  });

  it('should answer the panel’s key on the issue panel only, and only about a ticket the caller can browse', async () => {
    await ticketFromConversation();
    const panel = platform.manifest.pages.find((p) => p.moduleType === 'jira:issuePanel')!.key;
    const backoffices = platform.manifest.pages.filter((p) => p.moduleType !== 'jira:issuePanel').map((p) => p.key);

    const seen = await invoke(panel, PANEL_KEY, 'local-agent', 'SUP-1');
    const stranger = await invoke(panel, PANEL_KEY, 'someone-from-elsewhere', 'SUP-1');
    const elsewhere = await Promise.all(backoffices.map((page) => invoke(page, PANEL_KEY, 'local-admin', 'SUP-1')));

    expect(seen).toMatchObject({ status: 200, ok: true });
    expect(seen.body).toContain('My printer jams');
    expect(stranger).toMatchObject({ status: 200, ok: false, code: 'no_conversation' });
    expect(stranger.body).not.toContain('My printer jams');
    for (const answer of elsewhere) {
      expect(answer.ok).not.toBe(true);
      expect(answer.body).not.toContain('My printer jams');
    }
  });

  it('should let the project’s administrators read the backoffice of their project', async () => {
    const settingsPage = platform.manifest.pages.find((p) => p.moduleType === 'jira:projectSettingsPage')!.key;

    for (const key of ['settings/get', 'activity/get', 'request-types/list', 'tenants/list']) {
      expect({ key, answer: await invoke(settingsPage, key, 'local-project-admin') }).toMatchObject({ key, answer: { status: 200, ok: true } });
    }
  });
});
