import type { ChatChannel } from '../../participant';
import { isolatedName } from '../../text';
import type { HandedOver } from '../shared';
import { CHANNEL_NAMES, count, handedOverLines, inQuotes, offDutyLine, people, plural, TENANT_NAMES, THIS_TENANT, typed } from './shared';

const FREE_NOW = 'Vous êtes disponible pour l’utilisateur suivant.';
const waitingNow = (waiting: number): string => (waiting === 0 ? 'Personne n’attend pour le moment.' : `${people(waiting)} en attente.`);
const newMessages = (lines: number): string => plural(lines, 'le nouveau message', `les ${lines} nouveaux messages`);

/** Sentences about a user say "sa demande" or "la conversation avec …" where English says "them": no gender to guess. */
export const toOperator = {
  notAnOperator: () =>
    'Seules les personnes ayant le rôle Live agent peuvent utiliser les commandes opérateur. Demandez à votre administrateur Jira de vous attribuer ce rôle dans le backoffice Koji.',
  liveAgentDisabled: () =>
    'Le support en direct est désactivé pour ce centre de services. Demandez à votre administrateur Jira de l’activer dans le backoffice Koji.',
  onDuty: (waiting: number) => `Vous êtes en service. ${waitingNow(waiting)}`,
  alreadyOnDuty: (waiting: number) => `Vous êtes déjà en service. ${waitingNow(waiting)}`,
  offDuty: (handedOver: HandedOver, waiting: number) => offDutyLine('Vous êtes hors service.', handedOver, waiting, ''),
  putOffDuty: (handedOver: HandedOver, waiting: number) =>
    offDutyLine(
      'Un administrateur vous a mis hors service dans le backoffice Koji.',
      handedOver,
      waiting,
      'Tapez #on dès que vous pouvez de nouveau prendre des utilisateurs en charge.',
    ),
  idleAway: (minutes: number) =>
    `Sans activité de votre part depuis ${count(minutes, 'minute', 'minutes')} et sans utilisateur à prendre en charge, je vous ai mis hors service. Tapez #on à votre retour.`,
  alreadyOffDuty: () => 'Vous êtes déjà hors service. Tapez #on pour commencer votre service.',
  request: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) souhaite parler à un opérateur. Vos réponses lui sont transmises jusqu’à ce que vous tapiez ${typed('stop')}.`,
  offer: (userName: string, channel: ChatChannel, windowSeconds: number) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) attend de parler à un opérateur. Acceptez dans un délai de ${count(windowSeconds, 'seconde', 'secondes')}, ou refusez pour qu’un autre opérateur s’en charge. Vous pouvez aussi taper #accept ou #decline.`,
  offerAccepted: (userName: string) => `Vous avez accepté la demande de ${isolatedName(userName)}.`,
  offerDeclined: (userName: string) => `Vous avez refusé la demande de ${isolatedName(userName)}\u202F; elle a été transmise à l’opérateur suivant.`,
  offerExpired: (userName: string, windowSeconds: number) =>
    `Personne n’a accepté dans un délai de ${count(windowSeconds, 'seconde', 'secondes')}, la demande de ${isolatedName(userName)} a donc été transmise à l’opérateur suivant.`,
  offerWithdrawn: (userName: string) => `${isolatedName(userName)} a cessé d’attendre, cette proposition est donc close.`,
  offerHandedBack: (userName: string) =>
    `Vous êtes maintenant hors service, la demande de ${isolatedName(userName)} est donc retournée dans la file d’attente.`,
  offerClosed: (userName: string) =>
    `La proposition concernant ${isolatedName(userName)} est close\u00A0: cette personne a cessé d’attendre ou a été prise en charge par un autre opérateur.`,
  noOpenOffer: () => 'Vous n’avez aucune proposition en cours\u00A0: elle a déjà été prise, elle a expiré, ou l’utilisateur a cessé d’attendre.',
  answerOfferFirst: (userName: string) =>
    `${isolatedName(userName)} n’est pas encore en relation avec vous. Tapez #accept pour accepter sa demande, ou #decline pour la transmettre.`,
  missedOffersAway: (missed: number) =>
    `Vous avez laissé ${missed === 1 ? 'une proposition' : `${count(missed, 'proposition', 'propositions')} d’affilée`} sans réponse, je vous ai donc mis hors service et j’ai transmis vos propositions en cours à d’autres opérateurs. Tapez #on à votre retour.`,
  noteAdded: (userName: string) =>
    `Note ajoutée à la conversation avec ${isolatedName(userName)}. ${isolatedName(userName)} ne la voit pas\u202F; elle sera ajoutée au ticket comme commentaire interne.`,
  noteRefused: (empty: boolean, max: number) =>
    empty
      ? `Écrivez la note après #note, par exemple ${inQuotes('#note a demandé le numéro de série')}.`
      : `Une note peut contenir au maximum ${count(max, 'caractère', 'caractères')}. Répartissez-la en plusieurs notes.`,
  ended: (userName: string) => `Votre conversation avec ${isolatedName(userName)} est terminée. ${FREE_NOW}`,
  userLeft: (userName: string) => `${isolatedName(userName)} a mis fin à la conversation. ${FREE_NOW}`,
  notInConversation: (duty: 'on' | 'off') =>
    duty === 'on'
      ? 'Vous êtes en service, mais sans conversation en cours. Les utilisateurs qui demandent un opérateur vous seront adressés.'
      : 'Vous êtes hors service. Tapez #on pour commencer votre service.',
  conversationAlreadyEnded: () => 'Cette conversation est terminée ou a été confiée à quelqu’un d’autre, aucune action n’a donc été effectuée.',
  whichConversation: (names: readonly string[]) =>
    `Vous avez ${count(names.length, 'conversation', 'conversations')} en cours (${names.map(isolatedName).join(', ')}). Commencez votre message par le nom de la personne à qui il s’adresse, par exemple ${inQuotes(`${isolatedName(names[0] ?? 'Bob')}: votre message`)}.`,
  operatorList: (lines: readonly string[]) =>
    lines.length === 0 ? 'Aucun opérateur n’est en service.' : [`En service (${lines.length})\u00A0:`, ...lines].join('\n'),
  operatorLine: (name: string, load: number, capacity: number, isYou: boolean) =>
    `• ${isolatedName(name)}${isYou ? ' (vous)' : ''}\u00A0: ${load}/${capacity} ${plural(capacity, 'conversation', 'conversations')}${load >= capacity ? ', capacité atteinte' : ''}`,
  forwardChoices: (names: readonly string[]) =>
    [
      'Qui doit reprendre cette conversation\u202F? Tapez forward_operator suivi d’un numéro ou d’un nom\u00A0:',
      ...names.map((name, i) => `${i + 1}. ${isolatedName(name)}`),
    ].join('\n'),
  nobodyToForwardTo: () => 'Aucun autre opérateur en service n’a de place pour une conversation supplémentaire pour le moment.',
  forwardUnknown: (target: string) =>
    `Je ne connais aucun opérateur nommé ${typed(target)}. Tapez forward_operator pour voir qui peut reprendre la conversation.`,
  forwardToSelf: () => 'Vous participez déjà à cette conversation. Choisissez un autre opérateur.',
  forwardOffDuty: (name: string) => `${isolatedName(name)} est hors service. Choisissez un opérateur en service.`,
  forwardAtCapacity: (name: string) => `${isolatedName(name)} n’a pas de place pour une conversation supplémentaire pour le moment.`,
  forwardedToYou: (fromName: string, userName: string, channel: ChatChannel) =>
    `${isolatedName(fromName)} vous a transféré la conversation avec ${isolatedName(userName)} (${CHANNEL_NAMES[channel]}). Voici la conversation jusqu’ici\u202F; vos réponses sont transmises à ${isolatedName(userName)} jusqu’à ce que vous tapiez ${typed('stop')}.`,
  earlierMessagesLeftOut: (ticketKey: string | undefined) =>
    ticketKey
      ? `Seuls les messages les plus récents figurent ici\u202F; les précédents se trouvent dans le ticket ${ticketKey}.`
      : 'Seuls les messages les plus récents figurent ici\u202F; #create_ticket enregistre toute la conversation dans un ticket.',
  forwardNote: (fromName: string, note: string) => `Note de ${isolatedName(fromName)}\u00A0: ${note}`,
  forwardNoteTooLong: (max: number) =>
    `Une note pour l’opérateur suivant peut contenir au maximum ${count(max, 'caractère', 'caractères')}. Ajoutez le reste avec #note.`,
  /** `anyone` stays English: it is the word forward_operator reads (chat-command.ts), as the command names are. */
  forwardNoteWithoutTarget: () =>
    `Indiquez qui doit reprendre la conversation avant les deux-points, par exemple ${inQuotes('forward_operator Uma: VPN à réinitialiser')}, ou ${inQuotes('forward_operator anyone: …')} pour le prochain opérateur disponible.`,
  nobodyElseOnDuty: (userName: string) => `Aucun autre opérateur n’est en service, ${isolatedName(userName)} reste donc avec vous.`,
  forwardedToQueue: (userName: string) =>
    `La demande de ${isolatedName(userName)} est retournée dans la file d’attente, en tête pour le prochain opérateur disponible autre que vous. ${FREE_NOW}`,
  forwarded: (userName: string, toName: string) =>
    `La conversation avec ${isolatedName(userName)} est désormais prise en charge par ${isolatedName(toName)}. ${FREE_NOW}`,
  ticketCreated: (key: string, url: string) =>
    `Le ticket ${key} a été créé à partir de cette conversation, qui se poursuit jusqu’à ce que vous tapiez ${typed('stop')}\u00A0: ${url}`,
  ticketUpdated: (key: string, lines: number) =>
    lines === 0
      ? `Le ticket ${key} contient déjà toute la conversation.`
      : `Le ticket ${key} existe déjà\u00A0: j’y ai ajouté ${newMessages(lines)} en commentaire.`,
  ticketFailed: (reason: string, retryable: boolean) =>
    retryable
      ? `Je n’ai pas pu créer le ticket\u00A0: ${reason} La conversation est conservée, vous pourrez donc réessayer dans un instant.`
      : `Je n’ai pas pu créer le ticket\u00A0: ${reason} La conversation est conservée\u00A0: une fois le problème résolu, #create_ticket créera le ticket avec l’intégralité de la conversation.`,
  ticketInProgress: () => 'Un ticket est déjà en cours de création à partir de cette conversation\u202F; vous recevrez sa référence dans un instant.',
  ticketNotUpdated: (key: string, lines: number, reason: string, retryable: boolean) =>
    `Je n’ai pas pu ajouter ${newMessages(lines)} au ticket ${key}\u00A0: ${reason} ${
      retryable
        ? plural(lines, 'Il est conservé\u00A0: relancez #create_ticket pour l’ajouter.', 'Ils sont conservés\u00A0: relancez #create_ticket pour les ajouter.')
        : plural(lines, 'Il reste dans la transcription Koji de cette conversation.', 'Ils restent dans la transcription Koji de cette conversation.')
    }`,
  ticketRemainderNotAdded: (userName: string, key: string, reason: string, retryable: boolean) =>
    `Je n’ai pas pu ajouter la fin de votre conversation avec ${isolatedName(userName)} au ticket ${key}\u00A0: ${reason} ${
      retryable ? `Rien n’est perdu\u00A0: le panneau Koji du ticket ${key} affiche toute la conversation.` : 'Koji conserve la transcription de la conversation.'
    }`,
  closedForInactivity: (userName: string, minutes: number) =>
    `Votre conversation avec ${isolatedName(userName)} a été clôturée après ${count(minutes, 'minute', 'minutes')} sans message.`,
  unknownCommand: (word: string, commandHelp: readonly string[]) => `Je ne connais pas la commande ${word}. ${helpText(commandHelp)}`,
  help: (commandHelp: readonly string[]) => helpText(commandHelp),
  endedBeforeTicket: (userName: string) =>
    `La conversation avec ${isolatedName(userName)} s’est terminée avant la création du ticket\u202F; aucun ticket n’a donc été créé.`,
  userUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} n’est plus joignable sur ${CHANNEL_NAMES[channel]}, votre conversation est donc terminée. ${FREE_NOW}`,
  roleGranted: () => 'Vous avez désormais le rôle Live agent dans Koji. Tapez #on pour commencer votre service et #off pour le terminer.',
  roleRevoked: () => 'Votre rôle Live agent dans Koji a été retiré, vous êtes donc hors service.',
  liveAgentTurnedOff: () => 'Le support en direct a été désactivé pour ce centre de services, vous êtes donc hors service.',
  userDisconnected: (userName: string, channel: ChatChannel) =>
    `Un administrateur a déconnecté de Koji l’${TENANT_NAMES[channel]} de ${isolatedName(userName)}, votre conversation est donc terminée. ${FREE_NOW}`,
  tenantDisconnected: (channel: ChatChannel, handedOver: HandedOver) =>
    [
      `Un administrateur a déconnecté ${THIS_TENANT[channel]} de Koji\u00A0: vous êtes donc hors service et n’avez plus le rôle Live agent.`,
      ...handedOverLines(handedOver),
    ]
      .filter((s) => s.length > 0)
      .join(' '),
} as const;

function helpText(commandHelp: readonly string[]): string {
  return `Commandes\u00A0: ${commandHelp.join('\u202F; ')}. Avec plusieurs conversations, commencez par le nom de l’utilisateur\u00A0: ${inQuotes('Bob\u00A0: …')}. Pour envoyer un message qui commence par #, écrivez ## à sa place.`;
}
