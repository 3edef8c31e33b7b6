import { handleChatMessage } from '../app/conversation/handle-chat-message';
import { drainBacklog } from '../app/delivery/drain';
import { createTicketFromJob } from '../app/tickets/create-ticket';
import { expireOffer } from '../app/offers/settle-offer';
import { relayFiles } from '../app/files/relay-files';
import { attachTicketFiles } from '../app/files/ticket-files';
import { notify, NOTICE_ATTEMPTS } from '../app/delivery/notify';
import { isWorkJob, type WorkJob } from '../app/queue/work-job';
import { buildServices, erasureDeps, fileConsentDeps, type Services } from '../composition';
import { runErasureStep } from '../app/privacy/erase-person-job';
import { runTenantErasureStep } from '../app/privacy/erase-tenant-job';
import { answerFileConsent } from '../adapters/teams/teams-file-consent';
import { messageOf } from '../domain/koji-error';
import { afterJobFailure, unreadableJob } from './job-failures';

/**
 * Consumer of the `chat-work` queue. What happens after a failure is decided in
 * job-failures.ts: a malformed job is logged and dropped, anything thrown is
 * rethrown so Forge retries, which the delivery log makes safe.
 */
export async function chatConsumer(event: { body?: unknown; jobId?: string }): Promise<void> {
  const services = buildServices({ jobId: event.jobId });
  const job = event.body;
  if (!isWorkJob(job)) {
    services.log.warn('job_dropped', { reason: unreadableJob().reason, jobId: event.jobId });
    return;
  }
  try {
    await run(services, job);
  } catch (error) {
    if (afterJobFailure(error).kind === 'retry') throw error;
    services.log.warn('job_dropped', { reason: messageOf(error), jobId: event.jobId });
  }
}

async function run(services: Services, job: WorkJob): Promise<void> {
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
  if (job.kind === 'relay-files') {
    await relayFiles(services, job);
    return;
  }
  if (job.kind === 'ticket-files') {
    await attachTicketFiles(services, job);
    return;
  }
  if (job.kind === 'file-consent') {
    const { kind: _kind, ...answer } = job;
    services.log.info('job_done', { outcome: await answerFileConsent(fileConsentDeps(services), answer) });
    return;
  }
  if (job.kind === 'erase-person') {
    services.log.info('job_done', { outcome: await runErasureStep(erasureDeps(services), job) });
    return;
  }
  if (job.kind === 'erase-tenant') {
    if (services.history) services.log.info('job_done', { outcome: await runTenantErasureStep({ ...erasureDeps(services), history: services.history }, job) });
    return;
  }
  if (job.kind === 'offer-expiry') {
    services.log.info('job_done', { outcome: await expireOffer(services, job) });
    return;
  }
  const outcome = (await handleChatMessage(services, job.message)).outcome;
  services.log.info('job_done', { outcome, deliveryId: job.message.id });
}
