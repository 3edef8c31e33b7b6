import { COMMAND_WORDS } from '../../app/commands';
import { clipText, isolatedName } from '../../domain/text';
import { appSpans, fitLinks, isWebLink, keptLinks, spansOf, webAddressesIn, type ChatSpan, type TextLink } from '../../domain/chat-text';

/**
 * Teams' side of text, both ways, in one place. Out: message text is sent as
 * `xml` (HTML) with every character Teams could read as markup escaped, and
 * Adaptive Cards carry words in TextRuns, which Teams never reads as Markdown.
 * In: Teams' HTML becomes plain text plus the links the sender's client made.
 */

/**
 * HTML-escapes text for a Teams message, and writes Markdown's characters as
 * character references too, so neither HTML nor Markdown can fire on them.
 */
export function escapeTeamsText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[*_`[\]~\\#|]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\r?\n/g, '<br>');
}

/**
 * What a message's words may take in an activity's JSON, in bytes: Teams refuses an activity over about 28 KB, and
 * the sender's name and the activity's other fields need the rest. A relayed part of 4,000 characters escapes to
 * 24 KB at most; its links' hrefs are what can push it over.
 */
export const TEAMS_HTML_BUDGET = 26_000;

/**
 * Spans as Teams message HTML: code in `<code>`, a web link as `<a>`, everything else escaped. Over `budget`
 * (JSON bytes), the last links are shown as their labels alone until it fits: every word stays.
 */
export function teamsHtml(spans: readonly ChatSpan[], budget = Number.POSITIVE_INFINITY): string {
  return fitLinks(spans, (s) => jsonBytes(spanHtml(s)), budget).map(spanHtml).join('');
}

function spanHtml(s: ChatSpan): string {
  if (s.kind === 'link' && isWebLink(s.url)) return `<a href="${escapeTeamsText(s.url)}">${escapeTeamsText(s.text)}</a>`;
  if (s.kind === 'code') return `<code>${escapeTeamsText(s.text)}</code>`;
  return escapeTeamsText(s.text);
}

function jsonBytes(html: string): number {
  return Buffer.byteLength(JSON.stringify(html), 'utf8') - 2;
}

/** A mention entity of an activity: how it reads in the text (`<at>Tom</at>`), whom it names, and whether that is the bot. */
export interface TeamsMention {
  readonly text: string;
  readonly name: string;
  readonly isBot: boolean;
}

export type TextRun = Record<string, unknown>;

/** Spans as Adaptive Card TextRuns: code in a monospace font, a web link opens its URL, words shown literally. */
export function textRuns(spans: readonly ChatSpan[], extra: Record<string, unknown> = {}): TextRun[] {
  return spans
    .filter((s) => s.text.length > 0)
    .map((s) => {
      if (s.kind === 'link' && isWebLink(s.url)) return { type: 'TextRun', text: s.text, ...extra, selectAction: { type: 'Action.OpenUrl', url: s.url } };
      if (s.kind === 'code') return { type: 'TextRun', text: s.text, ...extra, fontType: 'Monospace' };
      return { type: 'TextRun', text: s.text, ...extra };
    });
}

/** The app's sentence as HTML, command names as code. */
export const appHtml = (text: string, links: readonly TextLink[] = []): string => teamsHtml(appSpans(text, COMMAND_WORDS, links));
/** How much of a file's name shows on its link in a relayed message: ten files of 256 escaped characters would take 15 KB. */
const FILE_LABEL_CHARS = 100;

/**
 * A relayed message as Teams HTML: the sender's name in bold (isolated, see isolatedName), their words, then their
 * files as links, a blank line apart, all within TEAMS_HTML_BUDGET. A part is at most RELAY_PART_ESCAPED (16 KB)
 * escaped, so the words, the name and ten file labels always fit, and links give way first.
 */
export function relayHtml(senderName: string | undefined, text: string, links: readonly TextLink[] | undefined, files: readonly TextLink[]): string {
  const prefix = senderName ? `<b>${escapeTeamsText(`${isolatedName(senderName)}:`)}</b> ` : '';
  const labelled = files.map((f) => ({ text: clipText(f.text, FILE_LABEL_CHARS), url: f.url }));
  const blocks: ChatSpan[][] = [...(text ? [spansOf(text, links)] : []), ...labelled.map((f) => spansOf(f.text, [f]))];
  const gap: ChatSpan = { kind: 'text', text: '\n\n' };
  return prefix + teamsHtml(blocks.flatMap((spans, i) => (i === 0 ? spans : [gap, ...spans])), TEAMS_HTML_BUDGET - jsonBytes(prefix));
}

/**
 * A Teams message's text as the person typed it. `plain` text is taken as is
 * but for mentions, a typed web address a link to itself; anything else is HTML: `<a href>` to the web becomes a
 * link, `<br>` and paragraphs line breaks, other tags go, entities are
 * decoded. Only what Teams lists as a mention is one (anyone can type
 * `<at>`): the bot's is dropped, anyone else's becomes `@Name`, the name
 * Teams sent along, so no lookup.
 */
export function readTeamsText(raw: string, options: { readonly plain: boolean; readonly mentions: readonly TeamsMention[] }): { text: string; links: TextLink[] } {
  // A name goes into HTML that is parsed next: as escaped text, so a name like `<a href=…>` stays a name.
  const named = (name: string) => (options.plain ? `@${name}` : `@${name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
  const mentionsNamed = options.mentions.reduce((t, m) => t.split(m.text).join(m.isBot ? '' : named(m.name)), raw);
  // Teams' client links a typed address (in the HTML copy it attaches); the plain text has it as words.
  if (options.plain) return { text: mentionsNamed.trim(), links: keptLinks(webAddressesIn(mentionsNamed)) };
  const links: TextLink[] = [];
  let text = '';
  // One pass over the tags (`<[^<>]*>` never rescans), so a hostile 40,000-character text costs linear time.
  let link: { url: string; from: number } | undefined;
  let at = 0;
  for (const m of mentionsNamed.matchAll(/<[^<>]*>/g)) {
    text += decodeEntities(mentionsNamed.slice(at, m.index));
    at = (m.index ?? 0) + m[0].length;
    const tag = m[0].toLowerCase();
    if (/^<br\s*\/?>$/.test(tag) || (/^<p[\s>]/.test(tag) && text.length > 0)) text += '\n';
    else if (tag.startsWith('<a ') || tag.startsWith('<a\t') || tag.startsWith('<a\n')) {
      const href = /\shref\s*=\s*"([^"]*)"/i.exec(m[0]);
      link = href ? { url: decodeEntities(href[1] ?? ''), from: text.length } : undefined;
    } else if (tag === '</a>' && link) {
      const label = text.slice(link.from);
      if (label.length === 0) text += link.url;
      if (isWebLink(link.url)) links.push({ text: label || link.url, url: link.url });
      link = undefined;
    }
  }
  text += decodeEntities(mentionsNamed.slice(at));
  // Trimmed after reading: a link's label is found again by its words, not its place.
  return { text: text.trim(), links: keptLinks(links) };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
