import type { kvs as KvsClient } from '@forge/kvs';
import type { ConsentAnswer, UploadInfo } from '../../app/files/file-consent-job';
import type { FileSource, FileTransfer } from '../../app/files/file-transfer';
import { limitedBody, readAll } from '../../app/files/limited-body';
import { FileTransferError } from '../../domain/errors';
import { messageOf } from '../../domain/koji-error';
import { isParticipant, sameParticipant, type Participant } from '../../domain/participant';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import { storageKeys } from '../forge/kvs-keys';
import type { TeamsReach } from './teams-files';
import { isTeamsFileHost } from './teams-file-hosts';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
/** How long a consent card can be answered: a day, then its file is forgotten (and the KVS key goes by itself). */
export const CONSENT_LIFETIME_SECONDS = 24 * 60 * 60;
/** The download and the upload, on the queue (a Forge function has 25 s). */
const UPLOAD_BUDGET_MS = 20_000;

export type { ConsentAnswer, UploadInfo };

/**
 * A file offered to a Teams person through a file consent card. Only its random id travels in the card (Teams hands
 * the card's context back, and anything in it is the invoker's to change); where the file is, who shared it and who
 * may accept it stay here.
 */
export interface PendingConsent extends FileSource {
  readonly id: string;
  readonly to: Participant;
  readonly senderName: string;
  readonly recipientName: string;
  /** The card's words are the recipient's language; what the sender hears after, theirs. */
  readonly senderLang?: Language | undefined;
  readonly recipientLang?: Language | undefined;
  readonly conversationId: string;
  readonly name: string;
  readonly expiresAt: number;
}

/** The pending consents, by id; `claim` says true once per id, so a second accept (or a redelivery) does nothing. */
export interface FileConsents {
  put(pending: PendingConsent): Promise<void>;
  get(id: string): Promise<PendingConsent | undefined>;
  claim(id: string): Promise<boolean>;
}

export interface ConsentDeps {
  readonly consents: FileConsents;
  /** Opens the file again from its sender's platform, with that platform's credentials (the file port). */
  readonly files: Pick<FileTransfer, 'open'>;
  readonly reach: TeamsReach;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  /** Tells the file's sender, on their platform. */
  readonly tell: (pending: PendingConsent, text: string) => Promise<void>;
  readonly log: { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void };
}

export type ConsentOutcome = 'refused' | 'already-answered' | 'declined' | 'uploaded' | 'failed';

/** The card Teams shows with Allow and Decline; both contexts carry the id and nothing else. */
export function consentCard(pending: PendingConsent, size: number | undefined): Record<string, unknown> {
  return {
    contentType: FILE_CONSENT_CARD,
    name: pending.name,
    content: {
      description: say(pending.recipientLang).fileReplies.consentDescription(pending.name, pending.senderName),
      ...(size !== undefined ? { sizeInBytes: size } : {}),
      acceptContext: { id: pending.id },
      declineContext: { id: pending.id },
    },
  };
}

/**
 * A person answered a consent card. Nothing is fetched or sent unless the id is one Koji gave, still pending, offered
 * to this very person, and (on accept) the upload URL is on OneDrive's host; then, once per id: a decline is told to
 * the sender; an accept opens the file again from its sender's platform, puts it to the upload URL and sends the file
 * info card, and a failure is told to the sender.
 */
export async function answerFileConsent(deps: ConsentDeps, answer: ConsentAnswer): Promise<ConsentOutcome> {
  const pending = await checkFileConsent(deps, answer);
  if (!pending) return 'refused';
  const upload = answer.upload;
  if (!(await deps.consents.claim(answer.id))) return 'already-answered';
  if (answer.action === 'decline' || !upload) {
    await deps.tell(pending, say(pending.senderLang).fileReplies.declined(pending.name, pending.recipientName));
    return 'declined';
  }
  try {
    await uploadAndShow(deps, pending, upload);
    deps.log.info('file_relayed', { conversationId: pending.conversationId, how: 'consent' });
    return 'uploaded';
  } catch (error) {
    deps.log.warn('file_transfer_failed', { conversationId: pending.conversationId, reason: messageOf(error) });
    const reason = error instanceof FileTransferError ? error.message : 'Microsoft Teams did not take it';
    await deps.tell(pending, say(pending.senderLang).fileReplies.notRelayed(pending.name, pending.recipientName, { kind: 'not-transferred', reason }));
    return 'failed';
  }
}

