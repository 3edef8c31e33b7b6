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
export async function pageOf<D>(query: IndexQuery<{ readonly version: number; readonly data: D }>, page: PageRequest): Promise<Page<Versioned<D>>> {
  let paged = query.sort(Sort.ASC).limit(Math.min(page.limit ?? PAGE_LIMIT, PAGE_LIMIT));
  if (page.cursor) paged = paged.cursor(page.cursor);
  const { results, nextCursor } = await paged.getMany();
  return { items: results.map((r) => ({ value: r.value.data, version: r.value.version })), cursor: nextCursor };
}
