import { SUPPORT_LABEL, type AuditChange } from './audit';
import { WEEKDAYS, type WeeklySchedule } from './business-hours';
import { LANGUAGE_NAMES, isLanguage } from './language';
import type { LiveAgentSettings } from './settings';
import { clipText } from './text';

/**
 * What a settings save changed, field by field, as the audit log keeps it: each as it was and as it became, in
 * the backoffice's words. Lists (phrases, saved replies, file types) are summarised by count with what was added
 * and removed; a saved reply by its name only, never its text. A field this table does not know yet (one added
 * later) is still recorded, by its name and a short value, unless its name says it is a secret: then only that it
 * changed.
 */
type Format = (value: unknown) => string;

interface FieldRule {
  readonly label: string;
  readonly unit?: string;
  readonly format?: Format;
  /** A list: compared by its items, summarised by count. */
  readonly items?: (value: unknown) => readonly string[];
  readonly noun?: string;
  /** Items that carry more than their name (a saved reply's text): those kept whose content changed, by name. */
  readonly edited?: (was: unknown, is: unknown) => readonly string[];
}

const onOff: Format = (v) => (v ? 'on' : 'off');
const ASSIGNMENT: Record<string, string> = { 'assign-directly': 'Assign directly', 'offer-first': 'Offer first' };
const RATING: Record<string, string> = { 'five-stars': '1 to 5', thumbs: 'Thumbs up or down', off: 'Off' };
const strings = (v: unknown): readonly string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const replyNames = (v: unknown): readonly string[] => (Array.isArray(v) ? v.map((r: { name?: unknown }) => (typeof r?.name === 'string' ? r.name : '')) : []);
const replyTexts = (v: unknown): ReadonlyMap<string, unknown> => new Map(Array.isArray(v) ? v.map((r: { name?: unknown; text?: unknown }) => [String(r?.name), r?.text]) : []);
function editedReplies(was: unknown, is: unknown): readonly string[] {
  const before = replyTexts(was);
  return [...replyTexts(is)].filter(([name, text]) => before.has(name) && before.get(name) !== text).map(([name]) => name);
}
const localPhrases = (lang: 'fr' | 'de') => (v: unknown) => strings((v as Record<string, unknown> | undefined)?.[lang]);

const RULES: { readonly [field in keyof LiveAgentSettings]-?: FieldRule | readonly FieldRule[] } = {
  enabled: { label: SUPPORT_LABEL, format: onOff },
  operatorCapacity: { label: 'Operator capacity', unit: 'conversations' },
  handoffPhrases: { label: 'Phrases that ask for a human', items: strings, noun: 'phrase' },
  inactivityTimeoutMinutes: { label: 'Inactivity timeout', unit: 'minutes' },
  queueTimeoutMinutes: { label: 'Queue timeout', unit: 'minutes' },
  requestTypeId: { label: 'Request type for tickets', format: (v) => (typeof v === 'string' && v !== '' ? `request type ${v}` : 'first request type') },
  returnToOperatorHours: { label: 'Return users to the operator who last served them', unit: 'hours' },
  idleAwayMinutes: { label: 'Put idle operators off duty', unit: 'minutes' },
  operatorAssignment: { label: 'How users reach operators', format: (v) => ASSIGNMENT[String(v)] ?? String(v) },
  offerWindowSeconds: { label: 'Offer window', unit: 'seconds' },
  missedOffersBeforeAway: { label: 'Missed offers before off duty' },
  ratingScale: { label: 'Ratings', format: (v) => RATING[String(v)] ?? String(v) },
  ratingWindowHours: { label: 'Rating window', unit: 'hours' },
  retentionDays: { label: 'Keep conversations', unit: 'days' },
  timeZone: { label: 'Time zone', format: (v) => (typeof v === 'string' ? v : 'UTC') },
  businessHours: { label: 'Business hours', format: (v) => scheduleOf(v as WeeklySchedule | null | undefined) },
  savedReplies: { label: 'Saved replies', items: replyNames, noun: 'reply', edited: editedReplies },
  maxFileMegabytes: { label: 'Largest file', unit: 'MB' },
  allowedFileTypes: { label: 'Allowed file types', items: strings, noun: 'type' },
  defaultLanguage: { label: 'Default language', format: (v) => (isLanguage(v) ? LANGUAGE_NAMES[v] : String(v)) },
  localHandoffPhrases: [
    { label: 'French phrases', items: localPhrases('fr'), noun: 'phrase' },
    { label: 'German phrases', items: localPhrases('de'), noun: 'phrase' },
  ],
  followUp: { label: 'Ticket follow-up in the chat', format: onOff },
  followUpStatuses: { label: 'Statuses that tell the user', items: strings, noun: 'status' },
  followUpReplies: { label: 'Users may reply from the chat', format: onOff },
  autoRedaction: { label: 'Remove secrets from messages', format: onOff },
};

