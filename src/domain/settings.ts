import { businessHoursProblems, isTimeZone, normalisedSchedule, DEFAULT_TIME_ZONE, type WeeklySchedule } from './business-hours';
import { InvalidSettingsError } from './errors';
import { checkHandoffPhrases } from './handoff-phrases';
import { checkSavedReplies, type SavedReply } from './saved-replies';
import { isRatingScaleSetting, type RatingScaleSetting } from './rating';
import { DEFAULT_LANGUAGE_SETTINGS, handoffHintIn, languageSettingsProblems, type LanguageSettings } from './language-settings';
import type { Language } from './language';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './history';
import { DEFAULT_FOLLOW_UP_SETTINGS, followUpSettingsProblems, type FollowUpSettings } from './ticket-follow-up';
import { DEFAULT_PRIVACY_SETTINGS, privacySettingsProblems, type PrivacySettings } from './auto-redaction';
import { DEFAULT_ALLOWED_FILE_TYPES, DEFAULT_MAX_FILE_MEGABYTES, fileLimitProblems, normalisedFileTypes, type FileLimits } from './files';

/** What a Jira admin configures for live agents in one JSM project. */
export interface LiveAgentSettings extends PresenceSettings, FileLimits, LanguageSettings, FollowUpSettings, PrivacySettings {
  /** Off by default: nobody is routed to an operator until an admin turns it on. */
  readonly enabled: boolean;
  /** How many conversations one operator handles at once. */
  readonly operatorCapacity: number;
  /** Phrases that, in a user's message, ask for a human; the bot tells users to type the first (handoff-phrases.ts). */
  readonly handoffPhrases: readonly string[];
  /** A conversation silent this long is closed. */
  readonly inactivityTimeoutMinutes: number;
  /** A user waiting in the queue this long is told so and offered a ticket. */
  readonly queueTimeoutMinutes: number;
  /** The JSM request type used for tickets made from conversations. */
  readonly requestTypeId?: string | undefined;

  // Business hours (business-hours.ts). Absent in settings saved before they existed: UTC, and always open.
  /** The project's IANA time zone ("Europe/Paris"): business hours, and any daily figure, read the clock in it. */
  readonly timeZone?: string;
  /** Off (null or absent), or the weekly schedule, in `timeZone`, outside which users are offered a ticket at once. */
  readonly businessHours?: WeeklySchedule | null;

  /** Texts operators send with `#reply <name>` (saved-replies.ts). Absent in settings saved before they existed: none. */
  readonly savedReplies?: readonly SavedReply[];
  // Ratings (issue 18, rating.ts).
  /** What users who were served are asked after the conversation: 1–5, thumbs up/down, or nothing. */
  readonly ratingScale: RatingScaleSetting;
  /** How long after the conversation the rating card takes a score. */
  readonly ratingWindowHours: number;
  /** How many days history records and transcripts are kept (KVS TTL, history.ts); applies to conversations that start after it is saved. */
  readonly retentionDays: number;
}

/** Presence (issue 17): where a returning user goes, and when an idle operator is put off duty. */
export interface PresenceSettings {
  /** A user who asks again within this many hours goes first to the operator who last served them; 'off': never. */
  readonly returnToOperatorHours: number | 'off';
  /** An on-duty operator with no conversation and no activity this long is put off duty; 'off': never. */
  readonly idleAwayMinutes: number | 'off';
  /** `assign-directly`: routing hands the user to the operator it picks; `offer-first`: that operator must accept (operator offers). */
  readonly operatorAssignment: OperatorAssignment;
  /** How long an operator offer stays open before it goes to the next operator. */
  readonly offerWindowSeconds: number;
  /** An operator who lets this many operator offers in a row expire is put off duty; 'off': never. */
  readonly missedOffersBeforeAway: number | 'off';
}

export type OperatorAssignment = 'assign-directly' | 'offer-first';

