import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { teamsCardRuns } from '../../support/chat-surfaces';

/**
 * Teams drops a single line break inside a card's text on some clients (a TextBlock is Markdown, where one `\n` is
 * no break), so a pick list or a follow-up with its link would run together: each line is a block of its own.
 */
type Block = { type: string; spacing?: string; inlines?: Array<{ text: string }>; items?: Block[] };

function bodyOf(message: OutgoingMessage): Block[] {
  const activity = renderForTeams(message) as { attachments: Array<{ content: { body: Block[] } }> };
  return activity.attachments[0]!.content.body;
}

const lineOf = (block: Block) => [block.inlines?.map((r) => r.text).join(''), block.spacing];

/** An operator's request card: `text`, then the excerpt of one line `said` by `speakerName`. */
const requestCard = (text: string, speakerName: string, said: string): OutgoingMessage => ({
  kind: 'notice',
  text,
  conversationId: 'c-1',
  excerpt: [{ id: 'Ev1', at: 1, role: 'user', speakerName, text: said }],
  buttons: [{ action: 'end-session', label: 'End' }],
});

describe('a card’s text of several lines on Teams', () => {
  it('should put each line under the one before, and a blank line as a gap', () => {
    const body = bodyOf({
      kind: 'notice',
      text: 'Which saved reply?\n• vpn: Restart the VPN client\n• printer: Check the tray\n\nType #reply and its name.',
      conversationId: 'c-1',
      buttons: [{ action: 'end-session', label: 'End' }],
    });

    expect(body.map(lineOf)).toEqual([
      ['Which saved reply?', undefined],
      ['• vpn: Restart the VPN client', 'None'],
      ['• printer: Check the tray', 'None'],
      ['Type #reply and its name.', 'Default'],
    ]);
  });

  it('should keep a one-line text as one block, and split an excerpt line the user wrote on several lines', () => {
    const body = bodyOf(requestCard('Bob wants to talk to an operator.', 'Bob', 'First line\nsecond line'));

    expect(body[0] && lineOf(body[0])).toEqual(['Bob wants to talk to an operator.', undefined]);
    expect(body[1]?.items?.map(lineOf)).toEqual([
      ['Bob: First line', 'Small'],
      ['second line', 'None'],
    ]);
  });
});

describe('a card with a great many lines on Teams', () => {
  it('should stay within the size Teams accepts for a card, every word still on it', () => {
    const log = Array.from({ length: 1_200 }, (_, i) => `l${i % 10}`).join('\n');
    const activity = renderForTeams(requestCard('Bob wants to talk to an operator.', 'Bob', log));

    expect(JSON.stringify(activity).length).toBeLessThan(28_000);
    // Read as a person sees it: every line, in order (the last ones share a block, their breaks inside it).
    expect(teamsCardRuns(activity).map((r) => r.text).join('')).toBe(`Bob wants to talk to an operator.Bob: ${log}`);
  });

  it('should take a name of several lines with an override as one isolated line, so it turns nothing after it around', () => {
    const body = bodyOf(requestCard('x', 'Bob\n\u202Eevil', 'Hello'));

    expect(body[1]?.items?.map(lineOf)).toEqual([['\u2068Bob \u202Eevil\u2069: Hello', 'Small']]);
  });
});
