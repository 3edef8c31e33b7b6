import type { ReportFiguresView, ServiceReportView } from '../../../src/shared/resolver-contract';

type Column = readonly [heading: string, value: (f: ReportFiguresView) => number | undefined];

/** The figures' columns, in the order of the table and the CSV: a heading and how a value is written. */
export const FIGURE_COLUMNS: readonly Column[] = [
  ['Asked', (f) => f.asked],
  ['Served', (f) => f.served],
  ['Abandoned', (f) => f.abandoned],
  ['Timed out', (f) => f.timedOut],
  ['Tickets', (f) => f.tickets],
  ['Wait median (s)', (f) => f.waitMedianSeconds],
  ['Wait p90 (s)', (f) => f.waitP90Seconds],
  ['Handle median (s)', (f) => f.handleMedianSeconds],
  ['Offers missed', (f) => f.offersMissed],
  ['Ratings', (f) => f.rated],
  ['Average stars', (f) => f.averageStars],
  ['Satisfied', (f) => f.satisfied],
  ['KB answered', (f) => f.kbAnswered],
  ['KB solved', (f) => f.kbSolved],
  ['KB escalated', (f) => f.kbEscalated],
  ['KB no match', (f) => f.kbNoMatch],
];

/** The project's own figures (the queue, the assistant): an operator's row leaves them out. */
const PROJECT_ONLY = new Set(['Asked', 'Abandoned', 'Timed out', 'KB answered', 'KB solved', 'KB escalated', 'KB no match']);
export const OPERATOR_COLUMNS: readonly Column[] = FIGURE_COLUMNS.filter(([heading]) => !PROJECT_ONLY.has(heading));

/**
 * One CSV cell: quoted when it holds a comma, a quote or a line break (quotes doubled), and, since a spreadsheet
 * runs a cell that starts with = + - @ (or a tab or carriage return) as a formula, such a cell is written with
 * a ' before it. Operator names come from chat platforms and are anyone's words.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function line(cells: ReadonlyArray<string | number | undefined>): string {
  return cells.map(csvCell).join(',');
}

/** The report as the CSV the Download CSV button saves: one row per day, the totals, then one row per operator. */
export function reportCsv(report: ServiceReportView): string {
  const headings = FIGURE_COLUMNS.map(([heading]) => heading);
  const values = (f: ReportFiguresView) => FIGURE_COLUMNS.map(([, value]) => value(f));
  const operatorValues = (f: ReportFiguresView) => FIGURE_COLUMNS.map(([heading, value]) => (PROJECT_ONLY.has(heading) ? undefined : value(f)));
  return [
    line(['Row', 'Day', 'Operator', 'Channel', ...headings]),
    ...report.days.map((d) => line(['day', d.day, '', '', ...values(d)])),
    line(['total', `${report.days[0]?.day ?? ''} to ${report.days.at(-1)?.day ?? ''}`, '', '', ...values(report.totals)]),
    ...report.operators.map((o) => line(['operator', '', o.name, o.channel, ...operatorValues(o)])),
  ].join('\r\n');
}
