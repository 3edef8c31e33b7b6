import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { copyText } from './browser';

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
