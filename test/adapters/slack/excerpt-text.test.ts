import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { hasLoneSurrogate } from '../../../src/domain/text';

/** A request card's excerpt keeps the end of a long message: cut between whole characters, never in half an emoji. */
describe('the excerpt on a Slack request card', () => {
  it.each([
    ['emoji', '😀'.repeat(3000)],
    ['emoji sequences', '👨‍👩‍👧‍👦'.repeat(500)],
  ])('should keep the end of a long message of %s as valid text', (_what, text) => {
    const post = renderForSlack({
      kind: 'request',
      text: 'Bob wants to talk to an operator.',
      conversationId: 'c1',
      excerpt: [{ id: 'Ev1', at: 1, role: 'user', speakerName: 'Bob', text }],
    });

    // JSON writes a lone surrogate half as an escape (a whole pair as the character itself).
    const json = JSON.stringify(post.blocks);
    expect(json).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    expect(hasLoneSurrogate(json)).toBe(false);
    expect(json).toContain('…');
  });
});
