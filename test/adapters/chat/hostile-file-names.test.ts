import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import { english } from '../../../src/domain/replies';
import { isolatedName } from '../../../src/domain/text';
import { HOSTILE_TEXTS } from '../../support/hostile-strings';
import { slackInlines, teamsTextShown } from '../../support/chat-surfaces';

const { fileReplies } = english;

/**
 * A file's name is a person's words: whatever it holds, the sentences that name it (a refused file, a file the
 * ticket did not take) show it as text on both channels, isolated so it cannot reorder the app's sentence. (The
 * Slack and JSM copies carry it as a file's name, never as text: test/e2e/attachments.test.ts.)
 */
const label = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

describe.each(HOSTILE_TEXTS.map((s) => [label(s), s]))('a file named %s', (_label, hostile) => {
  const name = hostile.slice(0, 256);
  const sentences = [fileReplies.notRelayed(name, 'Alice', { kind: 'type-not-allowed' }), fileReplies.notAttached('SUP-1', [name], 'Jira refused it (413)')];

  it('should stay text in the sender’s notice on Slack', () => {
    for (const text of sentences) {
      const inlines = slackInlines(renderForSlack({ kind: 'notice', text }).blocks);
      expect(inlines.filter((i) => i.type !== 'text')).toEqual([]);
      expect(inlines.map((i) => i.text).join('')).toContain(`“${isolatedName(name)}”`);
    }
  });

  it('should stay text in the sender’s notice on Teams', () => {
    for (const text of sentences) {
      const shown = teamsTextShown(String(renderForTeams({ kind: 'notice', text })['text']));
      expect(shown.links).toEqual([]);
      expect(shown.bold).toEqual([]);
      expect(shown.shown).toContain(`“${isolatedName(name)}”`);
    }
  });
});
