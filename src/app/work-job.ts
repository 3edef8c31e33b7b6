import type { OutgoingMessage } from '../domain/outgoing-message';
import type { Participant } from '../domain/participant';
import type { IncomingChatMessage } from './incoming-message';

/** Work handed to the queue consumer: a message to handle off the web trigger, or a send to retry later. */
export type WorkJob =
  | { readonly kind: 'handle-message'; readonly message: IncomingChatMessage }
  | { readonly kind: 'deliver'; readonly to: Participant; readonly message: OutgoingMessage };

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
  if (job.kind === 'deliver') return isParticipant(job.to) && typeof job.message?.['text'] === 'string' && typeof job.message['kind'] === 'string';
  return false;
}

function isParticipant(value: unknown): value is Participant {
  const p = value as Record<string, unknown> | undefined;
  return typeof p === 'object' && p !== null && (p['channel'] === 'slack' || p['channel'] === 'teams') && typeof p['tenantId'] === 'string' && typeof p['userId'] === 'string';
}
