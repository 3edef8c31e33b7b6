import { useMemo, useState, type FormEvent } from 'react';
import type { BusinessHoursView, LanguageView, OperatorAssignmentView, RatingScaleView, SettingsView } from '../../../src/shared/resolver-contract';
import { UTC } from './business-hours';
import { call } from './api';
import { useChanged } from './changes';
import { useFlags } from './flags';
import { followUpChangeOf } from './follow-up-rules';
import { savedWords } from './saved-words';

/** Limits the resolver enforces too (src/domain/settings.ts); the fields only hint at them. */
export const MAX_CAPACITY = 10;
export const MAX_TIMEOUT_MINUTES = 24 * 60;
export const FIRST_REQUEST_TYPE = '';
// Presence (issue 17).
export const MAX_RETURN_TO_OPERATOR_HOURS = 7 * 24;
/** The sweep that finds idle operators runs every five minutes. */
export const MIN_IDLE_AWAY_MINUTES = 5;
/** A setting that can be off, as the resolver takes it and as the form's draft holds it. */
export const OFF = 'off';
// Operator offers.
export const MIN_OFFER_WINDOW_SECONDS = 15;
export const MAX_OFFER_WINDOW_SECONDS = 600;
export const MAX_MISSED_OFFERS_BEFORE_AWAY = 10;
/** The resolver's own words for these two (src/domain/settings.ts), shown as the admin types. */
export const OFFER_WINDOW_PROBLEM = `The offer window must be from ${MIN_OFFER_WINDOW_SECONDS} to ${MAX_OFFER_WINDOW_SECONDS} seconds.`;
// Ratings.
export const MAX_RATING_WINDOW_HOURS = 7 * 24;
export const RATING_WINDOW_PROBLEM = `The rating window must be from 1 to ${MAX_RATING_WINDOW_HOURS} hours.`;
// Retention (issue 20): how long history and transcripts are kept.
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 365;
export const RETENTION_PROBLEM = `Conversations must be kept from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} days.`;
export const MISSED_OFFERS_PROBLEM = `Missed offers before an operator is put off duty must be off or from 1 to ${MAX_MISSED_OFFERS_BEFORE_AWAY}.`;

// Files (issue 18).
export const MAX_FILE_MEGABYTES = 50;
export const FILE_TYPES_PROBLEM = 'Each allowed file type is an extension such as .pdf or a MIME type such as image/*.';
const FILE_TYPE = /^(\*\/\*|\.[a-z0-9]{1,10}|[a-z]{1,20}\/(\*|[a-z0-9][a-z0-9.+-]{0,60}))$/;

/** The allowed types as typed: comma or space separated. */
export function fileTypesOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** Entries the resolver would refuse (src/domain/files.ts), as typed. */
export function badFileTypes(text: string): string[] {
  return fileTypesOf(text).filter((t) => !FILE_TYPE.test(t.toLowerCase()));
}

// Languages (issue 19): the lists of phrases that ask for a human besides the main one.
export type PhraseLanguageView = keyof SettingsView['localHandoffPhrases'];
export const PHRASE_LANGUAGES: readonly PhraseLanguageView[] = ['fr', 'de'];

export interface Draft {
  readonly enabled: boolean;
  readonly operatorCapacity: string;
  readonly handoffPhrases: readonly string[];
  readonly inactivityTimeoutMinutes: string;
  readonly queueTimeoutMinutes: string;
  /** '' is "the service desk's first request type". */
  readonly requestTypeId: string;
  /** OFF, or the number typed. */
  readonly returnToOperatorHours: string;
  /** OFF, or the number typed. */
  readonly idleAwayMinutes: string;
  readonly operatorAssignment: OperatorAssignmentView;
  /** Kept while Assign directly is chosen, though not shown: Offer first brings it back. */
  readonly offerWindowSeconds: string;
  /** OFF, or the number typed; kept like the offer window. */
  readonly missedOffersBeforeAway: string;

  readonly ratingScale: RatingScaleView;
  readonly ratingWindowHours: string;
  readonly retentionDays: string;

  // Business hours
  readonly timeZone: string;
  /** null: off. */
  readonly businessHours: BusinessHoursView | null;

  // Files
  readonly maxFileMegabytes: string;
  /** Comma separated, as typed. */
  readonly allowedFileTypes: string;

  // Languages
  readonly defaultLanguage: LanguageView;
  /** Each list as edited; an empty one is kept empty (the main list then stands in). */
  readonly localHandoffPhrases: Readonly<Record<PhraseLanguageView, readonly string[]>>;

