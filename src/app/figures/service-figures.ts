import { messageOf } from '../../domain/koji-error';
import type { Conversation } from '../../domain/conversation';
import type { Operator } from '../../domain/operator';
import type { DayFigures, FigureEvent, OperatorRef } from '../../domain/service-figures';
import { projectTimeZone, type LiveAgentSettings } from '../../domain/settings';
import { dayIn, type DeflectionCounts } from '../deflection/deflection-counters';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';

/** What a report reads of one day: the service figures, and the assistant's deflection counts (deflection/). */
export interface DayRecords {
  readonly figures: DayFigures;
  readonly deflection: DeflectionCounts;
}

/**
 * The service figures per project and day (`YYYY-MM-DD` in the project's time zone), the project's and each
 * operator's in one record: an event is one compare-and-set of that record (one read, one write), however busy
 * the day, and a report reads one record per day and kind, in batches, never a scan.
 */
export interface ServiceFigures {
  record(projectId: string, day: string, events: readonly FigureEvent[]): Promise<void>;
  /** The given days' records; a day with nothing counted is absent or all zeros. */
  days(projectId: string, days: readonly string[]): Promise<ReadonlyMap<string, DayRecords>>;
}

/**
 * Counts `events` on the project's day of now. The events are counted after the change they describe
 * committed, so the invocation that won the commit counts it, once. A count that fails is logged, never the
 * user's problem. `settings`: the project's, when the caller has them (otherwise read here: one read more).
 */
export async function countFigures(deps: CoreDeps, projectId: string, settings: LiveAgentSettings | undefined, events: readonly FigureEvent[]): Promise<void> {
  if (!deps.figures || events.length === 0) return;
  try {
    const timeZone = projectTimeZone(settings ?? (await loadSettings(deps, projectId)));
    await deps.figures.record(projectId, dayIn(timeZone, deps.clock.now()), events);
  } catch (error) {
    deps.log.warn('figures_count_failed', { projectId, events: events.map((e) => e.kind), reason: messageOf(error) });
  }
}

export function operatorRef(operator: Pick<Operator, 'participant' | 'displayName'>): OperatorRef {
  return { participant: operator.participant, name: operator.displayName };
}

/**
 * A waiting user was just connected to `operator`: served, having waited since their wait began (asked, or
 * handed back to the queue). `waiting` is the conversation as it was before the connection.
 */
export function servedEvent(waiting: Conversation, operator: Pick<Operator, 'participant' | 'displayName'>, now: number): FigureEvent {
  const { state } = waiting;
  const since = state.kind === 'queued' || state.kind === 'offered' ? state.enteredAt : now;
  return { kind: 'served', operator: operatorRef(operator), waitMs: Math.max(0, now - since) };
}

/** The conversation had an operator until now: their handle time, connected → ended. */
export function endedEvent(ended: Conversation, now: number): FigureEvent | undefined {
  const { state } = ended;
  if (state.kind !== 'with-operator') return undefined;
  return { kind: 'ended', operator: { participant: state.operator, name: state.operatorName }, handleMs: Math.max(0, now - state.since) };
}