export const DEFAULT_SETTINGS: LiveAgentSettings = {
  enabled: false,
  operatorCapacity: 1,
  handoffPhrases: ['operator', 'agent', 'human', 'live agent', 'talk to an operator', 'real person'],
  inactivityTimeoutMinutes: 30,
  queueTimeoutMinutes: 10,
  returnToOperatorHours: 24,
  idleAwayMinutes: 30,
  operatorAssignment: 'assign-directly',
  offerWindowSeconds: 60,
  missedOffersBeforeAway: 2,
  ratingScale: 'five-stars',
  ratingWindowHours: 24,
  retentionDays: DEFAULT_RETENTION_DAYS,
  maxFileMegabytes: DEFAULT_MAX_FILE_MEGABYTES,
  allowedFileTypes: DEFAULT_ALLOWED_FILE_TYPES,
  ...DEFAULT_LANGUAGE_SETTINGS,
  ...DEFAULT_FOLLOW_UP_SETTINGS,
  ...DEFAULT_PRIVACY_SETTINGS,
};

/**
 * A conversation and its operator are written in one store transaction, and a
 * Forge KVS transaction holds at most 25 operations, so going off duty with
 * every open conversation must fit in one: capacity stays well below that.
 */
export const MAX_OPERATOR_CAPACITY = 10;
export const MAX_TIMEOUT_MINUTES = 24 * 60;
/** A week: past that, a user asking again is a new request like any other. */
export const MAX_RETURN_TO_OPERATOR_HOURS = 7 * 24;
/** The timeout sweep that finds idle operators runs every five minutes: a shorter idle time could not be kept. */
export const MIN_IDLE_AWAY_MINUTES = 5;
/** An operator offer's window: long enough to notice a card, short enough that a user is not kept waiting on someone away. */
export const MIN_OFFER_WINDOW_SECONDS = 15;
export const MAX_OFFER_WINDOW_SECONDS = 600;
export const MAX_MISSED_OFFERS_BEFORE_AWAY = 10;
/** A week, like returning to the same operator: a score given later says little about the conversation. */
export const MAX_RATING_WINDOW_HOURS = 7 * 24;

/** The phrase users are told to type to reach a person: the admin's first, in the person's language when given. */
export function handoffHint(settings: LiveAgentSettings, language: Language): string {
  return handoffHintIn(settings, language);
}

export type SettingsChange = Partial<LiveAgentSettings>;

/** Applies a change on top of current settings, refusing values an admin could not have meant. */
export function applySettingsChange(current: LiveAgentSettings, change: SettingsChange): LiveAgentSettings {
  // An empty request type clears the choice: tickets then use the service desk's first request type.
  const { requestTypeId: clearedOrSet, ...rest } = change;
  const next: LiveAgentSettings =
    clearedOrSet === ''
      ? { ...current, ...stripUndefined(rest), requestTypeId: undefined }
      : { ...current, ...stripUndefined(change) };
  const problems: string[] = [];
  if (typeof next.enabled !== 'boolean') problems.push('Live agent support must be on or off.');
  if (!isIntegerIn(next.operatorCapacity, 1, MAX_OPERATOR_CAPACITY)) {
    problems.push(`Operator capacity must be a whole number from 1 to ${MAX_OPERATOR_CAPACITY}.`);
  }
  if (!isIntegerIn(next.inactivityTimeoutMinutes, 1, MAX_TIMEOUT_MINUTES)) {
    problems.push(`The inactivity timeout must be from 1 to ${MAX_TIMEOUT_MINUTES} minutes.`);
  }
  if (!isIntegerIn(next.queueTimeoutMinutes, 1, MAX_TIMEOUT_MINUTES)) {
    problems.push(`The queue timeout must be from 1 to ${MAX_TIMEOUT_MINUTES} minutes.`);
  }
  problems.push(...presenceProblems(next));
  // Refused, not cleaned up: an emptied field dropped on save would leave the admin believing it was kept.
  const { phrases, problems: phraseProblems } = checkHandoffPhrases(next.handoffPhrases);
  problems.push(...phraseProblems);
  if (next.requestTypeId !== undefined && (typeof next.requestTypeId !== 'string' || !/^\d+$/.test(next.requestTypeId))) {
    problems.push('The request type must be one of the project’s request types.');
  }
  problems.push(...timeZoneAndHoursProblems(next), ...fileLimitProblems(next), ...followUpSettingsProblems(next), ...privacySettingsProblems(next));
  const languages = languageSettingsProblems(next);
  problems.push(...languages.problems);
  const saved = next.savedReplies === undefined ? undefined : checkSavedReplies(next.savedReplies);
  problems.push(...(saved?.problems ?? []));
  if (!isRatingScaleSetting(next.ratingScale)) problems.push('Ratings must be off, 1 to 5 stars, or thumbs up and down.');
  if (!isIntegerIn(next.ratingWindowHours, 1, MAX_RATING_WINDOW_HOURS)) {
    problems.push(`The rating window must be from 1 to ${MAX_RATING_WINDOW_HOURS} hours.`);
  }
  if (!isIntegerIn(next.retentionDays, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)) {
    problems.push(`Conversations must be kept from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} days.`);
  }
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return {
    ...next,
    handoffPhrases: phrases,
    // Per language: a change that names French only keeps the German list as it was.
    localHandoffPhrases: { ...current.localHandoffPhrases, ...languages.localHandoffPhrases },
    allowedFileTypes: normalisedFileTypes(next.allowedFileTypes),
    followUpStatuses: next.followUpStatuses.map((s) => s.trim()),
    ...(next.businessHours ? { businessHours: normalisedSchedule(next.businessHours) } : {}),
    ...(saved ? { savedReplies: saved.replies } : {}),
  };
}