  // Ticket follow-up (follow-up-rules.ts)
  readonly followUp: boolean;
  /** Comma separated, as typed; empty: Jira's Done category. */
  readonly followUpStatuses: string;
  readonly followUpReplies: boolean;

  // Privacy
  readonly autoRedaction: boolean;
}

export function draftOf(settings: SettingsView): Draft {
  return {
    enabled: settings.enabled,
    operatorCapacity: String(settings.operatorCapacity),
    handoffPhrases: settings.handoffPhrases,
    inactivityTimeoutMinutes: String(settings.inactivityTimeoutMinutes),
    queueTimeoutMinutes: String(settings.queueTimeoutMinutes),
    requestTypeId: settings.requestTypeId ?? FIRST_REQUEST_TYPE,
    returnToOperatorHours: String(settings.returnToOperatorHours),
    idleAwayMinutes: String(settings.idleAwayMinutes),
    operatorAssignment: settings.operatorAssignment,
    offerWindowSeconds: String(settings.offerWindowSeconds),
    missedOffersBeforeAway: String(settings.missedOffersBeforeAway),
    ratingScale: settings.ratingScale,
    ratingWindowHours: String(settings.ratingWindowHours),
    retentionDays: String(settings.retentionDays),
    // Business hours
    timeZone: settings.timeZone ?? UTC,
    businessHours: settings.businessHours ?? null,
    maxFileMegabytes: String(settings.maxFileMegabytes),
    allowedFileTypes: settings.allowedFileTypes.join(', '),
    defaultLanguage: settings.defaultLanguage,
    localHandoffPhrases: { fr: settings.localHandoffPhrases.fr ?? [], de: settings.localHandoffPhrases.de ?? [] },
    followUp: settings.followUp,
    followUpStatuses: settings.followUpStatuses.join(', '),
    followUpReplies: settings.followUpReplies,
    autoRedaction: settings.autoRedaction,
  };
}

/** Text to a number for the resolver to check; what is not a number is sent as NaN and refused there. */
export function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function offOrNumberOf(text: string): number | typeof OFF {
  return text === OFF ? OFF : numberOf(text);
}

/** Whether `text` is a whole number from `min` to `max`, as the number fields and the resolver want it. */
export function isWholeNumberIn(text: string, min: number, max: number): boolean {
  const number = numberOf(text);
  return Number.isInteger(number) && number >= min && number <= max;
}

/** Trimmed, and nothing else: an emptied phrase is sent as empty, so the resolver says so instead of it vanishing. */
function cleanPhrases(phrases: readonly string[]): string[] {
  return phrases.map((p) => p.trim());
}

