import { isolatedName } from '../../text';
import type { SavedReplyEntry } from '../saved-replies';
import { count, typed } from './shared';

const lines = (entries: readonly SavedReplyEntry[]): string[] => entries.map((e) => `• ${isolatedName(e.name)}\u00A0: ${isolatedName(e.preview)}`);

/** "Saved replies" stays English: it names the backoffice's page, and the backoffice is in English. */
const NONE_YET = 'Il n’y a encore aucune réponse prédéfinie\u00A0: un administrateur Jira les ajoute dans le backoffice Koji (Saved replies).';

export const savedReplyNotices = {
  list: (entries: readonly SavedReplyEntry[]) =>
    entries.length === 0
      ? NONE_YET
      : [`Réponses prédéfinies (${entries.length}). Tapez #reply suivi d’un nom, ou du début d’un nom\u00A0:`, ...lines(entries)].join('\n'),
  choices: (words: string, entries: readonly SavedReplyEntry[], more: number) =>
    [
      `Plusieurs réponses prédéfinies commencent par ${typed(words)}. Choisissez-en une, ou tapez la suite de son nom\u00A0:`,
      ...lines(entries),
      ...(more > 0 ? [`…et ${count(more, 'autre', 'autres')}\u00A0: tapez la suite du nom.`] : []),
    ].join('\n'),
  unknown: (words: string, names: readonly string[]) =>
    names.length === 0
      ? `Aucune réponse prédéfinie ne s’appelle ${typed(words)}. ${NONE_YET}`
      : `Aucune réponse prédéfinie ne s’appelle ${typed(words)} ni ne commence ainsi. Réponses prédéfinies\u00A0: ${names.map(isolatedName).join(', ')}.`,
  needsTicket: (name: string, userName: string) =>
    `La réponse ${typed(name)} cite le ticket, et votre conversation avec ${isolatedName(userName)} n’en a pas encore\u00A0: rien n’a été envoyé. Tapez d’abord #create_ticket, puis renvoyez-la.`,
  sent: (name: string, userName: string, text: string) =>
    `Vous avez envoyé à ${isolatedName(userName)} la réponse prédéfinie ${typed(name)}\u00A0:\n${isolatedName(text)}`,
} as const;
