import { COMMAND_WORDS } from '../../app/commands';
import { appSpans, fitLinks, isWebLink, keptLinks, spansOf, type ChatSpan } from '../../domain/chat-text';
import type { TextLink } from '../../domain/chat-text';

/**
 * Slack's side of text, both ways, in one place. Out: words are shown in
 * `rich_text` blocks, whose text elements Slack never reads as mrkdwn, so
 * `*bold*`, `<!here>` or `<https://x|y>` in what someone typed stay as typed;
 * the message's top-level text (notifications) gets Slack's own escaping.
 * In: Slack's markup becomes plain text plus the links the sender's client made.
 */

/** Slack reads &, < and > as markup (links, mentions, `<!here>`); people's words must arrive as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type RichInline = Record<string, unknown>;

/** Spans as rich_text inline elements: text stays text, code is styled as code, a web link is a link. */
export function richInlines(spans: readonly ChatSpan[], style?: Record<string, boolean>): RichInline[] {
  return spans
    .filter((s) => s.text.length > 0)
    .map((s) => {
      if (s.kind === 'link' && isWebLink(s.url)) return { type: 'link', url: s.url, text: s.text };
      if (s.kind === 'code') return { type: 'text', text: s.text, style: { ...style, code: true } };
      return style ? { type: 'text', text: s.text, style } : { type: 'text', text: s.text };
    });
}

/** One rich_text block holding a paragraph of inline elements; empty when there is nothing to show. */
export function richTextBlock(inlines: readonly RichInline[], quoted = false): Record<string, unknown>[] {
  if (inlines.length === 0) return [];
  return [{ type: 'rich_text', elements: [{ type: quoted ? 'rich_text_quote' : 'rich_text_section', elements: inlines }] }];
}

/** One of the app's sentences: command names as code, the rest as text. */
export function appSentence(text: string, links: readonly TextLink[] = []): RichInline[] {
  return richInlines(appSpans(text, COMMAND_WORDS, links));
}

/**
 * What a message's words and link targets may add up to in its blocks: Slack refuses blocks over an undocumented
 * total (about 12,000 characters, see slackapi/bolt-js#2509) with `msg_blocks_too_long`. A relayed part of 4,000
 * characters fits; 50 long links beside it would not.
 */
export const SLACK_BLOCKS_BUDGET = 11_000;

/** What an element's own JSON adds (`{"type":"link","url":"","text":""}`): the containers count too (slackapi/bolt-js#2867). */
const SLACK_ELEMENT_COST = 40;

/** A relayed message's words, then its files as links; over SLACK_BLOCKS_BUDGET the last links show as their labels. */
export function relayInlines(text: string, links: readonly TextLink[] | undefined, files: readonly TextLink[]): RichInline[] {
  const words = spansOf(text, links);
  const spans = [...words, ...files.flatMap((f, i): ChatSpan[] => [...(i > 0 || words.length > 0 ? [{ kind: 'text' as const, text: ' ' }] : []), { kind: 'link', text: f.text, url: f.url }])];
  return richInlines(fitLinks(spans, slackCost, SLACK_BLOCKS_BUDGET));
}

/** What a span adds to a message's blocks by Slack's count as far as it is known: its words, its URL, and its element. */
function slackCost(span: ChatSpan): number {
  return SLACK_ELEMENT_COST + span.text.length + (span.kind === 'link' ? span.url.length : 0);
}

/**
 * Slack message text as the person typed it: `<url|label>` becomes a link
 * (web links only; any other target just its label), a mention the raw id
 * (`@U123`: naming the person would cost a directory call per message), a
 * special mention (`<!here>`) its words, and Slack's entities are decoded.
 * No directory lookup: this runs on every relayed message.
 */
export function readSlackText(raw: string): { text: string; links: TextLink[] } {
  const links: TextLink[] = [];
  let text = '';
  let at = 0;
  for (const match of raw.matchAll(/<([^<>|]*)(?:\|([^<>]*))?>/g)) {
    text += decodeSlackEntities(raw.slice(at, match.index));
    at = (match.index ?? 0) + match[0].length;
    const target = decodeSlackEntities(match[1] ?? '');
    const label = match[2] === undefined ? undefined : decodeSlackEntities(match[2]);
    text += shownFor(target, label, links);
  }
  return { text: text + decodeSlackEntities(raw.slice(at)), links: keptLinks(links) };
}

function shownFor(target: string, label: string | undefined, links: TextLink[]): string {
  // The id, not the label: Slack's label is a legacy username, and `forward_operator @U…` finds an operator by id.
  if (target.startsWith('@')) return `@${target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    // `<!subteam^S1|@team>` and `<!date^…|fallback>` carry their own words; `<!here>` is just its name.
    if (label !== undefined) return label;
    return `@${target.slice(1).split('^')[0] ?? ''}`;
  }
  const shown = label ?? target.replace(/^mailto:/, '');
  if (isWebLink(target) && shown.length > 0) links.push({ text: shown, url: target });
  return shown;
}

/** Slack escapes &, < and > in message text; people typed the characters. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
