import { isolatedName } from '../../text';

export const redactionMarkers = {
  cardNumber: 'Kartennummer entfernt',
  password: 'Passwort entfernt',
  credential: 'Zugangsschlüssel entfernt',
};

type Found = readonly ('cardNumber' | 'password' | 'credential')[];

const SECRET_NAMES = { cardNumber: 'eine Kartennummer', password: 'ein Passwort', credential: 'ein Zugangsschlüssel' } as const;

function listed(found: Found): string {
  const names = found.map((kind) => SECRET_NAMES[kind]);
  return names.length < 2 ? (names[0] ?? SECRET_NAMES.password) : `${names.slice(0, -1).join(', ')} und ${names.at(-1) ?? ''}`;
}

export const redactionReplies = {
  secretsRemoved: (found: Found) => `Koji hat aus Ihrer Nachricht entfernt, was wie ${listed(found)} aussah, bevor sie weitergegeben wurde.`,
  redactedBy: (operatorName: string, at: string) => `geschwärzt von ${isolatedName(operatorName)} um ${at}`,
  redactedNote: (operatorName: string) => `${isolatedName(operatorName)} hat eine Nachricht geschwärzt.`,
  ticketNote: (operatorName: string, name: string, sentAt: string) =>
    `${isolatedName(operatorName)} hat die Nachricht von ${isolatedName(name)} vom ${sentAt} in Koji geschwärzt. Dieses Ticket enthält sie bereits: Bitte entfernen Sie sie dort von Hand.`,
  redacted: (userName: string, sentAt: string, copyReplaced: boolean, onTicket: boolean) =>
    `Die Nachricht von ${isolatedName(userName)} vom ${sentAt} ist im Verlauf${copyReplaced ? ' und in der Kopie, die Koji in Ihrem Chat gepostet hat,' : ''} geschwärzt.` +
    `${copyReplaced ? '' : ' Koji konnte die Kopie in Ihrem Chat nicht ändern.'}` +
    `${onTicket ? ' Das Ticket enthielt sie bereits: Der Servicedesk wird gebeten, sie dort zu entfernen.' : ''}` +
    ` Die ursprüngliche Nachricht bleibt im Chat von ${isolatedName(userName)}: Koji kann nicht ändern, was jemand anderes gesendet hat.`,
  redactTakesANumber: (back: number) => `#redact nimmt die zu schwärzende Nachricht, vom letzten an gezählt: eine Zahl von 1 bis ${back}, oder nichts für die letzte.`,
  nothingToRedact: (userName: string, back: number) =>
    `Koji hat keine solche Nachricht von ${isolatedName(userName)} zum Schwärzen gefunden. #redact schwärzt die letzte Nachricht, #redact 2 die davor, bis #redact ${back}.`,
};
