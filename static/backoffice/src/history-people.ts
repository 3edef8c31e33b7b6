import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryPersonView } from '../../../src/shared/resolver-contract';
import { call } from './api';

export type Role = HistoryPersonView['role'];

interface Pages {
  readonly role: Role;
  readonly people: readonly HistoryPersonView[];
  readonly cursor?: string | undefined;
  readonly failed?: string | undefined;
}

/**
 * The users or the operators who appear in the project's history, most recently seen first: 50 a call, the next
 * 50 on `loadMore`. KVS has no full-text search, so an admin picks a person from this list.
 */
export function useHistoryPeople(role: Role | undefined) {
  const [pages, setPages] = useState<Pages | undefined>();
  const latest = useRef(role);

  const fetchPage = useCallback(async (wanted: Role, before: readonly HistoryPersonView[], cursor?: string) => {
    const answer = await call('history/people', cursor ? { role: wanted, cursor } : { role: wanted });
    if (latest.current !== wanted) return;
    setPages(answer.ok ? { role: wanted, people: [...before, ...answer.data.people], cursor: answer.data.cursor } : { role: wanted, people: before, failed: answer.error.message });
  }, []);

  useEffect(() => {
    latest.current = role;
    if (role) void fetchPage(role, []);
  }, [role, fetchPage]);

  const current = pages?.role === role ? pages : undefined;
  const loadMore = role && current?.cursor ? () => void fetchPage(role, current.people, current.cursor) : undefined;
  return { people: current?.people ?? [], loading: role !== undefined && current === undefined, failed: current?.failed, loadMore };
}
