import api from '@forge/api';
import { kvs } from '@forge/kvs';
import { CLAIM_STALE_MS, CONVERSATION_PROPERTY, JsmTicketService, type RequestJira } from '../../src/adapters/forge/jsm-ticket-service';
import { KvsTicketLinks } from '../../src/adapters/forge/kvs-ticket-links';
import type { TicketRequest } from '../../src/app/ports';
import { TicketInProgressError, TicketServiceError } from '../../src/domain/errors';
import type { TranscriptLine } from '../../src/domain/transcript';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { adfText, asAdfDoc } from '../support/adf';

const AT = Date.UTC(2026, 10, 25, 9, 30);
const LINES: TranscriptLine[] = [
  { id: 'Ev1', at: AT, role: 'user', speakerName: 'Bob User', text: 'The printer on floor 3 jams', attachments: [{ name: 'jam.jpg', url: 'https://files.example/jam.jpg' }] },
  { id: 'Ev2', at: AT + 60_000, role: 'operator', speakerName: 'Alice', text: 'Which model?' },
  { id: '~forwarded-1', at: AT + 120_000, role: 'system', speakerName: 'Koji', text: 'Alice forwarded the conversation to Carla.' },
];

function request(overrides: Partial<TicketRequest> = {}): TicketRequest {
  return {
    conversationId: 'slack/T0SANDBOX/UBOB/Ev1',
    projectId: '10000',
    summary: 'Floor 3 printer jams',
    requester: { participant: { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' }, name: 'Bob User', email: 'bob@sandbox.test' },
    operatorName: 'Alice',
    lines: LINES,
    ...overrides,
  };
}

describe('tickets in Jira Service Management (embedded stand-in, real @forge/api)', () => {
  let platform: LocalPlatform;
  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(() => platform.close());

  it('should create a request with the summary, the chosen request type and the transcript as a document', async () => {
    const ticket = await new JsmTicketService().createTicket(request({ requestTypeId: '12' }));

    const [stored] = platform.jsm!.requests();
    expect(ticket).toEqual({ key: 'SUP-1', url: `${platform.url}/jira/browse/SUP-1` });
    expect(stored).toMatchObject({ key: 'SUP-1', requestTypeId: '12', fields: { summary: 'Floor 3 printer jams' } });
    const description = stored?.fields['description'] as { type: string; content: Array<{ type: string; content?: Array<{ text?: string; marks?: unknown[] }> }> };
    expect(description.type).toBe('doc');
    const paragraphs = description.content.map((node) => (node.content ?? []).map((t) => t.text ?? '').join(''));
    expect(paragraphs).toEqual([
      'Alice created this ticket from a live chat with Bob User (bob@sandbox.test) on Slack.',
      'Conversation',
      '2026-11-25 09:30 UTC Bob User: The printer on floor 3 jams jam.jpg',
      '2026-11-25 09:31 UTC Alice (operator): Which model?',
      '2026-11-25 09:32 UTC Alice forwarded the conversation to Carla.',
    ]);
    const link = description.content[2]?.content?.at(-1);
    expect(link?.marks).toEqual([{ type: 'link', attrs: { href: 'https://files.example/jam.jpg' } }]);
  });

  it.each([
    ['an operator made it', {}, 'Alice created this ticket from a live chat with Bob User (bob@sandbox.test) on Slack.'],
    [
      'the user took up the offer after their operator left',
      { operatorName: undefined, servedByName: 'Tom' },
      'Created at the user’s request from a live chat with Bob User (bob@sandbox.test) on Slack: Tom served them, then no operator was available.',
    ],
    ['the user took up the offer with nobody on duty', { operatorName: undefined }, 'Created at the user’s request from a chat with Bob User (bob@sandbox.test) on Slack: no operator was available.'],
  ])('should open the description with who made the ticket, with whom and where, when %s', async (_when, overrides, header) => {
    await new JsmTicketService().createTicket(request(overrides));

    const description = platform.jsm!.requests()[0]?.fields['description'] as { content: Array<{ content?: Array<{ text?: string }> }> };
    expect((description.content[0]?.content ?? []).map((t) => t.text ?? '').join('')).toBe(header);
  });

  it('should raise the request on behalf of the user whose chat e-mail matches a Jira account', async () => {
    await new JsmTicketService().createTicket(request());

    expect(platform.jsm!.requests()[0]?.reporter).toBe('local-customer-bob');
  });

  it('should raise the request as the app and name the user when no account has their e-mail', async () => {
    await new JsmTicketService().createTicket(request({ requester: { participant: { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UDANA' }, name: 'Dana User', email: 'dana@sandbox.test' } }));

    const [stored] = platform.jsm!.requests();
    expect(stored?.reporter).toBe('app');
    expect(JSON.stringify(stored?.fields['description'])).toContain('Dana User has no Jira account with that e-mail, so the app raised it.');
  });

  it('should say the chat gave no e-mail, not that there is no account, when there is no e-mail at all', async () => {
    await new JsmTicketService().createTicket(request({ requester: { ...request().requester, email: undefined } }));

    const description = JSON.stringify(platform.jsm!.requests()[0]?.fields['description']);
    expect(description).toContain('Slack did not give Bob User’s e-mail address, so the app raised it for them.');
    expect(description).not.toContain('no Jira account');
  });

  it('should fall back to raising as the app when Jira refuses the account as a requester', async () => {
    const tickets = new JsmTicketService();
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', status: 400, message: 'not a customer' });

    const ticket = await tickets.createTicket(request());

    expect(ticket.key).toBe('SUP-1');
    expect(platform.jsm!.requests()[0]?.reporter).toBe('app');
    const description = JSON.stringify(platform.jsm!.requests()[0]?.fields['description']);
    expect(description).toContain('Bob User’s Jira account is not a customer of this service desk, so the app raised it.');
    expect(description).not.toContain('no Jira account with that e-mail');
  });

  it('should tie the ticket to its conversation with an issue property', async () => {
    await new JsmTicketService().createTicket(request());

    expect(platform.jsm!.property('SUP-1', CONVERSATION_PROPERTY)).toEqual({
      conversationId: 'slack/T0SANDBOX/UBOB/Ev1',
      channel: 'slack',
      userName: 'Bob User',
      operatorName: 'Alice',
    });
  });

  it('should return the first ticket, not make a second, when asked again for the same conversation', async () => {
    const tickets = new JsmTicketService();

    const first = await tickets.createTicket(request());
    const again = await tickets.createTicket(request({ summary: 'something else' }));

    expect(again.key).toBe(first.key);
    expect(platform.jsm!.requests()).toHaveLength(1);
  });

  it('should add later messages as a public comment', async () => {
    const tickets = new JsmTicketService();
    const { key } = await tickets.createTicket(request());

    await tickets.addComment(key, 'slack/T0SANDBOX/UBOB/Ev1', [{ id: 'Ev9', at: AT + 600_000, role: 'operator', speakerName: 'Alice', text: 'A technician is on the way' }]);

    const comments = platform.jsm!.commentsOf(key).map((c) => ({ text: adfText(c.body), public: c.public }));
    expect(comments).toEqual([{ text: '2026-11-25 09:40 UTC Alice (operator): A technician is on the way', public: true }]);
  });

  it('should keep an operator’s notes out of the description and public comments, and add them as internal comments in order', async () => {
    const note = (id: string, at: number, text: string): TranscriptLine => ({ id, at, role: 'operator', speakerName: 'Alice', text, internal: true });
    const tickets = new JsmTicketService();
    const lines = [LINES[0]!, note('Ev2n', AT + 30_000, 'customer is a VIP'), LINES[1]!];

    const { key } = await tickets.createTicket(request({ lines }));
    await tickets.addComment(key, 'slack/T0SANDBOX/UBOB/Ev1', [
      { id: 'Ev9', at: AT + 600_000, role: 'operator', speakerName: 'Alice', text: 'A technician is on the way' },
      note('Ev9n', AT + 660_000, 'booked for 14:00'),
    ]);

    const description = adfText(asAdfDoc(platform.jsm!.requests()[0]?.fields['description']));
    expect(description).toContain('The printer on floor 3 jams');
    expect(description).not.toContain('VIP');
    expect(description).not.toContain('Which model?');
    expect(platform.jsm!.commentsOf(key).map((c) => ({ text: adfText(c.body), public: c.public }))).toEqual([
      { text: '2026-11-25 09:30 UTC Alice (operator, note): customer is a VIP', public: false },
      { text: '2026-11-25 09:31 UTC Alice (operator): Which model?', public: true },
      { text: '2026-11-25 09:40 UTC Alice (operator): A technician is on the way', public: true },
      { text: '2026-11-25 09:41 UTC Alice (operator, note): booked for 14:00', public: false },
    ]);
  });

  it.each([
    [403, /not allowed to create requests in this service desk \(403\)/, false],
    [500, /not answering properly right now \(500\)/, true],
    [503, /not answering properly right now \(503\)/, true],
  ])('should explain a %i from Jira, and keep nothing half-made', async (status, message, retryable) => {
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', status });

    const attempt = new JsmTicketService().createTicket(request({ requester: { ...request().requester, email: undefined } }));

    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toMatchObject({ retryable });
    expect(platform.jsm!.requests()).toEqual([]);
  });

  it('should say the request type is the problem when Jira refuses it, and work once it is fixed', async () => {
    const tickets = new JsmTicketService();

    await expect(tickets.createTicket(request({ requestTypeId: '999' }))).rejects.toThrow(
      'Jira refused the request (400). Jira said: “The request type you specified does not exist or is not accessible”. The request type set in the Koji backoffice may no longer exist: pick another one there.',
    );
    await expect(tickets.createTicket(request({ requestTypeId: '999' }))).rejects.toBeInstanceOf(TicketServiceError);

    expect((await tickets.createTicket(request({ requestTypeId: '11' }))).key).toBe('SUP-1');
  });

  it('should find the project’s service desk past the first page of 50', async () => {
    const others = Array.from({ length: 60 }, (_, i) => ({ id: String(100 + i), projectId: String(20_000 + i), projectKey: `P${i}`, projectName: `Project ${i}` }));
    platform.jsm!.serviceDeskList.unshift(...others);

    const ticket = await new JsmTicketService().createTicket(request());

    expect(ticket.key).toBe('SUP-1');
    expect(platform.jsm!.requests()).toHaveLength(1);
  });

  it('should read every page of service desks through the adapter’s own route to Jira and its timeout', async () => {
    platform.jsm!.serviceDeskList.unshift(...Array.from({ length: 60 }, (_, i) => ({ id: String(100 + i), projectId: String(20_000 + i), projectKey: `P${i}`, projectName: `P ${i}` })));
    const paths: string[] = [];
    const requestJira: RequestJira = (path, init) => {
      paths.push(path.value);
      return api.asApp().requestJira(path, init);
    };
    // The first page answers; the second never does.
    platform.jsm!.failures.push({ method: 'GET', pathPrefix: '/rest/servicedeskapi/servicedesk', delayMs: 0 });
    platform.jsm!.failures.push({ method: 'GET', pathPrefix: '/rest/servicedeskapi/servicedesk', hang: true });

    const attempt = new JsmTicketService({ requestJira, timeoutMs: 50 }).createTicket(request());

    await expect(attempt).rejects.toThrow('Jira took too long to answer');
    expect(paths.filter((p) => p.startsWith('/rest/servicedeskapi/servicedesk?'))).toEqual([
      '/rest/servicedeskapi/servicedesk?start=0&limit=50',
      '/rest/servicedeskapi/servicedesk?start=50&limit=50',
    ]);
    expect(platform.jsm!.requests()).toEqual([]);
  });

  it('should keep an attachment whose link is not https as its name only, never as a link', async () => {
    const lines: TranscriptLine[] = [{ id: 'Ev1', at: AT, role: 'user', speakerName: 'Bob User', text: 'see', attachments: [{ name: 'evil', url: 'javascript:alert(1)' }] }];

    await new JsmTicketService().createTicket(request({ lines }));

    const description = JSON.stringify(platform.jsm!.requests()[0]?.fields['description']);
    expect(description).toContain('"text":"evil"');
    expect(description).not.toContain('javascript:');
  });
});

describe('one ticket per conversation, whatever fails (embedded stand-in, real @forge/kvs)', () => {
  let platform: LocalPlatform;
  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(() => platform.close());

  const fast = (now?: () => number) => new JsmTicketService({ retryDelayMs: 0, ...(now ? { now } : {}) });
  const PROPERTY_PUT = { method: 'PUT', pathPrefix: '/rest/api/3/issue/SUP-1/properties' } as const;

  it('should set the issue property again when Jira fails it once, and return the ticket', async () => {
    platform.jsm!.failures.push({ ...PROPERTY_PUT, status: 503 });

    const ticket = await fast().createTicket(request());

    expect(ticket.key).toBe('SUP-1');
    expect(platform.jsm!.property('SUP-1', CONVERSATION_PROPERTY)).toMatchObject({ conversationId: request().conversationId });
  });

  it('should return the ticket, and never make a second one on a retry, when the issue property keeps failing', async () => {
    platform.jsm!.failures.push({ ...PROPERTY_PUT, status: 503, times: 3 });
    const tickets = fast();

    const first = await tickets.createTicket(request());
    const retry = await tickets.createTicket(request());

    expect([first.key, retry.key]).toEqual(['SUP-1', 'SUP-1']);
    expect(platform.jsm!.requests().map((r) => r.key)).toEqual(['SUP-1']);
  });

  it('should make one ticket when two #create_ticket for one conversation arrive at once', async () => {
    // Jira is slow to create, so the second call arrives while the first is under way.
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', delayMs: 200 });

    const [a, b] = await Promise.allSettled([fast().createTicket(request()), fast().createTicket(request())]);

    expect(platform.jsm!.requests().map((r) => r.key)).toEqual(['SUP-1']);
    const outcomes: unknown[] = [a, b].map((r) => (r.status === 'fulfilled' ? r.value.key : (r.reason as unknown)));
    expect(outcomes).toContainEqual('SUP-1');
    expect(outcomes).toContainEqual(expect.any(TicketInProgressError));
  });

  it('should not be blocked forever by a claim whose process died, and find the ticket through its property if it was made', async () => {
    const links = new KvsTicketLinks(kvs);
    let now = Date.UTC(2026, 10, 25, 10, 0);
    await links.claim(request().conversationId, now);

    await expect(fast(() => now).createTicket(request())).rejects.toBeInstanceOf(TicketInProgressError);
    now += CLAIM_STALE_MS + 1;
    const ticket = await fast(() => now).createTicket(request());

    expect(ticket.key).toBe('SUP-1');
    expect(platform.jsm!.requests()).toHaveLength(1);
  });

  it('should say the ticket an earlier attempt made is not new, and how many of the lines it already holds', async () => {
    const tickets = fast();
    await tickets.createTicket(request({ lines: LINES.slice(0, 2) }));
    const later: TranscriptLine = { id: 'Ev4', at: AT + 180_000, role: 'user', speakerName: 'Bob User', text: 'Still jammed' };

    const again = await tickets.createTicket(request({ lines: [...LINES, later] }));

    expect(again).toEqual({ key: 'SUP-1', url: `${platform.url}/jira/browse/SUP-1`, existing: true, linesIncluded: 2 });
    expect(platform.jsm!.requests()).toHaveLength(1);
  });

  it('should set the issue property before marking the claim, so a failed mark never leads to a second ticket', async () => {
    class FailingOnce extends KvsTicketLinks {
      failed = false;
      override async created(...args: Parameters<KvsTicketLinks['created']>): Promise<void> {
        if (this.failed) return super.created(...args);
        this.failed = true;
        throw new Error('KVS is unavailable');
      }
    }
    let now = Date.UTC(2026, 10, 25, 10, 0);
    const first = await new JsmTicketService({ retryDelayMs: 0, now: () => now, links: new FailingOnce(kvs) }).createTicket(request()).catch((e: unknown) => e);

    now += CLAIM_STALE_MS + 1;
    const retry = await fast(() => now).createTicket(request());

    expect(first).toMatchObject({ key: 'SUP-1' });
    expect(platform.jsm!.requests().map((r) => r.key)).toEqual(['SUP-1']);
    // Found through its property: how much of the conversation it holds is not known, so none counts as there.
    expect(retry).toMatchObject({ key: 'SUP-1', existing: true, linesIncluded: 0 });
  });

  it('should record which conversation each ticket was made from', async () => {
    await fast().createTicket(request());

    expect(await new KvsTicketLinks(kvs).conversationOf('SUP-1')).toBe(request().conversationId);
  });
});

describe('a Jira that hangs or refuses what it cannot store (embedded stand-in)', () => {
  let platform: LocalPlatform;
  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(() => platform.close());

  it('should give up on a Jira that does not answer, say so, make nothing, and work on the retry', async () => {
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', hang: true });
    const tickets = new JsmTicketService({ timeoutMs: 50 });

    const attempt = tickets.createTicket(request());

    await expect(attempt).rejects.toThrow('Jira took too long to answer (nothing within 0.1 s).');
    await expect(attempt).rejects.toMatchObject({ retryable: true });
    expect(platform.jsm!.requests()).toEqual([]);
    expect((await tickets.createTicket(request())).key).toBe('SUP-1');
  });

  it('should pass on Jira’s own words when it refuses a field, not blame the request type', async () => {
    const attempt = new JsmTicketService().createTicket(request({ summary: 'x'.repeat(256) }));

    await expect(attempt).rejects.toThrow('Jira refused the request (400). Jira said: “summary: Summary must be less than 255 characters”.');
    await expect(attempt).rejects.not.toThrow(/request type set in the Koji backoffice may no longer exist/);
  });

  it('should put a long conversation on the ticket whole: the description within Jira’s limit, the rest as comments', async () => {
    const long: TranscriptLine[] = Array.from({ length: 60 }, (_, i) => ({
      id: `Ev${String(i).padStart(3, '0')}`,
      at: AT + i * 1000,
      role: i % 2 === 0 ? 'user' : 'operator',
      speakerName: i % 2 === 0 ? 'Bob User' : 'Alice',
      text: `message ${i} ${'words '.repeat(200)}`,
    }));

    const ticket = await new JsmTicketService().createTicket(request({ lines: long }));

    expect(ticket.linesIncluded).toBeUndefined();
    const description = JSON.stringify(platform.jsm!.requests()[0]?.fields['description']);
    const comments = platform.jsm!.commentsOf('SUP-1').map((c) => JSON.stringify(asAdfDoc(c.body)));
    expect(description.length).toBeLessThanOrEqual(32_767);
    expect(description).toContain('The conversation continues in the comments below.');
    expect(comments.length).toBeGreaterThan(0);
    for (const body of comments) expect(body.length).toBeLessThanOrEqual(32_767);
    for (let i = 0; i < 60; i += 1) {
      const where = [description, ...comments].filter((text) => text.includes(`message ${i} words`));
      expect(where).toHaveLength(1);
    }
  });

  it('should find the ticket, with what its description holds, while an attempt is stuck adding the overflow comments', async () => {
    const long: TranscriptLine[] = Array.from({ length: 60 }, (_, i) => ({
      id: `Ev${String(i).padStart(3, '0')}`,
      at: AT + i * 1000,
      role: 'user',
      speakerName: 'Bob User',
      text: `message ${i} ${'words '.repeat(200)}`,
    }));
    // The first attempt gets stuck at its first overflow comment, as an invocation Forge is about to stop.
    let stuck!: () => void;
    const atComment = new Promise<void>((resolve) => (stuck = resolve));
    const stalling: RequestJira = (path, init) => {
      if (!path.value.endsWith('/comment')) return api.asApp().requestJira(path, init);
      stuck();
      return new Promise(() => undefined);
    };
    const first = new JsmTicketService({ requestJira: stalling, timeoutMs: 1_000 }).createTicket(request({ lines: long }));
    await atComment;

    const again = await new JsmTicketService().createTicket(request({ lines: long }));
    await first;

    expect(again).toMatchObject({ key: 'SUP-1', existing: true });
    expect(again.linesIncluded).toBeGreaterThan(0);
    expect(again.linesIncluded).toBeLessThan(60);
    expect(platform.jsm!.requests()).toHaveLength(1);
  });

  it('should split a long comment into several Jira takes, and cut a single huge message', async () => {
    const { key } = await new JsmTicketService().createTicket(request());
    const lines: TranscriptLine[] = [
      { id: 'Ev8', at: AT + 1000, role: 'user', speakerName: 'Bob User', text: 'y'.repeat(40_000) },
      ...['z', 'w', 'v'].map((ch, i) => ({ id: `Ev9${i}`, at: AT + 2000 + i, role: 'user' as const, speakerName: 'Bob User', text: ch.repeat(9_000) })),
    ];

    await new JsmTicketService().addComment(key, request().conversationId, lines);

    const comments = platform.jsm!.commentsOf(key).map((c) => JSON.stringify(asAdfDoc(c.body)));
    expect(comments).toHaveLength(2);
    expect(comments.join('\n')).toContain('more characters: the whole message is in the Koji panel]');
    for (const body of comments) expect(body.length).toBeLessThanOrEqual(32_767);
  });

  it('should put a message that JSON makes six times longer on the ticket, cut to Jira’s limit, with the lines after it', async () => {
    const { key } = await new JsmTicketService().createTicket(request());
    const lines: TranscriptLine[] = [
      { id: 'Ev8', at: AT + 1000, role: 'user', speakerName: 'Bob User', text: '\u0001'.repeat(9_000) },
      { id: 'Ev9', at: AT + 2000, role: 'user', speakerName: 'Bob User', text: '"\\'.repeat(4_000) },
      { id: 'Ev10', at: AT + 3000, role: 'user', speakerName: 'Bob User', text: 'and one more thing' },
    ];

    await new JsmTicketService().addComment(key, request().conversationId, lines);

    const comments = platform.jsm!.commentsOf(key).map((c) => adfText(c.body));
    expect(comments.join('\n')).toContain('more characters: the whole message is in the Koji panel]');
    expect(comments.join('\n')).toContain('Bob User: and one more thing');
    for (const c of platform.jsm!.commentsOf(key)) expect(JSON.stringify(c.body).length).toBeLessThanOrEqual(32_767);
  });

  it('should refuse, like Jira, a summary over 255 characters or with a line break, and a text over 32,767', async () => {
    const post = (body: unknown) => platform.jsm!.handle('POST', '/rest/servicedeskapi/request', body, undefined);
    const base = { serviceDeskId: '1', requestTypeId: '10' };

    expect(post({ ...base, requestFieldValues: { summary: 'a\nb' } }).status).toBe(400);
    expect(post({ ...base, requestFieldValues: { summary: 'a'.repeat(256) } }).status).toBe(400);
    expect(post({ ...base, requestFieldValues: { summary: 'ok', description: 'd'.repeat(32_768) } }).status).toBe(400);
    expect(post({ ...base, requestFieldValues: { summary: 'ok', description: 'd'.repeat(32_767) } }).status).toBe(201);
    const comment = (text: string) => ({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } });
    const sized = (chars: number) => comment('c'.repeat(chars - JSON.stringify(comment('').body).length));
    expect(platform.jsm!.handle('POST', '/rest/api/3/issue/SUP-1/comment', sized(32_768), undefined).status).toBe(400);
    expect(platform.jsm!.handle('POST', '/rest/api/3/issue/SUP-1/comment', sized(32_767), undefined).status).toBe(201);
  });

  it('should refuse, like Jira’s v3 API, a comment whose body is not a document, and store one that is', async () => {
    await new JsmTicketService().createTicket(request());
    const post = (body: unknown) => platform.jsm!.handle('POST', '/rest/api/3/issue/SUP-1/comment', body, undefined);
    const paragraph = { type: 'paragraph', content: [{ type: 'text', text: '*not bold*' }] };

    expect(post({ body: '*not bold*' }).status).toBe(400);
    expect(post({ body: { type: 'doc', content: [paragraph] } }).status).toBe(400);
    expect(post({ body: { type: 'doc', version: 1, content: 'text' } }).status).toBe(400);
    expect(post({ body: { type: 'doc', version: 1, content: [{ type: 'text', text: '' }] } }).status).toBe(400);
    expect(post({ body: { type: 'doc', version: 1, content: [paragraph] }, properties: [{ key: 'sd.public.comment', value: { internal: true } }] }).status).toBe(201);
    expect(post({ body: { type: 'doc', version: 1, content: [paragraph] } }).status).toBe(201);

    expect(platform.jsm!.commentsOf('SUP-1')).toEqual([
      { body: { type: 'doc', version: 1, content: [paragraph] }, public: false },
      { body: { type: 'doc', version: 1, content: [paragraph] }, public: true },
    ]);
    const listed = platform.jsm!.handle('GET', '/rest/api/3/issue/SUP-1/comment', undefined, undefined);
    expect(listed).toMatchObject({ status: 200, body: { total: 2, comments: [{ body: { type: 'doc' }, jsdPublic: false }, { body: { type: 'doc' }, jsdPublic: true }] } });
  });

  it('should refuse a wiki-markup string at the JSM comment endpoint, which the app no longer uses', async () => {
    await new JsmTicketService().createTicket(request());

    const old = platform.jsm!.handle('POST', '/rest/servicedeskapi/request/SUP-1/comment', { body: 'hello', public: true }, undefined);

    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body)).toContain('/rest/api/3/issue/SUP-1/comment');
    expect(platform.jsm!.commentsOf('SUP-1')).toEqual([]);
  });
});
