import type { ErrorCode } from '../shared/resolver-contract';

/**
 * The one shape of every failure Koji raises on purpose, wherever it comes from: a
 * stable `code` from the shared list (to map, assert on and log), a `message` that is
 * safe to show the person who caused it, and the `cause` it came from (kept for logs,
 * never shown). Rules of the core extend `DomainError`; authentication, request and
 * adapter failures extend this directly. The entry points' mappers (docs/style.md,
 * "Errors") turn any of them into an answer; anything else is unexpected and propagates.
 */
export abstract class KojiError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message of anything thrown, for a log line: JavaScript lets any value be thrown, not only an Error. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