/** A field whose name says it holds a secret: never recorded with its values. */
const SECRET_FIELD = /token|secret|password|credential|key$/i;
const MAX_VALUE = 80;
const MAX_NAMES = 5;

export function settingsChanges(before: LiveAgentSettings, after: LiveAgentSettings): AuditChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])] as Array<keyof LiveAgentSettings>;
  // `enabled` first: a save that turns support on or off is recorded as that.
  fields.sort((a, b) => Number(b === 'enabled') - Number(a === 'enabled'));
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const was: unknown = before[field];
    const is: unknown = after[field];
    if (sameValue(was, is)) continue;
    const rule = RULES[field] as FieldRule | readonly FieldRule[] | undefined;
    if (!rule) {
      changes.push(unknownField(String(field), was, is));
      continue;
    }
    for (const one of Array.isArray(rule) ? (rule as readonly FieldRule[]) : [rule as FieldRule]) {
      const change = changeOf(one, was, is);
      if (change) changes.push(change);
    }
  }
  return changes;
}

function changeOf(rule: FieldRule, was: unknown, is: unknown): AuditChange | undefined {
  if (rule.items) return listChange(rule, rule.items(was), rule.items(is), rule.edited?.(was, is) ?? []);
  const format = rule.format ?? plain;
  const [b, a] = [format(was), format(is)];
  if (b === a) return undefined;
  // "10 → 15 minutes"; with a word on either side, the unit goes with each number: "24 hours → off".
  if (rule.unit && typeof was === 'number' && typeof is === 'number') return { label: rule.label, before: b, after: a, unit: rule.unit };
  const withUnit = (value: unknown, text: string) => (rule.unit && typeof value === 'number' ? `${text} ${rule.unit}` : text);
  return { label: rule.label, before: withUnit(was, b), after: withUnit(is, a) };
}

function listChange(rule: FieldRule, was: readonly string[], is: readonly string[], edited: readonly string[]): AuditChange | undefined {
  const noun = rule.noun ?? 'item';
  const added = is.filter((x) => !was.includes(x));
  const removed = was.filter((x) => !is.includes(x));
  const parts = [
    ...(added.length ? [`added ${names(added)}`] : []),
    ...(edited.length ? [`edited ${names(edited)}`] : []),
    ...(removed.length ? [`removed ${names(removed)}`] : []),
  ];
  if (parts.length === 0) {
    // The same items: only their order changed, or (another language's list) nothing at all.
    if (was.length === is.length && was.every((x, i) => x === is[i])) return undefined;
    parts.push('reordered');
  }
  return { label: rule.label, before: count(was.length, noun), after: count(is.length, noun), detail: parts.join(', ') };
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).map((n) => `“${clipText(n, 40)}”`);
  return list.length > MAX_NAMES ? `${shown.join(', ')} and ${list.length - MAX_NAMES} more` : shown.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : noun === 'reply' ? 'replies' : noun.endsWith('s') ? `${noun}es` : `${noun}s`}`;
}

function unknownField(field: string, was: unknown, is: unknown): AuditChange {
  const label = field.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase());
  if (SECRET_FIELD.test(field)) return { label, before: 'hidden', after: 'hidden' };
  return { label, before: plain(was), after: plain(is) };
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'string') return clipText(value, MAX_VALUE);
  return clipText(JSON.stringify(value) ?? 'not set', MAX_VALUE);
}

const DAY = { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' } as const;

function scheduleOf(schedule: WeeklySchedule | null | undefined): string {
  if (!schedule) return 'off';
  const days = WEEKDAYS.filter((d) => (schedule[d]?.length ?? 0) > 0).map((d) => `${DAY[d]} ${schedule[d]!.map((i) => `${i.from}–${i.to}`).join(', ')}`);
  return days.length === 0 ? 'on, closed every day' : clipText(days.join('; '), 200);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
