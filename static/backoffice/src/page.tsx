import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';

export function handoffFor(projectKey: string | undefined): string {
  const project = projectKey ? `the ${projectKey} service project` : 'this service project';
  return `Live agent handoff for ${project}: operators in Slack or Microsoft Teams answer users who ask for a person.`;
}

/** The heading and introduction every state of the page shares; `action` sits beside the introduction. */
export function Page({ description, action, children }: { readonly description: string; readonly action?: ReactNode; readonly children: ReactNode }) {
  return (
    <Box padding="space.400" as="main">
      <Stack space="space.300">
        <Stack space="space.050">
          <Heading size="large" as="h1">
            Koji backoffice
          </Heading>
          <Inline space="space.200" alignBlock="center" shouldWrap>
            <Text color="color.text.subtle">{description}</Text>
            {action}
          </Inline>
        </Stack>
        {children}
      </Stack>
    </Box>
  );
}

export function Panel({ children }: { readonly children: ReactNode }) {
  return <div className="koji-panel">{children}</div>;
}
