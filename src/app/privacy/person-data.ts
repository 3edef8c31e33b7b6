import type { AuditEntry } from '../../domain/audit';
import type { HistoryEntry } from '../../domain/history';
import { participantKey, type Participant } from '../../domain/participant';
import { recentMessagesId } from '../transcript/transcript-ids';
import type { OwnConversation, PageAsk, PersonRecords, Stored, StoredLine } from './person-records';

/**
 * Export and erasure of one person's data in one project, as steps of bounded reads (issue 23). A step reads at
 * most `PERSON_DATA_LIMITS.reads` pages and says where the next one starts (`PersonDataState`): the export's
 * pages go to the backoffice one call at a time, the erasure's steps run as queued jobs (erase-person-job.ts).
 *
 * In this order: the person's own records (one batch), their conversations as the user (each one's lines, then
 * its rating, ticket link and history record), the lines they wrote elsewhere (an operator's words in users'
 * conversations of this project), the conversations they served, the audit entries naming them, their rows in the
 * service figures. Erasing deletes what is theirs and keeps what is others' with their name replaced by "erased
 * person". Where every erasing write takes the record out of the index it was found by (conversations, served,
 * audit), an erasure reads the index from its head again; the lines they wrote are paged by cursor (another
 * project's stay where they are), the figures by day. The state goes with the queued job, and a second erasure (or a
 * step that ran twice) finds nothing left to do.
 */
export interface PersonDataLimits {
  /** Index pages or key batches one step reads (one more for a conversation's records when exporting). */
  readonly reads: number;
  readonly linesPage: number;
  readonly conversationsPage: number;
  readonly recordsPage: number;
  readonly figuresDays: number;
}

export const PERSON_DATA_LIMITS: PersonDataLimits = { reads: 10, linesPage: 100, conversationsPage: 10, recordsPage: 50, figuresDays: 25 };

/** Conversations whose project one read of `projectsOf` finds (a KVS batch). */
export const PROJECTS_PER_READ = 25;

/** Service figures are kept 400 days (kvs-service-figures.ts): these UTC days, and one either side of the project's zone. */
export const FIGURES_DAYS = 402;

export type PersonDataPhase = 'own' | 'conversations' | 'spoken' | 'served' | 'audit' | 'figures' | 'done';
export const PERSON_DATA_PHASES: readonly PersonDataPhase[] = ['own', 'conversations', 'spoken', 'served', 'audit', 'figures', 'done'];

/** Where a walk through a person's data stands. Cursors are the store's (export only: erasing reads heads). */
export interface PersonDataState {
  readonly phase: PersonDataPhase;
  /** The phase's index page to read next; `exhausted`: its last page was read. */
  readonly cursor?: string | undefined;
  readonly exhausted?: boolean | undefined;
  /** Conversations of the person's read from History (or named by their records) and not yet done, first one first. */
  readonly pending?: readonly OwnConversation[] | undefined;
  /** Where the first pending conversation's lines go on (export). */
  readonly lineCursor?: string | undefined;
}

export const START: PersonDataState = { phase: 'own' };

/** What one export step found: the page merges these into one file. */
export interface PersonDataChunk {
  records?: Readonly<Record<string, unknown>>;
  readonly conversations: HistoryEntry[];
  readonly conversationRecords: Array<{ readonly conversationId: string; readonly records: Readonly<Record<string, unknown>> }>;
  readonly lines: StoredLine[];
  readonly written: StoredLine[];
  readonly served: HistoryEntry[];
  readonly audit: AuditEntry[];
  readonly figures: Array<{ readonly day: string; readonly figures: unknown }>;
}

export interface PersonDataStep {
  readonly state: PersonDataState;
  readonly reads: number;
  readonly deleted: number;
  readonly anonymised: number;
  /** Export only. */
  readonly chunk?: PersonDataChunk | undefined;
}

type Mode = 'export' | 'erase';

/** One bounded step of an export: what it found and where the next one starts (`state.phase === 'done'`: all). */
export function exportStep(store: PersonRecords, scope: WalkScope, state: PersonDataState, limits = PERSON_DATA_LIMITS): Promise<PersonDataStep> {
  return walk(store, 'export', scope, state, limits);
}

/** One bounded step of an erasure: how much it deleted and kept anonymised, and where the next one starts. */
export function eraseStep(store: PersonRecords, scope: WalkScope, state: PersonDataState, limits = PERSON_DATA_LIMITS): Promise<PersonDataStep> {
  return walk(store, 'erase', scope, state, limits);
}

/** Whose data, in which project, and when (epoch ms: the service figures' days count back from it). */
export interface WalkScope {
  readonly projectId: string;
  readonly person: Participant;
  readonly now: number;
}

