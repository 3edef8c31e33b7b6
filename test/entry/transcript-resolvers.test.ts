import { kvs } from '@forge/kvs';
import { CONVERSATION_PROPERTY, JsmTicketService } from '../../src/adapters/forge/jsm-ticket-service';
import { KvsTranscriptLog } from '../../src/adapters/forge/kvs-transcript-log';
import type { TranscriptLine } from '../../src/domain/transcript';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';

/**
 * The issue panel's resolver, reached as the panel's `invoke` reaches it on the
 * local platform: a ticket Koji made, its transcript in KVS, and people who
 * may or may not see the ticket.
 */
let platform: LocalPlatform;
beforeEach(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
});
afterEach(() => platform.close());

const AT = Date.UTC(2026, 10, 25, 9, 30);
const line = (id: string, text: string, attachments?: TranscriptLine['attachments']): TranscriptLine => ({ id, at: AT, role: 'user', speakerName: 'Bob User', text, attachments });

type PanelResult = { ok: boolean; data?: { conversation: { conversationId: string }; transcript: { lines: TranscriptLine[] } }; error?: { code: string } };

async function panel(issueKey: string, as = 'local-agent'): Promise<PanelResult> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey: 'koji-conversation-panel', functionKey: 'transcript/get', payload: {}, issueKey }),
  });
  return ((await response.json()) as { result: PanelResult }).result;
}

/** SUP-1 made by Koji from conversation `conv-bob`; `conv-carla` is another conversation with its own transcript. */
async function ticketFromConversation(lines: TranscriptLine[] = [line('Ev1', 'My printer jams')]): Promise<void> {
  const transcripts = new KvsTranscriptLog(kvs);
  await transcripts.appendMany('conv-bob', lines);
  await transcripts.appendMany('conv-carla', [line('Ev2', 'Carla’s private question')]);
  await new JsmTicketService().createTicket({
    conversationId: 'conv-bob',
    projectId: '10000',
    summary: 'Printer jams',
    requester: { participant: { channel: 'slack', tenantId: 'T1', userId: 'UBOB' }, name: 'Bob User' },
    lines,
  });
}

function rewriteProperty(issueKey: string, conversationId: string): void {
  const answer = platform.jsm!.handle('PUT', `/rest/api/3/issue/${issueKey}/properties/${CONVERSATION_PROPERTY}`, { conversationId, channel: 'slack', userName: 'Carla' }, 'local-agent');
  expect(answer.status).toBeLessThan(300);
}

describe('the issue panel’s transcript resolver', () => {
  it('should show someone who may see the ticket the conversation it was made from', async () => {
    await ticketFromConversation();

    const result = await panel('SUP-1');

    expect(result.ok).toBe(true);
    expect(result.data?.conversation.conversationId).toBe('conv-bob');
    expect(result.data?.transcript.lines.map((l) => l.text)).toEqual(['My printer jams']);
  });

  it('should refuse someone Jira does not let see the ticket', async () => {
    await ticketFromConversation();

    const result = await panel('SUP-1', 'someone-from-elsewhere');

    expect(result).toMatchObject({ ok: false, error: { code: 'no_conversation' } });
  });

  it('should refuse a ticket whose property was rewritten to point at another conversation', async () => {
    await ticketFromConversation();
    rewriteProperty('SUP-1', 'conv-carla');

    const result = await panel('SUP-1');

    expect(result).toMatchObject({ ok: false, error: { code: 'no_conversation' } });
    expect(JSON.stringify(result)).not.toContain('Carla’s private question');
  });

  it('should refuse a ticket Koji did not make, even with a property naming a conversation', async () => {
    await ticketFromConversation();
    const created = platform.jsm!.handle('POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '10', requestFieldValues: { summary: 'Other' } }, 'local-agent');
    expect(created.status).toBe(201);
    rewriteProperty('SUP-2', 'conv-carla');

    expect(await panel('SUP-2')).toMatchObject({ ok: false, error: { code: 'no_conversation' } });
  });

  it('should hand the panel https attachment links only', async () => {
    await ticketFromConversation([
      line('Ev1', 'see', [
        { name: 'evil', url: 'javascript:alert(1)' },
        { name: 'photo.jpg', url: 'https://files.example/photo.jpg' },
      ]),
    ]);

    const result = await panel('SUP-1');

    expect(result.data?.transcript.lines[0]?.attachments).toEqual([{ name: 'photo.jpg', url: 'https://files.example/photo.jpg' }]);
  });
});
