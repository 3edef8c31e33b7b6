import { COMMAND_WORDS } from '../../app/commands';
import { appSpans, EXCERPT_LINKS, newestLinksOnly, spansOf, type ChatSpan } from '../../domain/chat-text';
import { isArticleLink, type KbArticle } from '../../domain/knowledge-base';
import type { TranscriptLine } from '../../domain/transcript';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { isolatedName } from '../../domain/text';
import { cardActionData } from './teams-activity';
import { appHtml, relayHtml, textRuns, type TextRun } from './teams-text';
import { isPrimaryAction } from '../chat/button-emphasis';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * Renders the core's message as a Teams activity: relayed words as text under
 * the sender's name (a bot cannot post as someone else), notices as text, and
 * anything with buttons or an excerpt as an Adaptive Card whose Action.Submit
 * buttons come back as the same intents. Text is `xml` with everything
 * escaped; cards hold words in TextRuns, never in Markdown TextBlocks.
 */
export function renderForTeams(message: OutgoingMessage, options: { readonly asCard?: boolean } = {}): Record<string, unknown> {
  if (message.kind === 'relay') {
    const files = (message.attachments ?? []).map((a) => ({ text: a.name, url: a.url }));
    return { type: 'message', textFormat: 'xml', text: relayHtml(message.senderName, message.text, message.links, files) };
  }
  // `asCard`: what replaces a card stays a card (Teams updates a card's message with a card), even with no buttons left.
  const hasCard = options.asCard === true || (message.buttons?.length ?? 0) > 0 || (message.excerpt?.length ?? 0) > 0 || (message.articles?.length ?? 0) > 0;
  if (!hasCard) return { type: 'message', textFormat: 'xml', text: appHtml(message.text, message.links) };
  const budget: LineBudget = { blocks: CARD_LINE_BLOCKS };
  const body: Record<string, unknown>[] = richTextLines(textRuns(appSpans(message.text, COMMAND_WORDS, message.links)), budget);
  if (message.excerpt && message.excerpt.length > 0) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: excerptRuns(message.excerpt).flatMap((runs) => richTextLines(runs, budget, 'Small')),
    });
  }
  for (const article of message.articles ?? []) body.push(articleContainer(article, budget));
  // No activity text: Teams would show it above the card, saying the card's first sentence twice. `summary` is the notification.
  return {
    type: 'message',
    summary: message.text,
    attachments: [
      {
        contentType: ADAPTIVE_CARD,
        content: adaptiveCard(
          body,
          (message.buttons ?? []).map((b) => ({
            type: 'Action.Submit',
            title: b.label,
            ...(isPrimaryAction(b.action) ? { style: 'positive' } : {}),
            data: cardActionData(b.action, message.conversationId, b.value, message.text),
          })),
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
    ...(lead ? richTextLines(textRuns(appSpans(lead, COMMAND_WORDS)), { blocks: CARD_LINE_BLOCKS }) : []),
    { ...richText(textRuns([{ kind: 'text', text: `✓ ${note}` }], { isSubtle: true })), spacing: 'Medium' },
  ];
  return { type: 'message', summary: lead ?? note, attachments: [{ contentType: ADAPTIVE_CARD, content: adaptiveCard(body, []) }] };
}

/** An article: its title in bold (a link when its address is one), then its excerpt as plain words. */
function articleContainer(article: KbArticle, budget: LineBudget): Record<string, unknown> {
  const title: ChatSpan = isArticleLink(article.url) ? { kind: 'link', text: article.title, url: article.url } : { kind: 'text', text: article.title };
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [richText(textRuns([title], { weight: 'Bolder' })), ...richTextLines(textRuns([{ kind: 'text', text: article.excerpt }]), budget, 'Small')],
  };
}

function richText(inlines: readonly TextRun[]): Record<string, unknown> {
  return { type: 'RichTextBlock', inlines };
}

/**
 * Runs as one RichTextBlock per line. Teams shows a line break inside a TextRun or a TextBlock on some clients and
 * not on others (a TextBlock is Markdown, where one `\n` is no break), so a sentence of several lines (a pick list,
 * a follow-up with its link) becomes blocks one under the other (spacing None); after blank lines, one gap
 * (spacing Default). `spacing`: the first block's, from what is above it.
 */
function richTextLines(runs: readonly TextRun[], budget: LineBudget, spacing?: 'Small'): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  let line: TextRun[] = [];
  let afterBlankLine = false;
  const endLine = () => {
    if (line.length === 0) {
      afterBlankLine = blocks.length > 0;
      return;
    }
    const space = blocks.length === 0 ? spacing : afterBlankLine ? 'Default' : 'None';
    blocks.push(space === undefined ? richText(line) : { ...richText(line), spacing: space });
    budget.blocks -= 1;
    line = [];
    afterBlankLine = false;
  };
  for (const run of runs) {
    String(run['text'])
      .split(LINE_BREAK)
      .forEach((part, i) => {
        // Past the cap, the rest stays in the last block, its breaks inside the runs: long, but within Teams' card size.
        const newBlock = budget.blocks > 1;
        if (i > 0 && newBlock) endLine();
        const text = i > 0 && !newBlock ? `\n${part}` : part;
        if (text.length > 0) appendRun(line, { ...run, text });
      });
  }
  endLine();
  return blocks.length > 0 ? blocks : [richText([])];
}

/** Adds a run to a line, into the last one when only their words differ: a long line of runs alike is one run. */
function appendRun(line: TextRun[], run: TextRun): void {
  const last = line.at(-1);
  const same = last !== undefined && JSON.stringify({ ...last, text: '' }) === JSON.stringify({ ...run, text: '' });
  if (same) line[line.length - 1] = { ...last, text: `${String(last['text'])}${String(run['text'])}` };
  else line.push(run);
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/**
 * Line blocks a card may still take. A block costs about 85 bytes of JSON, and Teams refuses a card over about
 * 28 KB: a pasted log of a thousand short lines in an excerpt would otherwise make the operator's card undeliverable.
 */
interface LineBudget {
  blocks: number;
}
const CARD_LINE_BLOCKS = 80;

function adaptiveCard(body: readonly Record<string, unknown>[], actions: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body, actions };
}

/** Each excerpt line as the speaker's name in bold and their words; only the newest links stay links (EXCERPT_LINKS). */
function excerptRuns(lines: readonly TranscriptLine[]): TextRun[][] {
  const words = newestLinksOnly(lines.map((l) => spansOf(l.text, l.links)), EXCERPT_LINKS.count, EXCERPT_LINKS.urlChars);
  return lines.map((l, i) => [{ type: 'TextRun', text: `${isolatedName(l.speakerName)}:`, weight: 'Bolder' }, { type: 'TextRun', text: ' ' }, ...textRuns(words[i] ?? [])]);
}
