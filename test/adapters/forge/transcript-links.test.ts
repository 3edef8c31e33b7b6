import { fittedTranscriptDocument, TEXT_FIELD_BUDGET, transcriptComments, transcriptDocument } from '../../../src/adapters/forge/transcript-adf';
import type { TranscriptLine } from '../../../src/domain/transcript';

/** The ticket's transcript shows what people typed, with the links their clients made still links (https only, as for files). */
describe('links on the ticket’s transcript', () => {
  it('should show a link the sender’s client made as a link on its label, and any other as its words', () => {
    const line: TranscriptLine = {
      id: 'l1',
      at: Date.UTC(2026, 10, 25, 9, 40),
      role: 'user',
      speakerName: 'Vic',
      text: 'See our portal or the old one',
      links: [
        { text: 'our portal', url: 'https://portal.example/reset' },
        { text: 'old one', url: 'http://old.example' },
      ],
    };
    const json = JSON.stringify(transcriptDocument('Conversation', [line]));
    expect(json).toContain(JSON.stringify({ type: 'text', text: 'our portal', marks: [{ type: 'link', attrs: { href: 'https://portal.example/reset' } }] }));
    expect(json).not.toContain('http://old.example');
    expect(json).toContain('the old one');
  });
});

describe('a message full of links on the ticket', () => {
  const at = Date.UTC(2026, 10, 25, 9, 40);
  // 50 links of 2,000 characters, as many as a message keeps: 100 KB of hrefs.
  const links = Array.from({ length: 50 }, (_, i) => ({ text: `link${i}`, url: `https://portal.example/${String(i).padStart(2, '0')}/${'a'.repeat(1970)}` }));
  const heavy: TranscriptLine = { id: 'l1', at, role: 'user', speakerName: 'Vic', text: links.map((l) => l.text).join(' '), links };

  it('should fit a comment Jira accepts, keeping every word and the first links', () => {
    const comments = transcriptComments([heavy]);
    expect(comments).toHaveLength(1);
    const json = JSON.stringify(comments[0]!.body);
    expect(json.length).toBeLessThanOrEqual(TEXT_FIELD_BUDGET);
    expect(json).toContain(links[0]!.url);
    for (const l of links) expect(json).toContain(`"${l.text}`);
  });

  it('should fit the description too, when the heavy message comes first', () => {
    const { document, included } = fittedTranscriptDocument('Conversation with Vic', [heavy]);
    expect(JSON.stringify(document).length).toBeLessThanOrEqual(TEXT_FIELD_BUDGET);
    expect(included).toBe(1);
  });
});

describe('a message with ten files named in control characters', () => {
  it('should still fit a comment Jira accepts, beside the longest message and 50 links', () => {
    const links = Array.from({ length: 50 }, (_, i) => ({ text: `l${i}`, url: `https://portal.example/${i}/${'a'.repeat(2000)}` }));
    const attachments = Array.from({ length: 10 }, (_, i) => ({ name: '\u0001'.repeat(256), url: `https://files.example/${i}/${'f'.repeat(2000)}` }));
    const line: TranscriptLine = { id: 'l1', at: 1, role: 'user', speakerName: 'Vic', text: `${links.map((l) => l.text).join(' ')} ${'x'.repeat(9_700)}`, links, attachments };
    const [comment] = transcriptComments([line]);
    expect(JSON.stringify(comment!.body).length).toBeLessThanOrEqual(TEXT_FIELD_BUDGET);
  });
});
