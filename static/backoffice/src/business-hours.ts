import type { BusinessHoursView, WeekdayView } from '../../../src/shared/resolver-contract';

/** The page's side of business hours: the days, a first schedule, and the checks the resolver makes too (src/domain/business-hours.ts). */
export const WEEKDAYS: ReadonlyArray<{ readonly day: WeekdayView; readonly label: string }> = [
  { day: 'monday', label: 'Monday' },
  { day: 'tuesday', label: 'Tuesday' },
  { day: 'wednesday', label: 'Wednesday' },
  { day: 'thursday', label: 'Thursday' },
  { day: 'friday', label: 'Friday' },
  { day: 'saturday', label: 'Saturday' },
  { day: 'sunday', label: 'Sunday' },
];

/** The editor offers up to 2 intervals a day (the resolver takes up to 4). */
export const MAX_INTERVALS_IN_EDITOR = 2;
export const DEFAULT_INTERVAL = { from: '09:00', to: '17:30' } as const;
export const LUNCH_INTERVAL = { from: '13:30', to: '17:30' } as const;
export const UTC = 'UTC';

export type Interval = { readonly from: string; readonly to: string };

/** What an admin turning business hours on starts from: weekdays 09:00–17:30, the weekend closed. */
export function firstSchedule(): BusinessHoursView {
  return Object.fromEntries(WEEKDAYS.map(({ day }) => [day, day === 'saturday' || day === 'sunday' ? [] : [DEFAULT_INTERVAL]]));
}

/** Every IANA time zone this browser knows, and the saved one even if it does not. */
export function timeZoneOptions(saved: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return [...new Set([UTC, saved, ...known])];
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutesOf(time: string): number | undefined {
  const match = TIME.exec(time.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/** What is wrong with one day's intervals, as the field says it; undefined when they are fine. */
export function dayProblem(intervals: readonly Interval[]): string | undefined {
  const parsed = intervals.map((i) => ({ from: minutesOf(i.from), to: minutesOf(i.to) }));
  if (parsed.some((p) => p.from === undefined || p.to === undefined)) return 'Write times as HH:MM, from 00:00 to 24:00.';
  const known = parsed as Array<{ from: number; to: number }>;
  if (known.some((p) => p.from >= p.to)) return 'Each interval must end after it starts; split hours past midnight over two days.';
  const sorted = [...known].sort((a, b) => a.from - b.from);
  if (sorted.some((p, i) => i > 0 && p.from < (sorted[i - 1]?.to ?? 0))) return 'The intervals overlap.';
  return undefined;
}
