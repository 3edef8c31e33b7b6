import type { ChatChannel } from '../../participant';
import type { HandedBackTo, HandedOver, OperatorGone } from '../shared';
import { isolatedName } from '../../text';

/** The French catalogue's shared pieces: channel and tenant names, and the sentences several modules use. */
export const CHANNEL_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
/** Both start with a vowel, so "son", "leur" and "l’" fit either; only "this" needs its gender (THIS_TENANT). */
export const TENANT_NAMES: Record<ChatChannel, string> = { slack: 'espace de travail Slack', teams: 'organisation Microsoft Teams' };
export const THIS_TENANT: Record<ChatChannel, string> = { slack: 'cet espace de travail Slack', teams: 'cette organisation Microsoft Teams' };

/** French counts 0 and 1 in the singular. */
export const plural = (n: number, one: string, many: string): string => (n < 2 ? one : many);
export const count = (n: number, one: string, many: string): string => `${n} ${plural(n, one, many)}`;

/** Words in French quotes, with the narrow no-break spaces French typography puts inside them. */
export const inQuotes = (text: string): string => `«\u202F${text}\u202F»`;
/** What a person is told to type, or an admin's words, in quotes: kept plain as a name is (see the English `typed`). */
export const typed = (phrase: string): string => inQuotes(isolatedName(phrase));

export const BACK_TO_QUEUE = 'la conversation est retournée dans la file d’attente.';

export const people = (n: number): string => (n < 2 ? `${n} utilisateur est` : `${n} utilisateurs sont`);

export const TICKET_OFFER = `Je peux créer un ticket à partir de vos messages pour que le centre de services vous recontacte\u00A0: répondez ${typed('ticket')} ou utilisez le bouton.`;

export const operatorGone = (why: OperatorGone): string => {
  const name = isolatedName(why.name);
  switch (why.kind) {
    case 'off-duty':
      return `${name} a dû partir.`;
    case 'lost-role':
      return `${name} n’est plus disponible.`;
    case 'unreachable':
      return `${name} n’est plus joignable.`;
    case 'tenant-disconnected':
      return `${name} n’est plus disponible\u00A0: un administrateur a déconnecté son ${TENANT_NAMES[why.channel]} de Koji.`;
  }
};

export const whereNow = (to: HandedBackTo): string =>
  to.kind === 'queue'
    ? ` Vous êtes ${to.position === 1 ? 'en tête de la file d’attente' : `en position ${to.position} dans la file d’attente`} pour le prochain opérateur disponible.`
    : to.kind === 'ticket-offer'
      ? ` Aucun autre opérateur n’est en service pour le moment, personne ne peut donc reprendre cette conversation. ${TICKET_OFFER}`
      : '';

export const handedOverLines = ({ queued, offeredTicket }: HandedOver): string[] => [
  queued.length > 0
    ? plural(
        queued.length,
        `Votre conversation avec ${queued.map(isolatedName).join(', ')} a été confiée à un autre opérateur ou remise dans la file d’attente.`,
        `Vos conversations avec ${queued.map(isolatedName).join(', ')} ont été confiées à d’autres opérateurs ou remises dans la file d’attente.`,
      )
    : '',
  offeredTicket.length > 0
    ? `Aucun autre opérateur n’est en service, ${offeredTicket.map(isolatedName).join(', ')} ${plural(offeredTicket.length, 's’est', 'se sont')} donc vu proposer un ticket à la place.`
    : '',
];

export const offDutyLine = (first: string, handedOver: HandedOver, waiting: number, last: string): string =>
  [first, ...handedOverLines(handedOver), waiting > 0 ? `${people(waiting)} toujours en attente.` : '', last].filter((s) => s.length > 0).join(' ');
