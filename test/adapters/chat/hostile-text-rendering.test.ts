import { renderForSlack, usedCardBlocks } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams, renderUsedCard } from '../../../src/adapters/teams/teams-cards';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { english } from '../../../src/domain/replies';
import { isolatedName } from '../../../src/domain/text';
import { HOSTILE_TEXTS as HOSTILE_STRINGS } from '../../support/hostile-strings';
import { slackInlines, slackFallbackShown, teamsCardRuns, teamsTextShown } from '../../support/chat-surfaces';

const { toOperator } = english;

/**
 * Whatever a person types, or calls themselves, reaches the other side as
 * typed and inert on every surface: Slack's text and Block Kit, Teams' message
 * text and Adaptive Cards. No link, mention, bold or HTML that the person did
 * not get from their own client.
 */
const label = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

describe.each(HOSTILE_STRINGS.map((s) => [label(s), s]))('the hostile string %s', (_name, hostile) => {
  // Platforms cap display names (Teams sends at most 256 characters); messages run to 40,000.
  const name = hostile.slice(0, 256);
  // As a speaker, the name is isolated (invisible U+2068 … U+2069) when it could reorder the line or read as a command.
  const speaker = isolatedName(name);
  const relay: OutgoingMessage = { kind: 'relay', text: hostile, senderName: 'Vic', conversationId: 'c-1' };
  const request: OutgoingMessage = {
    kind: 'request',
    text: toOperator.request(name, 'teams'),
    conversationId: 'c-1',
    excerpt: [{ id: 'l1', at: 1, role: 'user', speakerName: name, text: hostile }],
    buttons: [{ action: 'end-session', label: 'End conversation' }],
  };

  it('should show as typed and inert in a relayed Slack message, its Block Kit and its notification text', () => {
    const post = renderForSlack(relay);
    expect(post.username).toBe('Vic');
    const inlines = slackInlines(post.blocks);
    expect(inlines.every((i) => i.type === 'text' && i.style === undefined)).toBe(true);
    expect(inlines.map((i) => i.text).join('')).toBe(hostile);
    expect(slackFallbackShown(post.text)).toBe(hostile);
  });

  it('should show as typed and inert in a Slack card, as the user’s name and in their excerpt', () => {
    const post = renderForSlack(request);
    const inlines = slackInlines(post.blocks);
    expect(inlines.every((i) => i.type === 'text')).toBe(true);
    const shown = inlines.map((i) => i.text).join('');
    expect(shown.startsWith(toOperator.request(name, 'teams'))).toBe(true);
    // A card keeps the newest 3,000 characters of the user's words, marked as cut.
    expect(shown.endsWith(hostile.length <= 2000 ? `${speaker}: ${hostile}` : hostile.slice(-2000))).toBe(true);
    // Bold is the app's: only the speaker's name over their line.
    expect(inlines.filter((i) => i.style !== undefined)).toEqual([{ type: 'text', text: `${speaker}:`, style: { bold: true } }]);
    const used = slackInlines(usedCardBlocks(post.blocks ?? [], `Forwarded to ${name}`));
    expect(used.at(-1)).toEqual({ type: 'text', text: `✓ Forwarded to ${name}`, style: { italic: true } });
  });

  it('should show as typed and inert on an operator offer’s card, its Accept and Decline, and the notice that replaces it, on Slack and Teams', () => {
    const offer: OutgoingMessage = {
      kind: 'request',
      text: toOperator.offer(name, 'teams', 60),
      conversationId: 'c-1',
      excerpt: [{ id: 'l1', at: 1, role: 'user', speakerName: name, text: hostile }],
      buttons: [
        { action: 'accept-offer', label: 'Accept', value: 'c-1' },
        { action: 'decline-offer', label: 'Decline', value: 'c-1' },
      ],
    };
    const post = renderForSlack(offer);
    expect(slackInlines(post.blocks).every((i) => i.type === 'text')).toBe(true);
    expect(slackInlines(post.blocks).map((i) => i.text).join('').startsWith(toOperator.offer(name, 'teams', 60))).toBe(true);
    const card = renderForTeams(offer);
    expect(teamsCardRuns(card).every((r) => r.selectAction === undefined)).toBe(true);
    expect(teamsCardRuns(card).map((r) => r.text).join('')).toBe(`${toOperator.offer(name, 'teams', 60)}${speaker}: ${hostile}`);
    for (const text of [toOperator.offerExpired(name, 60), toOperator.offerDeclined(name), toOperator.offerWithdrawn(name), toOperator.offerHandedBack(name)]) {
      const replacement: OutgoingMessage = { kind: 'notice', text, conversationId: 'c-1' };
      const slackShown = slackInlines(renderForSlack(replacement).blocks);
      expect(slackShown.every((i) => i.type === 'text')).toBe(true);
      expect(slackShown.map((i) => i.text).join('')).toBe(text);
      expect(slackFallbackShown(renderForSlack(replacement).text)).toBe(text);
      const teamsShown = teamsCardRuns(renderForTeams(replacement, { asCard: true }));
      expect(teamsShown.every((r) => r.selectAction === undefined)).toBe(true);
      expect(teamsShown.map((r) => r.text).join('')).toBe(text);
    }
  });

  it('should show as typed and inert in a relayed Teams message', () => {
    const activity = renderForTeams(relay);
    expect(activity['textFormat']).toBe('xml');
    expect(teamsTextShown(String(activity['text']))).toEqual({ bold: ['Vic:'], links: [], shown: `Vic: ${hostile}` });
  });

  it('should show as typed and inert on a Teams Adaptive Card, as the user’s name and in their excerpt, and only once', () => {
    const activity = renderForTeams(request);
    expect(activity['text']).toBeUndefined();
    const runs = teamsCardRuns(activity);
    expect(runs.every((r) => r.selectAction === undefined)).toBe(true);
    const shown = runs.map((r) => r.text).join('');
    expect(shown).toBe(`${toOperator.request(name, 'teams')}${speaker}: ${hostile}`);
    // Only the speaker's name is bold, line for line as typed (a text of several lines is a block per line).
    const bold = runs.filter((r) => r.weight !== undefined);
    expect(bold.every((r) => r.weight === 'Bolder')).toBe(true);
    expect(bold.map((r) => r.text).join('\n')).toBe(`${speaker}:`);
    const used = teamsCardRuns(renderUsedCard(name, `Forwarded to ${name}`));
    expect(used.map((r) => r.text).join('')).toBe(`${name}✓ Forwarded to ${name}`);
    expect(used.every((r) => r.selectAction === undefined && r.weight === undefined)).toBe(true);
  });
});

