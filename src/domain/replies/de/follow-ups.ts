import { isolatedName } from '../../text';

export const followUpReplies = {
  agentCommented: (key: string, agentName: string, text: string, cut: boolean, url: string) =>
    `${isolatedName(agentName)} hat Ihr Ticket ${key} kommentiert:\n${text}\n${cut ? `Der Rest steht im Ticket: ${url}` : url}`,
  resolved: (key: string, status: string, resolution: string | undefined, url: string) =>
    `Ihr Ticket ${key} ist jetzt ${isolatedName(status)}${resolution ? ` (Lösung: ${isolatedName(resolution)})` : ''}. Falls es für Sie nicht gelöst ist, sagen Sie es dem Service-Desk: ${url}`,
  reopened: (key: string, status: string, url: string) => `Ihr Ticket ${key} wurde wieder geöffnet: Es ist jetzt ${isolatedName(status)}. ${url}`,
  replyHint: () => 'Um im Ticket zu antworten, nutzen Sie „Im Ticket antworten“.',
  replyOpen: (key: string, minutes: number) => `Schreiben Sie jetzt Ihre Antwort: Ihre nächste Nachricht hier, innerhalb von ${minutes} Minuten, wird dem Ticket ${key} hinzugefügt.`,
  replyAdded: (key: string, url: string) => `Ihre Antwort wurde dem Ticket ${key} hinzugefügt: ${url}`,
  replyNotAdded: (key: string, retryable: boolean, url: string) =>
    retryable
      ? `Ich konnte Ihre Antwort gerade nicht zum Ticket ${key} hinzufügen, weil der Service-Desk nicht antwortet. Bitte senden Sie sie in ein paar Minuten noch einmal.`
      : `Ich konnte Ihre Antwort nicht zum Ticket ${key} hinzufügen. Bitte antworten Sie direkt im Ticket: ${url}`,
  repliesOff: (key: string, url: string) => `Antworten aus dem Chat sind für diesen Service-Desk ausgeschaltet. Bitte antworten Sie direkt im Ticket ${key}: ${url}`,
  notYourTicket: () => 'Zu diesem Ticket kann ich von hier aus keine Antwort hinzufügen.',
  replyButton: (key: string) => `Im Ticket ${key} antworten`,
};
