import { SlackChatGateway, slackClient } from '../../../src/adapters/slack/slack-chat-gateway';
import { narrowBlockAction } from '../../../src/adapters/slack/slack-event';
import type { SentCard } from '../../../src/app/ports';
import { ChatDeliveryError } from '../../../src/domain/errors';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { slackInlines } from '../../support/chat-surfaces';
import { startSandbox, type SandboxHarness } from '../../local/slack/support/sandbox-harness';

/**
 * An operator offer's card on Slack, against the sandbox Web API through the real WebClient: the gateway says
 * where the card went, and the core can later replace it with what happened, leaving nothing to click.
 */
let h: SandboxHarness;
let gateway: SlackChatGateway;

beforeEach(async () => {
  h = await startSandbox({ echoBotMessages: false });
  gateway = new SlackChatGateway(slackClient(SANDBOX_WORKSPACE.botToken, h.slackApiUrl));
});
afterEach(() => h.close());

const alice = { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' } as const;

const offer: OutgoingMessage = {
  kind: 'request',
  text: 'Bob User (Slack) is waiting to talk to an operator. Accept within 60 seconds, or decline so someone else can take them.',
  conversationId: 'conv-7',
  excerpt: [{ id: 'l1', at: 1, role: 'user', speakerName: 'Bob User', text: 'My printer is on fire' }],
  buttons: [
    { action: 'accept-offer', label: 'Accept', value: 'conv-7' },
    { action: 'decline-offer', label: 'Decline', value: 'conv-7' },
  ],
};

const shown = () => h.sandbox.conversation('UALICE').map((m) => ({ words: slackInlines(m.blocks).map((i) => i.text ?? '').join(''), blocks: m.blocks ?? [] }));
const buttonsOf = (blocks: readonly Record<string, unknown>[]) => blocks.filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Record<string, unknown>[]);

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The call succeeded.');
}

describe('an operator offer’s card on Slack', () => {
  it('should show Accept as the primary button and Decline as a plain one, each naming the offered conversation', async () => {
    await gateway.send(alice, offer);

    const [accept, decline] = buttonsOf(shown()[0]?.blocks ?? []);
    expect(accept).toMatchObject({ text: { text: 'Accept' }, style: 'primary' });
    expect(decline).toMatchObject({ text: { text: 'Decline' } });
    expect(decline).not.toHaveProperty('style');
    const click = (button: Record<string, unknown> | undefined) =>
      narrowBlockAction({ user: { id: 'UALICE' }, actions: [{ action_id: String(button?.['action_id']), value: String(button?.['value']), action_ts: '1700000000.000100' }] }, SANDBOX_WORKSPACE.teamId, '10000');
    expect(click(accept)).toMatchObject({ kind: 'message', message: { action: { kind: 'accept-offer', value: 'conv-7' }, conversationId: 'conv-7' } });
    expect(click(decline)).toMatchObject({ kind: 'message', message: { action: { kind: 'decline-offer', value: 'conv-7' }, conversationId: 'conv-7' } });
  });

  it('should say where the card went, and replace it with a notice that has nothing left to click', async () => {
    const sent = await gateway.send(alice, offer);
    expect(sent).toEqual({ ref: expect.any(String) });

    await gateway.replace(alice, sent as SentCard, { kind: 'notice', text: 'Nobody accepted within 60 seconds, so Bob User went to another operator.', conversationId: 'conv-7' });

    expect(shown()).toHaveLength(1);
    expect(shown()[0]?.words).toBe('Nobody accepted within 60 seconds, so Bob User went to another operator.');
    expect(buttonsOf(shown()[0]?.blocks ?? [])).toEqual([]);
    expect(h.sandbox.conversation('UALICE')[0]?.text).toBe('Nobody accepted within 60 seconds, so Bob User went to another operator.');
  });

  it('should keep what a person’s name holds as text in the replaced card', async () => {
    const sent = (await gateway.send(alice, offer)) as SentCard;

    await gateway.replace(alice, sent, { kind: 'notice', text: 'You declined <!channel> *Eve* <https://evil.test|x>; they go to another operator.' });

    expect(shown()[0]?.words).toBe('You declined <!channel> *Eve* <https://evil.test|x>; they go to another operator.');
    expect(h.sandbox.conversation('UALICE')[0]?.text).not.toMatch(/[<>]/);
  });

  it.each([
    ['not JSON', 'DALICE:1700000000.000100'],
    ['a Teams card', JSON.stringify({ teams: { c: 'a:1', a: '1700000000000', card: true } })],
    ['a channel with characters no Slack id has', JSON.stringify({ slack: { channel: '../chat.delete', ts: '1700000000.000100' } })],
    ['a ts that is no ts', JSON.stringify({ slack: { channel: 'DALICE', ts: 'latest' } })],
    ['far too long', JSON.stringify({ slack: { channel: 'DALICE', ts: '1700000000.000100', pad: 'x'.repeat(500) } })],
  ])('should refuse to update from a stored ref that is %s, without calling Slack', async (_what, ref) => {
    const error = await refusal(gateway.replace(alice, { ref }, { kind: 'notice', text: 'Closed.' }));

    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(h.sandbox.apiCalls.filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('should fail as a delivery when the card is gone from Slack, so the core tells the operator in a new message', async () => {
    const error = await refusal(gateway.replace(alice, { ref: JSON.stringify({ slack: { channel: 'DALICE', ts: '1700000000.000100' } }) }, { kind: 'notice', text: 'Closed.' }));

    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect((error as Error).message).toContain('message_not_found');
  });
});
