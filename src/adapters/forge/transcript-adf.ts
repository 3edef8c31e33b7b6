import { spansOf } from '../../domain/chat-text';
import { isolatedName } from '../../domain/text';
import { isInternal, isSafeLink, type TranscriptLine } from '../../domain/transcript';

/** An Atlassian Document Format node: the rich text Jira stores for descriptions and comments. */
export interface AdfNode {
  readonly type: string;
  readonly text?: string;
  readonly attrs?: Record<string, unknown>;
  readonly marks?: ReadonlyArray<{ readonly type: string; readonly attrs?: Record<string, unknown> }>;
  readonly content?: readonly AdfNode[];
}

export interface AdfDocument {
  readonly version: 1;
  readonly type: 'doc';
  readonly content: readonly AdfNode[];
}

/**
 * Jira refuses a description or comment over 32,767 characters. How it counts
 * an ADF document is not documented, so the app stays below the limit by
 * the document's JSON, with room to spare.
 */
export const TEXT_FIELD_BUDGET = 32_000;

/** A single message longer than this is cut on the ticket; the issue panel shows it whole. */
export const MAX_MESSAGE_CHARS = 10_000;

/**
 * Nor may a message take more than this of a document's JSON, where a control character takes six: a message of
 * 10,000 of them would otherwise make a comment no budget can hold, and Jira would refuse it.
 */
const MAX_MESSAGE_JSON = 20_000;

/**
 * What one message's paragraph may take of a document's JSON, its links and files included: a message of 50
 * links of 2,000 characters would otherwise make a comment over Jira's limit whatever else it holds. Past it, the
 * last links are shown as their labels alone (the issue panel keeps them all).
 */
export const MAX_LINE_JSON = 28_000;

/** What one file's name may take of it: 256 control characters would be 1,536. */
const MAX_NAME_JSON = 400;

const text = (value: string, marks?: AdfNode['marks']): AdfNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });

/** How the ticket marks a message its sender edited or deleted in the chat (the ticket's own words are English, as its headings). */
export const EDITED_MARK = '(edited)';
export const DELETED_MARK = '(deleted)';

const CONTINUED = paragraph(text('The conversation continues in the comments below.', [{ type: 'em' }]));

/**
 * A conversation as Jira agents read it: a short header, then one paragraph
 * per message with the time and who said it, files as links, and the app's
 * own notes ("forwarded to…", "ended by…") in italics.
 */
export function transcriptDocument(header: string, lines: readonly TranscriptLine[], continued = false): AdfDocument {
  return {
    version: 1,
    type: 'doc',
    content: [
      paragraph(text(header)),
      { type: 'heading', attrs: { level: 3 }, content: [text('Conversation')] },
      ...(lines.length > 0 ? lines.map((line) => lineParagraph(line)) : [paragraph(text('No messages.', [{ type: 'em' }]))]),
      ...(continued ? [CONTINUED] : []),
    ],
  };
}

/**
 * The longest head of the conversation whose document stays within the
 * budget; `included` says how many lines it holds, the rest go in comments.
 */
export function fittedTranscriptDocument(header: string, all: readonly TranscriptLine[], budget = TEXT_FIELD_BUDGET): { document: AdfDocument; included: number } {
  // Customers read the description in the portal: it ends before the first internal line, which goes, with what
  // follows, into comments (transcriptComments), internal ones as internal comments.
  const firstInternal = all.findIndex(isInternal);
  const lines = firstInternal < 0 ? all : all.slice(0, firstInternal);
  const whole = transcriptDocument(header, lines, lines.length < all.length);
  if (JSON.stringify(whole).length <= budget) return { document: whole, included: lines.length };
  let size = JSON.stringify(transcriptDocument(header, [], true)).length;
  let included = 0;
  for (const line of lines) {
    const grown = size + JSON.stringify(lineParagraph(line)).length + 1;
    if (grown > budget) break;
    size = grown;
    included += 1;
  }
  return { document: transcriptDocument(header, lines.slice(0, included), true), included };
}

/**
 * Comment bodies for the given lines, each a document within the budget, in order, with how many lines each holds;
 * a message never spans two. Documents, not strings: Jira renders a string comment as wiki markup, so a chat user's
 * `[~accountid:…]`, `!image.png!` or `{color}` would become a mention, an image or a macro on the ticket.
 */
export function transcriptComments(lines: readonly TranscriptLine[], budget = TEXT_FIELD_BUDGET, options: { readonly withoutTime?: boolean } = {}): TranscriptComment[] {
  const comments: TranscriptComment[] = [];
  const empty = JSON.stringify(commentDocument([])).length;
  let current: AdfNode[] = [];
  let internal = false;
  let size = empty;
  for (const line of lines) {
    const node = lineParagraph(line, options.withoutTime);
    // With the comma before it; one too many for the first, which errs on the safe side.
    const added = JSON.stringify(node).length + 1;
    // Internal lines (notes, ratings) never share a comment with public ones: each kind keeps its own visibility.
    if (current.length > 0 && (size + added > budget || isInternal(line) !== internal)) {
      comments.push({ body: commentDocument(current), lineCount: current.length, internal });
      current = [];
      size = empty;
    }
    internal = isInternal(line);
    size += added;
    current.push(node);
  }
  if (current.length > 0) comments.push({ body: commentDocument(current), lineCount: current.length, internal });
  return comments;
}

