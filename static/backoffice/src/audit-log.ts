import { useCallback, useState } from 'react';
import type { AuditEntryView, AuditKindView, ErrorCode } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { useReloadOnChange } from './changes';
import { useLoad } from './load';

/** The kinds an admin can filter by, in the words of the tab. */
export const AUDIT_KIND_LABELS: Readonly<Record<AuditKindView, string>> = {
  support: 'Live agent support on or off',
  settings: 'Settings changed',
  'role-granted': 'Live agent role given',
  'role-removed': 'Live agent role removed',
  capacity: 'Own capacity changed',
  'tenant-connected': 'Workspace or tenant connected',
  'tenant-disconnected': 'Workspace or tenant disconnected',
  'put-off-duty': 'Put off duty',
  'person-exported': 'A person’s data exported',
  'person-erased': 'A person’s data erased',
};

/** Shown at a time; Load more brings the next page. */
const PAGE = 25;

/** One kind or one admin (the resolver takes one filter at a time). */
export type AuditFilter = { readonly kind?: AuditKindView | undefined; readonly actorId?: string | undefined };

export interface AuditLogState {
  readonly entries: readonly AuditEntryView[];
  readonly loading: boolean;
  readonly more: boolean;
  readonly failure?: { readonly code: ErrorCode; readonly message: string } | undefined;
  readonly at?: number | undefined;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

/** Pages after the first, read with Load more: they belong to the first page they continue (`of`). */
interface Older {
  readonly of: object;
  readonly entries: readonly AuditEntryView[];
  readonly cursor: string | undefined;
  readonly loading: boolean;
  readonly failure?: AuditLogState['failure'];
}

/**
 * The audit log a page at a time, newest first: the first page again whenever the filter changes or something
 * is changed from the page (every change is an entry), the next pages on Load more.
 */
export function useAuditLog(filter: AuditFilter): AuditLogState {
  const { kind, actorId } = filter;
  const first = useCallback(() => call('audit/list', { ...(kind ? { kind } : {}), ...(actorId ? { actorId } : {}), limit: PAGE }), [kind, actorId]);
  const [loaded, reload] = useLoad(first);
  useReloadOnChange(reload);
  const [older, setOlder] = useState<Older | undefined>();
  const shown = loaded.state === 'ready' ? loaded.data : undefined;
  const more = shown && older?.of === shown ? older : undefined;
  const cursor = more ? more.cursor : shown?.cursor;

  const loadMore = useCallback(() => {
    if (!shown || !cursor) return;
    const base: Older = more ?? { of: shown, entries: [], cursor, loading: false };
    setOlder({ ...base, loading: true });
    void call('audit/list', { ...(kind ? { kind } : {}), ...(actorId ? { actorId } : {}), cursor, limit: PAGE }).then((result) =>
      setOlder(result.ok ? { of: shown, entries: [...base.entries, ...result.data.entries], cursor: result.data.cursor, loading: false } : { ...base, loading: false, failure: result.error }),
    );
  }, [shown, more, cursor, kind, actorId]);

  return {
    entries: [...(shown?.entries ?? []), ...(more?.entries ?? [])],
    loading: loaded.state === 'loading' || more?.loading === true,
    more: cursor !== undefined,
    failure: loaded.state === 'failed' ? { code: loaded.code, message: loaded.message } : more?.failure,
    at: loaded.state === 'ready' ? loaded.at : undefined,
    loadMore,
    reload,
  };
}
