import type { ErrorCode } from '../shared/resolver-contract';
import { KojiError } from './koji-error';

/**
 * Every error the core raises on purpose about its own rules, and the failures of
 * the ports it relies on (chat delivery, tickets): a stable `code` to assert on and
 * log, and a `message` that is safe to show to the person who caused it.
 */
export abstract class DomainError extends KojiError {}

export class InvalidSettingsError extends DomainError {
  readonly code = 'invalid_settings';

  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '));
  }
}

/** The store kept refusing a compare-and-set: others keep changing the same records. */
export class StoreContentionError extends DomainError {
  readonly code = 'store_contention';

  constructor() {
    super('Koji is busy with other requests for the same people. Please try again in a moment.');
  }
}

/** A chat platform refused or failed to deliver a message. Raised by chat adapters. */
export class ChatDeliveryError extends DomainError {
  readonly code: ErrorCode = 'chat_delivery_failed';
}

/** The chat platform asked to slow down; the same message can be sent after `retryAfterSeconds`. */
export class ChatRateLimitedError extends ChatDeliveryError {
  override readonly code = 'chat_rate_limited';

  constructor(readonly retryAfterSeconds: number, options?: ErrorOptions) {
    super(`The chat platform asked to wait ${retryAfterSeconds} s before sending more.`, options);
  }
}

/**
 * A failure worth another try: the platform answered 5xx, timed out or dropped
 * the connection. `uncertain` means the platform may have accepted the message
 * before the failure (a timeout or reset after the request was sent), so a
 * blind resend could deliver it twice.
 */
export class ChatTransientError extends ChatDeliveryError {
  override readonly code = 'chat_transient';

  constructor(message: string, readonly uncertain: boolean, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The person can no longer be reached on this channel, and trying again will
 * not change that: the bot was removed from their chat, the user was
 * deactivated, the app was uninstalled or blocked. `reason` is the platform's
 * own word for it (`account_inactive`, `channel_not_found`, `403`, ...).
 */
export class ChatRecipientUnreachableError extends ChatDeliveryError {
  override readonly code = 'chat_recipient_unreachable';

  constructor(message: string, readonly reason: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The ticket service could not create or update a ticket. Raised by ticket adapters. */
export class TicketServiceError extends DomainError {
  readonly code: ErrorCode = 'ticket_service_failed';

  /** `message` says what went wrong and what the operator can do about it. */
  constructor(message: string, readonly retryable: boolean, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Another caller is creating this conversation's ticket right now; its key follows shortly. */
export class TicketInProgressError extends TicketServiceError {
  override readonly code = 'ticket_in_progress';

  constructor() {
    super('A ticket is already being created from this conversation.', true);
  }
}

export class ParticipantNotFoundError extends DomainError {
  readonly code = 'participant_not_found';
}

/** A shared file could not be read from its platform or written to the other side; the message is safe to show its sender. */
export class FileTransferError extends DomainError {
  readonly code = 'chat_delivery_failed' as const;
}

/** A file turned out larger than the project allows while it was read (its platform did not say its size first). */
export class FileTooBigError extends DomainError {
  readonly code = 'chat_delivery_failed' as const;
}