/** A comment of transcript lines: `internal` ones are for the service desk's agents only (JSM's internal comment). */
export interface TranscriptComment {
  readonly body: AdfDocument;
  readonly lineCount: number;
  readonly internal: boolean;
}

function commentDocument(content: readonly AdfNode[]): AdfDocument {
  return { version: 1, type: 'doc', content };
}

/** A line as a paragraph: its time, who, what they said; `withoutTime`: it opens with who (a user's reply from the chat). */
function lineParagraph(line: TranscriptLine, withoutTime = false): AdfNode {
  const time = withoutTime ? '' : `${timeOf(line)} `;
  // A link that is not https is shown as its name only: it must not become a clickable href.
  const files = (line.attachments ?? []).flatMap((a) => {
    const name = a.name.length > 0 ? cappedName(a.name) : 'file';
    return [text(' '), isSafeLink(a.url) ? text(name, [{ type: 'link', attrs: { href: a.url } }]) : text(name)];
  });
  if (line.role === 'system') return paragraph(text(time), text(capped(line.text), [{ type: 'em' }]));
  const who = line.role === 'operator' ? `${isolatedName(line.speakerName)} (operator${isInternal(line) ? ', note' : ''})` : isolatedName(line.speakerName);
  // ADF refuses empty text nodes: a message that was only a file shows the file alone.
  // Links the sender's client made stay links on their label; like files, only https ones.
  const words = spansOf(capped(line.text), line.links)
    .map((s) => (s.kind === 'link' && isSafeLink(s.url) ? { text: s.text, href: s.url } : { text: s.text }))
    .reduce<{ text: string; href?: string }[]>((runs, run) => {
      const last = runs.at(-1);
      if (last && !last.href && !run.href) runs[runs.length - 1] = { text: last.text + run.text };
      else runs.push(run);
      return runs;
    }, [])
    .map((run) => (run.href ? text(run.text, [{ type: 'link', attrs: { href: run.href } }]) : text(run.text)));
  // A message its sender changed says so plainly; a deleted one shows nothing of what it said.
  if (line.deletedAt !== undefined) return paragraph(...(time ? [text(time)] : []), text(`${who}: `, [{ type: 'strong' }]), text(DELETED_MARK, [{ type: 'em' }]));
  const edited = line.editedAt !== undefined ? [text(` ${EDITED_MARK}`, [{ type: 'em' }])] : [];
  return withinLineBudget(paragraph(...(time ? [text(time)] : []), text(`${who}: `, [{ type: 'strong' }]), ...words, ...edited, ...files));
}

/** A paragraph over MAX_LINE_JSON loses link marks from its end, first to last, until it fits: the words all stay. */
function withinLineBudget(node: AdfNode): AdfNode {
  let size = JSON.stringify(node).length;
  if (size <= MAX_LINE_JSON) return node;
  const content = [...(node.content ?? [])];
  for (let i = content.length - 1; i >= 0 && size > MAX_LINE_JSON; i -= 1) {
    const run = content[i]!;
    if (!run.marks?.some((m) => m.type === 'link')) continue;
    const plain = text(run.text ?? '');
    size -= JSON.stringify(run).length - JSON.stringify(plain).length;
    content[i] = plain;
  }
  return { ...node, content };
}

function timeOf(line: TranscriptLine): string {
  return `${new Date(line.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function capped(value: string): string {
  if (value.length <= MAX_MESSAGE_CHARS && jsonLength(value) <= MAX_MESSAGE_JSON) return value;
  // Whole code points only, so an emoji is never split into a lone surrogate.
  let head = '';
  let size = 0;
  for (const point of value) {
    const grown = size + jsonLength(point);
    if (head.length + point.length >= MAX_MESSAGE_CHARS || grown > MAX_MESSAGE_JSON) break;
    head += point;
    size = grown;
  }
  return `${head}… [${value.length - head.length} more characters: the whole message is in the Koji panel]`;
}

/** A file's name within MAX_NAME_JSON, so ten of them beside a message of MAX_MESSAGE_JSON stay within MAX_LINE_JSON. */
function cappedName(name: string): string {
  if (jsonLength(name) <= MAX_NAME_JSON) return name;
  let head = '';
  for (const point of name) {
    if (jsonLength(head + point) > MAX_NAME_JSON - 1) break;
    head += point;
  }
  return `${head}…`;
}

/** The characters a text takes in the document's JSON: a quote or backslash takes two, a control character six. */
function jsonLength(value: string): number {
  return JSON.stringify(value).length - 2;
}
