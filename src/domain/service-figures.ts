import { addHistograms, withDuration, type DurationHistogram } from './duration-histogram';
import { participantKey, type Participant } from './participant';
import { isSatisfied, type RatingScale, type RatingScore } from './rating';

/**
 * Service figures (issue 20, part 2): what happened to the conversations of a project on one day (in the
 * project's time zone), for the project and for each operator. Counted as things happen, a few fields per
 * event, never per relayed message and never by reading conversations back.
 */
export interface FigureCounts {
  /** Users who asked for a person (a user who asks again after a ticket offer counts again). */
  readonly asked?: number;
  /** Users connected to an operator (from the queue, an accepted offer, or at once). */
  readonly served?: number;
  /** Users who left the queue before anyone took them. */
  readonly abandoned?: number;
  /** Users still waiting at the queue timeout, then offered a ticket. */
  readonly timedOut?: number;
  /** Tickets made from conversations (a second #create_ticket comments, and is not counted). */
  readonly tickets?: number;
  /** Operator offers that ran out unanswered. */
  readonly offersMissed?: number;
  /** Ratings given, on either scale, and the satisfied ones (4 or 5 stars, a thumb up). */
  readonly rated?: number;
  readonly satisfied?: number;
  /** Ratings on the five-star scale: their count and the sum of their stars, for the average. */
  readonly starCount?: number;
  readonly starSum?: number;
  /** Asked (or put back in line) → connected. */
  readonly wait?: DurationHistogram;
  /** Connected → ended. */
  readonly handle?: DurationHistogram;
}

export interface OperatorFigures extends FigureCounts {
  /** Their display name when last counted, for the report. */
  readonly name: string;
}

/** One project-day: the project's counts, and each operator's, in one record (one write per event). */
export interface DayFigures {
  readonly project: FigureCounts;
  /** By participant key. At most MAX_OPERATORS_PER_DAY: more are counted for the project only. */
  readonly operators: Readonly<Record<string, OperatorFigures>>;
}

/** A bound on one day's record (about 300 B per operator, under KVS's 240 KiB a value): no team has more in a day. */
export const MAX_OPERATORS_PER_DAY = 300;

export interface OperatorRef {
  readonly participant: Participant;
  readonly name: string;
}

export type FigureEvent =
  | { readonly kind: 'asked' }
  | { readonly kind: 'served'; readonly operator: OperatorRef; readonly waitMs: number }
  | { readonly kind: 'abandoned' }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'ticket'; readonly operator?: OperatorRef | undefined }
  | { readonly kind: 'ended'; readonly operator: OperatorRef; readonly handleMs: number }
  | { readonly kind: 'offer-missed'; readonly operator: OperatorRef }
  | { readonly kind: 'rated'; readonly operator: OperatorRef; readonly scale: RatingScale; readonly score: RatingScore };

export const NO_FIGURES: DayFigures = { project: {}, operators: {} };

type NumberField = Exclude<keyof FigureCounts, 'wait' | 'handle'>;
const NUMBER_FIELDS: readonly NumberField[] = ['asked', 'served', 'abandoned', 'timedOut', 'tickets', 'offersMissed', 'rated', 'satisfied', 'starCount', 'starSum'];

/** What one event adds to the counts it touches. */
function changeOf(event: FigureEvent): FigureCounts {
  switch (event.kind) {
    case 'asked':
      return { asked: 1 };
    case 'served':
      return { served: 1, wait: withDuration(undefined, event.waitMs) };
    case 'abandoned':
      return { abandoned: 1 };
    case 'timed-out':
      return { timedOut: 1 };
    case 'ticket':
      return { tickets: 1 };
    case 'ended':
      return { handle: withDuration(undefined, event.handleMs) };
    case 'offer-missed':
      return { offersMissed: 1 };
    case 'rated':
      return {
        rated: 1,
        satisfied: isSatisfied(event.scale, event.score) ? 1 : 0,
        ...(event.scale === 'five-stars' ? { starCount: 1, starSum: event.score } : {}),
      };
  }
}

/** Two sets of counts added field by field; zeros are left out, so records stay small. */
export function addCounts<T extends FigureCounts>(a: T, b: FigureCounts): T {
  const sum: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const field of NUMBER_FIELDS) {
    const total = (a[field] ?? 0) + (b[field] ?? 0);
    if (total !== 0) sum[field] = total;
  }
  for (const field of ['wait', 'handle'] as const) {
    if (a[field] || b[field]) sum[field] = addHistograms(a[field], b[field]);
  }
  return sum as T;
}

/** A day's record with `events` counted: the project's counts always, the operator's when the event names one. */
export function withEvents(day: DayFigures, events: readonly FigureEvent[]): DayFigures {
  let project = day.project;
  const operators: Record<string, OperatorFigures> = { ...day.operators };
  for (const event of events) {
    const change = changeOf(event);
    project = addCounts(project, change);
    const operator = 'operator' in event ? event.operator : undefined;
    if (!operator) continue;
    const key = participantKey(operator.participant);
    const before = operators[key];
    if (!before && Object.keys(operators).length >= MAX_OPERATORS_PER_DAY) continue;
    operators[key] = { ...addCounts(before ?? { name: operator.name }, change), name: operator.name };
  }
  return { project, operators };
}

/** Several days (or records) added together: the totals of a period. */
export function sumDays(days: readonly DayFigures[]): DayFigures {
  let project: FigureCounts = {};
  const operators: Record<string, OperatorFigures> = {};
  for (const day of days) {
    project = addCounts(project, day.project);
    for (const [key, figures] of Object.entries(day.operators)) {
      const before = operators[key];
      // Days are summed oldest first: the newest name wins.
      operators[key] = { ...addCounts(before ?? figures, before ? figures : {}), name: figures.name };
    }
  }
  return { project, operators };
}

/** A stored record read back: anything that is not a day's figures reads as none (data outlives code). */
export function dayFiguresOf(value: unknown): DayFigures {
  const v = value as Partial<DayFigures> | undefined;
  if (typeof v !== 'object' || v === null || typeof v.project !== 'object' || typeof v.operators !== 'object' || v.project === null || v.operators === null) return NO_FIGURES;
  return { project: v.project, operators: v.operators };
}
