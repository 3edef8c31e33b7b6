import type { OutgoingMessage } from '../../domain/outgoing-message';
import { cardActionData } from './teams-activity';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * Renders the core's message as a Teams activity: relayed words as text under
 * the sender's name (a bot cannot post as someone else), notices as plain
 * text, and anything with buttons or an excerpt as an Adaptive Card whose
 * Action.Submit buttons come back as the same intents.
 */
export function renderForTeams(message: OutgoingMessage): Record<string, unknown> {
  const files = (message.attachments ?? []).map((a) => `[${escapeMarkdown(a.name)}](${a.url})`);
  if (message.kind === 'relay') {
    const words = [message.text && escapeMarkdown(message.text), ...files].filter(Boolean).join('\n\n');
    return { type: 'message', textFormat: 'markdown', text: message.senderName ? `**${escapeMarkdown(message.senderName)}:** ${words}` : words };
  }
  const hasCard = (message.buttons?.length ?? 0) > 0 || (message.excerpt?.length ?? 0) > 0;
  if (!hasCard) return { type: 'message', textFormat: 'plain', text: message.text };
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: message.text, wrap: true }];
  if (message.excerpt && message.excerpt.length > 0) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: message.excerpt.map((l) => ({ type: 'TextBlock', text: `**${escapeMarkdown(l.speakerName)}:** ${escapeMarkdown(l.text)}`, wrap: true, spacing: 'Small' })),
    });
  }
  return {
    type: 'message',
    text: message.text,
    attachments: [
      {
        contentType: ADAPTIVE_CARD,
        content: adaptiveCard(
          body,
          (message.buttons ?? []).map((b) => ({ type: 'Action.Submit', title: b.label, data: cardActionData(b.action, message.conversationId, b.value, message.text) })),
        ),
      },
    ],
  };
}

/**
 * What a card becomes once used (it replaces the card, `PUT …/activities/{id}`):
 * its lead line and what the click did, and no actions, so it cannot be
 * clicked again and reads as settled.
 */
export function renderUsedCard(lead: string | undefined, note: string): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    ...(lead ? [{ type: 'TextBlock', text: lead, wrap: true }] : []),
    { type: 'TextBlock', text: `✓ ${escapeMarkdown(note)}`, wrap: true, isSubtle: true, spacing: 'Medium' },
  ];
  return { type: 'message', text: lead ?? note, attachments: [{ contentType: ADAPTIVE_CARD, content: adaptiveCard(body, []) }] };
}

function adaptiveCard(body: readonly Record<string, unknown>[], actions: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body, actions };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([*_`[\]\\])/g, '\\$1');
}
