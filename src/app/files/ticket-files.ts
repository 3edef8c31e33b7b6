import type { Conversation } from '../../domain/conversation';
import { FileTransferError } from '../../domain/errors';
import { maxFileBytes, refusalOf } from '../../domain/files';
import { KojiError, messageOf } from '../../domain/koji-error';
import { isParticipant, type Participant } from '../../domain/participant';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import type { AttachmentRef, TranscriptLine } from '../../domain/transcript';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { limitedBody } from './limited-body';

/** The files of lines now on a ticket, to attach to it by a queued job (files are slower than a web trigger may wait). */
export interface TicketFilesJob {
  readonly kind: 'ticket-files';
  readonly ticketKey: string;
  readonly projectId: string;
  readonly conversationId: string;
  /** Told which files could not be attached: the operator who holds the conversation, if any. */
  readonly operator?: Participant | undefined;
  readonly operatorLang?: Language | undefined;
  readonly files: ReadonlyArray<{ readonly lineId: string; readonly from: Participant; readonly file: AttachmentRef }>;
}

/** Where a conversation's ticket files go, and who hears of the ones that could not: its operator, while it has one. */
export function ticketOf(conversation: Conversation, key: string): TicketOfConversation {
  const { state } = conversation;
  return { key, projectId: conversation.projectId, conversationId: conversation.id, ...(state.kind === 'with-operator' ? { operator: state.operator, operatorLang: state.operatorLang } : {}) };
}

export interface TicketOfConversation {
  readonly key: string;
  readonly projectId: string;
  readonly conversationId: string;
  readonly operator?: Participant | undefined;
  readonly operatorLang?: Language | undefined;
}

/** Queues the files of `lines` (those shared by people, never internal lines) for the ticket; nothing when none has any. */
export async function attachFilesLater(deps: CoreDeps, ticket: TicketOfConversation, lines: readonly TranscriptLine[]): Promise<void> {
  const files = lines.flatMap((l) => (l.speaker && !l.internal ? (l.attachments ?? []).map((file) => ({ lineId: l.id, from: l.speaker as Participant, file })) : []));
  if (files.length === 0) return;
  await deps.outbox.filesLater({ kind: 'ticket-files', ticketKey: ticket.key, projectId: ticket.projectId, conversationId: ticket.conversationId, operator: ticket.operator, operatorLang: ticket.operatorLang, files: files.slice(0, 50) });
}

/**
 * Attaches each file: the project's limits first, then read from its sender's platform and given to Jira. Each file is
 * claimed first, so a job delivered twice attaches it once. What could not be attached is told to the operator, named.
 */
export async function attachTicketFiles(deps: CoreDeps, job: TicketFilesJob): Promise<void> {
  const settings = await loadSettings(deps, job.projectId);
  const failed: Array<{ name: string; reason: string }> = [];
  for (const [i, { lineId, from, file }] of job.files.entries()) {
    if (!(await deps.deliveries.claim(`ticket-file:${job.ticketKey}:${lineId}:${i}`))) continue;
    const refusal = refusalOf(file, settings);
    if (refusal) {
      failed.push({ name: file.name, reason: refusal.kind === 'too-big' ? `larger than ${refusal.maxMegabytes} MB` : 'a type this service desk doesn’t accept' });
      continue;
    }
    try {
      const opened = await deps.files.open(from, file, maxFileBytes(settings));
      await deps.files.attachToTicket(job.ticketKey, { ...opened, body: limitedBody(opened.body, maxFileBytes(settings), file.name) });
    } catch (error) {
      deps.log.warn('ticket_file_not_attached', { ticket: job.ticketKey, reason: messageOf(error) });
      failed.push({ name: file.name, reason: error instanceof FileTransferError || error instanceof KojiError ? error.message : 'Jira did not take it' });
    }
  }
  const [first] = failed;
  if (!first || !job.operator) return;
  const reason = failed.every((f) => f.reason === first.reason) ? first.reason : failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
  await notify(deps, job.operator, { kind: 'notice', text: say(job.operatorLang).fileReplies.notAttached(job.ticketKey, failed.map((f) => f.name), reason), conversationId: job.conversationId });
}

export function isTicketFilesJob(value: unknown): value is TicketFilesJob {
  const j = value as Partial<Record<keyof TicketFilesJob, unknown>>;
  return (
    j.kind === 'ticket-files' &&
    [j.ticketKey, j.projectId, j.conversationId].every((s) => typeof s === 'string') &&
    (j.operator === undefined || isParticipant(j.operator)) &&
    Array.isArray(j.files) &&
    j.files.length <= 50 &&
    j.files.every((f: { lineId?: unknown; from?: unknown; file?: { name?: unknown; url?: unknown } }) => typeof f.lineId === 'string' && isParticipant(f.from) && typeof f.file?.name === 'string' && typeof f.file.url === 'string')
  );
}
