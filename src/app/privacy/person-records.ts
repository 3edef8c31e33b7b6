import type { AuditEntry } from '../../domain/audit';
import type { HistoryEntry } from '../../domain/history';
import type { Participant } from '../../domain/participant';
import type { TranscriptLine } from '../../domain/transcript';
import type { Page } from '../ports';

/** A record as its index gave it, with when it expires (epoch ms), so a record rewritten keeps its lifetime. */
export interface Stored<T> {
  readonly value: T;
  readonly expiresAt?: number | undefined;
}

/** One transcript line and the conversation it belongs to. */
export interface StoredLine {
  readonly conversationId: string;
  readonly line: TranscriptLine;
  /** When the line expires (epoch ms), for a line written with a TTL: a rewrite keeps it. */
  readonly expires?: number | undefined;
}

/** A conversation of the person's own whose lines and records are exported or erased: by id, with its ticket. */
export interface OwnConversation {
  readonly id: string;
  readonly ticketKey?: string | undefined;
  /** A conversation they served: the name Koji's notes in it give them, to be replaced. */
  readonly name?: string | undefined;
}

/**
 * What Koji keeps keyed by the person themselves, read in one batch: their open conversation, their operator
 * record, kept locale, last operator, rating comment window, rating counts, their rows in the History pickers,
 * their Teams address. Values as stored, for the export; `conversationIds` are the conversations the records
 * name that History may not (the open one, the messages they wrote to the bot before asking for a person).
 */
export interface OwnRecords {
  readonly records: Readonly<Record<string, unknown>>;
  readonly conversationIds: readonly string[];
}

export interface PageAsk {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * A person's records in one project, for their export and erasure (issue 23). Every read is one key batch or one
 * index page, never a scan: their own keys; their conversations through History's user index; their lines through
 * the conversation index and the `by-speaker` index; the conversations they served through History's operator
 * index; the audit entries naming them through the audit log's subject index. An erasing write takes the record out
 * of the index it was found by (a line rewritten loses its speaker, a history record its operator, an audit entry
 * its subject), so nothing is found twice.
 */
export interface PersonRecords {
  own(projectId: string, person: Participant): Promise<OwnRecords>;
  /** Deletes the records `own` found (their operator record only if it is this project's): answers how many. */
  eraseOwn(projectId: string, person: Participant, found: OwnRecords): Promise<number>;
  /** The person's past conversations as the user, newest first. */
  conversations(projectId: string, person: Participant, page: PageAsk): Promise<Page<HistoryEntry>>;
  /** One conversation's lines, oldest first. */
  lines(conversationId: string, page: PageAsk): Promise<Page<StoredLine>>;
  /** What a conversation has beside its lines: its rating, the rating invite, its ticket link (values as stored). */
  extras(conversation: OwnConversation): Promise<Readonly<Record<string, unknown>>>;
  /** Lines the person wrote, in any conversation, oldest first. */
  spoken(person: Participant, page: PageAsk): Promise<Page<Stored<StoredLine>>>;
  /** The project of each conversation History keeps (one read per 25 ids, PROJECTS_PER_READ); others are absent. */
  projectsOf(conversationIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Past conversations the person served last, as the operator, newest first. */
  served(projectId: string, person: Participant, page: PageAsk): Promise<Page<Stored<HistoryEntry>>>;
  /** Audit entries naming the person (a role, a capacity, put off duty), newest first. */
  audit(projectId: string, person: Participant, page: PageAsk): Promise<Page<Stored<AuditEntry>>>;

  /** The person's rows in the project's service figures of these days (`YYYY-MM-DD`), at most 25 days a read. */
  figures(projectId: string, person: Participant, days: readonly string[]): Promise<ReadonlyArray<{ readonly day: string; readonly figures: unknown }>>;
  /** Takes the person's rows out of those days' figures (the project's own counts stay): answers how many days changed. */
  eraseFigures(projectId: string, person: Participant, days: readonly string[]): Promise<number>;

  deleteLines(lines: readonly StoredLine[]): Promise<void>;
  /** Deletes a conversation's history record, rating, rating invite and ticket links (its lines are gone first). */
  deleteConversation(conversation: OwnConversation): Promise<void>;
  /** Keeps others' lines (a user's conversation) with the writer named "erased person" and no id. */
  anonymiseLines(lines: readonly Stored<StoredLine>[]): Promise<void>;
  /** Rewrites Koji's notes with `name` replaced by "erased person": answers how many. */
  rewriteNotes(lines: readonly StoredLine[], name: string): Promise<number>;
  /** Keeps others' conversations with their operator named "erased person" and no id, their ratings too; their rating invites go. */
  anonymiseServed(entries: readonly Stored<HistoryEntry>[]): Promise<void>;
  /** Keeps the audit entries with their subject named "erased person". */
  anonymiseAudit(entries: readonly Stored<AuditEntry>[]): Promise<void>;
}

/** How an erasure goes, for the backoffice: no name, no id, counts only. */
export interface ErasureProgress {
  readonly status: 'running' | 'done';
  readonly startedAt: number;
  readonly updatedAt: number;
  /** Records deleted, and records of others kept with "erased person" instead of the name. */
  readonly deleted: number;
  readonly anonymised: number;
  /** Invocations it took so far. */
  readonly steps: number;
}

/** Where erasures keep their progress, by project and person (a digest of them: the key names nobody). */
export interface ErasureProgressStore {
  progress(projectId: string, person: Participant): Promise<ErasureProgress | undefined>;
  saveProgress(projectId: string, person: Participant, progress: ErasureProgress): Promise<void>;
}
