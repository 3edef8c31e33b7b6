import { isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';
import type { SavedReplyEntry } from '../saved-replies';
import { typed } from './shared';

const lines = (entries: readonly SavedReplyEntry[]): string[] => entries.map((e) => `• ${isolatedName(e.name)}: ${isolatedName(e.preview)}`);

/** The backoffice stays English, so its page keeps its English name. */
const NONE_YET = 'Es gibt noch keine gespeicherten Antworten: Jira-Admins legen sie im Koji-Backoffice unter „Saved replies“ an.';

export const savedReplyNotices: Catalogue['savedReplyNotices'] = {
  list: (entries: readonly SavedReplyEntry[]) =>
    entries.length === 0
      ? NONE_YET
      : [`Gespeicherte Antworten (${entries.length}). Schreiben Sie #reply und einen Namen oder dessen Anfang:`, ...lines(entries)].join('\n'),
  choices: (words: string, entries: readonly SavedReplyEntry[], more: number) =>
    [
      `Mehrere gespeicherte Antworten beginnen mit ${typed(words)}. Wählen Sie eine aus, oder schreiben Sie mehr vom Namen:`,
      ...lines(entries),
      ...(more > 0 ? [`…und ${more} weitere: Schreiben Sie mehr vom Namen.`] : []),
    ].join('\n'),
  unknown: (words: string, names: readonly string[]) =>
    names.length === 0
      ? `Es gibt keine gespeicherte Antwort namens ${typed(words)}. ${NONE_YET}`
      : `Es gibt keine gespeicherte Antwort, die ${typed(words)} heißt oder so beginnt. Gespeicherte Antworten: ${names.map(isolatedName).join(', ')}.`,
  needsTicket: (name: string, userName: string) =>
    `${typed(name)} enthält die Ticketnummer, aber zu Ihrem Gespräch mit ${isolatedName(userName)} gibt es noch kein Ticket, deshalb wurde nichts gesendet. Schreiben Sie zuerst #create_ticket und senden Sie die Antwort dann noch einmal.`,
  sent: (name: string, userName: string, text: string) =>
    `Sie haben ${isolatedName(userName)} die gespeicherte Antwort ${typed(name)} gesendet:\n${isolatedName(text)}`,
};
