import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEntryView, HistorySearchRequest } from '../../../src/shared/resolver-contract';
import { call } from './api';

export type SearchState =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly conversations: readonly HistoryEntryView[] }
  | { readonly state: 'ready'; readonly conversations: readonly HistoryEntryView[]; readonly cursor?: string | undefined }
  | { readonly state: 'failed'; readonly message: string; readonly conversations: readonly HistoryEntryView[] };

interface Shown {
  readonly search: HistorySearchRequest;
  /** The pages read so far, or what failed; `loadingMore` while the next page is read. */
  readonly result: SearchState;
}

/**
 * The History tab's results for one search: its first page when the search changes, the next one on
 * `loadMore` (appended), each one resolver call. An answer to an older search is dropped.
 */
export function useHistorySearch(search: HistorySearchRequest | undefined) {
  const [shown, setShown] = useState<Shown | undefined>();
  const latest = useRef(search);

  const fetchPage = useCallback(async (request: HistorySearchRequest, before: readonly HistoryEntryView[], cursor?: string) => {
    const answer = await call('history/search', cursor ? { ...request, cursor } : request);
    if (latest.current !== request) return;
    setShown({
      search: request,
      result: answer.ok
        ? { state: 'ready', conversations: [...before, ...answer.data.conversations], cursor: answer.data.cursor }
        : { state: 'failed', message: answer.error.message, conversations: before },
    });
  }, []);

  useEffect(() => {
    latest.current = search;
    if (search) void fetchPage(search, []);
  }, [search, fetchPage]);

  const result: SearchState = !search ? { state: 'idle' } : shown?.search === search ? shown.result : { state: 'loading', conversations: [] };
  const more = result.state === 'ready' ? result : undefined;
  const loadMore =
    search && more?.cursor
      ? () => {
          setShown({ search, result: { state: 'loading', conversations: more.conversations } });
          void fetchPage(search, more.conversations, more.cursor);
        }
      : undefined;
  const retry = search
    ? () => {
        setShown(undefined);
        void fetchPage(search, []);
      }
    : undefined;
  return { result, loadMore, retry };
}
