import { transcriptDocument } from '../../../src/adapters/forge/transcript-adf';
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
