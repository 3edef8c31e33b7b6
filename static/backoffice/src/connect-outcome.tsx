import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';

export type ConnectOutcome = { readonly kind: 'connected'; readonly name: string } | { readonly kind: 'failed'; readonly message: string };

/** How a connect form's last attempt ended: why it failed, or what to do now that it is connected. */
export function ConnectOutcomeMessage({ outcome, failedTitle, next }: { readonly outcome: ConnectOutcome | undefined; readonly failedTitle: string; readonly next: string }) {
  return (
    <>
      {outcome?.kind === 'failed' ? (
        <SectionMessage appearance="error" title={failedTitle}>
          <Text as="p">{outcome.message}</Text>
        </SectionMessage>
      ) : null}
      {outcome?.kind === 'connected' ? (
        <SectionMessage appearance="success" title={`${outcome.name} is connected`}>
          <Text as="p">{next}</Text>
        </SectionMessage>
      ) : null}
    </>
  );
}
