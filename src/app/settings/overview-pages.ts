import type { Ordered } from './overview-queries';

/** Rows per page of each Overview list; a list with more says "25+" and offers Load more. */
export const OVERVIEW_PAGE_SIZE = 25;

/** KVS answers at most 100 records a query. */
const MAX_READ = 100;

/**
 * Where the next page of an Overview list starts (keyset paging, never an offset): at the order value of the
 * last row shown (`at`), skipping the rows already shown there (`seen`: several rows can share one value),
 * and how many rows came before it (`shown`), so positions in line go on counting. The page holds it as an
 * opaque string and sends it back as is; `cursorOf` checks one before anything is read with it.
 */
export interface ListCursor {
  readonly at: number;
  readonly seen: readonly string[];
  readonly shown: number;
}

/** More rows than this at one order value (one millisecond) can't be paged past; never seen outside a bench. */
const MAX_SEEN = MAX_READ - OVERVIEW_PAGE_SIZE - 1;
const MAX_ID_LENGTH = 600;
const MAX_CURSOR_LENGTH = 8000;

export interface ListPage<T> {
  /** The rows, with their 1-based position in the whole list. */
  readonly rows: ReadonlyArray<{ readonly position: number; readonly record: T }>;
  readonly next?: ListCursor | undefined;
}

/** A source of one list in its order: records from `from` (inclusive) on, at most `limit`. */
export type OrderedSource<T> = (from: number | undefined, limit: number) => Promise<Array<Ordered<T>>>;

/**
 * One page of a list merged from one or more sources that share an order (the waiting line is the queued and
 * the offered conversations, by place in line): one read per source, however long the list. A source answers
 * at most OVERVIEW_PAGE_SIZE + the rows to skip + 1 records, so "more" is known without reading further.
 */
export async function pageFrom<T>(sources: ReadonlyArray<OrderedSource<T>>, idOf: (record: T) => string, cursor: ListCursor | undefined): Promise<ListPage<T>> {
  const seen = new Set(cursor?.seen ?? []);
  const limit = Math.min(OVERVIEW_PAGE_SIZE + seen.size + 1, MAX_READ);
  const read: Array<Ordered<T>> = [];
  for (const source of sources) read.push(...(await source(cursor?.at, limit)));
  const fresh = read
    .filter((r) => !(cursor && (r.at < cursor.at || (r.at === cursor.at && seen.has(idOf(r.record))))))
    .sort((a, b) => a.at - b.at || compareText(idOf(a.record), idOf(b.record)));
  const page = fresh.slice(0, OVERVIEW_PAGE_SIZE);
  const before = cursor?.shown ?? 0;
  const rows = page.map((r, i) => ({ position: before + i + 1, record: r.record }));
  const last = page.at(-1);
  if (!last || fresh.length <= OVERVIEW_PAGE_SIZE) return { rows };
  const sameAt = page.filter((r) => r.at === last.at).map((r) => idOf(r.record));
  const carried = cursor?.at === last.at ? [...seen] : [];
  const nextSeen = [...carried, ...sameAt];
  return nextSeen.length > MAX_SEEN ? { rows } : { rows, next: { at: last.at, seen: nextSeen, shown: before + rows.length } };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A cursor as the page sends it back: the string `encodeCursor` made, else undefined (refused by the caller). */
export function cursorOf(raw: unknown): ListCursor | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_CURSOR_LENGTH) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const c = parsed as Partial<Record<keyof ListCursor, unknown>> | null;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
  if (typeof c.at !== 'number' || !Number.isFinite(c.at)) return undefined;
  if (typeof c.shown !== 'number' || !Number.isSafeInteger(c.shown) || c.shown < 0) return undefined;
  if (!Array.isArray(c.seen) || c.seen.length > MAX_SEEN) return undefined;
  if (!c.seen.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH)) return undefined;
  return { at: c.at, seen: c.seen as string[], shown: c.shown };
}

export function encodeCursor(cursor: ListCursor | undefined): string | undefined {
  return cursor && JSON.stringify({ at: cursor.at, seen: cursor.seen, shown: cursor.shown });
}
