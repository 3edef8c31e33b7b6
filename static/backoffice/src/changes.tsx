import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/**
 * Every panel of the backoffice stays mounted while another tab is open, so what it read once
 * would go stale: a role set in Role setup changes the Overview's operators, a saved capacity
 * changes every operator's load, a disconnect empties both. Every action that changes something
 * in Koji says so here, and every view that shows Koji's data reads it again.
 */
interface Changes {
  /** Goes up by one with every change made from the page. */
  readonly version: number;
  readonly changed: () => void;
}

const ChangesContext = createContext<Changes>({ version: 0, changed: () => undefined });

export function ChangesProvider({ children }: { readonly children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const changes = useMemo(() => ({ version, changed }), [version, changed]);
  return <ChangesContext.Provider value={changes}>{children}</ChangesContext.Provider>;
}

/** What an action calls once it has changed something in Koji (whether or not it worked as hoped). */
export function useChanged(): () => void {
  return useContext(ChangesContext).changed;
}

/** Calls `reload` after every change made from the page; not on mount, where the view reads anyway. */
export function useReloadOnChange(reload: () => void): void {
  const { version } = useContext(ChangesContext);
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
}
