import type { Catalogue } from '../catalogue';

/** Command names stay as typed; `anyone` too, since forward_operator recognises only the English words for the queue. */
export const commandHelp: Catalogue['commandHelp'] = {
  'create-ticket': '#create_ticket [Zusammenfassung] (erstellt aus dem Gespräch ein Ticket)',
  'end-session': 'stop oder #exit (beendet das aktuelle Gespräch)',
  forward: 'forward_operator [Nummer, Name oder anyone][: Notiz für den nächsten Agenten] (übergibt die Person an einen anderen Agenten)',
  'go-off-duty': '#off (beendet Ihre Schicht)',
  'go-on-duty': '#on (beginnt Ihre Schicht)',
  'list-operators': 'list_operators (zeigt, wer im Dienst ist)',
  note: '#note <Text> (eine Notiz für den Servicedesk; die Person im Chat sieht sie nie)',
  redact: '#redact [n] (die letzte Nachricht der Person schwärzen, oder ihre n-letzte, überall, wo Koji sie aufbewahrt)',
  'send-saved-reply': '#reply [Name] (sendet eine gespeicherte Antwort; ohne Namen: listet alle auf)',
  'accept-offer': '#accept (nimmt die angebotene Anfrage an)',
  'decline-offer': '#decline (gibt die angebotene Anfrage an jemand anderen weiter)',
};

export const failureReplies: Catalogue['failureReplies'] = {
  busy: () => 'Koji bearbeitet gerade andere Anfragen für dieselben Personen. Bitte versuchen Sie es gleich noch einmal.',
};
