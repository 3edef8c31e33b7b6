import { FileTooBigError, FileTransferError } from '../../domain/errors';
import { maxFileBytes, refusalOf, type FileRefusal } from '../../domain/files';
import { KojiError, messageOf } from '../../domain/koji-error';
import { isParticipant, sameParticipant, type Participant } from '../../domain/participant';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import type { AttachmentRef, TranscriptLine } from '../../domain/transcript';
import { notify } from '../delivery/notify';
import type { Lane } from '../delivery/lane';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { limitedBody } from './limited-body';

/**
 * The files of one relayed line, sent after its words by a queued job: a file can take longer than Slack's three
 * seconds, so the web trigger only queues it (one push, and only for lines that carry files).
 */
export interface FilesJob {
  readonly kind: 'relay-files';
  readonly conversationId: string;
  /** The conversation's user: their record says whether it still runs, and with whom. */
  readonly user: Participant;
  readonly from: Participant;
  readonly to: Participant;
  readonly senderName: string;
  readonly recipientName: string;
  /** What the sender is told, and the recipient's platform shows (a consent card), is in each one's language. */
  readonly senderLang?: Language | undefined;
  readonly recipientLang?: Language | undefined;
  readonly lineId: string;
  readonly files: readonly AttachmentRef[];
}

/** Hands a relayed line's files to the queue; nothing for a line without any. */
export async function relayFilesLater(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<void> {
  if (!line.attachments || line.attachments.length === 0) return;
  const user = lane.ref.direction === 'to-operator' ? lane.ref.user : lane.to;
  await deps.outbox.filesLater({
    kind: 'relay-files',
    conversationId: lane.ref.conversationId,
    user,
    from: lane.sender,
    to: lane.to,
    senderName: lane.senderName,
    recipientName: lane.recipientName,
    senderLang: lane.senderLang,
    recipientLang: lane.recipientLang,
    lineId: line.id,
    files: line.attachments,
  });
}

/**
 * Sends each file, in order, if the conversation still runs between the same two people: the project's limits first
 * (type, and size when the platform said it), then downloaded with the sender's platform's credentials and uploaded
 * to the recipient's, a stream cut off past the limit. A file refused or failed is told to its sender with the
 * reason; none is dropped silently. Each file is claimed before it is sent, so a job the queue delivers twice sends
 * it once.
 */
export async function relayFiles(deps: CoreDeps, job: FilesJob): Promise<void> {
  const conversation = await deps.state.getConversation(job.user);
  const state = conversation?.value.id === job.conversationId ? conversation.value.state : undefined;
  const settings = await loadSettings(deps, conversation?.value.projectId ?? '');
  const runs = state?.kind === 'with-operator' && [job.from, job.to].some((p) => sameParticipant(p, state.operator));
  for (const [i, file] of job.files.entries()) {
    if (!(await deps.deliveries.claim(`files:${job.lineId}:${i}`))) continue;
    if (!runs) {
      await tell(deps, job, say(job.senderLang).fileReplies.conversationOver(file.name, job.recipientName));
      continue;
    }
    const refusal = refusalOf(file, settings) ?? (await transfer(deps, job, file, maxFileBytes(settings), settings.maxFileMegabytes));
    if (refusal) {
      deps.log.warn('file_not_relayed', { conversationId: job.conversationId, reason: refusal.kind });
      await tell(deps, job, say(job.senderLang).fileReplies.notRelayed(file.name, job.recipientName, refusal));
    }
  }
}

async function transfer(deps: CoreDeps, job: FilesJob, ref: AttachmentRef, maxBytes: number, maxMegabytes: number): Promise<FileRefusal | undefined> {
  try {
    const opened = await deps.files.open(job.from, ref, maxBytes);
    if (opened.size !== undefined && opened.size > maxBytes) {
      await opened.body.cancel().catch(() => undefined);
      return { kind: 'too-big', maxMegabytes };
    }
    const file = { ...opened, body: limitedBody(opened.body, maxBytes, ref.name) };
    const how = await deps.files.send(job.to, file, {
      senderName: job.senderName,
      senderLang: job.senderLang,
      recipientLang: job.recipientLang,
      conversationId: job.conversationId,
      source: { from: job.from, ref, maxBytes },
    });
    deps.log.info('file_relayed', { conversationId: job.conversationId, how, bytes: opened.size });
    return undefined;
  } catch (error) {
    const cause = tooBig(error);
    if (cause) return { kind: 'too-big', maxMegabytes };
    if (error instanceof FileTransferError) return { kind: 'not-transferred', reason: error.message };
    // A passing failure is not retried: the file would be sent again with the ones before it. Its sender hears.
    deps.log.warn('file_transfer_failed', { conversationId: job.conversationId, reason: messageOf(error) });
    return { kind: 'not-transferred', reason: error instanceof KojiError ? error.message : 'the chat service did not take it' };
  }
}

/** A body cut off by limitedBody surfaces wrapped by whatever read it (fetch's "terminated"): found in the causes. */
function tooBig(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof FileTooBigError) return true;
  }
  return false;
}

async function tell(deps: CoreDeps, job: FilesJob, text: string): Promise<void> {
  await notify(deps, job.from, { kind: 'notice', text, conversationId: job.conversationId });
}

export function isFilesJob(value: unknown): value is FilesJob {
  const j = value as Partial<Record<keyof FilesJob, unknown>>;
  return (
    j.kind === 'relay-files' &&
    [j.conversationId, j.senderName, j.recipientName, j.lineId].every((s) => typeof s === 'string') &&
    [j.user, j.from, j.to].every(isParticipant) &&
    Array.isArray(j.files) &&
    j.files.length <= 10 &&
    j.files.every((f: unknown) => typeof (f as AttachmentRef | undefined)?.name === 'string' && typeof (f as AttachmentRef).url === 'string')
  );
}
