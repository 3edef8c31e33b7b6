import { projectTimeZone, type LiveAgentSettings } from '../../domain/settings';
import type { CoreDeps } from '../ports';
import { messageOf } from '../../domain/koji-error';

/**
 * What became of the assistant's answers, per project and day: answered from the knowledge base, solved (the
 * user's button), escalated to an operator after an answer, or no match.
 */
export type DeflectionEvent = 'answered' | 'solved' | 'escalated' | 'no-match';

export type DeflectionCounts = Readonly<Record<DeflectionEvent, number>>;

/**
 * Incremental counters: one write per event, keyed by the event's delivery id so a redelivery counts once;
 * never a write per message read. `day`: `YYYY-MM-DD` in the project's time zone.
 */
export interface DeflectionCounters {
  record(projectId: string, day: string, event: DeflectionEvent, eventId: string): Promise<void>;
  countsOn(projectId: string, day: string): Promise<DeflectionCounts>;
}

/** The calendar day of `at` in `timeZone`, as `YYYY-MM-DD`. */
export function dayIn(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Counts an event on the project's day; a counter that fails is logged, never the user's problem. */
export async function countDeflection(deps: CoreDeps, projectId: string, settings: LiveAgentSettings, event: DeflectionEvent, eventId: string): Promise<void> {
  if (!deps.deflection) return;
  try {
    await deps.deflection.record(projectId, dayIn(projectTimeZone(settings), deps.clock.now()), event, eventId);
  } catch (error) {
    deps.log.warn('deflection_count_failed', { projectId: projectId, event, reason: messageOf(error) });
  }
}

/** A project's counts for a day (`YYYY-MM-DD`), for the supervisor's view; all zero where nothing was counted. */
export async function deflectionOn(deps: Pick<CoreDeps, 'deflection'>, projectId: string, day: string): Promise<DeflectionCounts> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day.slice(0, 20)}`);
  return deps.deflection ? deps.deflection.countsOn(projectId, day) : { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };
}
