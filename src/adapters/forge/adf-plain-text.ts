import { wellFormed } from '../../domain/text';

/**
 * A Jira document (ADF) read as plain text for the chat: the words of text nodes, mentions and emoji as their
 * text, links as their label and address, paragraphs, list items, headings and code on lines of their own.
 * Nothing of it is markup: the Slack and Teams adapters escape what they are given, as for anyone's words. A
 * document from Jira is untrusted and may be anything, so unknown nodes give their children's text, a node
 * nested past MAX_DEPTH or text past `maxChars` is left out, and a value that is not a document gives ''.
 */
const MAX_DEPTH = 40;
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'panel', 'rule', 'tableRow', 'mediaSingle', 'expand']);

export function adfPlainText(document: unknown, maxChars = 20_000): string {
  const out: string[] = [];
  let size = 0;
  // Right after a list item's marker ("• ", "2. "), its first paragraph starts on the marker's line.
  let afterMark = false;
  const push = (text: string, mark = false) => {
    if (size >= maxChars) return;
    const piece = text.slice(0, maxChars - size);
    out.push(piece);
    size += piece.length;
    afterMark = mark;
  };
  const walk = (node: unknown, depth: number, listMark: string | undefined): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null || size >= maxChars) return;
    const { type, text, attrs, content, marks } = node as { type?: unknown; text?: unknown; attrs?: unknown; content?: unknown; marks?: unknown };
    const attr = (name: string): string | undefined => {
      const value = typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>)[name] : undefined;
      return typeof value === 'string' ? value : undefined;
    };
    if (type === 'text' && typeof text === 'string') {
      const href = Array.isArray(marks) ? marks.map((m) => (m as { type?: unknown; attrs?: { href?: unknown } } | null)).find((m) => m?.type === 'link')?.attrs?.href : undefined;
      push(typeof href === 'string' && href !== text ? `${text} (${href})` : text);
      return;
    }
    if (type === 'hardBreak') return push('\n');
    if (type === 'mention') return push(attr('text') ?? '@someone');
    if (type === 'emoji') return push(attr('text') ?? attr('shortName') ?? '');
    if (type === 'inlineCard' || type === 'blockCard') return push(attr('url') ?? '');
    if (type === 'date') {
      // A timestamp from Jira is untrusted like the rest: one that is no date gives nothing, never a failure.
      const ms = Number(attr('timestamp'));
      return push(Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : '');
    }
    if (type === 'status') return push(attr('text') ?? '');
    const block = typeof type === 'string' && BLOCKS.has(type);
    if (block && !afterMark && out.length > 0 && !out[out.length - 1]?.endsWith('\n')) push('\n');
    if (type === 'listItem') push(listMark ?? '• ', true);
    const children = Array.isArray(content) ? content : [];
    const ordered = type === 'orderedList';
    const start = ordered ? Number(attr('order') ?? (attrs as { order?: unknown } | undefined)?.order ?? 1) || 1 : 1;
    children.forEach((child, i) => walk(child, depth + 1, type === 'bulletList' ? '• ' : ordered ? `${start + i}. ` : listMark));
    if (block && !out[out.length - 1]?.endsWith('\n')) push('\n');
  };
  walk(document, 0, undefined);
  return wellFormed(out.join('').replace(/\n{3,}/g, '\n\n').trim());
}
