import type { NextOpening } from '../../business-hours';
import type { ChatChannel } from '../../participant';
import type { RatingScale } from '../../rating';
import { isolatedName } from '../../text';
import type { HandedBackTo, OperatorGone } from '../shared';
import { count, operatorGone, THIS_TENANT, TICKET_OFFER, typed, whereNow } from './shared';

const hours = (n: number): string => count(n, 'heure', 'heures');
const minutes = (n: number): string => count(n, 'minute', 'minutes');
const BACK_TO_ASSISTANT = 'Vous pouvez continuer à échanger avec l’assistant Koji.';

export const toUser = {
  liveAgentUnavailable: () => 'Le support en direct n’est pas disponible pour le moment, mais je peux vous aider ici pour votre question.',
  noOperatorOnDuty: () => `Aucun opérateur n’est en service pour le moment, personne ne peut donc rejoindre cette conversation. ${TICKET_OFFER}`,
  outsideBusinessHours: (back: NextOpening | undefined, timeZone: string) =>
    back === undefined
      ? `Notre équipe est absente pour le moment, et aucun horaire d’ouverture n’est prévu pour les 7 prochains jours. ${TICKET_OFFER}`
      : `Notre équipe est absente pour le moment\u00A0: nous serons de retour ${dayOf(back)} à ${clockTime(back.time)} (${timeZone}). ${TICKET_OFFER}`,
  queued: (position: number) =>
    `Tous les opérateurs sont occupés. Vous êtes en position ${position} dans la file d’attente, et je vous préviendrai dès que l’un d’eux sera disponible. Tapez ${typed('annuler')} pour quitter la file d’attente.`,
  stillQueued: (position: number) =>
    `Vous attendez toujours un opérateur\u00A0: vous êtes en position ${position} dans la file d’attente. Tapez ${typed('annuler')} pour quitter la file d’attente.`,
  beingConnected: () =>
    `Mise en relation avec un opérateur en cours. Je vous préviendrai ici dès que quelqu’un vous rejoindra. Tapez ${typed('annuler')} pour ne plus attendre.`,
  offersWentRound: (firstInLine: boolean) =>
    `Les opérateurs disponibles en ce moment n’ont pas pu prendre votre conversation. ${firstInLine ? 'Vous êtes en tête de la file d’attente pour le prochain' : 'Vous gardez votre place dans la file d’attente'}\u00A0: continuez à patienter, ou je peux créer un ticket à partir de vos messages pour que le centre de services vous recontacte (répondez ${typed('ticket')} ou utilisez le bouton).`,
  /** "live agent" as "de l’équipe de support": a human, in words that need no gender for the operator. */
  connected: (operatorName: string) =>
    `Vous êtes maintenant en relation avec ${isolatedName(operatorName)}, de l’équipe de support. Tapez ${typed('stop')} lorsque vous avez terminé.`,
  alreadyConnected: (operatorName: string) => `Vous êtes déjà en relation avec ${isolatedName(operatorName)}.`,
  leftQueue: () => 'Vous avez quitté la file d’attente. Vous êtes de retour avec l’assistant Koji.',
  youEnded: (operatorName: string) =>
    `Vous avez mis fin à la conversation avec ${isolatedName(operatorName)}. Vous êtes de retour avec l’assistant Koji.`,
  closedByOperator: (operatorName: string) => `${isolatedName(operatorName)} a clôturé la conversation. ${BACK_TO_ASSISTANT}`,
  handedBack: (why: OperatorGone, to: HandedBackTo) => `${operatorGone(why)}${whereNow(to)}`,
  passedToQueue: (operatorName: string) =>
    `${isolatedName(operatorName)} a transmis votre conversation. Vous êtes en tête de la file d’attente pour le prochain opérateur disponible.`,
  takenOver: (operatorName: string) => `${isolatedName(operatorName)} a repris votre conversation.`,
  ticketCreated: (key: string, url: string) => `Le ticket ${key} a été créé à partir de cette conversation\u00A0: ${url}`,
  ticketCreatedForYou: (key: string, url: string) =>
    `J’ai créé le ticket ${key} à partir de vos messages\u202F; le centre de services vous répondra sur ce ticket\u00A0: ${url}`,
  ticketNotCreated: (retryable: boolean) =>
    retryable
      ? `Je n’ai pas pu créer de ticket pour l’instant, car le centre de services ne répond pas. Veuillez réessayer dans quelques minutes\u00A0: répondez ${typed('ticket')} ou utilisez le bouton.`
      : 'Le centre de services ne peut pas recevoir de tickets depuis cette conversation pour le moment, je n’ai donc pas pu en créer. Veuillez contacter le centre de services par un autre moyen.',
  ticketInProgress: () => 'Votre ticket est en cours de création\u202F; vous recevrez sa référence dans un instant.',
  ticketUpdatedForYou: (key: string, url: string) =>
    `Vos messages ont été ajoutés au ticket ${key}\u202F; le centre de services vous répondra sur ce ticket\u00A0: ${url}`,
  offerDeclined: () => 'Entendu, pas de ticket. Vous êtes de retour avec l’assistant Koji.',
  noTicketOffered: (handoffPhrase: string) =>
    `Aucune proposition de ticket n’est en cours. Tapez ${typed(handoffPhrase)} si vous souhaitez parler à une personne.`,
  closedForInactivity: (minutesIdle: number) => `Cette conversation a été clôturée après ${minutes(minutesIdle)} sans message. ${BACK_TO_ASSISTANT}`,
  queueTimedOut: (minutesWaited: number) =>
    `Désolé, aucun opérateur n’a pu prendre votre demande dans un délai de ${minutes(minutesWaited)}. ${TICKET_OFFER}`,
  liveAgentTurnedOff: () =>
    `Le support en direct a été désactivé pour ce centre de services, cette conversation est donc terminée. ${BACK_TO_ASSISTANT}`,
  liveAgentTurnedOffWhileWaiting: () =>
    `Le support en direct a été désactivé pour ce centre de services, aucun opérateur ne peut donc prendre votre demande. ${TICKET_OFFER}`,
  tenantDisconnected: (channel: ChatChannel, operatorName?: string) =>
    `Un administrateur a déconnecté ${THIS_TENANT[channel]} de Koji, ${
      operatorName === undefined
        ? 'votre demande de mise en relation avec un opérateur a donc pris fin'
        : `votre conversation avec ${isolatedName(operatorName)} a donc pris fin`
    }.`,
  assistantHint: (handoffPhrase: string) => `Je suis l’assistant Koji. Pour parler à une personne, tapez ${typed(handoffPhrase)}.`,
  articlesFound: (n: number) => (n === 1 ? 'Cet article peut vous aider\u00A0:' : `Ces ${n} articles peuvent vous aider\u00A0:`),
  noArticleFound: (handoffPhrase: string) =>
    `Je n’ai trouvé aucun article à ce sujet. Pour parler à une personne, tapez ${typed(handoffPhrase)}.`,
  gladItHelped: () => 'Tant mieux, votre problème est résolu\u202F! Vous pouvez me poser vos questions ici à tout moment.',
  /** Asked of the help, not of the operator ("a-t-il/elle"), so the sentence needs no gender. */
  rateConversation: (operatorName: string, scale: RatingScale, windowHours: number) =>
    scale === 'thumbs'
      ? `L’aide de ${isolatedName(operatorName)} vous a-t-elle été utile\u202F? Choisissez 👍 ou 👎 dans un délai de ${hours(windowHours)}.`
      : `Comment évaluez-vous l’aide de ${isolatedName(operatorName)}\u202F? Choisissez une note de 1 (mauvais) à 5 (excellent) dans un délai de ${hours(windowHours)}.`,
  ratingCommentAdded: () => 'Merci, j’ai ajouté votre commentaire à votre évaluation.',
} as const;

const WEEKDAY_NAMES: Record<NextOpening['weekday'], string> = {
  monday: 'lundi',
  tuesday: 'mardi',
  wednesday: 'mercredi',
  thursday: 'jeudi',
  friday: 'vendredi',
  saturday: 'samedi',
  sunday: 'dimanche',
};

/** "09:30" as French writes a time of day: "9 h 30". */
const clockTime = (time: string): string => time.replace(/^0?(\d{1,2}):(\d{2})$/, '$1\u00A0h\u00A0$2');

const dayOf = (back: NextOpening): string => {
  if (back.daysAhead === 0) return 'aujourd’hui';
  if (back.daysAhead === 1) return 'demain';
  const weekday = WEEKDAY_NAMES[back.weekday];
  return back.daysAhead === 7 ? `${weekday} prochain` : weekday;
};
