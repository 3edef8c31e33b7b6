/**
 * Every sentence the core says to a person, in one catalogue per language, so the voice stays consistent and
 * tests can find the words users rely on. Code says things through `say(recipient's language)`, never in English
 * by default: the recipient's language is on their record (Conversation.lang, Operator.lang).
 */

export { english, inEveryLanguage, notesFor, say, type Catalogue, type Translated } from './replies/catalogue';
export type { HandedBackTo, HandedOver, OperatorGone } from './replies/shared';
export type { SavedReplyEntry } from './replies/saved-replies';
