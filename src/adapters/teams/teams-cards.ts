import type { OutgoingMessage } from '../../domain/outgoing-message';
import { cardActionData } from './teams-activity';

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
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.5',
          body,
          actions: (message.buttons ?? []).map((b) => ({ type: 'Action.Submit', title: b.label, data: cardActionData(b.action, message.conversationId, b.value) })),
        },
      },
    ],
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([*_`[\]\\])/g, '\\$1');
}
