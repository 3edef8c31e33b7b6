import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import { shownArticle, type KbArticle } from '../../../src/domain/knowledge-base';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { english } from '../../../src/domain/replies';
import { HOSTILE_TEXTS } from '../../support/hostile-strings';
import { slackInlines, teamsCardRuns } from '../../support/chat-surfaces';

const { buttonLabels, toUser } = english;

/**
 * The assistant's answer card on both channels: each article's title (a link only to https, or to the local
 * platform's own pages) and its excerpt as plain words, whatever the knowledge base returned.
 */
const label = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

function answer(articles: readonly KbArticle[]): OutgoingMessage {
  return {
    kind: 'notice',
    text: toUser.articlesFound(articles.length),
    articles: articles.map(shownArticle),
    buttons: [
      { action: 'kb-solved', label: buttonLabels.solvedIt },
      { action: 'request-operator', label: buttonLabels.talkToOperator },
    ],
  };
}

const slackButtons = (m: OutgoingMessage) =>
  (renderForSlack(m).blocks ?? []).filter((b) => b['type'] === 'actions').flatMap((b) => (b['elements'] as Array<{ text: { text: string } }>).map((e) => e.text.text));
const teamsCard = (m: OutgoingMessage) => renderForTeams(m) as { attachments: Array<{ content: { actions: Array<{ title: string }> } }> };

describe('an answer card with articles', () => {
  const vpn = { title: 'Fix a VPN that won’t connect', excerpt: 'Check that you are on the internet first. '.repeat(20), url: 'https://example.atlassian.net/wiki/x/1' };

  it('should show titles as links, whole-word excerpts and both buttons on Slack', () => {
    const message = answer([vpn, { ...vpn, title: 'Local', url: 'http://localhost:8080/jira/kb/2' }]);
    const inlines = slackInlines(renderForSlack(message).blocks);
    expect(inlines.filter((i) => i.type === 'link').map((i) => i['url'])).toEqual([vpn.url, 'http://localhost:8080/jira/kb/2']);
    const excerpt = message.articles?.[0]?.excerpt ?? '';
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt).toMatch(/first\.…$|first…$|internet…$|on…$|the…$|are…$|you…$|that…$|Check…$/);
    expect(slackButtons(message)).toEqual(['This solved it', 'Talk to an operator']);
  });

  it('should show titles as links, excerpts and both buttons on Teams', () => {
    const message = answer([vpn]);
    const runs = teamsCardRuns(renderForTeams(message));
    expect(runs.filter((r) => r['selectAction']).map((r) => (r['selectAction'] as { url: string }).url)).toEqual([vpn.url]);
    expect(runs.map((r) => r.text).join('')).toContain('Check that you are on the internet first.');
    expect(teamsCard(message).attachments[0]?.content.actions.map((a) => a.title)).toEqual(['This solved it', 'Talk to an operator']);
  });

  it.each(['javascript:alert(1)', 'http://evil.example/phish', 'data:text/html,<b>x</b>', 'not a url'])('should never make %s a link', (url) => {
    const message = answer([{ ...vpn, url }]);
    expect(slackInlines(renderForSlack(message).blocks).filter((i) => i.type === 'link')).toEqual([]);
    expect(teamsCardRuns(renderForTeams(message)).filter((r) => r['selectAction'])).toEqual([]);
  });
});

describe.each(HOSTILE_TEXTS.map((s) => [label(s), s]))('an article titled and excerpted %s', (_label, hostile) => {
  const message = answer([{ title: hostile, excerpt: hostile, url: 'https://example.atlassian.net/wiki/x/9' }]);
  const shown = message.articles?.[0];

  it('should stay plain text on Slack', () => {
    const inlines = slackInlines(renderForSlack(message).blocks);
    expect(inlines.filter((i) => i.type === 'link').map((i) => i.text)).toEqual([shown?.title]);
    expect(inlines.filter((i) => i.type !== 'text' && i.type !== 'link')).toEqual([]);
    expect(inlines.map((i) => i.text).join('')).toContain(shown?.excerpt);
  });

  it('should stay plain text on Teams', () => {
    const runs = teamsCardRuns(renderForTeams(message));
    expect(runs.every((r) => r.type === 'TextRun')).toBe(true);
    expect(runs.filter((r) => r['selectAction']).map((r) => r.text)).toEqual([shown?.title]);
    expect(runs.map((r) => r.text).join('')).toContain(shown?.excerpt);
  });
});