/**
 * The offer the answer is for, if it is one Koji made, still pending, to this very person, and (on accept) with upload
 * and content URLs on OneDrive's host; undefined, logged, otherwise. Reads the offer only: no call out.
 */
export async function checkFileConsent(deps: Pick<ConsentDeps, 'consents' | 'now' | 'log'>, answer: ConsentAnswer): Promise<PendingConsent | undefined> {
  const refused = (reason: string): undefined => {
    deps.log.warn('teams_file_consent_refused', { reason });
    return undefined;
  };
  const upload = answer.upload;
  if (answer.action === 'accept' && (!upload || !isUploadUrl(upload.uploadUrl) || !isUploadUrl(upload.contentUrl))) return refused('upload URL not on OneDrive');
  const pending = await deps.consents.get(answer.id);
  if (!pending) return refused('unknown id');
  if (pending.expiresAt <= deps.now()) return refused('expired');
  if (!sameParticipant(pending.to, answer.invoker)) return refused('not the recipient');
  return pending;
}

/**
 * Buffered, not streamed: the upload names the whole range up front (`Content-Range: bytes 0-(n-1)/n`) and a
 * platform may not say a file's size; the project's limit caps what is held.
 */
async function uploadAndShow(deps: ConsentDeps, pending: PendingConsent, upload: UploadInfo): Promise<void> {
  const signal = AbortSignal.timeout(UPLOAD_BUDGET_MS);
  const opened = await deps.files.open(pending.from, pending.ref, pending.maxBytes);
  if (opened.size !== undefined && opened.size > pending.maxBytes) {
    await opened.body.cancel().catch(() => undefined);
    throw new FileTransferError('it is larger than this service desk accepts');
  }
  const bytes = await readAll(limitedBody(opened.body, pending.maxBytes, pending.name));
  const n = bytes.byteLength;
  const put = await deps.fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', ...(n > 0 ? { 'Content-Range': `bytes 0-${n - 1}/${n}` } : {}) },
    body: bytes,
    redirect: 'error',
    signal,
  });
  if (!put.ok) throw new FileTransferError(`Microsoft OneDrive refused the upload (${put.status})`);
  const { reference, connector } = await deps.reach.reachWithConnector(pending.to);
  await connector.send(reference.serviceUrl, reference.conversationId, {
    type: 'message',
    attachments: [{ contentType: FILE_INFO_CARD, contentUrl: upload.contentUrl, name: upload.name, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } }],
  });
}

/** OneDrive for Business's host only (https, *.sharepoint.com, no credentials in the URL): nothing a payload names. */
function isUploadUrl(href: string): boolean {
  const url = URL.parse(href);
  return url !== null && isTeamsFileHost(url);
}

type Kvs = typeof KvsClient;

/** Pending consents in KVS under their id, gone by themselves after a day; the claim is a create-if-absent key. */
export class KvsFileConsents implements FileConsents {
  constructor(
    private readonly kvs: Kvs,
    private readonly deliveries: { claim(id: string): Promise<boolean> },
  ) {}

  async put(pending: PendingConsent): Promise<void> {
    await this.kvs.set(storageKeys.fileConsent(pending.id), pending, { ttl: { value: CONSENT_LIFETIME_SECONDS / 3600, unit: 'HOURS' } });
  }

  async get(id: string): Promise<PendingConsent | undefined> {
    const stored = await this.kvs.get<unknown>(storageKeys.fileConsent(id));
    return isPendingConsent(stored) && stored.id === id ? stored : undefined;
  }

  claim(id: string): Promise<boolean> {
    return this.deliveries.claim(`file-consent:${id}`);
  }
}

function isPendingConsent(value: unknown): value is PendingConsent {
  const p = value as Partial<Record<keyof PendingConsent, unknown>> | undefined;
  return (
    typeof p === 'object' &&
    p !== null &&
    [p.id, p.senderName, p.recipientName, p.conversationId, p.name].every((s) => typeof s === 'string') &&
    typeof p.expiresAt === 'number' &&
    typeof p.maxBytes === 'number' &&
    isParticipant(p.from) &&
    isParticipant(p.to) &&
    typeof (p.ref as { name?: unknown } | undefined)?.name === 'string'
  );
}
