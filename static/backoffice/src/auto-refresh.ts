import { useEffect } from 'react';

/** How often the Overview reads again while it is in view: six KVS reads each time (docs/architecture.md). */
export const OVERVIEW_REFRESH_MS = 10_000;

/**
 * Calls `refresh` every `everyMs` while `active` and the browser tab is visible (`document.visibilityState`),
 * and once at once when the tab comes back into view after being hidden, so a page left open in a background
 * tab costs nothing. Keep `refresh` stable (useCallback), or the timer starts over with every render. Forge Realtime would push changes instead; the page polls, which works everywhere.
 */
export function useAutoRefresh(refresh: () => void, everyMs: number, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const visible = () => document.visibilityState !== 'hidden';
    const timer = setInterval(() => {
      if (visible()) refresh();
    }, everyMs);
    const onVisibility = () => {
      if (visible()) refresh();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, everyMs, active]);
}
