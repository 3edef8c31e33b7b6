import { ChannelRouter } from '../../../src/adapters/chat/channel-router';
import { SendHealthReporting } from '../../../src/adapters/chat/send-health';
import type { HealthSubject } from '../../../src/adapters/forge/tenant-health';
import type { ChatGateway, SentCard } from '../../../src/app/ports';
import { ChatRecipientUnreachableError } from '../../../src/domain/errors';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import type { Participant } from '../../../src/domain/participant';

/**
 * The chat port the core is given (composition.ts: tenant health over the channel router over each platform's
 * gateways) passes on where a card went and its later update, so a settled offer's card can be changed in place.
 */
const alice: Participant = { channel: 'slack', tenantId: 'T1', userId: 'UALICE' };
const offer: OutgoingMessage = { kind: 'request', text: 'Bob is waiting.', buttons: [{ action: 'accept-offer', label: 'Accept', value: 'c-1' }] };
const expired: OutgoingMessage = { kind: 'notice', text: 'Nobody accepted within 60 seconds.' };

function chatOver(slack: ChatGateway) {
  const health = { refused: [] as string[], sent: 0 };
  const chat = new SendHealthReporting(
    new ChannelRouter({ slack }),
    { sendRefused: (_s: HealthSubject, reason: string) => Promise.resolve(void health.refused.push(reason)), sent: () => Promise.resolve(void (health.sent += 1)) },
    (to) => Promise.resolve({ channel: to.channel, tenantId: to.tenantId }),
  );
  return { chat, health };
}

describe('a card’s update through the chat port the core gets', () => {
  it('should answer where the card went and replace it there', async () => {
    const replaced: Array<{ sent: SentCard; message: OutgoingMessage }> = [];
    const { chat } = chatOver({
      send: () => Promise.resolve({ ref: 'slack-ref-1' }),
      replace: (_to, sent, message) => Promise.resolve(void replaced.push({ sent, message })),
      profile: () => Promise.resolve({ displayName: 'Alice' }),
    });

    const sent = await chat.send(alice, offer);
    await chat.replace(alice, sent as SentCard, expired);

    expect(sent).toEqual({ ref: 'slack-ref-1' });
    expect(replaced).toEqual([{ sent: { ref: 'slack-ref-1' }, message: expired }]);
  });

  it('should mark the workspace Failing when Slack refuses the bot token for an update, as for a send', async () => {
    const { chat, health } = chatOver({
      send: () => Promise.resolve(),
      replace: () => Promise.reject(new ChatRecipientUnreachableError('Slack did not update the message: token_revoked.', 'token_revoked')),
      profile: () => Promise.resolve({ displayName: 'Alice' }),
    });

    await expect(chat.replace(alice, { ref: 'slack-ref-1' }, expired)).rejects.toBeInstanceOf(ChatRecipientUnreachableError);

    expect(health.refused).toEqual(['token_revoked']);
  });

  it('should refuse an update where the platform’s gateway cannot make one, so the core writes a new message', async () => {
    const { chat } = chatOver({ send: () => Promise.resolve(), profile: () => Promise.resolve({ displayName: 'Alice' }) });

    await expect(chat.replace(alice, { ref: 'slack-ref-1' }, expired)).rejects.toThrow('can’t update a message sent earlier');
  });
});
