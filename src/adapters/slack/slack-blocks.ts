import type { OutgoingMessage } from '../../domain/outgoing-message';
import { isArticleLink, type KbArticle } from '../../domain/knowledge-base';
import { clipKeepingEnd, clipText, isolatedName } from '../../domain/text';
import type { TranscriptLine } from '../../domain/transcript';
import { ACTION_ID_PREFIX, encodeButtonValue } from './slack-event';
import { EXCERPT_LINKS, newestLinksOnly, spansOf, type ChatSpan } from '../../domain/chat-text';
import { appSentence, escapeMrkdwn, relayInlines, richInlines, richTextBlock, type RichInline } from './slack-text';
import { isPrimaryAction } from '../chat/button-emphasis';

/** Slack's limit for a section's text, kept for the card's words and excerpt. */
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
 * buttons, notices with buttons where the core offers some. Words are shown
 * as rich_text, which Slack never reads as mrkdwn; `text` is the notification.
 */
export function renderForSlack(message: OutgoingMessage): SlackPost {
  if (message.kind === 'relay') {
    const inlines = relayInlines(message.text, message.links, (message.attachments ?? []).map((a) => ({ text: a.name, url: a.url })));
    return { text: escapeMrkdwn(message.text) || ' ', blocks: richTextBlock(inlines), username: message.senderName };
  }
  const blocks: Record<string, unknown>[] = [...richTextBlock(appSentence(clip(message.text), message.links))];
  if (message.excerpt && message.excerpt.length > 0) blocks.push(...richTextBlock(excerptInlines(message.excerpt), true));
  for (const article of message.articles ?? []) blocks.push(...richTextBlock(articleInlines(article)));
  if (message.buttons && message.buttons.length > 0) {
    blocks.push({
      type: 'actions',
      elements: message.buttons.slice(0, 25).map((b, i) => ({
        type: 'button',
        // action_id must be unique within the block (a pick list has several "forward" buttons).
        action_id: `${ACTION_ID_PREFIX}${b.action}:${i}`,
        text: { type: 'plain_text', text: clipText(b.label, 75) },
        value: encodeButtonValue(message.conversationId, b.value),
        ...(isPrimaryAction(b.action) ? { style: 'primary' } : {}),
      })),
    });
  }
  return { text: escapeMrkdwn(message.text), blocks };
}

/**
 * A used card: what it said, without its buttons, and a line saying what the
 * click did, so it cannot be clicked again and reads as settled.
 */
export function usedCardBlocks(blocks: readonly Record<string, unknown>[], note: string): Record<string, unknown>[] {
  return [...blocks.filter((b) => b['type'] !== 'actions'), ...richTextBlock(richInlines([{ kind: 'text', text: clip(`✓ ${note}`) }], { italic: true }))];
}

/**
 * Each line as the speaker's name in bold and their words. The newest lines
 * matter most to whoever takes over: a long excerpt loses its beginning.
 */
function excerptInlines(lines: readonly TranscriptLine[]): RichInline[] {
  const kept: { speaker: string; words: ChatSpan[] }[] = [];
  let budget = SECTION_TEXT_LIMIT;
  for (const line of [...lines].reverse()) {
    const room = budget - line.speakerName.length - 3;
    if (room <= 0) break;
    const text = clipKeepingEnd(line.text, room);
    kept.unshift({ speaker: line.speakerName, words: spansOf(text, line.links) });
    budget = room - text.length;
    if (line.text.length > room) break;
  }
  const words = newestLinksOnly(kept.map((k) => k.words), EXCERPT_LINKS.count, EXCERPT_LINKS.urlChars);
  return kept.flatMap((k, i) => [
    ...(i === 0 ? [] : [{ type: 'text', text: '\n' }]),
    { type: 'text', text: `${isolatedName(k.speaker)}:`, style: { bold: true } },
    { type: 'text', text: ' ' },
    ...richInlines(words[i] ?? []),
  ]);
}

/** An article: its title in bold (a link when its address is one), then its excerpt as plain words. */
function articleInlines(article: KbArticle): RichInline[] {
  const title: ChatSpan = isArticleLink(article.url) ? { kind: 'link', text: article.title, url: article.url } : { kind: 'text', text: article.title };
  return [...richInlines([title], { bold: true }), ...richInlines([{ kind: 'text', text: `\n${clip(article.excerpt)}` }])];
}

function clip(text: string): string {
  return clipText(text, SECTION_TEXT_LIMIT);
}
