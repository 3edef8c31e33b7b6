import { JsmTicketFollowUps } from '../../src/adapters/forge/jsm-ticket-follow-ups';
import { adfPlainText } from '../../src/adapters/forge/adf-plain-text';
import type { KvsTicketLinks } from '../../src/adapters/forge/kvs-ticket-links';
import { statusNews, type FollowUpSettings, type TicketFollowUpLink } from '../../src/domain/ticket-follow-up';

/**
 * What a ticket's change is to its user (issue 22): resolved when it reaches a notifying status, reopened only
 * when it goes back to work; which comments are news (an agent's public ones, never a restricted or a customer's);
 * and an agent's document read as plain text that never fails.
 */
const link: TicketFollowUpLink = { conversationId: 'c', projectId: '10000', user: { channel: 'slack', tenantId: 'T1', userId: 'UBOB' }, userName: 'Bob', lang: 'en', url: 'https://x/browse/SUP-1' };
const settings = (statuses: string[] = []): FollowUpSettings => ({ followUp: true, followUpStatuses: statuses, followUpReplies: true });

describe('a status change, to the user', () => {
  it('should be resolved on reaching a Done status once, and reopened only when the ticket goes back to work', () => {
    expect(statusNews(settings(), link, { name: 'Resolved', done: true })).toBe('resolved');
    expect(statusNews(settings(), { ...link, toldResolved: true }, { name: 'Closed', done: true })).toBeUndefined();
    expect(statusNews(settings(), { ...link, toldResolved: true }, { name: 'In progress', done: false })).toBe('reopened');
  });

  it('should not call a move from an admin’s resolved status to another closing one a reopening', () => {
    expect(statusNews(settings(['Resolved']), { ...link, toldResolved: true }, { name: 'Closed', done: true })).toBeUndefined();
  });
});

describe('which comments reach the user', () => {
  const commentAs = (comment: Record<string, unknown>) =>
    new JsmTicketFollowUps({} as KvsTicketLinks, () =>
      Promise.resolve(new Response(JSON.stringify({ author: { displayName: 'Ana', accountType: 'atlassian' }, body: { type: 'doc', content: [] }, ...comment }), { status: 200 })),
    ).comment('SUP-1', '10001');

  it.each([
    ['restricted to a role, even marked public', { jsdPublic: true, visibility: { type: 'role', value: 'Administrators' } }, false],
    ['marked internal by its property, even marked public', { jsdPublic: true, properties: [{ key: 'sd.public.comment', value: { internal: true } }] }, false],
    ['saying nothing', {}, false],
    ['shared with the customer', { jsdPublic: true }, true],
  ])('should take a comment %s as public: %s', async (_what, comment, isPublic) => {
    expect((await commentAs(comment))?.public).toBe(isPublic);
  });

  it('should not take a customer’s own comment as an agent’s', async () => {
    expect((await commentAs({ jsdPublic: true, author: { displayName: 'Bob', accountType: 'customer' } }))?.byApp).toBe(true);
  });
});

describe('an agent’s document as chat text', () => {
  it('should put each list item on its own line, with its marker', () => {
    const item = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    expect(adfPlainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Steps:' }] }, { type: 'orderedList', content: [item('Restart'), item('Sign in')] }] })).toBe(
      'Steps:\n1. Restart\n2. Sign in',
    );
  });

  it('should leave out a date that is no date, rather than fail', () => {
    expect(adfPlainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'date', attrs: { timestamp: 'soon' } }, { type: 'text', text: 'ok' }] }] })).toBe('ok');
  });
});
