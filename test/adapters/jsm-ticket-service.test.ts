import { CONVERSATION_PROPERTY, JsmTicketService } from '../../src/adapters/forge/jsm-ticket-service';
import type { TicketRequest } from '../../src/app/ports';
import { TicketServiceError } from '../../src/domain/errors';
import type { TranscriptLine } from '../../src/domain/transcript';
import { startLocalPlatform, type LocalPlatform } from '../../src/local/platform';

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
    expect(ticket).toEqual({ key: 'SUP-1', url: 'http://localhost/jira/browse/SUP-1' });
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

  it('should fall back to raising as the app when Jira refuses the account as a requester', async () => {
    const tickets = new JsmTicketService();
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', status: 400, message: 'not a customer' });

    const ticket = await tickets.createTicket(request());

    expect(ticket.key).toBe('SUP-1');
    expect(platform.jsm!.requests()[0]?.reporter).toBe('app');
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

    expect(platform.jsm!.commentsOf(key)).toEqual([{ body: '[2026-11-25 09:40 UTC] Alice: A technician is on the way', public: true }]);
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

    await expect(tickets.createTicket(request({ requestTypeId: '999' }))).rejects.toThrow(/request type set in the Koji backoffice may no longer exist/);
    await expect(tickets.createTicket(request({ requestTypeId: '999' }))).rejects.toBeInstanceOf(TicketServiceError);

    expect((await tickets.createTicket(request({ requestTypeId: '11' }))).key).toBe('SUP-1');
  });
});
