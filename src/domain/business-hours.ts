/**
 * Business hours: a weekly schedule of open intervals in the project's time zone. Outside it users who ask for a
 * person are told when the team is back and offered a ticket; operators may still work (the schedule governs what
 * users are told, not who may be on duty). Wall times are read with Intl, so daylight saving time is the time
 * zone database's, not ours.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `from` and `to` as "HH:MM", `from` before `to`; `to` may be "24:00", the end of the day. */
export interface OpenInterval {
  readonly from: string;
  readonly to: string;
}

/** Per weekday, its open intervals; a day missing or empty is closed. A schedule spanning midnight is two intervals. */
export type WeeklySchedule = Partial<Record<Weekday, readonly OpenInterval[]>>;

export const DEFAULT_TIME_ZONE = 'UTC';
export const MAX_INTERVALS_PER_DAY = 4;

/** When the team next opens: the instant, and the wall time and weekday it is in the project's time zone. */
export interface NextOpening {
  readonly at: number;
  readonly weekday: Weekday;
  readonly time: string;
  /** 0 today, 1 tomorrow, …, in the project's time zone. */
  readonly daysAhead: number;
}

export type BusinessHoursStatus =
  | { readonly open: true }
  /** `next` undefined: no open interval in the coming 7 days (every day closed). */
  | { readonly open: false; readonly next?: NextOpening };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Is the schedule open at instant `at` in `timeZone`, and if not, when does it next open (within 7 days)? */
export function businessHoursAt(schedule: WeeklySchedule, timeZone: string, at: number): BusinessHoursStatus {
  const now = wallTimeOf(at, timeZone);
  const today = intervalsOf(schedule, now.weekday);
  if (today.some((i) => now.minutes >= i.from && now.minutes < i.to)) return { open: true };
  for (let daysAhead = 0; daysAhead <= 7; daysAhead += 1) {
    const date = new Date(Date.UTC(now.year, now.month - 1, now.day + daysAhead));
    const weekday = weekdayOfUtcDate(date);
    for (const interval of intervalsOf(schedule, weekday)) {
      const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + interval.from * MINUTE_MS;
      const opensAt = instantOfWallTime(wall, timeZone);
      if (opensAt > at) {
        const local = wallTimeOf(opensAt, timeZone);
        return { open: false, next: { at: opensAt, weekday, time: hhmm(local.minutes), daysAhead } };
      }
    }
  }
  return { open: false };
}

/** An IANA time zone name this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a weekly schedule, as an admin can fix it; empty when it is well-formed. */
export function businessHoursProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['Business hours must be off, or a list of open hours per weekday.'];
  }
  const problems: string[] = [];
  const unknownDays = Object.keys(value).filter((k) => !(WEEKDAYS as readonly string[]).includes(k));
  if (unknownDays.length > 0) problems.push(`Business hours name unknown weekdays: ${unknownDays.join(', ')}.`);
  for (const day of WEEKDAYS) {
    const intervals = (value as Record<string, unknown>)[day];
    if (intervals !== undefined) problems.push(...dayProblems(capitalised(day), intervals));
  }
  return problems;
}

function dayProblems(day: string, intervals: unknown): string[] {
  if (!Array.isArray(intervals)) return [`${day}: the open hours must be a list.`];
  if (intervals.length > MAX_INTERVALS_PER_DAY) return [`${day}: at most ${MAX_INTERVALS_PER_DAY} open intervals a day.`];
  const parsed: Array<{ from: number; to: number; label: string }> = [];
  for (const interval of intervals as unknown[]) {
    const from = minutesOf((interval as Partial<OpenInterval> | null)?.from);
    const to = minutesOf((interval as Partial<OpenInterval> | null)?.to);
    if (from === undefined || to === undefined || from >= 24 * 60) {
      return [`${day}: write each interval as two times from 00:00 to 24:00, such as 09:00–17:30.`];
    }
    if (from >= to) return [`${day}: ${hhmm(from)}–${hhmm(to)} must end after it starts (split hours past midnight over two days).`];
    parsed.push({ from, to, label: `${hhmm(from)}–${hhmm(to)}` });
  }
  const sorted = [...parsed].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i += 1) {
    const [before, after] = [sorted[i - 1], sorted[i]];
    if (before && after && after.from < before.to) return [`${day}: ${before.label} and ${after.label} overlap.`];
  }
  return [];
}

/** The schedule as stored: each interval's times padded ("9:00" is refused, so this only sorts). */
export function normalisedSchedule(schedule: WeeklySchedule): WeeklySchedule {
  return Object.fromEntries(
    WEEKDAYS.filter((day) => schedule[day] !== undefined).map((day) => [day, [...(schedule[day] ?? [])].sort((a, b) => a.from.localeCompare(b.from))]),
  );
}

function minutesOf(time: unknown): number | undefined {
  if (typeof time !== 'string') return undefined;
  const match = TIME.exec(time);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

function intervalsOf(schedule: WeeklySchedule, day: Weekday): Array<{ from: number; to: number }> {
  return (schedule[day] ?? [])
    .map((i) => ({ from: minutesOf(i.from) ?? 0, to: minutesOf(i.to) ?? 0 }))
    .sort((a, b) => a.from - b.from);
}

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: Weekday;
  /** Minutes since the local midnight, as the clock on the wall shows them. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallTimeOf(at: number, timeZone: string): WallTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  return { year, month, day, weekday: weekdayOfUtcDate(new Date(Date.UTC(year, month - 1, day))), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The zone's offset at `at`, in ms (wall time read as UTC, minus the instant), to the minute. */
function offsetAt(at: number, timeZone: string): number {
  const wall = wallTimeOf(at, timeZone);
  const truncated = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minutes * MINUTE_MS - truncated;
}

/**
 * The instant a wall time (given as if it were UTC) happens in `timeZone`. Around a change of offset: a wall time
 * that happens twice (clocks go back) is its first; one that never happens (clocks go forward) is moved on by the
 * gap, as the clocks were (02:30 on a spring-forward night in New York is 03:30).
 */
function instantOfWallTime(wall: number, timeZone: string): number {
  const before = wall - offsetAt(wall - 12 * HOUR_MS, timeZone);
  const after = wall - offsetAt(wall + 12 * HOUR_MS, timeZone);
  for (const candidate of [before, after].sort((a, b) => a - b)) {
    if (candidate + offsetAt(candidate, timeZone) === wall) return candidate;
  }
  return before;
}

function weekdayOfUtcDate(date: Date): Weekday {
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(date.getUTCDay() + 6) % 7] ?? 'monday';
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function capitalised(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}