/**
 * Checks a change on its own, every field for type and range, so that it can be refused before anything is read:
 * each rule is about one field, so a change that holds on top of the defaults holds on top of any valid settings.
 */
export function checkSettingsChange(change: SettingsChange): void {
  applySettingsChange(DEFAULT_SETTINGS, change);
}

/** The project's time zone: UTC until an admin picks one. */
export function projectTimeZone(settings: LiveAgentSettings): string {
  return settings.timeZone ?? DEFAULT_TIME_ZONE;
}

function timeZoneAndHoursProblems(next: LiveAgentSettings): string[] {
  const problems: string[] = [];
  if (next.timeZone !== undefined && !isTimeZone(next.timeZone)) {
    problems.push('The time zone must be an IANA time zone name, such as Europe/Paris.');
  }
  if (next.businessHours !== undefined && next.businessHours !== null) problems.push(...businessHoursProblems(next.businessHours));
  return problems;
}

function presenceProblems(next: LiveAgentSettings): string[] {
  const problems: string[] = [];
  if (!isOffOrIntegerIn(next.returnToOperatorHours, 1, MAX_RETURN_TO_OPERATOR_HOURS)) {
    problems.push(`Returning to the same operator must be off or from 1 to ${MAX_RETURN_TO_OPERATOR_HOURS} hours.`);
  }
  if (!isOffOrIntegerIn(next.idleAwayMinutes, MIN_IDLE_AWAY_MINUTES, MAX_TIMEOUT_MINUTES)) {
    problems.push(`Putting idle operators off duty must be off or from ${MIN_IDLE_AWAY_MINUTES} to ${MAX_TIMEOUT_MINUTES} minutes.`);
  }
  if (next.operatorAssignment !== 'assign-directly' && next.operatorAssignment !== 'offer-first') {
    problems.push('How users reach operators must be “Assign directly” or “Offer first”.');
  }
  if (!isIntegerIn(next.offerWindowSeconds, MIN_OFFER_WINDOW_SECONDS, MAX_OFFER_WINDOW_SECONDS)) {
    problems.push(`The offer window must be from ${MIN_OFFER_WINDOW_SECONDS} to ${MAX_OFFER_WINDOW_SECONDS} seconds.`);
  }
  if (!isOffOrIntegerIn(next.missedOffersBeforeAway, 1, MAX_MISSED_OFFERS_BEFORE_AWAY)) {
    problems.push(`Missed offers before an operator is put off duty must be off or from 1 to ${MAX_MISSED_OFFERS_BEFORE_AWAY}.`);
  }
  return problems;
}

/** Settings stored before a setting existed read as its default. */
export function withDefaults(stored: Partial<LiveAgentSettings>): LiveAgentSettings {
  return { ...DEFAULT_SETTINGS, ...stripUndefined(stored) };
}

/** One operator's own capacity, within the project setting's bounds (and for the same reason). */
export function checkOperatorCapacity(capacity: unknown): void {
  if (!isIntegerIn(capacity, 1, MAX_OPERATOR_CAPACITY)) throw new InvalidSettingsError([`An operator’s capacity must be a whole number from 1 to ${MAX_OPERATOR_CAPACITY}.`]);
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isOffOrIntegerIn(value: unknown, min: number, max: number): boolean {
  return value === 'off' || isIntegerIn(value, min, max);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
