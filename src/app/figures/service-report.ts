import { percentileSeconds } from '../../domain/duration-histogram';
import { parseParticipantKey } from '../../domain/participant';
import { NO_FIGURES, sumDays, type FigureCounts } from '../../domain/service-figures';
import { projectTimeZone, type LiveAgentSettings } from '../../domain/settings';
import type { ReportFiguresView, ReportPeriod, ServiceReportView } from '../../shared/resolver-contract';
import { dayIn, type DeflectionCounts } from '../deflection/deflection-counters';
import type { CoreDeps, DayRecords } from '../ports';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_DEFLECTION: DeflectionCounts = { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };

/** The `count` calendar days that end today in `timeZone`, oldest first, as `YYYY-MM-DD`. */
export function lastDays(timeZone: string, now: number, count: number): string[] {
  const [y, m, d] = dayIn(timeZone, now).split('-').map(Number) as [number, number, number];
  const today = Date.UTC(y, m - 1, d);
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * A project's service figures over the last `period` days, for the Reports tab: per day, the totals, and per
 * operator. Reads one figures record and one deflection record per day (ServiceFigures.days batches them),
 * whatever the number of conversations.
 */
export async function serviceReport(deps: Pick<CoreDeps, 'figures' | 'clock'>, projectId: string, settings: LiveAgentSettings, period: ReportPeriod): Promise<ServiceReportView> {
  const timeZone = projectTimeZone(settings);
  const days = lastDays(timeZone, deps.clock.now(), period);
  const stored: ReadonlyMap<string, DayRecords> = deps.figures ? await deps.figures.days(projectId, days) : new Map<string, DayRecords>();
  const records = days.map((day) => ({ day, figures: stored.get(day)?.figures ?? NO_FIGURES, deflection: stored.get(day)?.deflection ?? NO_DEFLECTION }));
  const total = sumDays(records.map((r) => r.figures));
  const deflection = records.reduce((sum, r) => addDeflection(sum, r.deflection), NO_DEFLECTION);
  const operators = Object.entries(total.operators).flatMap(([key, figures]) => {
    const participant = parseParticipantKey(key);
    return participant ? [{ name: figures.name, channel: participant.channel, ...viewOf(figures, NO_DEFLECTION) }] : [];
  });
  return {
    timeZone,
    days: records.map((r) => ({ day: r.day, ...viewOf(r.figures.project, r.deflection) })),
    totals: viewOf(total.project, deflection),
    operators: operators.sort((a, b) => b.served - a.served || a.name.localeCompare(b.name)),
  };
}

function viewOf(counts: FigureCounts, deflection: DeflectionCounts): ReportFiguresView {
  const starCount = counts.starCount ?? 0;
  return {
    asked: counts.asked ?? 0,
    served: counts.served ?? 0,
    abandoned: counts.abandoned ?? 0,
    timedOut: counts.timedOut ?? 0,
    tickets: counts.tickets ?? 0,
    offersMissed: counts.offersMissed ?? 0,
    rated: counts.rated ?? 0,
    satisfied: counts.satisfied ?? 0,
    averageStars: starCount > 0 ? Math.round(((counts.starSum ?? 0) / starCount) * 100) / 100 : undefined,
    waitMedianSeconds: percentileSeconds(counts.wait, 0.5),
    waitP90Seconds: percentileSeconds(counts.wait, 0.9),
    handleMedianSeconds: percentileSeconds(counts.handle, 0.5),
    kbAnswered: deflection.answered,
    kbSolved: deflection.solved,
    kbEscalated: deflection.escalated,
    kbNoMatch: deflection['no-match'],
  };
}

function addDeflection(a: DeflectionCounts, b: DeflectionCounts): DeflectionCounts {
  return { answered: a.answered + b.answered, solved: a.solved + b.solved, escalated: a.escalated + b.escalated, 'no-match': a['no-match'] + b['no-match'] };
}
