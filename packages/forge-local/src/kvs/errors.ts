/**
 * Errors in the Forge KVS wire shape: a non-2xx status and a `{ code, message }` JSON body.
 * @forge/kvs@1.6.5 (out/utils/error-handling.js, checkResponseError) turns exactly that shape
 * into a ForgeKvsAPIError whose `code` and `message` are ours, so messages say what is wrong.
 *
 * KEY_NOT_FOUND (404) is the one code the SDK itself depends on: get and delete turn it into
 * `undefined` (out/storage-api.js, handleKeyNotFound). Forge documents no other status or code,
 * so the rest are this emulator's choice; app code should branch on "a ForgeKvsAPIError from a
 * conditional write" rather than on a particular code.
 */
export type KvsErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'VALUE_TOO_LARGE'
  | 'MAX_DEPTH_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INVALID_ENTITY'
  | 'INVALID_QUERY'
  | 'INVALID_CURSOR'
  | 'INVALID_TRANSACTION'
  | 'INVALID_BATCH'
  | 'KEY_NOT_FOUND'
  | 'KEY_ALREADY_EXISTS'
  | 'CONDITION_CHECK_FAILED'
  | 'NOT_FOUND';

export interface KvsErrorBody {
  code: KvsErrorCode;
  message: string;
}

export class KvsError extends Error {
  readonly status: number;
  readonly code: KvsErrorCode;

  constructor(status: number, code: KvsErrorCode, message: string) {
    // An answer on the wire, never shown with a stack; capturing one costs more than the lookup that failed
    // (a batch get of a conversation and an operator record misses one of the two on every relay).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'KvsError';
    this.status = status;
    this.code = code;
  }

  toBody(): KvsErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** A request the platform refuses as malformed or over a limit (HTTP 400). */
export function badRequest(code: KvsErrorCode, message: string): KvsError {
  return new KvsError(400, code, message);
}

export function keyNotFound(what: string): KvsError {
  return new KvsError(404, 'KEY_NOT_FOUND', `${what} does not exist`);
}

/** A write refused because of the current state (HTTP 409): FAIL_IF_EXISTS, transaction conditions. */
export function conflict(code: 'KEY_ALREADY_EXISTS' | 'CONDITION_CHECK_FAILED', message: string): KvsError {
  return new KvsError(409, code, message);
}
