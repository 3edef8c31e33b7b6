import { english } from '../../src/domain/replies';
import { TenantConnectionError } from '../../src/adapters/chat/tenant-connection-error';
import {
  ChatDeliveryError,
  ChatRateLimitedError,
  ChatRecipientUnreachableError,
  ChatTransientError,
  InvalidSettingsError,
  ParticipantNotFoundError,
  StoreContentionError,
  TicketInProgressError,
  TicketServiceError,
} from '../../src/domain/errors';
import { replyToFailure } from '../../src/app/conversation/failure-replies';

/**
 * What the person whose message or click failed is told, per error code. The core
 * tells them the error's own message (written to be safe to show); anything that is
 * not a Koji error gets no reply, so the platform retries the delivery.
 */
describe('replies to failed messages', () => {
  it.each([
    ['invalid_settings', new InvalidSettingsError(['Operator capacity must be a whole number from 1 to 10.']), 'Operator capacity must be a whole number from 1 to 10.'],
    ['store_contention', new StoreContentionError(), 'Koji is busy with other requests for the same people. Please try again in a moment.'],
    ['chat_delivery_failed', new ChatDeliveryError('Slack refused the message.'), 'Slack refused the message.'],
    ['chat_rate_limited', new ChatRateLimitedError(3), 'The chat platform asked to wait 3 s before sending more.'],
    ['chat_transient', new ChatTransientError('Slack timed out.', true), 'Slack timed out.'],
    ['chat_recipient_unreachable', new ChatRecipientUnreachableError('The bot was removed from the chat.', 'channel_not_found'), 'The bot was removed from the chat.'],
    ['ticket_service_failed', new TicketServiceError('Jira is busy (429).', true), 'Jira is busy (429).'],
    ['ticket_in_progress', new TicketInProgressError(), 'A ticket is already being created from this conversation.'],
    ['participant_not_found', new ParticipantNotFoundError('That person is not known to Koji.'), 'That person is not known to Koji.'],
    ['tenant_connection_failed', new TenantConnectionError('This Slack workspace is not connected to this project.'), 'This Slack workspace is not connected to this project.'],
  ])('should tell the sender the message of a %s failure', (code, error, text) => {
    // Act
    const reply = replyToFailure(error, english);

    // Assert
    expect(reply).toEqual({ code, text });
  });

  it('should not reply to an unexpected failure, so the platform retries', () => {
    // Assert
    expect(replyToFailure(new Error('KVS is down'), english)).toBeUndefined();
    expect(replyToFailure('timeout', english)).toBeUndefined();
  });
});
