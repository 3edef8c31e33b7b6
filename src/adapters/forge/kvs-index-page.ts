import { Sort } from '@forge/kvs';
import type { Page, Versioned } from '../../app/ports';

/** KVS answers at most 100 items per page. */
export const PAGE_LIMIT = 100;

export type PageRequest = { readonly limit?: number; readonly cursor?: string | undefined };

/** What paging needs of @forge/kvs's index query (its builder type is not exported). */
interface IndexQuery<T> {
  sort(sort: Sort): this;
  limit(limit: number): this;
  cursor(cursor: string): this;
  getMany(): Promise<{ results: { value: T }[]; nextCursor?: string | undefined }>;
}

/** One page of an index in ascending order, never more than PAGE_LIMIT records. */
export async function pageOf<E, D>(query: IndexQuery<E>, page: PageRequest, read: (stored: E) => Versioned<D>): Promise<Page<Versioned<D>>> {
  let paged = query.sort(Sort.ASC).limit(Math.min(page.limit ?? PAGE_LIMIT, PAGE_LIMIT));
  if (page.cursor) paged = paged.cursor(page.cursor);
  const { results, nextCursor } = await paged.getMany();
  return { items: results.map((r) => read(r.value)), cursor: nextCursor };
}