describe('a link the sender’s client made', () => {
  const links = [
    { text: 'our portal', url: 'https://portal.example/reset?a=1&b=2' },
    { text: 'this', url: 'javascript:alert(1)' },
  ];
  const relay: OutgoingMessage = { kind: 'relay', text: 'See our portal, not this *one*', links, senderName: 'Vic' };

  it('should stay a link with its label on Slack, and only a web link', () => {
    expect(slackInlines(renderForSlack(relay).blocks)).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'our portal', url: 'https://portal.example/reset?a=1&b=2' },
      { type: 'text', text: ', not this *one*' },
    ]);
  });

  it('should stay a link with its label on Teams, in text and on a card, and only a web link', () => {
    expect(teamsTextShown(String(renderForTeams(relay)['text']))).toEqual({
      bold: ['Vic:'],
      links: [{ text: 'our portal', href: 'https://portal.example/reset?a=1&b=2' }],
      shown: 'Vic: See our portal, not this *one*',
    });
    const card = renderForTeams({ kind: 'request', text: 'Vic needs help.', excerpt: [{ id: 'l', at: 1, role: 'user', speakerName: 'Vic', text: relay.text, links }], buttons: [] });
    expect(teamsCardRuns(card).filter((r) => r.selectAction !== undefined)).toEqual([
      { type: 'TextRun', text: 'our portal', selectAction: { type: 'Action.OpenUrl', url: 'https://portal.example/reset?a=1&b=2' } },
    ]);
  });
});
