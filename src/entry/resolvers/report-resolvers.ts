import { serviceReport } from '../../app/figures/service-report';
import { loadSettings } from '../../app/settings/project-settings';
import { buildServices } from '../../composition';
import { REPORT_PERIODS, type ReportPeriod } from '../../shared/resolver-contract';
import { forAdmins, InvalidRequestError, type ResolverHandler } from './resolver-kit';

export const reportResolvers: Record<string, ResolverHandler> = {
  /**
   * The Reports tab: the service figures of the last 7, 30 or 90 days. The period is checked before anything is
   * read; then the settings (for the time zone) and one figures and one deflection record per day, in batches.
   */
  'reports/get': forAdmins(async ({ projectId, payload }) => {
    const days = periodOf(payload);
    const services = buildServices({ projectId });
    return serviceReport(services, projectId, await loadSettings(services, projectId), days);
  }),
};

function periodOf(payload: unknown): ReportPeriod {
  const days = (payload as Record<string, unknown> | undefined)?.['days'];
  const period = REPORT_PERIODS.find((p) => p === days);
  if (period === undefined) throw new InvalidRequestError(`“days” must be one of ${REPORT_PERIODS.join(', ')}.`);
  return period;
}
