import type { HistoryEndingView } from '../../../src/shared/resolver-contract';

/** How a past conversation ended, in the admin's words. */
export const ENDING_LABELS: Readonly<Record<HistoryEndingView, string>> = {
  'operator-ended': 'Ended by the operator',
  'user-left': 'Ended by the user',
  inactivity: 'Closed for inactivity',
  'support-disabled': 'Support turned off',
  'tenant-disconnected': 'Workspace or tenant disconnected',
  'user-unreachable': 'User could no longer be reached',
  'left-queue': 'Left the queue (abandoned)',
  'ticket-taken': 'Took a ticket instead',
  'ticket-not-taken': 'Offered a ticket, not taken',
};

/** A ticket key as Jira writes it, `SUP-12` (the resolver checks the same). */
export const TICKET_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;

/** The start of a day picked in a date field (`YYYY-MM-DD`), in the browser's time zone; undefined when empty. */
export function startOfDay(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1).getTime();
}

/** The last millisecond of that day. */
export function endOfDay(date: string): number | undefined {
  const start = startOfDay(date);
  if (start === undefined) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1).getTime() - 1;
}

/** How long between two instants, as a person says it: "45 s", "12 min", "1 h 20 min". */
export function formatSpan(fromMs: number, toMs: number): string {
  const seconds = Math.max(0, Math.round((toMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
