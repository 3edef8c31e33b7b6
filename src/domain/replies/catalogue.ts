import { isLanguage, LANGUAGES, type Language } from '../language';
import { toUser } from './to-user';
import { toOperator } from './to-operator';
import { relayFailures, transcriptNotes } from './notes';
import { buttonLabels, usedCardNotes } from './buttons';
import { savedReplyNotices } from './saved-replies';
import { fileReplies } from './files';
import { followUpReplies } from './follow-ups';
import { redactionMarkers, redactionReplies } from './privacy';
import { commandHelp, failureReplies } from './commands';
import { french } from './fr';
import { german } from './de';

/** Every sentence Koji says to a person, in English: the catalogue's shape, which each other language fills in. */
export const english = {
  toUser,
  toOperator,
  transcriptNotes,
  relayFailures,
  buttonLabels,
  usedCardNotes,
  savedReplyNotices,
  fileReplies,
  commandHelp,
  failureReplies,
  followUpReplies,
  redactionMarkers,
  redactionReplies,
} as const;

/** A catalogue's shape with the English words widened to any string: what a translation must provide, key for key. */
type Widened<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widened<R>
    : { readonly [K in keyof T]: Widened<T[K]> };

export type Catalogue = Widened<typeof english>;

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en: english, fr: french, de: german };

/**
 * What Koji says in `language` (anything that is not one of its languages, such as a field of a queued job or an
 * old record, reads as English: a language never makes a message fail): the recipient's (Conversation.lang for a user, Operator.lang for an operator).
 * Records written before languages existed have none, and hear English, as they did.
 */
export function say(language: Language | undefined): Catalogue {
  // A stored language that is not one (a record from elsewhere, a later version rolled back) reads as English.
  return CATALOGUES[isLanguage(language) ? language : 'en'];
}

/** Koji's notes in a conversation's transcript, in the service desk's language (Conversation.deskLang). */
export function notesFor(conversation: { readonly deskLang?: Language | undefined }): Catalogue['transcriptNotes'] {
  return say(conversation.deskLang).transcriptNotes;
}

/** A text in every language, picked from each catalogue: for texts declared with what they describe (a command's help line). */
export type Translated = Readonly<Record<Language, string>>;

export function inEveryLanguage(pick: (catalogue: Catalogue) => string): Translated {
  return Object.fromEntries(LANGUAGES.map((language) => [language, pick(CATALOGUES[language])])) as Record<Language, string>;
}