/** Entry by entry, so that an emptied only phrase ([""]) differs from no phrase at all ([]). */
function samePhrases(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

function trimmedHours(hours: BusinessHoursView): BusinessHoursView {
  return Object.fromEntries(Object.entries(hours).map(([day, intervals]) => [day, intervals.map((i) => ({ from: i.from.trim(), to: i.to.trim() }))]));
}

/** Only what differs from the saved settings, as `settings/update` wants it. */
function changeOf(saved: SettingsView, draft: Draft): Partial<SettingsView> {
  const change: { -readonly [K in keyof SettingsView]?: SettingsView[K] } = {};
  if (draft.enabled !== saved.enabled) change.enabled = draft.enabled;
  const capacity = numberOf(draft.operatorCapacity);
  if (capacity !== saved.operatorCapacity) change.operatorCapacity = capacity;
  const phrases = cleanPhrases(draft.handoffPhrases);
  if (!samePhrases(phrases, saved.handoffPhrases)) change.handoffPhrases = phrases;
  const inactivity = numberOf(draft.inactivityTimeoutMinutes);
  if (inactivity !== saved.inactivityTimeoutMinutes) change.inactivityTimeoutMinutes = inactivity;
  const queue = numberOf(draft.queueTimeoutMinutes);
  if (queue !== saved.queueTimeoutMinutes) change.queueTimeoutMinutes = queue;
  if (draft.requestTypeId !== (saved.requestTypeId ?? FIRST_REQUEST_TYPE)) change.requestTypeId = draft.requestTypeId;
  const returnHours = offOrNumberOf(draft.returnToOperatorHours);
  if (returnHours !== saved.returnToOperatorHours) change.returnToOperatorHours = returnHours;
  const idleMinutes = offOrNumberOf(draft.idleAwayMinutes);
  if (idleMinutes !== saved.idleAwayMinutes) change.idleAwayMinutes = idleMinutes;
  Object.assign(change, offersChangeOf(saved, draft));
  if (draft.ratingScale !== saved.ratingScale) change.ratingScale = draft.ratingScale;
  // Hidden while ratings are off: a value there the resolver would refuse is not sent, as for the offer fields.
  const ratingWindow = numberOf(draft.ratingWindowHours);
  const sendRatingWindow = draft.ratingScale !== OFF || isWholeNumberIn(draft.ratingWindowHours, 1, MAX_RATING_WINDOW_HOURS);
  if (sendRatingWindow && ratingWindow !== saved.ratingWindowHours) change.ratingWindowHours = ratingWindow;
  // Business hours: times trimmed, and nothing else, so the resolver says what is wrong with them.
  if (draft.timeZone !== (saved.timeZone ?? UTC)) change.timeZone = draft.timeZone;
  const hours = draft.businessHours && trimmedHours(draft.businessHours);
  if (JSON.stringify(hours) !== JSON.stringify(saved.businessHours ?? null)) change.businessHours = hours;
  const maxFile = numberOf(draft.maxFileMegabytes);
  if (maxFile !== saved.maxFileMegabytes) change.maxFileMegabytes = maxFile;
  const types = fileTypesOf(draft.allowedFileTypes);
  if (types.join(',') !== saved.allowedFileTypes.join(',')) change.allowedFileTypes = types;
  Object.assign(change, languagesChangeOf(saved, draft), followUpChangeOf(saved, draft));
  const retention = numberOf(draft.retentionDays);
  if (retention !== saved.retentionDays) change.retentionDays = retention;
  if (draft.autoRedaction !== saved.autoRedaction) change.autoRedaction = draft.autoRedaction;
  return change;
}

/**
 * Languages: the default one, and the French and German phrases, trimmed like the main list. The resolver takes
 * `localHandoffPhrases` whole (a list left out is emptied), so when one list changes both are sent.
 */
function languagesChangeOf(saved: SettingsView, draft: Draft): Partial<SettingsView> {
  const local = { fr: cleanPhrases(draft.localHandoffPhrases.fr), de: cleanPhrases(draft.localHandoffPhrases.de) };
  const localChanged = PHRASE_LANGUAGES.some((l) => !samePhrases(local[l], saved.localHandoffPhrases[l] ?? []));
  return {
    ...(draft.defaultLanguage !== saved.defaultLanguage ? { defaultLanguage: draft.defaultLanguage } : {}),
    ...(localChanged ? { localHandoffPhrases: local } : {}),
  };
}

/**
 * Operator offers: how users reach operators, and the offer window and missed offers, which apply to Offer first.
 * While Assign directly is chosen those two are not shown, so a value there that the resolver would refuse is
 * not sent (the saved one stays) rather than refusing a save over a field the admin cannot see.
 */
function offersChangeOf(saved: SettingsView, draft: Draft): Partial<SettingsView> {
  const offering = draft.operatorAssignment === 'offer-first';
  const window = numberOf(draft.offerWindowSeconds);
  const sendWindow = offering || isWholeNumberIn(draft.offerWindowSeconds, MIN_OFFER_WINDOW_SECONDS, MAX_OFFER_WINDOW_SECONDS);
  const missed = offOrNumberOf(draft.missedOffersBeforeAway);
  const sendMissed = offering || missed === OFF || isWholeNumberIn(draft.missedOffersBeforeAway, 1, MAX_MISSED_OFFERS_BEFORE_AWAY);
  return {
    ...(draft.operatorAssignment !== saved.operatorAssignment ? { operatorAssignment: draft.operatorAssignment } : {}),
    ...(sendWindow && window !== saved.offerWindowSeconds ? { offerWindowSeconds: window } : {}),
    ...(sendMissed && missed !== saved.missedOffersBeforeAway ? { missedOffersBeforeAway: missed } : {}),
  };
}

/** The settings form's draft, what differs from `settings`, and saving it; how saving ended is flagged. */
export function useSettingsForm(settings: SettingsView, canEdit: boolean, onSaved: (settings: SettingsView) => void) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [saving, setSaving] = useState(false);
  const flags = useFlags();
  const changed = useChanged();
  const change = useMemo(() => changeOf(settings, draft), [settings, draft]);
  const dirty = Object.keys(change).length > 0;
  const readOnly = !canEdit;

  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || saving || readOnly) return;
    setSaving(true);
    void call('settings/update', { change }).then((result) => {
      setSaving(false);
      if (result.ok) {
        setDraft(draftOf(result.data.settings));
        onSaved(result.data.settings);
        flags.succeeded({ title: 'Settings saved', description: savedWords(settings.enabled, result.data.settings.enabled, result.data.changed) });
        changed();
      } else {
        flags.failed({ title: 'The settings were not saved', description: result.error.message });
      }
    });
  };

  return { draft, saving, dirty, readOnly, update, save };
}

