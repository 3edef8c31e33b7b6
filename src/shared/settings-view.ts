/** The project's settings as the backoffice reads and changes them (resolver-contract.ts re-exports them for the pages). */

export interface SettingsView {
  readonly enabled: boolean;
  readonly operatorCapacity: number;
  readonly handoffPhrases: readonly string[];
  readonly inactivityTimeoutMinutes: number;
  readonly queueTimeoutMinutes: number;
  readonly requestTypeId?: string | undefined;
  // Presence (issue 17).
  readonly returnToOperatorHours: number | 'off';
  readonly idleAwayMinutes: number | 'off';
  /** `offer-first`: the operator routing picks gets an operator offer to accept or decline; the two below apply to it. */
  readonly operatorAssignment: OperatorAssignmentView;
  /** Seconds, 15 to 600. */
  readonly offerWindowSeconds: number;
  /** Offers let expire in a row before an operator is put off duty: 1 to 10, or 'off'. */
  readonly missedOffersBeforeAway: number | 'off';

  // Business hours: an IANA time zone (absent: UTC), and off (null or absent) or the open intervals per weekday.
  readonly timeZone?: string;
  readonly businessHours?: BusinessHoursView | null;

  // Ratings after a conversation with an operator.
  readonly ratingScale: RatingScaleView;
  /** Hours, 1 to 168. */
  readonly ratingWindowHours: number;
  /** Days history records and transcripts are kept, 7 to 365 (default 90): for conversations that start after it is saved. */
  readonly retentionDays: number;
  // Files people share: the largest relayed (MB, 1 to 50), and the types allowed (MIME families like `image/*`, or extensions like `.pdf`).
  readonly maxFileMegabytes: number;
  readonly allowedFileTypes: readonly string[];
  /** What operators send with `#reply <name>`: at most 50; `{user}`, `{operator}`, `{ticket}` in a text are filled in. Absent: none. */
  readonly savedReplies?: readonly SavedReplyView[];
  // Languages (issue 19): what users and operators whose locale Koji doesn't speak hear, and phrases per language.
  readonly defaultLanguage: LanguageView;
  /** Phrases that ask for a human in French and German (each list may be empty: the main list then stands in). */
  readonly localHandoffPhrases: Readonly<Partial<Record<'fr' | 'de', readonly string[]>>>;
  // Ticket follow-up (issue 22): agents' public comments and resolutions reach the ticket's user in their chat.
  readonly followUp: boolean;
  /** Status names that tell the user their ticket is resolved (at most 20, 1 to 60 characters each); empty: Jira's Done category. */
  readonly followUpStatuses: readonly string[];
  /** The user may answer a follow-up from the chat: their words become a public comment. */
  readonly followUpReplies: boolean;
  /** Card numbers, passwords and keys are removed from messages before they are stored or relayed (conversations that start after it is saved). */
  readonly autoRedaction: boolean;
}

/** The languages Koji speaks in chat: English, French, German. */
export type LanguageView = 'en' | 'fr' | 'de';

/** A saved reply: its name (letters, digits, spaces, - and _; 1 to 40) and its text (1 to 2,000 characters). */
export interface SavedReplyView {
  readonly name: string;
  readonly text: string;
}

export type RatingScaleView = 'off' | 'five-stars' | 'thumbs';

/** How users reach operators: handed to the operator routing picks, or offered to them first. */
export type OperatorAssignmentView = 'assign-directly' | 'offer-first';

export type WeekdayView = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
/** Per weekday its open intervals, "09:00" to "17:30" ("24:00" ends the day); a day missing or empty is closed. */
export type BusinessHoursView = Partial<Record<WeekdayView, ReadonlyArray<{ readonly from: string; readonly to: string }>>>;
