import type { NextOpening, Weekday } from '../../business-hours';
import type { ChatChannel } from '../../participant';
import type { RatingScale } from '../../rating';
import { isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';
import type { HandedBackTo, OperatorGone } from '../shared';
import { count, operatorGone, thisTenant, TICKET_OFFER, typed, whereNow } from './shared';

const BACK_TO_ASSISTANT = 'Ab jetzt antwortet Ihnen wieder der Koji-Assistent.';
const KEEP_TALKING = 'Sie können sich weiter mit dem Koji-Assistenten unterhalten.';
const LEAVE_QUEUE = 'Schreiben Sie „abbrechen“, um die Warteschlange zu verlassen.';

export const toUser: Catalogue['toUser'] = {
  liveAgentUnavailable: () => 'Der Live-Support ist gerade nicht verfügbar. Bei Ihrer Frage kann ich Ihnen aber weiterhin hier helfen.',
  noOperatorOnDuty: () => `Gerade ist kein Agent im Dienst, deshalb kann niemand diesem Chat beitreten. ${TICKET_OFFER}`,
  outsideBusinessHours: (back: NextOpening | undefined, timeZone: string) =>
    back === undefined
      ? `Unser Team ist gerade nicht erreichbar, und für die nächsten 7 Tage sind keine Servicezeiten hinterlegt. ${TICKET_OFFER}`
      : `Unser Team ist gerade nicht erreichbar: Wir sind ${dayOf(back)} um ${back.time} Uhr (${timeZone}) wieder für Sie da. ${TICKET_OFFER}`,
  queued: (position: number) =>
    `Alle Agenten sind gerade beschäftigt. Sie sind auf Platz ${position} der Warteschlange, und ich gebe Ihnen Bescheid, sobald ein Agent frei ist. ${LEAVE_QUEUE}`,
  stillQueued: (position: number) => `Sie warten noch auf einen Agenten: Platz ${position} der Warteschlange. ${LEAVE_QUEUE}`,
  beingConnected: () =>
    'Sie werden mit einem Agenten verbunden. Ich gebe Ihnen hier Bescheid, sobald jemand dazukommt. Schreiben Sie „abbrechen“, um nicht länger zu warten.',
  offersWentRound: (firstInLine: boolean) =>
    `Die gerade freien Agenten konnten Ihren Chat nicht übernehmen. ${firstInLine ? 'Beim nächsten freien Agenten sind Sie als Nächstes an der Reihe' : 'Sie behalten Ihren Platz in der Warteschlange'}: Sie können weiter warten, oder ich erstelle aus Ihren Nachrichten ein Ticket, damit sich der Servicedesk bei Ihnen meldet (antworten Sie mit „Ticket“ oder nutzen Sie die Schaltfläche).`,
  connected: (operatorName: string) =>
    `Sie sind jetzt mit ${isolatedName(operatorName)} vom Live-Support verbunden. Schreiben Sie „stop“, wenn Sie fertig sind.`,
  alreadyConnected: (operatorName: string) => `Sie sind bereits mit ${isolatedName(operatorName)} verbunden.`,
  leftQueue: () => `Sie haben die Warteschlange verlassen. ${BACK_TO_ASSISTANT}`,
  youEnded: (operatorName: string) => `Sie haben das Gespräch mit ${isolatedName(operatorName)} beendet. ${BACK_TO_ASSISTANT}`,
  closedByOperator: (operatorName: string) => `${isolatedName(operatorName)} hat das Gespräch beendet. ${KEEP_TALKING}`,
  handedBack: (why: OperatorGone, to: HandedBackTo) => `${operatorGone(why)}${whereNow(to)}`,
  passedToQueue: (operatorName: string) =>
    `${isolatedName(operatorName)} hat Ihr Gespräch weitergegeben. Beim nächsten freien Agenten sind Sie als Nächstes an der Reihe.`,
  takenOver: (operatorName: string) => `${isolatedName(operatorName)} hat Ihr Gespräch übernommen.`,
  ticketCreated: (key: string, url: string) => `Aus diesem Gespräch wurde das Ticket ${key} erstellt: ${url}`,
  ticketCreatedForYou: (key: string, url: string) =>
    `Ich habe aus Ihren Nachrichten das Ticket ${key} erstellt; der Servicedesk meldet sich dort bei Ihnen: ${url}`,
  ticketNotCreated: (retryable: boolean) =>
    retryable
      ? 'Ich konnte gerade kein Ticket erstellen, weil der Servicedesk nicht antwortet. Bitte versuchen Sie es in ein paar Minuten noch einmal: Antworten Sie mit „Ticket“ oder nutzen Sie die Schaltfläche.'
      : 'Der Servicedesk kann gerade keine Tickets aus diesem Chat annehmen, deshalb konnte ich keines erstellen. Bitte wenden Sie sich auf anderem Weg an den Servicedesk.',
  ticketInProgress: () => 'Ihr Ticket wird gerade erstellt; die Ticketnummer erhalten Sie gleich.',
  ticketUpdatedForYou: (key: string, url: string) =>
    `Ihre Nachrichten wurden zum Ticket ${key} hinzugefügt; der Servicedesk meldet sich dort bei Ihnen: ${url}`,
  offerDeclined: () => `In Ordnung, kein Ticket. ${BACK_TO_ASSISTANT}`,
  noTicketOffered: (handoffPhrase: string) =>
    `Es ist gerade kein Ticketangebot offen. Schreiben Sie ${typed(handoffPhrase)}, wenn Sie mit einem Menschen sprechen möchten.`,
  closedForInactivity: (minutes: number) =>
    `Dieses Gespräch wurde nach ${count(minutes, 'Minute', 'Minuten')} ohne Nachrichten beendet. ${KEEP_TALKING}`,
  queueTimedOut: (minutes: number) =>
    `Leider konnte innerhalb von ${count(minutes, 'Minute', 'Minuten')} kein Agent Ihre Anfrage übernehmen. ${TICKET_OFFER}`,
  liveAgentTurnedOff: () => `Der Live-Support wurde für diesen Servicedesk deaktiviert, deshalb ist dieses Gespräch beendet. ${KEEP_TALKING}`,
  liveAgentTurnedOffWhileWaiting: () =>
    `Der Live-Support wurde für diesen Servicedesk deaktiviert, deshalb kann kein Agent Ihre Anfrage übernehmen. ${TICKET_OFFER}`,
  tenantDisconnected: (channel: ChatChannel, operatorName?: string) =>
    `Ein Admin hat die Verbindung zwischen Koji und ${thisTenant(channel)} getrennt, deshalb ist ${
      operatorName === undefined ? 'Ihre Anfrage nach einem Agenten' : `Ihr Gespräch mit ${isolatedName(operatorName)}`
    } beendet.`,
  assistantHint: (handoffPhrase: string) =>
    `Ich bin der Koji-Assistent. Wenn Sie mit einem Menschen sprechen möchten, schreiben Sie ${typed(handoffPhrase)}.`,
  articlesFound: (n: number) => (n === 1 ? 'Dieser Artikel könnte helfen:' : `Diese ${n} Artikel könnten helfen:`),
  noArticleFound: (handoffPhrase: string) =>
    `Dazu habe ich keinen Artikel gefunden. Wenn Sie mit einem Menschen sprechen möchten, schreiben Sie ${typed(handoffPhrase)}.`,
  gladItHelped: () => 'Super, freut mich, dass das Problem gelöst ist! Sie können mich hier jederzeit wieder fragen.',
  rateConversation: (operatorName: string, scale: RatingScale, windowHours: number) =>
    scale === 'thumbs'
      ? `Hat ${isolatedName(operatorName)} Ihnen geholfen? Tippen Sie innerhalb von ${count(windowHours, 'Stunde', 'Stunden')} auf 👍 oder 👎.`
      : `Wie zufrieden waren Sie mit ${isolatedName(operatorName)}? Tippen Sie innerhalb von ${count(windowHours, 'Stunde', 'Stunden')} auf eine Bewertung von 1 (schlecht) bis 5 (sehr gut).`,
  ratingCommentAdded: () => 'Danke, ich habe Ihren Kommentar zu Ihrer Bewertung hinzugefügt.',
};

const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'Montag',
  tuesday: 'Dienstag',
  wednesday: 'Mittwoch',
  thursday: 'Donnerstag',
  friday: 'Freitag',
  saturday: 'Samstag',
  sunday: 'Sonntag',
};

const dayOf = (back: NextOpening): string => {
  if (back.daysAhead === 0) return 'heute';
  if (back.daysAhead === 1) return 'morgen';
  return back.daysAhead === 7 ? `nächsten ${WEEKDAY_NAMES[back.weekday]}` : `am ${WEEKDAY_NAMES[back.weekday]}`;
};