async function walk(store: PersonRecords, mode: Mode, { projectId, person, now: today }: WalkScope, from: PersonDataState, limits: PersonDataLimits): Promise<PersonDataStep> {
  const chunk: PersonDataChunk = { conversations: [], conversationRecords: [], lines: [], written: [], served: [], audit: [], figures: [] };
  const counts = { reads: 0, deleted: 0, anonymised: 0 };
  const exporting = mode === 'export';
  const ask = (limit: number, cursor: string | undefined): PageAsk => ({ limit, ...(exporting && cursor ? { cursor } : {}) });
  let state = from;
  while (state.phase !== 'done' && counts.reads < limits.reads) {
    counts.reads += 1;
    switch (state.phase) {
      case 'own': {
        const own = await store.own(projectId, person);
        if (exporting) chunk.records = own.records;
        else counts.deleted += await store.eraseOwn(projectId, person, own);
        const named = [...own.conversationIds, recentMessagesId(person)];
        state = { phase: 'conversations', pending: [...new Set(named)].map((id) => ({ id })) };
        break;
      }
      case 'conversations':
        state = await conversationsStep(store, mode, projectId, person, state, { chunk, counts, ask, limits });
        break;
      case 'spoken': {
        // Paged by cursor in both modes: lines of another project's conversations stay, and are passed over.
        const page = await store.spoken(person, { limit: limits.linesPage, ...(state.cursor ? { cursor: state.cursor } : {}) });
        const ids = [...new Set(page.items.map((l) => l.value.conversationId))];
        counts.reads += Math.ceil(ids.length / PROJECTS_PER_READ);
        const projects = await store.projectsOf(ids);
        const here = page.items.filter((l) => projects.get(l.value.conversationId) === projectId);
        // Their words in their own conversations went with those: what is left of them here is theirs, the rest others'.
        const mine = here.filter((l) => isOwnConversation(person, l.value.conversationId));
        const others = here.filter((l) => !mine.includes(l));
        if (exporting) chunk.written.push(...others.map((l) => l.value));
        else {
          await store.deleteLines(mine.map((l) => l.value));
          await store.anonymiseLines(others);
          counts.deleted += mine.length;
          counts.anonymised += others.length;
        }
        state = next(state, page.cursor, page.cursor !== undefined, 'served');
        break;
      }
      case 'served':
        state = exporting ? await exportServed(store, projectId, person, state, { chunk, counts, ask, limits }) : await eraseServed(store, projectId, person, state, { chunk, counts, ask, limits });
        break;
      case 'audit': {
        const page = await store.audit(projectId, person, ask(limits.recordsPage, state.cursor));
        if (exporting) chunk.audit.push(...page.items.map((e) => e.value));
        else {
          await store.anonymiseAudit(page.items);
          counts.anonymised += page.items.length;
        }
        state = next(state, exporting ? page.cursor : undefined, page.cursor !== undefined, 'figures');
        break;
      }
      case 'figures': {
        // The days are the cursor's in both modes: rewriting a day does not take it out of anything.
        const from = Number(state.cursor ?? '0');
        const days = daysBack(today, from, Math.min(limits.figuresDays, FIGURES_DAYS - from));
        if (exporting) chunk.figures.push(...(await store.figures(projectId, person, days)));
        else counts.anonymised += await store.eraseFigures(projectId, person, days);
        const to = from + days.length;
        state = to < FIGURES_DAYS ? { phase: 'figures', cursor: String(to) } : { phase: 'done' };
        break;
      }
    }
  }
  return { state, ...counts, ...(exporting ? { chunk } : {}) };
}

interface StepScope {
  readonly chunk: PersonDataChunk;
  readonly counts: { reads: number; deleted: number; anonymised: number };
  readonly ask: (limit: number, cursor: string | undefined) => PageAsk;
  readonly limits: PersonDataLimits;
}

/** One read of the conversations phase: a page of the first pending conversation's lines, or the next History page. */
async function conversationsStep(store: PersonRecords, mode: Mode, projectId: string, person: Participant, state: PersonDataState, scope: StepScope): Promise<PersonDataState> {
  const { chunk, counts, ask, limits } = scope;
  const [first, ...rest] = state.pending ?? [];
  if (first) {
    const page = await store.lines(first.id, ask(limits.linesPage, state.lineCursor));
    if (mode === 'export') chunk.lines.push(...page.items);
    else {
      await store.deleteLines(page.items);
      counts.deleted += page.items.length;
    }
    // More lines: the same conversation goes on (an erasure reads the head again, where what is left waits).
    if (page.cursor) return { ...state, ...(mode === 'export' ? { lineCursor: page.cursor } : {}) };
    if (mode === 'export') {
      counts.reads += 1;
      const records = await store.extras(first);
      if (Object.keys(records).length > 0) chunk.conversationRecords.push({ conversationId: first.id, records });
    } else await store.deleteConversation(first);
    const { lineCursor: _done, ...without } = state;
    return { ...without, pending: rest };
  }
  if (state.exhausted) return { phase: 'spoken' };
  const page = await store.conversations(projectId, person, ask(limits.conversationsPage, state.cursor));
  if (mode === 'export') chunk.conversations.push(...page.items);
  if (mode === 'erase') counts.deleted += page.items.length;
  const pending = page.items.map((e) => ({ id: e.conversationId, ...(e.ticket ? { ticketKey: e.ticket.key } : {}) }));
  return { phase: 'conversations', pending, ...(mode === 'export' && page.cursor ? { cursor: page.cursor } : {}), exhausted: !page.cursor };
}

