import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import Flag, { AutoDismissFlag, FlagGroup } from '@atlaskit/flag';
import StatusErrorIcon from '@atlaskit/icon/core/status-error';
import StatusSuccessIcon from '@atlaskit/icon/core/status-success';
import { token } from '@atlaskit/tokens';

/**
 * How every action of the backoffice tells its outcome: an Atlaskit flag in the corner of the
 * page, wherever the admin has scrolled to. Successes go away by themselves; failures stay
 * until dismissed, because their reason is what the admin needs to fix it. Both are Atlaskit's
 * normal flags with a coloured icon: a bold (success or error) flag folds its description away,
 * and the description is the part that says what happened.
 */
export interface FlagMessage {
  readonly title: string;
  readonly description?: string | undefined;
}

export interface Flags {
  readonly succeeded: (message: FlagMessage) => void;
  readonly failed: (message: FlagMessage) => void;
}

interface Shown extends FlagMessage {
  readonly id: number;
  readonly appearance: 'success' | 'error';
}

/** Beyond this many, the oldest flags go: a burst of outcomes must not cover the page. */
const MOST_SHOWN = 3;

const FlagsContext = createContext<Flags | undefined>(undefined);

export function FlagsProvider({ children }: { readonly children: ReactNode }) {
  const [shown, setShown] = useState<readonly Shown[]>([]);
  const next = useRef(0);
  const show = useCallback((appearance: Shown['appearance'], message: FlagMessage) => {
    next.current += 1;
    const flag: Shown = { ...message, id: next.current, appearance };
    // The newest first: FlagGroup shows the first flag on top.
    setShown((flags) => [flag, ...flags].slice(0, MOST_SHOWN));
  }, []);
  const flags = useMemo<Flags>(() => ({ succeeded: (m) => show('success', m), failed: (m) => show('error', m) }), [show]);
  const dismiss = useCallback((id: string | number) => setShown((list) => list.filter((f) => f.id !== id)), []);

  return (
    <FlagsContext.Provider value={flags}>
      {children}
      <FlagGroup onDismissed={dismiss} label="Koji notifications">
        {shown.map((flag) =>
          flag.appearance === 'success' ? (
            <AutoDismissFlag
              key={flag.id}
              id={flag.id}
              icon={<StatusSuccessIcon label="Success" color={token('color.icon.success')} />}
              title={flag.title}
              description={flag.description}
            />
          ) : (
            <Flag key={flag.id} id={flag.id} icon={<StatusErrorIcon label="Error" color={token('color.icon.danger')} />} title={flag.title} description={flag.description} />
          ),
        )}
      </FlagGroup>
    </FlagsContext.Provider>
  );
}

/** The backoffice's flags; every panel is inside a FlagsProvider. */
export function useFlags(): Flags {
  const flags = useContext(FlagsContext);
  if (!flags) throw new Error('useFlags is used outside a FlagsProvider.');
  return flags;
}
