import api, { route } from '@forge/api';
import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';

/**
 * The local Jira's ticket pages: the link a conversation's ticket gets points at the running server (its host
 * and port, even one picked at random), and `/jira/browse/<key>` shows that ticket, or says it has none.
 */
let platform: LocalPlatform;

beforeEach(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
});

afterEach(async () => {
  await platform?.close();
});

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });

async function createTicket(summary: string, description?: unknown): Promise<string> {
  const created = await platform.jsm!.respond(
    'POST',
    '/rest/servicedeskapi/request',
    { serviceDeskId: '1', requestTypeId: '12', requestFieldValues: { summary, ...(description ? { description } : {}) }, raiseOnBehalfOf: 'local-customer-bob' },
    undefined,
  );
  return (created.body as { issueKey: string }).issueKey;
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${platform.url}${path}`);
  return { status: response.status, text: await response.text() };
}

describe('the local ticket pages', () => {
  it('should link a new ticket to this server, host and port, and open it there', async () => {
    const port = new URL(platform.url).port;
    expect(port).toMatch(/^[1-9][0-9]*$/);

    const response = await api.asApp().requestJira(route`/rest/servicedeskapi/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceDeskId: '1', requestTypeId: '12', requestFieldValues: { summary: 'Printer jams' } }),
    });
    const web = ((await response.json()) as { _links: { web: string } })._links.web;

    expect(web).toBe(`http://localhost:${port}/jira/browse/SUP-1`);
    const opened = await fetch(web);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<h1>Printer jams</h1>');
  });

  it('should say there is no such ticket, with a 404, for a key the local Jira does not have', async () => {
    await createTicket('Printer jams');

    const missing = await get('/jira/browse/SUP-99');

    expect(missing.status).toBe(404);
    expect(missing.text).toContain('No ticket SUP-99');
  });

  it.each(['sup-1', 'SUP-0', 'SUP-1/comment', '%3Cimg%20src%3Dx%3E-1', 'SUP-%E0%A4%A', `SUP-${'1'.repeat(12)}`, `${'A'.repeat(11)}-1`])(
    'should refuse %s as a ticket key, with a 400, before looking it up',
    async (key) => {
      const lookup = jest.spyOn(platform.jsm!, 'ticket');

      const refused = await get(`/jira/browse/${key}`);

      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Not a ticket key');
      expect(refused.text).not.toContain('<img');
      expect(lookup).not.toHaveBeenCalled();
    },
  );

  it('should show the description and comments as text, links only for http(s) link marks, and internal notes marked', async () => {
    const key = await createTicket(
      '<img src=x onerror=alert(1)>',
      doc(
        paragraph(
          { type: 'text', text: '<b>not bold</b> ' },
          { type: 'text', text: 'portal', marks: [{ type: 'link', attrs: { href: 'https://portal.example/reset' } }] },
          { type: 'text', text: ' run me', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        ),
      ),
    );
    for (const [text, internal] of [['For the customer', false], ['Between agents', true]] as const) {
      await platform.jsm!.respond('POST', `/rest/api/3/issue/${key}/comment`, { body: doc(paragraph({ type: 'text', text })), properties: [{ key: 'sd.public.comment', value: { internal } }] }, undefined);
    }

    const { text } = await get(`/jira/browse/${key}`);

    expect(text).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(text).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(text).toContain('<a href="https://portal.example/reset"');
    expect(text).not.toContain('javascript:');
    expect(text).toMatch(/<li class="comment">.*Shared with customer.*For the customer/);
    expect(text).toMatch(/<li class="comment internal">.*Internal note.*Between agents/);
    expect(text).toContain('Bob User');
  });

  it('should list the tickets newest first, a page at a time', async () => {
    for (let n = 1; n <= 30; n += 1) await createTicket(`Ticket number ${n}`);

    const first = await get('/jira/browse');
    const keys = (page: string) => [...page.matchAll(/<td><a href="\/jira\/browse\/(SUP-\d+)">/g)].map((m) => m[1]);

    expect(keys(first.text)).toEqual(Array.from({ length: 25 }, (_, i) => `SUP-${30 - i}`));
    expect(first.text).toContain('href="/jira/browse?before=6"');
    expect(keys((await get('/jira/browse?before=6')).text)).toEqual(['SUP-5', 'SUP-4', 'SUP-3', 'SUP-2', 'SUP-1']);
    expect((await get('/jira/browse?before=x')).status).toBe(400);
  });
});
