import { ISOLATED_NAME } from './text';
/**
 * A link the sender's chat client made (Slack's `<url|label>`, a Teams
 * `<a href>`): its label, as it appears in the message's plain text, and where
 * it points. Text is kept plain everywhere; links travel beside it.
 */
export interface TextLink {
  readonly text: string;
  readonly url: string;
}

/**
 * Channel-neutral text, ready for a surface to render with its one escaping
 * function: plain words, a link, or a command name shown as code.
 */
export type ChatSpan =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string };

/** A link target shown as a link: the web only; `javascript:`, `data:` or `file:` never become one. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The web addresses typed in plain text, each a link labelled with itself,
 * as a chat client shows them (trailing punctuation is not part of one). A
 * link that reads as its own target hides nothing.
 */
export function webAddressesIn(text: string): TextLink[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"|]+/g)]
    .map((m) => m[0].replace(/[.,;:!?)\]'*_~]+$/, ''))
    .filter(isWebLink)
    .map((url) => ({ text: url, url }));
}

/**
 * The links a message keeps, checked before they are stored with its
 * transcript line: web links only, of a sane length, and not more than a
 * person would write; the rest stay plain words.
 */
export function keptLinks(links: readonly TextLink[]): TextLink[] {
  return links.filter((l) => l.url.length <= 2048 && l.text.length > 0 && l.text.length <= 1000 && isWebLink(l.url)).slice(0, 50);
}

/**
 * A person's words with their links: each link is found, in order, at its
 * label in the text. A label that is no longer there (the text was clipped or
 * its "Bob:" prefix dropped) just stays plain.
 */
export function spansOf(text: string, links: readonly TextLink[] | undefined = undefined): ChatSpan[] {
  const spans: ChatSpan[] = [];
  let at = 0;
  for (const link of links ?? []) {
    if (link.text.length === 0 || !isWebLink(link.url)) continue;
    const found = text.indexOf(link.text, at);
    if (found < 0) continue;
    if (found > at) spans.push({ kind: 'text', text: text.slice(at, found) });
    spans.push({ kind: 'link', text: link.text, url: link.url });
    at = found + link.text.length;
  }
  if (at < text.length) spans.push({ kind: 'text', text: text.slice(at) });
  return spans;
}

/** Built once per list of words: the adapters render every sentence with the same registry's list. */
const commandPatterns = new WeakMap<readonly string[], RegExp>();

function commandPattern(commandWords: readonly string[]): RegExp {
  const known = commandPatterns.get(commandWords);
  if (known) return known;
  const names = [...commandWords].sort((a, b) => b.length - a.length).map((w) => w.replace(/[#_]/g, (c) => `\\${c}`));
  // An empty list matches nothing rather than every position.
  const pattern = new RegExp(names.length > 0 ? `(?<![\\w#])(${names.join('|')})(?![\\w])` : '(?!)', 'g');
  commandPatterns.set(commandWords, pattern);
  return pattern;
}

/**
 * One of the app's own sentences: its command names (`#create_ticket`,
 * `list_operators`) become code, so no surface reads their underscores as
 * italics and people see exactly what to type. Names it quotes stay plain.
 * `commandWords`: the registry's names (COMMAND_WORDS in src/app/commands).
 */
export function appSpans(text: string, commandWords: readonly string[], links: readonly TextLink[] = []): ChatSpan[] {
  // The app's own links first (a ticket's address); the rest of the sentence as usual.
  if (links.length > 0) return spansOf(text, links).flatMap((s) => (s.kind === 'link' ? [s] : appSpans(s.text, commandWords)));
  const spans: ChatSpan[] = [];
  let at = 0;
  // A person's name in the sentence (see isolatedName) is their words, whatever it looks like.
  for (const name of text.matchAll(ISOLATED_NAME)) {
    const index = name.index ?? 0;
    spans.push(...commandSpans(text.slice(at, index), commandWords), { kind: 'text', text: name[0] });
    at = index + name[0].length;
  }
  spans.push(...commandSpans(text.slice(at), commandWords));
  return spans.reduce<ChatSpan[]>((joined, span) => {
    const last = joined.at(-1);
    if (last?.kind === 'text' && span.kind === 'text') joined[joined.length - 1] = { kind: 'text', text: last.text + span.text };
    else joined.push(span);
    return joined;
  }, []);
}

function commandSpans(text: string, commandWords: readonly string[]): ChatSpan[] {
  const spans: ChatSpan[] = [];
  let at = 0;
  for (const match of text.matchAll(commandPattern(commandWords))) {
    const index = match.index ?? 0;
    if (index > at) spans.push({ kind: 'text', text: text.slice(at, index) });
    spans.push({ kind: 'code', text: match[0] });
    at = index + match[0].length;
  }
  if (at < text.length) spans.push({ kind: 'text', text: text.slice(at) });
  return spans;
}

/**
 * Spans within a surface's size limit: while they cost more than `budget` (by the surface's own `cost` of a span),
 * their last links become plain words, one by one. Every word stays; the first links stay links.
 */
export function fitLinks(spans: readonly ChatSpan[], cost: (span: ChatSpan) => number, budget: number): ChatSpan[] {
  const fitted = [...spans];
  let total = fitted.reduce((n, s) => n + cost(s), 0);
  for (let i = fitted.length - 1; i >= 0 && total > budget; i -= 1) {
    const span = fitted[i]!;
    if (span.kind !== 'link') continue;
    const plain: ChatSpan = { kind: 'text', text: span.text };
    total -= cost(span) - cost(plain);
    fitted[i] = plain;
  }
  return fitted;
}

/**
 * Several people's lines on one card: the newest lines' links are kept (each line's in order), up to `maxLinks` of
 * `maxUrlChars` in all, and the rest become their words. A card has no room for 50 long links per line (and needs none: the
 * issue panel keeps them all).
 */
export function newestLinksOnly(lines: readonly (readonly ChatSpan[])[], maxLinks: number, maxUrlChars: number): ChatSpan[][] {
  let links = 0;
  let urlChars = 0;
  const kept = [...lines].reverse().map((spans) =>
    spans.map((span): ChatSpan => {
      if (span.kind !== 'link') return span;
      if (links < maxLinks && urlChars + span.url.length <= maxUrlChars) {
        links += 1;
        urlChars += span.url.length;
        return span;
      }
      return { kind: 'text', text: span.text };
    }),
  );
  return kept.reverse();
}

/** At most this many links of this many characters in all on a card's excerpt. */
export const EXCERPT_LINKS = { count: 20, urlChars: 4_000 } as const;
