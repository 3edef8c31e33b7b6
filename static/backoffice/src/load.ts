import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode, ResolverResult } from '../../../src/shared/resolver-contract';

/** `at` is when the data was read (epoch ms), for a page that says how fresh it is. */
export type Loaded<T> =
  | { readonly state: 'loading'; readonly previous?: T | undefined; readonly previousAt?: number | undefined }
  | { readonly state: 'failed'; readonly code: ErrorCode; readonly message: string }
  | { readonly state: 'ready'; readonly data: T; readonly at: number };

interface Outcome<T> {
  readonly load: () => Promise<ResolverResult<T>>;
  readonly generation: number;
  readonly loaded: Loaded<T>;
}

/**
 * Runs `load` when the component mounts, whenever `load` changes (keep it stable with
 * useCallback) and whenever `reload` is called. Answers from an earlier `load` or run are
 * dropped; while a reload runs, the last data stays available as `previous`.
 */
export function useLoad<T>(load: () => Promise<ResolverResult<T>>): readonly [Loaded<T>, () => void] {
  const [generation, setGeneration] = useState(0);
  const [outcome, setOutcome] = useState<Outcome<T> | undefined>();
  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (!current) return;
      setOutcome({ load, generation, loaded: result.ok ? { state: 'ready', data: result.data, at: Date.now() } : { state: 'failed', ...result.error } });
    });
    return () => {
      current = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  if (outcome?.load === load && outcome.generation === generation) return [outcome.loaded, reload] as const;
  const previous = outcome?.load === load && outcome.loaded.state === 'ready' ? outcome.loaded : undefined;
  return [{ state: 'loading', previous: previous?.data, previousAt: previous?.at }, reload] as const;
}

/** What a view shows: the answer, or while a reload runs the one before it; with when it was read. */
export function shownOf<T>(loaded: Loaded<T>): { readonly data: T; readonly at: number } | undefined {
  if (loaded.state === 'ready') return loaded;
  if (loaded.state === 'loading' && loaded.previous !== undefined && loaded.previousAt !== undefined) return { data: loaded.previous, at: loaded.previousAt };
  return undefined;
}

/** `value`, once it has stopped changing for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The current time, updated every `everyMs`, so that "5 min ago" keeps true while the page stays open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
