import type { OutgoingMessage } from '../../domain/outgoing-message';
import { isParticipant, type Participant } from '../../domain/participant';
import { isOfferExpiryJob, type OfferExpiryJob } from '../offers/offer-expiry-job';
import type { DrainJob } from '../delivery/drain-job';
import type { TicketJob } from '../tickets/create-ticket';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { isFilesJob, type FilesJob } from '../files/relay-files';
import { isTicketFilesJob, type TicketFilesJob } from '../files/ticket-files';
import { isFileConsentJob, type FileConsentJob } from '../files/file-consent-job';
import { isErasePersonJob, type ErasePersonJob } from '../privacy/erase-person-job';
import { isEraseTenantJob, type EraseTenantJob } from '../privacy/erase-tenant-job';

/**
 * Work handed to the queue consumer: a message to handle off the web trigger,
 * a notice to send again (`attempt`: tries it already had), or a relay
 * backlog to work through.
 */
export type WorkJob =
  | { readonly kind: 'handle-message'; readonly message: IncomingChatMessage }
  | { readonly kind: 'deliver'; readonly to: Participant; readonly message: OutgoingMessage; readonly attempt?: number }
  | DrainJob
  | TicketJob
  | OfferExpiryJob
  | FilesJob
  | TicketFilesJob
  | FileConsentJob
  | ErasePersonJob
  | EraseTenantJob;

export function isWorkJob(value: unknown): value is WorkJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as { kind?: unknown; message?: Record<string, unknown>; to?: Record<string, unknown> };
  if (job.kind === 'handle-message') {
    const m = job.message;
    return (
      typeof m?.['id'] === 'string' &&
      typeof m['projectId'] === 'string' &&
      typeof m['text'] === 'string' &&
      typeof m['sentAt'] === 'number' &&
      isParticipant(m['from'])
    );
  }
  if (job.kind === 'offer-expiry') return isOfferExpiryJob(value);
  if (job.kind === 'relay-files') return isFilesJob(value);
  if (job.kind === 'ticket-files') return isTicketFilesJob(value);
  if (job.kind === 'file-consent') return isFileConsentJob(value);
  if (job.kind === 'erase-person') return isErasePersonJob(value);
  if (job.kind === 'erase-tenant') return isEraseTenantJob(value);
  if (job.kind === 'deliver') return isParticipant(job.to) && typeof job.message?.['text'] === 'string' && typeof job.message['kind'] === 'string';
  if (job.kind === 'create-ticket') {
    const t = value as { operator?: unknown; conversationId?: unknown; userName?: unknown; summary?: unknown; attempt?: unknown };
    return isParticipant(t.operator) && typeof t.conversationId === 'string' && typeof t.userName === 'string' && (t.summary === undefined || typeof t.summary === 'string') && (t.attempt === undefined || (Number.isInteger(t.attempt) && (t.attempt as number) >= 1));
  }
  if (job.kind === 'drain') {
    const { lane, attempt, token, start } = value as { lane?: Record<string, unknown>; attempt?: unknown; token?: unknown; start?: { line?: { at?: unknown; id?: unknown }; uncertain?: unknown } };
    if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1) return false;
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return false;
    if (start !== undefined && !(typeof start.line?.at === 'number' && typeof start.line.id === 'string' && typeof start.uncertain === 'boolean')) return false;
    if (typeof lane?.['conversationId'] !== 'string') return false;
    if (lane['direction'] === 'to-operator') return isParticipant(lane['user']);
    if (lane['direction'] === 'to-user') return isParticipant(lane['operator']);
  }
  return false;
}
