import { useCallback, useEffect, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ResolverResult } from '../../../src/shared/resolver-contract';

export type Loaded<T> =
  | { readonly state: 'loading'; readonly previous?: T | undefined }
  | { readonly state: 'failed'; readonly code: string; readonly message: string }
  | { readonly state: 'ready'; readonly data: T };

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
      setOutcome({ load, generation, loaded: result.ok ? { state: 'ready', data: result.data } : { state: 'failed', ...result.error } });
    });
    return () => {
      current = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  if (outcome?.load === load && outcome.generation === generation) return [outcome.loaded, reload] as const;
  const previous = outcome?.load === load && outcome.loaded.state === 'ready' ? outcome.loaded.data : undefined;
  return [{ state: 'loading', previous }, reload] as const;
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

export function Loading({ label }: { readonly label: string }) {
  return (
    <Box padding="space.300" role="status">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label={label} />
        <Text color="color.text.subtle">{label}</Text>
      </Inline>
    </Box>
  );
}

export function Problem({ title, message, onRetry }: { readonly title: string; readonly message: string; readonly onRetry?: () => void }) {
  return (
    <SectionMessage appearance="error" title={title} actions={onRetry ? [<SectionMessageAction key="retry" onClick={onRetry}>Try again</SectionMessageAction>] : undefined}>
      <Text as="p">{message}</Text>
    </SectionMessage>
  );
}

export function Section({ title, description, children }: { readonly title: string; readonly description?: ReactNode; readonly children: ReactNode }) {
  return (
    <section>
      <Stack space="space.150">
        <Stack space="space.050">
          <h2 className="koji-section-title">{title}</h2>
          {description ? (
            <Text as="p" color="color.text.subtle">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </section>
  );
}

/** Copies text to the clipboard, with a fallback for frames where the Clipboard API is not allowed. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'koji-offscreen';
    document.body.appendChild(area);
    area.select();
    // The legacy API is the only one left when the frame may not use the clipboard.
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

export function CopyButton({ text, label }: { readonly text: string; readonly label: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <Inline space="space.100" alignBlock="center">
      <Button
        onClick={() => {
          void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'));
        }}
        aria-label={label}
      >
        Copy
      </Button>
      <span role="status" className="koji-status-text">
        {outcome === 'copied' ? 'Copied.' : outcome === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </Inline>
  );
}

export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** How long ago `epochMs` was, from `now`: "just now", "5 min ago", "3 h ago", "2 days ago", then the date ("on …"). */
export function formatAgo(epochMs: number, now: number): string {
  const minutes = Math.floor((now - epochMs) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return `on ${formatDate(epochMs)}`;
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

/** Makes the browser save `base64` as a file called `fileName` (a Blob behind an `a[download]`). */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'koji-offscreen';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns: keep it a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