/** The same phase while its index has more (from `cursor` when exporting, from its head when erasing), else `then`. */
async function exportServed(store: PersonRecords, projectId: string, person: Participant, state: PersonDataState, scope: StepScope): Promise<PersonDataState> {
  const page = await store.served(projectId, person, scope.ask(scope.limits.recordsPage, state.cursor));
  scope.chunk.served.push(...page.items.map((e) => e.value));
  return next(state, page.cursor, page.cursor !== undefined, 'audit');
}

/**
 * Conversations they served stay the users': a page of them is kept with "erased person" as their operator (which
 * takes them out of the operator index), then Koji's own notes in each one that name the operator ("Alice ended the
 * conversation") are rewritten, a page of lines a read, before the next page of conversations.
 */
async function eraseServed(store: PersonRecords, projectId: string, person: Participant, state: PersonDataState, scope: StepScope): Promise<PersonDataState> {
  const { counts, limits } = scope;
  const [first, ...rest] = state.pending ?? [];
  if (first) {
    const page = await store.lines(first.id, { limit: limits.linesPage, ...(state.lineCursor ? { cursor: state.lineCursor } : {}) });
    const notes = first.name ? page.items.filter((l) => l.line.role === 'system' && l.line.text.includes(first.name!)) : [];
    counts.anonymised += await store.rewriteNotes(notes, first.name ?? '');
    if (page.cursor) return { ...state, lineCursor: page.cursor };
    const { lineCursor: _done, ...without } = state;
    return { ...without, pending: rest };
  }
  if (state.exhausted) return { phase: 'audit' };
  const page = await store.served(projectId, person, { limit: limits.conversationsPage });
  await store.anonymiseServed(page.items);
  counts.anonymised += page.items.length;
  const pending = page.items.map((e) => ({ id: e.value.conversationId, ...(e.value.operatorName ? { name: e.value.operatorName } : {}) }));
  return { phase: 'served', pending, exhausted: !page.cursor };
}

function next(state: PersonDataState, cursor: string | undefined, more: boolean, then: PersonDataPhase): PersonDataState {
  return more ? { phase: state.phase, ...(cursor ? { cursor } : {}) } : { phase: then };
}

/** The person's own conversations: named by their participant key (transcript-ids.ts), or their messages to the bot. */
export function isOwnConversation(person: Participant, conversationId: string): boolean {
  return conversationId.startsWith(`${participantKey(person)}/`) || conversationId === recentMessagesId(person);
}

export type { Stored };

/** `count` UTC days (`YYYY-MM-DD`), the first `skip` days after tomorrow back: tomorrow covers a zone ahead of UTC. */
function daysBack(now: number, skip: number, count: number): string[] {
  const DAY_MS = 24 * 60 * 60 * 1000;
  return Array.from({ length: Math.max(0, count) }, (_, i) => new Date(now + DAY_MS - (skip + i) * DAY_MS).toISOString().slice(0, 10));
}

/** KVS cursors are opaque text: printable, no spaces, bounded. */
const CURSOR = /^[\x21-\x7e]{1,2000}$/;
/** A conversation id: the user's key and a delivery (transcript-ids.ts), or their messages to the bot (`recent/…`). */
const CONVERSATION_ID = /^(slack|teams|recent)\/[\x21-\x7e]{1,800}$/;
const TICKET_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;

/** A state as a queued job or the backoffice's export cursor brings it back: checked field by field before use. */
export function isPersonDataState(value: unknown): value is PersonDataState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const s = value as Record<string, unknown>;
  const known = new Set(['phase', 'cursor', 'exhausted', 'pending', 'lineCursor']);
  if (Object.keys(s).some((k) => !known.has(k))) return false;
  if (!PERSON_DATA_PHASES.includes(s['phase'] as PersonDataPhase)) return false;
  const cursorOk = (c: unknown) => c === undefined || (typeof c === 'string' && CURSOR.test(c));
  if (!cursorOk(s['cursor']) || !cursorOk(s['lineCursor'])) return false;
  if (s['exhausted'] !== undefined && typeof s['exhausted'] !== 'boolean') return false;
  const pending = s['pending'];
  if (pending === undefined) return true;
  return Array.isArray(pending) && pending.length <= 20 && pending.every(isOwnConversationRef);
}

function isOwnConversationRef(value: unknown): value is OwnConversation {
  if (typeof value !== 'object' || value === null) return false;
  const { id, ticketKey, name, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof id === 'string' &&
    CONVERSATION_ID.test(id) &&
    (ticketKey === undefined || (typeof ticketKey === 'string' && TICKET_KEY.test(ticketKey))) &&
    (name === undefined || (typeof name === 'string' && name.length <= 200))
  );
}
