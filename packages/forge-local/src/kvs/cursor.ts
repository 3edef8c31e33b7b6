import { badRequest } from './errors';

/**
 * Query cursors: opaque base64url JSON holding the position after the last returned item
 * (keyset paging, so items written between pages neither repeat nor shift the page).
 * Forge says not to persist cursors; these stay valid across restarts, which is harmless.
 */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown, kind: string): Record<string, unknown> {
  if (typeof cursor === 'string') {
    try {
      const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (position !== null && typeof position === 'object' && (position as { kind?: unknown }).kind === kind) {
        return position as Record<string, unknown>;
      }
    } catch {
      // Not our base64url JSON: reported below, like any other foreign cursor.
    }
  }
  throw badRequest('INVALID_CURSOR', `cursor ${JSON.stringify(cursor)} was not returned by a ${kind} of this store`);
}
