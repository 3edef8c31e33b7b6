import type { TranscriptLine } from '../../domain/transcript';

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

const text = (value: string, marks?: AdfNode['marks']): AdfNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });

/**
 * A conversation as Jira agents read it: a short header, then one paragraph
 * per message with the time and who said it, files as links, and the app's
 * own notes ("forwarded to…", "ended by…") in italics.
 */
export function transcriptDocument(header: string, lines: readonly TranscriptLine[]): AdfDocument {
  return {
    version: 1,
    type: 'doc',
    content: [
      paragraph(text(header)),
      { type: 'heading', attrs: { level: 3 }, content: [text('Conversation')] },
      ...(lines.length > 0 ? lines.map(lineParagraph) : [paragraph(text('No messages.', [{ type: 'em' }]))]),
    ],
  };
}

function lineParagraph(line: TranscriptLine): AdfNode {
  const time = `${new Date(line.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const files = (line.attachments ?? []).flatMap((a) => [text(' '), text(a.name, [{ type: 'link', attrs: { href: a.url } }])]);
  if (line.role === 'system') return paragraph(text(`${time} `), text(line.text, [{ type: 'em' }]));
  const who = line.role === 'operator' ? `${line.speakerName} (operator)` : line.speakerName;
  // ADF refuses empty text nodes: a message that was only a file shows the file alone.
  const words = line.text.length > 0 ? [text(line.text)] : [];
  return paragraph(text(`${time} `), text(`${who}: `, [{ type: 'strong' }]), ...words, ...files);
}
