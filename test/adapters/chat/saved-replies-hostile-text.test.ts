import { renderForSlack, usedCardBlocks } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { english } from '../../../src/domain/replies';
import { checkSavedReplies, expandSavedReply, savedReplyNameProblem, savedReplyPreview } from '../../../src/domain/saved-replies';
import { HOSTILE_STRINGS } from '../../support/hostile-strings';
import { slackFallbackShown, slackInlines, teamsCardRuns } from '../../support/chat-surfaces';

const { savedReplyNotices, usedCardNotes } = english;

/**
 * Saved replies are an admin's words, shown to operators on Slack and Teams cards (the list, the pick list and its
 * buttons, what was sent) and relayed to users: every string of the hostile corpus is either refused when saved,
 * with the reason, or shown as written and inert on every one of those surfaces.
 */
const label = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** A card the app sends an operator: its words as each surface shows them, and only `#reply` as code. */
function expectShownAsWritten(message: OutgoingMessage): void {
  const slack = renderForSlack(message);
  const inlines = slackInlines(slack.blocks);
  expect(inlines.every((i) => i.type === 'text')).toBe(true);
  expect(inlines.map((i) => i.text).join('')).toBe(message.text);
  expect(inlines.filter((i) => i.style !== undefined)).toEqual(inlines.filter((i) => i.text === '#reply').map(() => ({ type: 'text', text: '#reply', style: { code: true } })));
  expect(slackFallbackShown(slack.text)).toBe(message.text);
  const runs = teamsCardRuns(renderForTeams(message, { asCard: true }));
  expect(runs.map((r) => r.text).join('')).toBe(message.text);
  expect(runs.filter((r) => r.selectAction !== undefined || r.weight !== undefined)).toEqual([]);
  expect(runs.filter((r) => r.fontType === 'Monospace').every((r) => r.text === '#reply')).toBe(true);
}

describe.each(HOSTILE_STRINGS.map((s) => [s.name, s.text]))('the hostile string %s', (_name, hostile) => {
  it(`${label(hostile)} as a saved reply’s text should be refused with a reason, or shown as written on the list, the pick list and to the user`, () => {
    const { problems } = checkSavedReplies([{ name: 'vpn', text: hostile }]);
    if (problems.length > 0) {
      expect(problems.every((p) => p.startsWith('Saved reply “vpn”: ') && p.length > 'Saved reply “vpn”: '.length)).toBe(true);
      return;
    }
    const entries = [{ name: 'vpn', preview: savedReplyPreview(hostile.trim()) }];
    expectShownAsWritten({ kind: 'notice', text: savedReplyNotices.list(entries), conversationId: 'c-1' });
    expectShownAsWritten({ kind: 'choice', text: savedReplyNotices.choices('v', entries, 0), conversationId: 'c-1', buttons: [{ action: 'send-saved-reply', label: 'vpn', value: 'vpn' }] });
    const sent = expandSavedReply(hostile.trim(), { user: 'Bob', operator: 'Alice', ticket: 'SUP-1' });
    expectShownAsWritten({ kind: 'notice', text: savedReplyNotices.sent('vpn', 'Bob', sent), conversationId: 'c-1' });
    const relay = renderForSlack({ kind: 'relay', text: sent, senderName: 'Alice' });
    expect(slackInlines(relay.blocks).every((i) => i.type === 'text' && i.style === undefined)).toBe(true);
    expect(slackInlines(relay.blocks).map((i) => i.text).join('')).toBe(sent);
  });

  it(`${label(hostile)} as a saved reply’s name should be refused with a reason, or shown as written on the pick list’s button and its used card`, () => {
    const problem = savedReplyNameProblem(hostile);
    if (problem !== undefined) {
      expect(checkSavedReplies([{ name: hostile, text: 'x' }]).problems).toContain(`Saved reply 1: ${problem}`);
      return;
    }
    const name = hostile.trim();
    const card: OutgoingMessage = { kind: 'choice', text: savedReplyNotices.choices(name, [{ name, preview: 'x' }], 0), conversationId: 'c-1', buttons: [{ action: 'send-saved-reply', label: name, value: name }] };
    expectShownAsWritten(card);
    const slack = renderForSlack(card);
    expect(slack.blocks?.find((b) => b['type'] === 'actions')?.['elements']).toEqual([expect.objectContaining({ text: { type: 'plain_text', text: name } })]);
    expect(slackInlines(usedCardBlocks(slack.blocks ?? [], usedCardNotes.savedReplySent(name))).at(-1)?.text).toBe(`✓ ${usedCardNotes.savedReplySent(name)}`);
    const actions = (renderForTeams(card)['attachments'] as { content: { actions: { title: string }[] } }[])[0]?.content.actions;
    expect(actions?.map((a) => a.title)).toEqual([name]);
  });
});

describe('the hostile corpus as saved replies', () => {
  it('should leave some texts to show and refuse most names, so both branches above are taken', () => {
    const texts = HOSTILE_STRINGS.filter((s) => checkSavedReplies([{ name: 'vpn', text: s.text }]).problems.length === 0);
    const names = HOSTILE_STRINGS.filter((s) => savedReplyNameProblem(s.text) === undefined);
    expect(texts.length).toBeGreaterThan(20);
    expect(names.map((s) => s.text)).toEqual(['----']);
  });
});
