/** The Reports tab's types (issue 20), re-exported by resolver-contract.ts, which the pages import. */
/** Reports: how many days back a report covers, today included. */
export const REPORT_PERIODS = [7, 30, 90] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The service figures of one day (`YYYY-MM-DD` in the project's time zone), or of a whole period. Durations in seconds. */
export interface ReportFiguresView {
  readonly asked: number;
  readonly served: number;
  /** Users who left the queue before anyone took them. */
  readonly abandoned: number;
  /** Users still waiting at the queue timeout. */
  readonly timedOut: number;
  readonly tickets: number;
  readonly offersMissed: number;
  /** Ratings given (either scale), the satisfied ones, and the average of the five-star ones (absent: none). */
  readonly rated: number;
  readonly satisfied: number;
  readonly averageStars?: number | undefined;
  /** Asked → connected, read from the day's histogram (absent: nobody was served). */
  readonly waitMedianSeconds?: number | undefined;
  readonly waitP90Seconds?: number | undefined;
  /** Connected → ended (absent: no conversation with an operator ended). */
  readonly handleMedianSeconds?: number | undefined;
  /** The assistant's knowledge-base answers: answered, solved (“This solved it”), escalated to a person, no match. */
  readonly kbAnswered: number;
  readonly kbSolved: number;
  readonly kbEscalated: number;
  readonly kbNoMatch: number;
}

export interface ReportDayView extends ReportFiguresView {
  readonly day: string;
}

/** One operator's figures over the period (the knowledge-base and queue figures are the project's only: zero here). */
export interface ReportOperatorView extends ReportFiguresView {
  readonly name: string;
  readonly channel: 'slack' | 'teams';
}

export interface ServiceReportView {
  readonly timeZone: string;
  /** Oldest first, one per day of the period, today last (days with nothing counted are zeros). */
  readonly days: readonly ReportDayView[];
  readonly totals: ReportFiguresView;
  /** Most served first. */
  readonly operators: readonly ReportOperatorView[];
}

