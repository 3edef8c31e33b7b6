import { WhereConditions, type kvs as KvsClient } from '@forge/kvs';

type Kvs = typeof KvsClient;

/** Every value under a key prefix, page by page (KVS answers at most 100 at a time). */
export async function allWithPrefix<T>(kvs: Kvs, prefix: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<T>();
    all.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
