import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import { RELAY_PART_CHARS, RELAY_PART_ESCAPED } from '../../../src/app/delivery/send-line';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { splitText } from '../../../src/domain/text';
import { slackInlines, teamsTextShown } from '../../support/chat-surfaces';

/**
 * A message is relayed in parts of at most RELAY_PART_CHARS characters, but the links its sender's client made
 * travel beside the words: 50 links of 2,000 characters (as many as a message keeps) with hrefs full of characters
 * Teams needs escaped would make a part that Slack (`msg_blocks_too_long`) or Teams (an activity over 28 KB)
 * refuses, and the message would never arrive. It arrives: every word, the first links still links.
 */
describe('a relayed part full of long links', () => {
  const links = Array.from({ length: 50 }, (_, i) => ({ text: `doc${i}`, url: `https://portal.example/${i}?q=${'_*#'.repeat(650)}` }));
  const words = `${links.map((l) => l.text).join(' ')} ${'word '.repeat(RELAY_PART_CHARS / 5)}`.slice(0, RELAY_PART_CHARS);
  const files = Array.from({ length: 10 }, (_, i) => ({ name: `report-${i}.pdf`, url: `https://files.example/${i}/${'x'.repeat(2000)}` }));
  const part: OutgoingMessage = { kind: 'relay', text: words, links, attachments: files, senderName: 'Vic', conversationId: 'c-1' };

  it('should stay within what Slack accepts in blocks, with every word and the first link', () => {
    const post = renderForSlack(part);
    const inlines = slackInlines(post.blocks);
    const size = inlines.reduce((n, i) => n + (i.text?.length ?? 0) + (i.url?.length ?? 0), 0);
    expect(size).toBeLessThanOrEqual(12_000);
    expect(inlines.map((i) => i.text).join('')).toBe(`${words} ${files.map((f) => f.name).join(' ')}`);
    expect(inlines[0]).toEqual({ type: 'link', text: 'doc0', url: links[0]!.url });
  });

  it('should stay within the 28 KB Teams accepts for an activity, with every word and the first link', () => {
    const activity = renderForTeams(part);
    expect(Buffer.byteLength(JSON.stringify(activity), 'utf8')).toBeLessThanOrEqual(28_000);
    const shown = teamsTextShown(String(activity['text']));
    expect(shown.shown).toBe(`Vic: ${words}\n\n${files.map((f) => f.name).join('\n\n')}`);
    expect(shown.links[0]).toEqual({ text: 'doc0', href: links[0]!.url });
  });

  it('should stay within 28 KB on Teams even when every word needs escaping, its words all there', () => {
    const quotes = `${links.map((l) => l.text).join(' ')} ${'"'.repeat(RELAY_PART_CHARS)}`.slice(0, RELAY_PART_CHARS);
    const activity = renderForTeams({ ...part, text: quotes });
    expect(Buffer.byteLength(JSON.stringify(activity), 'utf8')).toBeLessThanOrEqual(28_000);
    expect(teamsTextShown(String(activity['text'])).shown).toBe(`Vic: ${quotes}\n\n${files.map((f) => f.name).join('\n\n')}`);
  });
});

describe('the worst a relayed part can be on Teams', () => {
  it.each([['quotes', '"'], ['stars', '*'], ['control characters', '\u0001']])(
    'should stay within 28 KB when the words, the sender’s name and ten file names are all %s',
    (_what, ch) => {
      const [part] = splitText(ch.repeat(40_000), RELAY_PART_CHARS, RELAY_PART_ESCAPED);
      const files = Array.from({ length: 10 }, (_, i) => ({ name: ch.repeat(256), url: `https://files.example/${i}/${'x'.repeat(2000)}` }));
      const links = [{ text: ch.repeat(10), url: `https://x.example/${'_'.repeat(2000)}` }];
      const activity = renderForTeams({ kind: 'relay', text: part!, links, attachments: files, senderName: ch.repeat(256), conversationId: 'c-1' });
      expect(Buffer.byteLength(JSON.stringify(activity), 'utf8')).toBeLessThanOrEqual(28_000);
      expect(teamsTextShown(String(activity['text'])).shown).toContain(part!);
    },
  );
});

describe('an operator’s card with the conversation so far', () => {
  // Before asking for an operator, the user sent messages each with 50 long links.
  const links = Array.from({ length: 50 }, (_, i) => ({ text: `L${i}`, url: `https://portal.example/${i}/${'a'.repeat(2040)}` }));
  const excerpt = [0, 1, 2].map((n) => ({ id: `l${n}`, at: n, role: 'user' as const, speakerName: 'Vic', text: links.map((l) => l.text).join(' '), links }));
  const card: OutgoingMessage = { kind: 'request', text: 'Vic wants to talk to an operator.', conversationId: 'c-1', excerpt, buttons: [{ action: 'end-session', label: 'End conversation' }] };

  it('should fit on Slack, the newest message’s first link still a link', () => {
    const blocks = renderForSlack(card).blocks ?? [];
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
    const inlines = slackInlines(blocks);
    expect(inlines.filter((i) => i.type === 'link').length).toBeGreaterThan(0);
    expect(inlines.filter((i) => i.type === 'link').every((l) => inlines.lastIndexOf(l) > inlines.findIndex((i) => i.text === 'Vic:' || i.text?.endsWith('Vic:')))).toBe(true);
  });

  it('should fit on Teams within 28 KB', () => {
    const activity = renderForTeams(card);
    expect(Buffer.byteLength(JSON.stringify(activity), 'utf8')).toBeLessThanOrEqual(28_000);
    expect(JSON.stringify(activity)).toContain(links[0]!.url);
  });
});
