import { isolatedName } from '../text';
import { typed } from './shared';

/** A saved reply as lists show it: its name, and the first words of its text. */
export interface SavedReplyEntry {
  readonly name: string;
  readonly preview: string;
}

const lines = (entries: readonly SavedReplyEntry[]): string[] => entries.map((e) => `• ${isolatedName(e.name)}: ${isolatedName(e.preview)}`);

const NONE_YET = 'There are no saved replies yet: a Jira admin adds them in the Koji backoffice (Saved replies).';

/** What an operator is told about `#reply` (issue 18); the texts themselves reach the user as the operator's words. */
export const savedReplyNotices = {
  /** `#reply` alone. */
  list: (entries: readonly SavedReplyEntry[]) =>
    entries.length === 0 ? NONE_YET : [`Saved replies (${entries.length}). Type #reply and a name, or the start of one:`, ...lines(entries)].join('\n'),
  /** `#reply vp` when several names start so; `more`: those without a button. */
  choices: (words: string, entries: readonly SavedReplyEntry[], more: number) =>
    [
      `Several saved replies start with ${typed(words)}. Pick one, or type more of its name:`,
      ...lines(entries),
      ...(more > 0 ? [`…and ${more} more: type more of the name.`] : []),
    ].join('\n'),
  unknown: (words: string, names: readonly string[]) =>
    names.length === 0
      ? `No saved reply is called ${typed(words)}. ${NONE_YET}`
      : `No saved reply is called ${typed(words)} or starts so. Saved replies: ${names.map(isolatedName).join(', ')}.`,
  /** The reply fills in `{ticket}`, and the conversation has none yet: nothing was sent. */
  needsTicket: (name: string, userName: string) =>
    `${typed(name)} names the ticket, and your conversation with ${isolatedName(userName)} has none yet, so nothing was sent. Type #create_ticket first, then send it again.`,
  /** What the user got, so the operator knows the words they were sent. */
  sent: (name: string, userName: string, text: string) => `You sent ${isolatedName(userName)} the saved reply ${typed(name)}:\n${isolatedName(text)}`,
} as const;
