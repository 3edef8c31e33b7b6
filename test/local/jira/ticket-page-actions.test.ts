import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';
import { adfText } from '../../support/adf';
import { HOSTILE_STRINGS } from '../../support/hostile-strings';

/**
 * A JSM agent works a ticket from the local ticket page, as in `npm start`: the page's forms add a reply to the
 * customer or an internal note, and move the ticket to another status; each is a plain form post from the page,
 * and the embedded Jira emits its product event to the app's trigger (test/e2e/ticket-follow-up.test.ts follows it
 * to the chat). Text stays text on the page.
 */
let platform: LocalPlatform;
const events: string[] = [];

beforeEach(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
  events.length = 0;
  platform.jsm!.onProductEvent((e) => events.push(`${e.eventType} by ${e.causedBy}`));
  await platform.jsm!.respond('POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '12', requestFieldValues: { summary: 'Printer jams' } }, undefined);
});

afterEach(() => platform.close());

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${platform.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

describe('working a ticket from the local ticket page', () => {
  it('should offer a comment (public or internal) and a transition on the ticket, as Local Agent', async () => {
    const page = await (await fetch(`${platform.url}/jira/browse/SUP-1`)).text();
    expect(page).toContain('action="/jira/browse/SUP-1/comment"');
    expect(page).toContain('action="/jira/browse/SUP-1/transition"');
    expect(page).toContain('<option value="Resolved">Resolved</option>');
  });

  it('should add a reply to the customer and an internal note, and emit a comment event for each', async () => {
    expect((await post('/jira/browse/SUP-1/comment', { body: 'Try turning it off and on', visibility: 'public' })).status).toBe(303);
    expect((await post('/jira/browse/SUP-1/comment', { body: 'Probably the fuser', visibility: 'internal' })).status).toBe(303);

    expect(platform.jsm!.commentsOf('SUP-1').map((c) => ({ text: adfText(c.body), public: c.public }))).toEqual([
      { text: 'Try turning it off and on', public: true },
      { text: 'Probably the fuser', public: false },
    ]);
    expect(events).toEqual(['avi:jira:commented:issue by local-agent', 'avi:jira:commented:issue by local-agent']);
  });

  it('should move the ticket to Resolved with a resolution, show it, and emit an update event with the status change', async () => {
    expect((await post('/jira/browse/SUP-1/transition', { status: 'Resolved' })).status).toBe(303);

    const page = await (await fetch(`${platform.url}/jira/browse/SUP-1`)).text();
    expect(page).toContain('<span class="lozenge status">Resolved</span>');
    expect(page).toContain('<dt>Resolution</dt><dd>Done</dd>');
    expect(events).toEqual(['avi:jira:updated:issue by local-agent']);
  });

  it('should refuse a post from another page, an empty comment and a status the workflow does not have', async () => {
    expect((await post('/jira/browse/SUP-1/comment', { body: 'x' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/jira/browse/SUP-1/comment', { body: '   ' })).status).toBe(400);
    expect((await post('/jira/browse/SUP-1/transition', { status: 'Gone fishing' })).status).toBe(400);
    expect((await post('/jira/browse/SUP-9/transition', { status: 'Resolved' })).status).toBe(404);
    expect(events).toEqual([]);
  });

  it.each(HOSTILE_STRINGS.filter((s) => s.text.length < 1_000).map((s) => [s.name, s.text]))('should keep %s as text on the page', async (_name, text) => {
    await post('/jira/browse/SUP-1/comment', { body: `before ${text} after` });
    const page = await (await fetch(`${platform.url}/jira/browse/SUP-1`)).text();
    expect(page).not.toMatch(/<script>alert|<img src=x|<b>html<\/b>/);
  });
});
