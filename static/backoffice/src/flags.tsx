import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { showFlag } from '@forge/bridge';

/**
 * How every action of the backoffice tells its outcome: a flag in Jira's own flag group, through
 * the bridge's `showFlag`. Jira draws it over its page, so it shows wherever the admin has
 * scrolled to, even though the page's frame is as tall as its content (a flag drawn inside the
 * frame would land at the frame's bottom, off screen). Successes go away by themselves; failures
 * stay until dismissed, because their reason is what the admin needs to fix it.
 */
export interface FlagMessage {
  readonly title: string;
  readonly description?: string | undefined;
}

export interface Flags {
  readonly succeeded: (message: FlagMessage) => void;
  readonly failed: (message: FlagMessage) => void;
}

const FlagsContext = createContext<Flags | undefined>(undefined);

export function FlagsProvider({ children }: { readonly children: ReactNode }) {
  const next = useRef(0);
  const flags = useMemo<Flags>(() => {
    const show = (type: 'success' | 'error', message: FlagMessage) => {
      next.current += 1;
      try {
        showFlag({ id: `koji-${String(next.current)}`, type, title: message.title, description: message.description, isAutoDismiss: type === 'success' });
      } catch {
        // Outside Jira (no bridge) there is nowhere to show it; the page itself stays usable.
      }
    };
    return { succeeded: (m) => show('success', m), failed: (m) => show('error', m) };
  }, []);
  return <FlagsContext.Provider value={flags}>{children}</FlagsContext.Provider>;
}

/** The backoffice's flags; every panel is inside a FlagsProvider. */
export function useFlags(): Flags {
  const flags = useContext(FlagsContext);
  if (!flags) throw new Error('useFlags is used outside a FlagsProvider.');
  return flags;
}
