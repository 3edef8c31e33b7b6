import type { ChatChannel } from '../../participant';
import { clipText, isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';
import { BACK_TO_QUEUE, CHANNEL_NAMES, count, theTenantOf } from './shared';

export const transcriptNotes: Catalogue['transcriptNotes'] = {
  operatorEnded: (operatorName: string) => `${isolatedName(operatorName)} hat das Gespräch beendet.`,
  userEnded: (userName: string) => `${isolatedName(userName)} hat das Gespräch beendet.`,
  closedForInactivity: () => 'Das Gespräch wurde wegen Inaktivität beendet.',
  closedSupportDisabled: () => 'Das Gespräch wurde beendet, weil der Live-Support deaktiviert wurde.',
  closedSupportDisabledWhileWaiting: () => 'Der Live-Support wurde deaktiviert, während die Person wartete.',
  closedTenantDisconnected: (userName: string, channel: ChatChannel) =>
    `Das Gespräch wurde beendet, weil die Verbindung zwischen Koji und ${theTenantOf(channel, userName)} getrennt wurde.`,
  closedUserUnreachable: (userName: string, channel: ChatChannel) =>
    `Das Gespräch wurde beendet, weil ${isolatedName(userName)} über ${CHANNEL_NAMES[channel]} nicht mehr erreichbar war.`,
  forwardedToQueue: (fromName: string) =>
    `${isolatedName(fromName)} hat das Gespräch für den nächsten freien Agenten zurück in die Warteschlange gestellt.`,
  forwarded: (fromName: string, toName: string) => `${isolatedName(fromName)} hat das Gespräch an ${isolatedName(toName)} weitergeleitet.`,
  recentTaken: () => 'Die Nachrichten oben wurden in ein Gespräch mit dem Servicedesk übernommen.',
  offeredTicketNobodyOnDuty: (userName: string) => `Kein anderer Agent war im Dienst, daher wurde ${isolatedName(userName)} ein Ticket angeboten.`,
  acceptedTicket: (userName: string) => `${isolatedName(userName)} hat das angebotene Ticket angenommen.`,
  declinedTicket: (userName: string) => `${isolatedName(userName)} hat das angebotene Ticket abgelehnt.`,
  leftQueue: (userName: string) => `${isolatedName(userName)} hat die Warteschlange verlassen.`,
  ticketOfferExpired: (userName: string) => `${isolatedName(userName)} hat das angebotene Ticket nicht rechtzeitig angenommen.`,
  stoppedWaitingUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} war über ${CHANNEL_NAMES[channel]} nicht mehr erreichbar und wartet deshalb nicht mehr.`,
  rated: (userName: string, score: string) => `${isolatedName(userName)} hat das Gespräch mit ${score} bewertet.`,
  ratingComment: (userName: string, comment: string) => `${isolatedName(userName)} hat die Bewertung kommentiert: „${comment}“`,
  backToAssistant: (userName: string) => `${isolatedName(userName)} ist ohne Ticket zum Assistenten zurückgekehrt.`,
  messageEdited: (name: string, sentAt: string, text: string) => `${isolatedName(name)} hat die Nachricht vom ${sentAt} im Chat bearbeitet. Sie lautet jetzt: „${text}“`,
  messageDeleted: (name: string, sentAt: string) =>
    `${isolatedName(name)} hat die Nachricht vom ${sentAt} im Chat gelöscht. Das Koji-Gesprächspanel zeigt sie als gelöscht; die bisherigen Kommentare dieses Tickets gehören Jira und bleiben, wie sie sind.`,
  offerDeclined: (operatorName: string) => `${isolatedName(operatorName)} hat die Anfrage zu diesem Gespräch abgelehnt.`,
  offerExpired: (operatorName: string, windowSeconds: number) =>
    `${isolatedName(operatorName)} hat nicht innerhalb von ${count(windowSeconds, 'Sekunde', 'Sekunden')} auf die Anfrage zu diesem Gespräch reagiert.`,
  wentOffDuty: (operatorName: string) => `${isolatedName(operatorName)} hat den Dienst beendet; ${BACK_TO_QUEUE}`,
  putOffDuty: (operatorName: string) => `Ein Admin hat ${isolatedName(operatorName)} außer Dienst gesetzt; ${BACK_TO_QUEUE}`,
  lostRole: (operatorName: string) => `${isolatedName(operatorName)} hat die Rolle „Live agent“ verloren; ${BACK_TO_QUEUE}`,
  operatorUnreachable: (operatorName: string, channel: ChatChannel, reason: string) =>
    `${isolatedName(operatorName)} war nicht erreichbar (${CHANNEL_NAMES[channel]} meldet ${reason}) und wurde außer Dienst gesetzt; ${BACK_TO_QUEUE}`,
};

/** A message named back to its sender: its first words, enough to recognise it. */
const quoted = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `„${flat ? clipText(flat, 80) : '(kein Text)'}“`;
};

const quotedList = (texts: readonly string[]): string => {
  const shown = texts.slice(0, 5).map(quoted).join(', ');
  return texts.length > 5 ? `${shown} und ${texts.length - 5} weitere` : shown;
};

const BEFORE = {
  ended: 'bevor das Gespräch endete',
  forwarded: 'bevor Sie das Gespräch weitergeleitet haben',
  'off-duty': 'bevor Sie außer Dienst gegangen sind',
} as const;

export const relayFailures: Catalogue['relayFailures'] = {
  notDelivered: (recipientName: string, texts: readonly string[]) =>
    texts.length === 1
      ? `Ihre Nachricht ${quotedList(texts)} konnte nicht an ${isolatedName(recipientName)} zugestellt werden. Bitte senden Sie sie noch einmal.`
      : `${texts.length} Ihrer Nachrichten konnten nicht an ${isolatedName(recipientName)} zugestellt werden: ${quotedList(texts)}. Bitte senden Sie sie noch einmal.`,
  dropped: (recipientName: string, texts: readonly string[], because: 'ended' | 'forwarded' | 'off-duty') => {
    const one = texts.length === 1;
    const after = because === 'ended' ? '' : ` Wer das Gespräch übernimmt, sieht ${one ? 'die Nachricht' : 'die Nachrichten'} dort.`;
    return one
      ? `Ihre Nachricht ${quotedList(texts)} konnte nicht an ${isolatedName(recipientName)} zugestellt werden, ${BEFORE[because]}.${after}`
      : `${texts.length} Ihrer Nachrichten konnten nicht an ${isolatedName(recipientName)} zugestellt werden, ${BEFORE[because]}: ${quotedList(texts)}.${after}`;
  },
  partsNotDelivered: (recipientName: string, text: string, from: number, total: number) =>
    `${from === total ? `Teil ${from} von ${total} Ihrer langen Nachricht ${quotedList([text])} konnte` : `Die Teile ${from}–${total} von ${total} Ihrer langen Nachricht ${quotedList([text])} konnten`} nicht an ${isolatedName(recipientName)} zugestellt werden. Bitte senden Sie den Rest noch einmal.`,
  mayNotHaveArrived: (recipientName: string, texts: readonly string[]) =>
    `Ihre Nachricht ${quotedList(texts)} hat ${isolatedName(recipientName)} möglicherweise nicht erreicht: Der Chatdienst hat beim Senden nicht mehr geantwortet. Falls ${isolatedName(recipientName)} nicht darauf antwortet, senden Sie sie bitte noch einmal.`,
};
