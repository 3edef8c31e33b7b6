import { ForgeKvsAPIError } from '@forge/kvs';
import { KojiError } from '../../domain/koji-error';

/**
 * A page cursor came from the backoffice, and KVS refused it: one it never gave (another list's, a made-up one,
 * one from before the store was rebuilt). A bad request, answered as such, not a crash.
 */
export class UnknownCursorError extends KojiError {
  readonly code = 'invalid_request';
}

/** Whether KVS refused a query for its cursor. */
export function isCursorRefusal(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 400 || /CURSOR/i.test(error.code));
}

/**
 * Reads one page of a query that was given `cursor`; when KVS refuses that cursor, throws UnknownCursorError with
 * `refusal`, the words the admin reads. A refusal of a query without a cursor is the store's to explain: thrown as is.
 */
export async function pageFromCursor<P>(getMany: () => Promise<P>, cursor: string | undefined, refusal: string): Promise<P> {
  try {
    return await getMany();
  } catch (error) {
    if (cursor !== undefined && isCursorRefusal(error)) throw new UnknownCursorError(refusal, { cause: error });
    throw error;
  }
}
