import type { ChatChannel } from '../../participant';
import { isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';
import type { HandedOver } from '../shared';
import { CHANNEL_NAMES, count, handedOverLines, offDutyLine, people, theTenantOf, thisTenant } from './shared';

const FREE = 'Sie sind frei für die nächste Anfrage.';
const waitingNow = (waiting: number): string => (waiting === 0 ? 'Gerade wartet niemand.' : `${people(waiting)}.`);
const messages = (lines: number): string => (lines === 1 ? 'die neue Nachricht' : `die ${lines} neuen Nachrichten`);

export const toOperator: Catalogue['toOperator'] = {
  notAnOperator: () =>
    'Nur Live-Agenten können Agentenbefehle verwenden. Bitten Sie Ihren Jira-Admin, Ihnen im Koji-Backoffice die Rolle „Live agent“ zu geben.',
  liveAgentDisabled: () =>
    'Der Live-Support ist für diesen Servicedesk deaktiviert. Bitten Sie Ihren Jira-Admin, ihn im Koji-Backoffice zu aktivieren.',
  onDuty: (waiting: number) => `Sie sind im Dienst. ${waitingNow(waiting)}`,
  alreadyOnDuty: (waiting: number) => `Sie sind bereits im Dienst. ${waitingNow(waiting)}`,
  offDuty: (handedOver: HandedOver, waiting: number) => offDutyLine('Sie sind jetzt außer Dienst.', handedOver, waiting, ''),
  putOffDuty: (handedOver: HandedOver, waiting: number) =>
    offDutyLine(
      'Ein Admin hat Sie im Koji-Backoffice außer Dienst gesetzt.',
      handedOver,
      waiting,
      'Schreiben Sie #on, sobald Sie wieder Anfragen übernehmen können.',
    ),
  idleAway: (minutes: number) =>
    `Sie waren ${count(minutes, 'Minute', 'Minuten')} lang inaktiv und hatten niemanden zu betreuen, deshalb habe ich Sie außer Dienst gesetzt. Schreiben Sie #on, wenn Sie wieder da sind.`,
  alreadyOffDuty: () => 'Sie sind bereits außer Dienst. Schreiben Sie #on, um Ihre Schicht zu beginnen.',
  request: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) möchte mit einem Agenten sprechen. Ihre Antworten gehen an diese Person, bis Sie „stop“ schreiben.`,
  offer: (userName: string, channel: ChatChannel, windowSeconds: number) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) wartet auf einen Agenten. Nehmen Sie die Anfrage innerhalb von ${count(windowSeconds, 'Sekunde', 'Sekunden')} an, oder lehnen Sie sie ab, damit jemand anderes übernehmen kann. Sie können auch #accept oder #decline schreiben.`,
  offerAccepted: (userName: string) => `Sie haben die Anfrage von ${isolatedName(userName)} angenommen.`,
  offerDeclined: (userName: string) =>
    `Sie haben die Anfrage von ${isolatedName(userName)} abgelehnt; sie wurde an den nächsten Agenten weitergegeben.`,
  offerExpired: (userName: string, windowSeconds: number) =>
    `Niemand hat innerhalb von ${count(windowSeconds, 'Sekunde', 'Sekunden')} angenommen, deshalb wurde die Anfrage von ${isolatedName(userName)} an den nächsten Agenten weitergegeben.`,
  offerWithdrawn: (userName: string) => `${isolatedName(userName)} wartet nicht mehr, deshalb ist diese Anfrage geschlossen.`,
  offerHandedBack: (userName: string) =>
    `Sie sind jetzt außer Dienst, deshalb wurde ${isolatedName(userName)} zurück in die Warteschlange gestellt.`,
  offerClosed: (userName: string) =>
    `Die Anfrage von ${isolatedName(userName)} ist geschlossen: Die Person wartet nicht mehr oder ist zu einem anderen Agenten gegangen.`,
  noOpenOffer: () =>
    'Sie haben keine offene Anfrage. Entweder wurde sie schon angenommen, sie ist abgelaufen, oder die Person wartet nicht mehr.',
  answerOfferFirst: (userName: string) =>
    `${isolatedName(userName)} ist noch nicht mit Ihnen verbunden. Schreiben Sie #accept, um die Anfrage anzunehmen, oder #decline, um sie weiterzugeben.`,
  missedOffersAway: (missed: number) =>
    `Sie haben ${missed === 1 ? '1 Anfrage' : `${missed} Anfragen nacheinander`} unbeantwortet gelassen, deshalb habe ich Sie außer Dienst gesetzt und Ihre offenen Anfragen an andere Agenten weitergegeben. Schreiben Sie #on, wenn Sie wieder da sind.`,
  noteAdded: (userName: string) =>
    `Notiz zum Gespräch mit ${isolatedName(userName)} hinzugefügt. ${isolatedName(userName)} sieht sie nicht; sie kommt als interner Kommentar in ein Ticket.`,
  noteRefused: (empty: boolean, max: number) =>
    empty
      ? 'Schreiben Sie die Notiz hinter #note, etwa „#note nach der Seriennummer gefragt“.'
      : `Eine Notiz darf höchstens ${max} Zeichen lang sein. Verteilen Sie den Text auf mehrere Notizen.`,
  ended: (userName: string) => `Ihr Gespräch mit ${isolatedName(userName)} ist beendet. ${FREE}`,
  userLeft: (userName: string) => `${isolatedName(userName)} hat das Gespräch beendet. ${FREE}`,
  notInConversation: (duty: 'on' | 'off') =>
    duty === 'on'
      ? 'Sie sind im Dienst, aber in keinem Gespräch. Wer nach einem Agenten fragt, wird an Sie vermittelt.'
      : 'Sie sind außer Dienst. Schreiben Sie #on, um Ihre Schicht zu beginnen.',
  conversationAlreadyEnded: () => 'Dieses Gespräch ist beendet oder wurde an jemand anderen übergeben, deshalb ist nichts passiert.',
  whichConversation: (names: readonly string[]) =>
    `Sie führen ${names.length} Gespräche (${names.map(isolatedName).join(', ')}). Beginnen Sie Ihre Nachricht mit dem Namen der Person, für die sie bestimmt ist, etwa „${isolatedName(names[0] ?? 'Bob')}: Ihre Nachricht“.`,
  operatorList: (lines: readonly string[]) =>
    lines.length === 0 ? 'Kein Agent ist im Dienst.' : [`Im Dienst (${lines.length}):`, ...lines].join('\n'),
  operatorLine: (name: string, load: number, capacity: number, isYou: boolean) =>
    `• ${isolatedName(name)}${isYou ? ' (Sie)' : ''}: ${load}/${capacity} ${capacity === 1 ? 'Gespräch' : 'Gespräche'}${load >= capacity ? ', ausgelastet' : ''}`,
  forwardChoices: (names: readonly string[]) =>
    [
      'Wer soll dieses Gespräch übernehmen? Schreiben Sie forward_operator und eine Nummer oder einen Namen:',
      ...names.map((name, i) => `${i + 1}. ${isolatedName(name)}`),
    ].join('\n'),
  nobodyToForwardTo: () => 'Gerade hat kein anderer Agent im Dienst Platz für ein weiteres Gespräch.',
  forwardUnknown: (target: string) =>
    `Ich kenne keinen Agenten namens „${isolatedName(target)}“. Schreiben Sie forward_operator, um zu sehen, wer das Gespräch übernehmen kann.`,
  forwardToSelf: () => 'Sie sind bereits in diesem Gespräch. Wählen Sie einen anderen Agenten.',
  forwardOffDuty: (name: string) => `${isolatedName(name)} ist außer Dienst. Wählen Sie einen Agenten, der im Dienst ist.`,
  forwardAtCapacity: (name: string) => `${isolatedName(name)} hat gerade keinen Platz für ein weiteres Gespräch.`,
  forwardedToYou: (fromName: string, userName: string, channel: ChatChannel) =>
    `${isolatedName(fromName)} hat ${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) an Sie weitergeleitet. Hier ist das bisherige Gespräch; Ihre Antworten gehen an ${isolatedName(userName)}, bis Sie „stop“ schreiben.`,
  earlierMessagesLeftOut: (ticketKey: string | undefined) =>
    ticketKey
      ? `Hier passen nur die neuesten Nachrichten hin; die früheren stehen im Ticket ${ticketKey}.`
      : 'Hier passen nur die neuesten Nachrichten hin; mit #create_ticket kommt das ganze Gespräch in ein Ticket.',
  forwardNote: (fromName: string, note: string) => `Notiz von ${isolatedName(fromName)}: ${note}`,
  forwardNoteTooLong: (max: number) =>
    `Eine Notiz für den nächsten Agenten darf höchstens ${max} Zeichen lang sein. Den Rest können Sie mit #note festhalten.`,
  forwardNoteWithoutTarget: () =>
    'Nennen Sie vor dem Doppelpunkt, wer das Gespräch übernehmen soll, etwa „forward_operator Uma: VPN zurücksetzen“, oder „forward_operator anyone: …“ für den nächsten freien Agenten.',
  nobodyElseOnDuty: (userName: string) => `Kein anderer Agent ist im Dienst, deshalb bleibt ${isolatedName(userName)} bei Ihnen.`,
  forwardedToQueue: (userName: string) =>
    `${isolatedName(userName)} wurde zurück in die Warteschlange gestellt und ist beim nächsten freien Agenten außer Ihnen als Nächstes an der Reihe. ${FREE}`,
  forwarded: (userName: string, toName: string) => `${isolatedName(userName)} ist jetzt bei ${isolatedName(toName)}. ${FREE}`,
  ticketCreated: (key: string, url: string) =>
    `Aus diesem Gespräch wurde das Ticket ${key} erstellt; das Gespräch läuft weiter, bis Sie „stop“ schreiben: ${url}`,
  ticketUpdated: (key: string, lines: number) =>
    lines === 0
      ? `Das Ticket ${key} enthält bereits das ganze Gespräch.`
      : `Das Ticket ${key} gibt es bereits, deshalb habe ich ${messages(lines)} als Kommentar hinzugefügt.`,
  ticketFailed: (reason: string, retryable: boolean) =>
    retryable
      ? `Ich konnte das Ticket nicht erstellen: ${reason} Das Gespräch bleibt erhalten, Sie können es also gleich noch einmal versuchen.`
      : `Ich konnte das Ticket nicht erstellen: ${reason} Das Gespräch bleibt erhalten: Sobald das Problem behoben ist, erstellt #create_ticket das Ticket mit dem ganzen Gespräch.`,
  ticketInProgress: () => 'Aus diesem Gespräch wird bereits ein Ticket erstellt; die Ticketnummer erhalten Sie gleich.',
  ticketNotUpdated: (key: string, lines: number, reason: string, retryable: boolean) =>
    `Ich konnte ${messages(lines)} nicht zum Ticket ${key} hinzufügen: ${reason} ${
      lines === 1
        ? retryable
          ? 'Die Nachricht bleibt erhalten, ein erneutes #create_ticket fügt sie hinzu.'
          : 'Die Nachricht bleibt in Kojis Protokoll dieses Gesprächs erhalten.'
        : retryable
          ? 'Die Nachrichten bleiben erhalten, ein erneutes #create_ticket fügt sie hinzu.'
          : 'Die Nachrichten bleiben in Kojis Protokoll dieses Gesprächs erhalten.'
    }`,
  ticketRemainderNotAdded: (userName: string, key: string, reason: string, retryable: boolean) =>
    `Ich konnte das Ende Ihres Gesprächs mit ${isolatedName(userName)} nicht zum Ticket ${key} hinzufügen: ${reason} ${
      retryable ? `Es geht nichts verloren: Das Koji-Panel im Ticket ${key} zeigt das ganze Gespräch.` : 'Koji bewahrt das Protokoll des Gesprächs auf.'
    }`,
  closedForInactivity: (userName: string, minutes: number) =>
    `Ihr Gespräch mit ${isolatedName(userName)} wurde nach ${count(minutes, 'Minute', 'Minuten')} ohne Nachrichten beendet.`,
  unknownCommand: (word: string, commandHelp: readonly string[]) => `Den Befehl ${word} kenne ich nicht. ${helpText(commandHelp)}`,
  help: (commandHelp: readonly string[]) => helpText(commandHelp),
  endedBeforeTicket: (userName: string) =>
    `Das Gespräch mit ${isolatedName(userName)} endete, bevor das Ticket erstellt war, deshalb wurde daraus kein Ticket erstellt.`,
  userUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} ist über ${CHANNEL_NAMES[channel]} nicht mehr erreichbar, deshalb ist Ihr Gespräch beendet. ${FREE}`,
  roleGranted: () => 'Sie haben jetzt die Rolle „Live agent“ in Koji. Schreiben Sie #on, um Ihre Schicht zu beginnen, und #off, um sie zu beenden.',
  roleRevoked: () => 'Ihre Rolle „Live agent“ in Koji wurde entfernt, deshalb sind Sie außer Dienst.',
  liveAgentTurnedOff: () => 'Der Live-Support wurde für diesen Servicedesk deaktiviert, deshalb sind Sie außer Dienst.',
  userDisconnected: (userName: string, channel: ChatChannel) =>
    `Ein Admin hat die Verbindung zwischen Koji und ${theTenantOf(channel, userName)} getrennt, deshalb ist Ihr Gespräch beendet. ${FREE}`,
  tenantDisconnected: (channel: ChatChannel, handedOver: HandedOver) =>
    [
      `Ein Admin hat die Verbindung zwischen Koji und ${thisTenant(channel)} getrennt, deshalb sind Sie außer Dienst und kein Live-Agent mehr.`,
      ...handedOverLines(handedOver),
    ]
      .filter((s) => s.length > 0)
      .join(' '),
};

function helpText(commandHelp: readonly string[]): string {
  return `Befehle: ${commandHelp.join('; ')}. Bei mehreren Gesprächen beginnen Sie mit dem Namen der Person: „Bob: …“. Um eine Nachricht mit # zu beginnen, schreiben Sie stattdessen ##.`;
}
