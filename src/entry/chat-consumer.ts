import { handleIncomingMessage } from '../app/handle-incoming-message';
import { isWorkJob } from '../app/work-job';
import { buildServices } from '../composition';

/**
 * Consumer of the `chat-work` queue. A malformed job is logged and dropped (a
 * retry would fail the same way); an unexpected error is rethrown so Forge
 * retries, which the delivery log makes safe.
 */
export async function chatConsumer(event: { body?: unknown; jobId?: string }): Promise<void> {
  const services = buildServices({ jobId: event.jobId });
  if (!isWorkJob(event.body)) {
    services.log.warn('job_dropped', { reason: 'malformed', jobId: event.jobId });
    return;
  }
  const outcome = await handleIncomingMessage(services, event.body.message);
  services.log.info('job_done', { outcome, deliveryId: event.body.message.id });
}
