import { isWebLink } from './chat-text';
import { clipText } from './text';

/**
 * A knowledge-base article as an answer shows it. Its words come from the
 * search and are untrusted: every surface shows them as plain text.
 */
export interface KbArticle {
  readonly title: string;
  /** Long enough to help on its own: chat users may have no portal access. */
  readonly excerpt: string;
  /** Opens the article for those who can; shown as a link only when isArticleLink says so. */
  readonly url: string;
}

/** At most this many articles in one answer. */
export const MAX_ARTICLES = 3;
/** An excerpt's length, clipped at a whole word. */
export const EXCERPT_CHARS = 300;
const TITLE_CHARS = 150;

/**
 * An article's address shown as a link: https only, or plain http to the
 * machine itself (the local platform's own article pages). Anything else is
 * left out, and the title is shown as text.
 */
export function isArticleLink(url: string): boolean {
  if (!isWebLink(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1'));
}

/** `text` with its white space collapsed, clipped to `max` characters at a whole word (with an ellipsis). */
export function clipWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** An article as shown: a clipped title and an excerpt of whole words, no link unless it is one. */
export function shownArticle(article: KbArticle): KbArticle {
  return {
    title: clipText(article.title.replace(/\s+/g, ' ').trim(), TITLE_CHARS),
    excerpt: clipWords(article.excerpt, EXCERPT_CHARS),
    url: isArticleLink(article.url) ? article.url : '',
  };
}
