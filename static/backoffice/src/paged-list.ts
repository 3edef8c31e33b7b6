import { useCallback, useState } from 'react';
import type { ActivityListView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import type { ActivityMoreKey } from './activity-lists';

interface Extra<T> {
  readonly first: ActivityListView<T>;
  readonly rows: readonly T[];
  readonly next: string | undefined;
}

/**
 * One Overview list: its first page as the last refresh read it, and the pages Load more added after it
 * (kept until the next first page arrives). `extended`: more than the first page is shown, so the
 * Overview does not refresh by itself (a refresh would take the extra rows away under the admin's eyes).
 */
export function usePagedList<T>(first: ActivityListView<T>, key: ActivityMoreKey) {
  const [extra, setExtra] = useState<Extra<T> | undefined>();
  const [loading, setLoading] = useState(false);
  // A problem belongs to the first page it came after: a refresh clears it.
  const [failed, setFailed] = useState<{ readonly first: ActivityListView<T>; readonly message: string } | undefined>();
  const problem = failed?.first === first ? failed.message : undefined;
  const current = extra?.first === first ? extra : undefined;
  const next = current ? current.next : first.next;
  const more = useCallback(() => {
    if (!next) return;
    setLoading(true);
    void call(key, { cursor: next }).then((answer) => {
      setLoading(false);
      if (!answer.ok) return setFailed({ first, message: answer.error.message });
      const page = answer.data as ActivityListView<T>;
      setExtra((was) => ({ first, rows: [...(was?.first === first ? was.rows : []), ...page.rows], next: page.next }));
    });
  }, [first, key, next]);
  const rows = current ? [...first.rows, ...current.rows] : first.rows;
  return { rows, next, more, loading, problem, extended: current !== undefined } as const;
}
