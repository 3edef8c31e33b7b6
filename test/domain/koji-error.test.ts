import { TenantConnectionError } from '../../src/adapters/chat/tenant-connection-error';
import {
  ChatDeliveryError,
  ChatRateLimitedError,
  ChatRecipientUnreachableError,
  ChatTransientError,
  DomainError,
  InvalidSettingsError,
  ParticipantNotFoundError,
  StoreContentionError,
  TicketInProgressError,
  TicketServiceError,
} from '../../src/domain/errors';
import { KojiError, messageOf } from '../../src/domain/koji-error';
import { ERROR_CODES } from '../../src/shared/resolver-contract';

/** The one error shape: a code from the shared list, a message safe to show, and the cause. */
describe('Koji errors', () => {
  const cause = new Error('socket hang up');
  const domainErrors: readonly DomainError[] = [
    new InvalidSettingsError(['Operator capacity must be a whole number from 1 to 10.']),
    new StoreContentionError(),
    new ChatDeliveryError('Slack refused the message.', { cause }),
    new ChatRateLimitedError(3, { cause }),
    new ChatTransientError('Slack timed out.', true, { cause }),
    new ChatRecipientUnreachableError('The bot was removed.', 'channel_not_found', { cause }),
    new TicketServiceError('Jira is busy (429).', true, { cause }),
    new TicketInProgressError(),
    new ParticipantNotFoundError('No such person.'),
  ];

  it.each(domainErrors.map((error) => [error.code, error] as const))('should keep the domain error %s a Koji error with a listed code', (code, error) => {
    // Assert
    expect(error).toBeInstanceOf(KojiError);
    expect(ERROR_CODES).toContain(code);
  });

  it('should list every code once', () => {
    // Assert
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('should keep the cause an adapter gave', () => {
    // Act
    const error = new ChatTransientError('Slack timed out.', true, { cause });

    // Assert
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('ChatTransientError');
  });

  it('should treat a refused tenant connection as a Koji error that is not a domain error', () => {
    // Act
    const error = new TenantConnectionError('The bot token starts with “xoxb-”.', { cause });

    // Assert
    expect(error).toBeInstanceOf(KojiError);
    expect(error).not.toBeInstanceOf(DomainError);
    expect(error.code).toBe('tenant_connection_failed');
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['an Error', new Error('KVS is down'), 'KVS is down'],
    ['a Koji error', new StoreContentionError(), 'Koji is busy with other requests for the same people. Please try again in a moment.'],
    ['a string', 'timeout', 'timeout'],
    ['a number', 503, '503'],
    ['undefined', undefined, 'undefined'],
  ])('should tell the message of %s thrown', (_what, thrown, message) => {
    // Assert
    expect(messageOf(thrown)).toBe(message);
  });
});
