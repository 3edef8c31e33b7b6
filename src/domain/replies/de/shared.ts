import type { ChatChannel } from '../../participant';
import { isolatedName } from '../../text';
import type { HandedBackTo, HandedOver, OperatorGone } from '../shared';

/** The German pieces several sentences share (see ../shared.ts for the English and the types). */
export const CHANNEL_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
export const TENANT_NAMES: Record<ChatChannel, string> = { slack: 'Slack-Workspace', teams: 'Microsoft-Teams-Organisation' };

/** Der Workspace, die Organisation: every tenant sentence here uses the dative ("zwischen Koji und …"). */
const DATIVE: Record<ChatChannel, { readonly the: string; readonly this: string }> = {
  slack: { the: 'dem', this: 'diesem' },
  teams: { the: 'der', this: 'dieser' },
};
/** "dem Slack-Workspace von Bob": German has no neutral "their", so the owner is named. */
export const theTenantOf = (channel: ChatChannel, name: string): string =>
  `${DATIVE[channel].the} ${TENANT_NAMES[channel]} von ${isolatedName(name)}`;
export const thisTenant = (channel: ChatChannel): string => `${DATIVE[channel].this} ${TENANT_NAMES[channel]}`;

/** `n` with its noun in the right number: "1 Minute", "5 Minuten". */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Names in a sentence: "A", "A und B", "A, B und C". */
export const listOf = (names: readonly string[]): string => {
  const shown = names.map(isolatedName);
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} und ${shown.at(-1) ?? ''}`;
};

export const BACK_TO_QUEUE = 'das Gespräch wurde zurück in die Warteschlange gestellt.';

/** What a user is told to type, in German quotes; see ../shared.ts. */
export const typed = (phrase: string): string => `„${isolatedName(phrase)}“`;

/** Subject and verb together: German puts "noch" after the verb ("3 Personen warten noch"). */
export const people = (n: number): string => (n === 1 ? '1 Person wartet' : `${n} Personen warten`);

export const TICKET_OFFER =
  'Ich kann aus Ihren Nachrichten ein Ticket erstellen, damit sich der Servicedesk bei Ihnen meldet: Antworten Sie mit „Ticket“ oder nutzen Sie die Schaltfläche.';

export const operatorGone = (why: OperatorGone): string => {
  const name = isolatedName(why.name);
  switch (why.kind) {
    case 'off-duty':
      return `${name} musste das Gespräch verlassen.`;
    case 'lost-role':
      return `${name} ist nicht mehr verfügbar.`;
    case 'unreachable':
      return `${name} ist nicht mehr erreichbar.`;
    case 'tenant-disconnected':
      return `${name} ist nicht mehr verfügbar: Ein Admin hat die Verbindung zwischen Koji und ${theTenantOf(why.channel, why.name)} getrennt.`;
  }
};

export const whereNow = (to: HandedBackTo): string =>
  to.kind === 'queue'
    ? to.position === 1
      ? ' Beim nächsten freien Agenten sind Sie als Nächstes an der Reihe.'
      : ` Sie sind auf Platz ${to.position} der Warteschlange für den nächsten freien Agenten.`
    : to.kind === 'ticket-offer'
      ? ` Gerade ist kein anderer Agent im Dienst, deshalb kann niemand diesen Chat übernehmen. ${TICKET_OFFER}`
      : '';

export const handedOverLines = ({ queued, offeredTicket }: HandedOver): string[] => [
  queued.length === 0
    ? ''
    : queued.length === 1
      ? `Ihr Gespräch mit ${listOf(queued)} wurde an einen anderen Agenten übergeben oder zurück in die Warteschlange gestellt.`
      : `Ihre Gespräche mit ${listOf(queued)} wurden an andere Agenten übergeben oder zurück in die Warteschlange gestellt.`,
  offeredTicket.length > 0
    ? `Kein anderer Agent ist im Dienst, deshalb wurde ${listOf(offeredTicket)} stattdessen ${offeredTicket.length === 1 ? 'ein' : 'jeweils ein'} Ticket angeboten.`
    : '',
];

export const offDutyLine = (first: string, handedOver: HandedOver, waiting: number, last: string): string =>
  [first, ...handedOverLines(handedOver), waiting > 0 ? `${people(waiting)} noch.` : '', last].filter((s) => s.length > 0).join(' ');
