import { useCallback, useEffect, useState } from 'react';
import { Box, Inline, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorCode, ResolverResult } from '../../../src/shared/resolver-contract';
import { getTranscript, type TranscriptAnswer } from './api';
import { Transcript } from './transcript';

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly code: ErrorCode; readonly message: string }
  | { readonly state: 'ready'; readonly data: TranscriptAnswer };

/** Loads the transcript once, and again on `reload`; an answer to an earlier attempt is dropped. */
function useTranscript(load: () => Promise<ResolverResult<TranscriptAnswer>>): readonly [Loaded, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ readonly attempt: number; readonly loaded: Loaded } | undefined>();
  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (current) setOutcome({ attempt, loaded: result.ok ? { state: 'ready', data: result.data } : { state: 'failed', ...result.error } });
    });
    return () => {
      current = false;
    };
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return [outcome?.attempt === attempt ? outcome.loaded : { state: 'loading' }, reload] as const;
}

/** The Koji issue panel: the conversation the open ticket was created from. */
export function App() {
  const [loaded, reload] = useTranscript(getTranscript);
  return (
    <main className="koji-issue-panel" aria-busy={loaded.state === 'loading'}>
      {loaded.state === 'loading' ? (
        <Box padding="space.100" role="status">
          <Inline space="space.100" alignBlock="center">
            <Spinner size="small" label="Loading the conversation" />
            <Text color="color.text.subtle">Loading the conversation…</Text>
          </Inline>
        </Box>
      ) : null}
      {loaded.state === 'failed' && loaded.code === 'no_conversation' ? (
        // Not a fault: most tickets did not come from a chat. Said plainly, without an alarm.
        <p className="koji-plain-message" role="status">
          {loaded.message}
        </p>
      ) : null}
      {loaded.state === 'failed' && loaded.code !== 'no_conversation' ? (
        <SectionMessage
          appearance="error"
          title="The conversation could not be loaded"
          actions={[
            <SectionMessageAction key="retry" onClick={reload}>
              Try again
            </SectionMessageAction>,
          ]}
        >
          <Text as="p">{loaded.message}</Text>
        </SectionMessage>
      ) : null}
      {loaded.state === 'ready' ? <Transcript conversation={loaded.data.conversation} transcript={loaded.data.transcript} /> : null}
    </main>
  );
}
