import { TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox, type TeamsHarness } from './support/teams-harness';

const VIC: TeamsSandboxPerson = TEAMS_SANDBOX.people.find((p) => p.key === 'vic')!;
const VIC_CHAT = personalConversationId(VIC);

describe('stalls and resets injected into the Teams sandbox Bot Connector', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsSandbox();
  });
  beforeEach(async () => {
    await h.reset();
    await h.sandbox.install(VIC);
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (text: string) => h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', text });

  it('should answer a stalled send late, and the message is sent', async () => {
    h.sandbox.faultNext('send', { stallMs: 200 });

    const started = Date.now();
    const response = await send('late');

    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(h.sandbox.conversation(VIC).map((m) => m.text)).toEqual(['late']);
  });

  it('should drop the connection on a reset, sending nothing unless afterEffect', async () => {
    h.sandbox.faultNext('send', { reset: true });
    h.sandbox.faultNext('send', { reset: true, afterEffect: true });

    await expect(send('lost')).rejects.toThrow('fetch failed');
    await expect(send('sent, unanswered')).rejects.toThrow('fetch failed');

    expect(h.sandbox.conversation(VIC).map((m) => m.text)).toEqual(['sent, unanswered']);
    expect(h.sandbox.apiCalls.map((c) => [c.operation, c.status, c.error])).toEqual([
      ['send', 0, 'ConnectionReset'],
      ['send', 0, 'ConnectionReset'],
    ]);
  });
});
