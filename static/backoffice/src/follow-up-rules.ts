import type { SettingsView } from '../../../src/shared/resolver-contract';
import type { Draft } from './settings-form';

/**
 * Ticket follow-up (issue 22): the server's rules for the statuses that tell the user their ticket is resolved
 * (src/domain/ticket-follow-up.ts), repeated here only to point at a problem as the admin types; the server
 * checks them again whatever this shows.
 */
export const MAX_FOLLOW_UP_STATUSES = 20;
/** Jira's own limit on a status name. */
export const MAX_STATUS_NAME_CHARS = 60;

/** The statuses as typed: comma separated (a status name may hold spaces), trimmed, empty entries dropped. */
export function statusesOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** How Jira's names compare: any case. */
const statusKey = (status: string) => status.toLowerCase();

/** The list without a name repeated in another case, the first kept: the server would tell the user the same either way. */
function distinctStatuses(statuses: readonly string[]): string[] {
  return statuses.filter((s, i) => statuses.findIndex((t) => statusKey(t) === statusKey(s)) === i);
}

const clipped = (status: string) => (status.length > 24 ? `${status.slice(0, 24)}…` : status);

/** What is wrong with the statuses as typed, in words for the admin; undefined when nothing is. */
export function followUpStatusesProblem(text: string): string | undefined {
  const statuses = statusesOf(text);
  // A control character can only be pasted; the server refuses it as it refuses a name too long.
  const bad = statuses.filter((s) => s.length > MAX_STATUS_NAME_CHARS || [...s].some((ch) => ch.charCodeAt(0) < 0x20));
  if (bad.length > 0) return `Each status is at most ${MAX_STATUS_NAME_CHARS} characters. Not: ${bad.slice(0, 2).map(clipped).join(', ')}.`;
  const repeated = statuses.filter((s, i) => statuses.findIndex((t) => statusKey(t) === statusKey(s)) < i);
  if (repeated.length > 0) return `Each status once, in any case. Repeated: ${repeated.slice(0, 3).map(clipped).join(', ')}.`;
  if (statuses.length > MAX_FOLLOW_UP_STATUSES) return `At most ${MAX_FOLLOW_UP_STATUSES} statuses: this has ${statuses.length}.`;
  return undefined;
}

/**
 * What differs in the follow-up settings, as `settings/update` wants it. While the follow-up is off the statuses
 * are hidden, so, like the rating window, a list there with a problem is not sent (the saved one stays).
 */
export function followUpChangeOf(saved: SettingsView, draft: Draft): Partial<SettingsView> {
  const statuses = distinctStatuses(statusesOf(draft.followUpStatuses));
  const sendStatuses = draft.followUp || followUpStatusesProblem(draft.followUpStatuses) === undefined;
  const statusesChanged = JSON.stringify(statuses) !== JSON.stringify(saved.followUpStatuses);
  return {
    ...(draft.followUp !== saved.followUp ? { followUp: draft.followUp } : {}),
    ...(sendStatuses && statusesChanged ? { followUpStatuses: statuses } : {}),
    ...(draft.followUpReplies !== saved.followUpReplies ? { followUpReplies: draft.followUpReplies } : {}),
  };
}
