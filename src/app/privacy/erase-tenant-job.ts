import { isChatChannel, type ChatChannel } from '../../domain/participant';
import type { ConversationHistory } from '../history/history-port';
import { startErasure, type ErasureDeps } from './erase-person-job';

/**
 * Erasing the people of a Slack workspace or Teams tenant an admin disconnected (with "erase its people's data"):
 * the users and operators History has seen in the project, a page per queued step, each of the tenant's starting
 * an erasure of their own (erase-person-job.ts). People History never saw (who only talked to the bot) have
 * nothing of theirs kept longer than their kept locale (30 days) and their last words to the bot (a day).
 */
export interface EraseTenantJob {
  readonly kind: 'erase-tenant';
  readonly projectId: string;
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly role: 'user' | 'operator';
  readonly cursor?: string | undefined;
}

export const TENANT_PEOPLE_PAGE = 50;

export function tenantErasureKey(job: Pick<EraseTenantJob, 'projectId' | 'channel' | 'tenantId'>): string {
  return `erase-tenant:${job.projectId}:${job.channel}:${job.tenantId}`;
}

export async function startTenantErasure(deps: ErasureDeps, tenant: Pick<EraseTenantJob, 'projectId' | 'channel' | 'tenantId'>): Promise<void> {
  const job: EraseTenantJob = { kind: 'erase-tenant', ...tenant, role: 'user' };
  await deps.workQueue.push(job, tenantErasureKey(job));
}

/** One page of the project's people of one role: starts the erasure of each of the tenant's, queues the next page. */
export async function runTenantErasureStep(deps: ErasureDeps & { readonly history: ConversationHistory }, job: EraseTenantJob): Promise<'done' | 'continued'> {
  const page = await deps.history.people(job.projectId, job.role, { limit: TENANT_PEOPLE_PAGE, cursor: job.cursor });
  const ofTenant = page.items.filter((p) => p.person.channel === job.channel && p.person.tenantId === job.tenantId);
  for (const { person } of ofTenant) await startErasure(deps, job.projectId, person);
  deps.log.info('tenant_erasure_step', { projectId: job.projectId, role: job.role, read: page.items.length, started: ofTenant.length });
  const next: EraseTenantJob | undefined = page.cursor ? { ...job, cursor: page.cursor } : job.role === 'user' ? { ...withoutCursor(job), role: 'operator' } : undefined;
  if (!next) return 'done';
  await deps.workQueue.push(next, tenantErasureKey(next));
  return 'continued';
}

function withoutCursor(job: EraseTenantJob): EraseTenantJob {
  const { cursor: _cursor, ...rest } = job;
  return rest;
}

export function isEraseTenantJob(value: unknown): value is EraseTenantJob {
  const job = value as Partial<EraseTenantJob> | undefined;
  return (
    typeof job === 'object' &&
    job !== null &&
    job.kind === 'erase-tenant' &&
    typeof job.projectId === 'string' &&
    /^\d{1,18}$/.test(job.projectId) &&
    isChatChannel(job.channel) &&
    typeof job.tenantId === 'string' &&
    /^[A-Za-z0-9._:-]{1,200}$/.test(job.tenantId) &&
    (job.role === 'user' || job.role === 'operator') &&
    (job.cursor === undefined || (typeof job.cursor === 'string' && /^[\x21-\x7e]{1,2000}$/.test(job.cursor)))
  );
}
