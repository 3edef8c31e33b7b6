import type { IncomingChatMessage } from './incoming-message';

/** Work handed from a web trigger to the queue consumer when it must not hold the platform's request. */
export type WorkJob = { readonly kind: 'handle-message'; readonly message: IncomingChatMessage };

export function isWorkJob(value: unknown): value is WorkJob {
  const job = value as { kind?: unknown; message?: { id?: unknown; projectId?: unknown; from?: unknown; text?: unknown; sentAt?: unknown } };
  return (
    typeof job === 'object' &&
    job !== null &&
    job.kind === 'handle-message' &&
    typeof job.message?.id === 'string' &&
    typeof job.message.projectId === 'string' &&
    typeof job.message.text === 'string' &&
    typeof job.message.sentAt === 'number' &&
    typeof job.message.from === 'object'
  );
}
