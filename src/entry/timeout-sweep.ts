import { sweepTimeouts } from '../app/queue/sweep-timeouts';
import { buildServices } from '../composition';

/** Scheduled every five minutes: closes silent conversations and tells users who waited too long. */
export async function timeoutSweep(): Promise<void> {
  const services = buildServices({ trigger: 'timeout-sweep' });
  const report = await sweepTimeouts(services);
  services.log.info('timeout_sweep', { ...report });
}
