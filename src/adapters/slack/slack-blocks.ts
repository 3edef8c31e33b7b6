import type { OutgoingMessage } from '../../domain/outgoing-message';
import { ACTION_ID_PREFIX, encodeButtonValue } from './slack-event';

/** Slack's limit for a section's text. */
const SECTION_TEXT_LIMIT = 3000;

export interface SlackPost {
  readonly text: string;
  readonly blocks?: readonly Record<string, unknown>[] | undefined;
  /** Relayed words appear under the sender's name (needs the chat:write.customize scope). */
  readonly username?: string | undefined;
}

/**
 * Renders the core's message for Slack: relays as the sender's words under
 * their name, the operator's request card with the user's recent messages and
 * buttons, notices as plain text with buttons where the core offers some.
 */
export function renderForSlack(message: OutgoingMessage): SlackPost {
  const text = escapeMrkdwn(message.text);
  const files = (message.attachments ?? []).map((a) => `<${a.url}|${escapeMrkdwn(a.name)}>`);
  if (message.kind === 'relay') {
    const body = files.length > 0 ? `${text}\n${files.join(' ')}` : text;
    return { text: body || ' ', username: message.senderName };
  }
  const blocks: Record<string, unknown>[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }];
  if (message.excerpt && message.excerpt.length > 0) {
    const quoted = message.excerpt.map((l) => `> *${escapeMrkdwn(l.speakerName)}:* ${escapeMrkdwn(l.text)}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clipKeepingEnd(quoted) } });
  }
  if (message.buttons && message.buttons.length > 0) {
    blocks.push({
      type: 'actions',
      elements: message.buttons.slice(0, 25).map((b, i) => ({
        type: 'button',
        // action_id must be unique within the block (a pick list has several "forward" buttons).
        action_id: `${ACTION_ID_PREFIX}${b.action}:${i}`,
        text: { type: 'plain_text', text: b.label.slice(0, 75) },
        value: encodeButtonValue(message.conversationId, b.value),
      })),
    });
  }
  return { text: message.text, blocks };
}

/**
 * A used card: what it said, without its buttons, and a line saying what the
 * click did, so it cannot be clicked again and reads as settled.
 */
export function usedCardBlocks(blocks: readonly Record<string, unknown>[], note: string): Record<string, unknown>[] {
  return [
    ...blocks.filter((b) => b['type'] !== 'actions'),
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(`✓ ${escapeMrkdwn(note)}`) }] },
  ];
}

function clip(text: string): string {
  return text.length <= SECTION_TEXT_LIMIT ? text : `${text.slice(0, SECTION_TEXT_LIMIT - 1)}…`;
}

/** The newest lines matter most to whoever takes over: a long excerpt loses its beginning. */
function clipKeepingEnd(text: string): string {
  return text.length <= SECTION_TEXT_LIMIT ? text : `…${text.slice(text.length - SECTION_TEXT_LIMIT + 1)}`;
}

/** Slack reads &, < and > as markup; people's words must arrive as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
