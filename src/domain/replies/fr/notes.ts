import type { ChatChannel } from '../../participant';
import { clipText, isolatedName } from '../../text';
import { BACK_TO_QUEUE, CHANNEL_NAMES, count, inQuotes, TENANT_NAMES } from './shared';

/** "disconnected" agrees with the tenant: an espace (masculine), an organisation (feminine). */
const DISCONNECTED: Record<ChatChannel, string> = { slack: 'déconnecté', teams: 'déconnectée' };

export const transcriptNotes = {
  operatorEnded: (operatorName: string) => `${isolatedName(operatorName)} a mis fin à la conversation.`,
  userEnded: (userName: string) => `${isolatedName(userName)} a mis fin à la conversation.`,
  closedForInactivity: () => 'La conversation a été clôturée pour inactivité.',
  closedSupportDisabled: () => 'La conversation a été clôturée, car le support en direct a été désactivé.',
  closedSupportDisabledWhileWaiting: () => 'Le support en direct a été désactivé pendant que l’utilisateur attendait.',
  closedTenantDisconnected: (userName: string, channel: ChatChannel) =>
    `La conversation a été clôturée, car l’${TENANT_NAMES[channel]} de ${isolatedName(userName)} a été ${DISCONNECTED[channel]} de Koji.`,
  closedUserUnreachable: (userName: string, channel: ChatChannel) =>
    `La conversation a été clôturée, car ${isolatedName(userName)} n’était plus joignable sur ${CHANNEL_NAMES[channel]}.`,
  forwardedToQueue: (fromName: string) =>
    `${isolatedName(fromName)} a remis la conversation dans la file d’attente pour le prochain opérateur disponible.`,
  forwarded: (fromName: string, toName: string) => `${isolatedName(fromName)} a transféré la conversation à ${isolatedName(toName)}.`,
  recentTaken: () => 'Les messages ci-dessus ont été transmis dans une conversation avec le support.',
  offeredTicketNobodyOnDuty: (userName: string) => `Aucun autre opérateur n’était en service\u202F; un ticket a donc été proposé à ${isolatedName(userName)}.`,
  acceptedTicket: (userName: string) => `${isolatedName(userName)} a accepté le ticket proposé.`,
  declinedTicket: (userName: string) => `${isolatedName(userName)} a refusé le ticket proposé.`,
  leftQueue: (userName: string) => `${isolatedName(userName)} a quitté la file d’attente.`,
  ticketOfferExpired: (userName: string) => `${isolatedName(userName)} n’a pas accepté le ticket proposé dans le délai imparti.`,
  stoppedWaitingUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} n’était plus joignable sur ${CHANNEL_NAMES[channel]} et a donc cessé d’attendre.`,
  rated: (userName: string, score: string) => `${isolatedName(userName)} a attribué la note ${score} à la conversation.`,
  ratingComment: (userName: string, comment: string) => `${isolatedName(userName)} a ajouté un commentaire à sa note\u00A0: ${inQuotes(comment)}`,
  backToAssistant: (userName: string) => `${isolatedName(userName)} a repris la conversation avec l’assistant sans ticket.`,
  messageEdited: (name: string, sentAt: string, text: string) => `${isolatedName(name)} a modifié son message du ${sentAt} dans le chat. Il dit désormais\u00A0: ${inQuotes(text)}`,
  messageDeleted: (name: string, sentAt: string) =>
    `${isolatedName(name)} a supprimé son message du ${sentAt} du chat. Le panneau Conversation Koji l’affiche comme supprimé\u00A0; les commentaires déjà sur ce ticket appartiennent à Jira et restent tels quels.`,
  offerDeclined: (operatorName: string) => `${isolatedName(operatorName)} a refusé la proposition de cette conversation.`,
  offerExpired: (operatorName: string, windowSeconds: number) =>
    `${isolatedName(operatorName)} n’a pas répondu à la proposition de cette conversation dans un délai de ${count(windowSeconds, 'seconde', 'secondes')}.`,
  wentOffDuty: (operatorName: string) => `${isolatedName(operatorName)} a terminé son service\u202F; ${BACK_TO_QUEUE}`,
  putOffDuty: (operatorName: string) => `Un administrateur a mis ${isolatedName(operatorName)} hors service\u202F; ${BACK_TO_QUEUE}`,
  lostRole: (operatorName: string) => `${isolatedName(operatorName)} a perdu le rôle Live agent\u202F; ${BACK_TO_QUEUE}`,
  /** Said of the operator's service, not of them ("joint·e", "mis·e"), so the sentence needs no gender. */
  operatorUnreachable: (operatorName: string, channel: ChatChannel, reason: string) =>
    `Impossible de joindre ${isolatedName(operatorName)} (réponse de ${CHANNEL_NAMES[channel]}\u00A0: ${reason}), dont le service a donc pris fin\u202F; ${BACK_TO_QUEUE}`,
} as const;

/** A message named back to its sender: its first words, enough to recognise it. */
const quoted = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return inQuotes(flat ? clipText(flat, 80) : '(aucun texte)');
};

const quotedList = (texts: readonly string[]): string => {
  const shown = texts.slice(0, 5).map(quoted).join(', ');
  return texts.length > 5 ? `${shown} et ${count(texts.length - 5, 'autre', 'autres')}` : shown;
};

const BEFORE = {
  ended: 'avant la fin de la conversation',
  forwarded: 'avant que vous ne transfériez la conversation',
  'off-duty': 'avant la fin de votre service',
} as const;

export const relayFailures = {
  notDelivered: (recipientName: string, texts: readonly string[]) =>
    texts.length === 1
      ? `Votre message ${quotedList(texts)} n’a pas pu être remis à ${isolatedName(recipientName)}. Veuillez le renvoyer.`
      : `${texts.length} de vos messages n’ont pas pu être remis à ${isolatedName(recipientName)}\u00A0: ${quotedList(texts)}. Veuillez les renvoyer.`,
  dropped: (recipientName: string, texts: readonly string[], because: 'ended' | 'forwarded' | 'off-duty') => {
    const kept = because !== 'ended';
    return texts.length === 1
      ? `Votre message ${quotedList(texts)} n’a pas pu être remis à ${isolatedName(recipientName)} ${BEFORE[because]}.${
          kept ? ' Il reste dans la conversation pour la personne qui la reprendra.' : ''
        }`
      : `${texts.length} de vos messages n’ont pas pu être remis à ${isolatedName(recipientName)} ${BEFORE[because]}\u00A0: ${quotedList(texts)}.${
          kept ? ' Ils restent dans la conversation pour la personne qui la reprendra.' : ''
        }`;
  },
  partsNotDelivered: (recipientName: string, text: string, from: number, total: number) =>
    `${from === total ? `La partie ${from} sur ${total} de votre long message ${quotedList([text])} n’a pas pu être remise` : `Les parties ${from} à ${total} sur ${total} de votre long message ${quotedList([text])} n’ont pas pu être remises`} à ${isolatedName(recipientName)}. Veuillez renvoyer le reste.`,
  mayNotHaveArrived: (recipientName: string, texts: readonly string[]) =>
    `Votre message ${quotedList(texts)} n’est peut-être pas parvenu à ${isolatedName(recipientName)}\u00A0: le service de messagerie a cessé de répondre pendant l’envoi. Si ${isolatedName(recipientName)} n’y répond pas, veuillez le renvoyer.`,
} as const;
