import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { english } from '../../../src/domain/replies';
import { isolatedName } from '../../../src/domain/text';
import { slackInlines, teamsCardRuns, teamsTextShown } from '../../support/chat-surfaces';

const { toOperator, toUser } = english;

/**
 * A ticket's address in the notice that names it is a link the person can click, on every surface:
 * Slack's rich text links nothing by itself. Only the app's own links become links; an address in a
 * person's name stays text.
 */
const URL = 'https://acme.atlassian.net/browse/SUP-12';
const created: OutgoingMessage = { kind: 'notice', text: toUser.ticketCreated('SUP-12', URL), links: [{ text: URL, url: URL }] };

describe('a ticket’s address in a notice', () => {
  it('should be a link on Slack, with the sentence around it as text', () => {
    const inlines = slackInlines(renderForSlack(created).blocks);

    expect(inlines.filter((i) => i.type === 'link')).toEqual([{ type: 'link', url: URL, text: URL }]);
    expect(inlines.map((i) => i.text).join('')).toBe(created.text);
  });

  it('should be a link on Teams, in plain text and on a card', () => {
    expect(teamsTextShown(String(renderForTeams(created)['text'])).links).toEqual([{ text: URL, href: URL }]);

    const onCard = renderForTeams({ ...created, buttons: [{ action: 'end-session', label: 'End conversation' }] });
    expect(teamsCardRuns(onCard).filter((r) => r.selectAction)).toEqual([expect.objectContaining({ text: URL, selectAction: { type: 'Action.OpenUrl', url: URL } })]);
  });

  it('should leave an address that only a person’s name carries as text', () => {
    const name = 'Bob https://evil.example/login';
    const notice: OutgoingMessage = { kind: 'notice', text: `${toOperator.ticketCreated('SUP-12', URL)} ${isolatedName(name)}`, links: [{ text: URL, url: URL }] };

    expect(slackInlines(renderForSlack(notice).blocks).filter((i) => i.type === 'link')).toEqual([{ type: 'link', url: URL, text: URL }]);
    expect(teamsTextShown(String(renderForTeams(notice)['text'])).links).toEqual([{ text: URL, href: URL }]);
  });

  it('should not link an address that is not the web', () => {
    const notice: OutgoingMessage = { kind: 'notice', text: 'Open javascript:alert(1)', links: [{ text: 'javascript:alert(1)', url: 'javascript:alert(1)' }] };

    expect(slackInlines(renderForSlack(notice).blocks).some((i) => i.type === 'link')).toBe(false);
    expect(teamsTextShown(String(renderForTeams(notice)['text'])).links).toEqual([]);
  });
});
