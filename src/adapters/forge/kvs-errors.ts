import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * True when KVS refused a write because of its own condition: a transaction
 * condition that no longer holds, or FAIL_IF_EXISTS on a key that exists. The
 * platform does not document these codes, so anything that says "conflict",
 * "condition" or "exists", or answers 409, counts; other errors propagate.
 */
export function isWriteConflict(error: unknown): boolean {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  return error.responseDetails.status === 409 || /CONDITION|CONFLICT|EXISTS/i.test(error.code);
}
