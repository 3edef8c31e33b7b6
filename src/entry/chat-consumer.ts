import { handleIncomingMessage } from '../app/handle-incoming-message';
import { drainBacklog } from '../app/backlog/drain';
import { createTicketFromJob } from '../app/create-ticket';
import { notify, NOTICE_ATTEMPTS } from '../app/notify';
import { isWorkJob } from '../app/work-job';
import { buildServices } from '../composition';

/**
 * Consumer of the `chat-work` queue. A malformed job is logged and dropped (a
 * retry would fail the same way); an unexpected error is rethrown so Forge
 * retries, which the delivery log makes safe.
 */
export async function chatConsumer(event: { body?: unknown; jobId?: string }): Promise<void> {
  const services = buildServices({ jobId: event.jobId });
  const job = event.body;
  if (!isWorkJob(job)) {
    services.log.warn('job_dropped', { reason: 'malformed', jobId: event.jobId });
    return;
  }
  if (job.kind === 'deliver') {
    await notify(services, job.to, job.message, job.attempt ?? NOTICE_ATTEMPTS);
    return;
  }
  if (job.kind === 'create-ticket') {
    const outcome = await createTicketFromJob(services, job);
    services.log.info('job_done', { outcome: outcome.kind, conversationId: job.conversationId });
    return;
  }
  if (job.kind === 'drain') {
    await drainBacklog(services, job);
    return;
  }
  const outcome = await handleIncomingMessage(services, job.message);
  services.log.info('job_done', { outcome, deliveryId: job.message.id });
}
