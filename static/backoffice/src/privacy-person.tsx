import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ErasureView, PersonFoundView } from '../../../src/shared/resolver-contract';
import { ConfirmDialog } from './confirm-dialog';
import { useErasure, useExport } from './privacy-actions';

/** The person an admin picked: export their data as a JSON file, or erase it (asked first), and how the erasure goes. */
export function PrivacyPerson({ person }: { readonly person: PersonFoundView }) {
  const exported = useExport(person);
  const { erasure, starting, erase } = useErasure(person);
  const [asking, setAsking] = useState(false);
  const who = person.name ? `${person.label} (${person.name})` : person.label;

  return (
    <Stack space="space.200">
      <Text as="p" weight="bold">
        {who}
      </Text>
      <Inline space="space.100">
        <Button onClick={() => void exported.start()} isLoading={exported.exporting} isDisabled={erasure?.status === 'running'}>
          Export data (JSON)
        </Button>
        <Button appearance="danger" onClick={() => setAsking(true)} isDisabled={exported.exporting || erasure?.status === 'running'}>
          Erase data…
        </Button>
      </Inline>
      {exported.pages !== undefined ? <Text as="p">Exporting… {exported.pages} pages read</Text> : null}
      {erasure && erasure.status !== 'none' ? <ErasureStatus erasure={erasure} /> : null}
      <ConfirmDialog
        isOpen={asking}
        title={`Erase the data of ${person.label}?`}
        confirmLabel="Erase"
        busy={starting}
        onCancel={() => setAsking(false)}
        onConfirm={() => void erase().then(() => setAsking(false))}
      >
        <Text as="p">
          Koji deletes their conversations, transcripts, rating, ticket links, kept language and History entries, and their operator record if
          they have the Live agent role. Where other people’s records mention them (conversations they served, audit entries), their name becomes
          “erased person”.
        </Text>
        <Text as="p">This can’t be undone. Tickets already created in Jira keep their text: erase those in Jira. The audit log records that you erased the data of {person.label}.</Text>
      </ConfirmDialog>
    </Stack>
  );
}

function ErasureStatus({ erasure }: { readonly erasure: ErasureView }) {
  const counts = `${erasure.deleted} records deleted, ${erasure.anonymised} kept as “erased person”`;
  return erasure.status === 'running' ? (
    <SectionMessage appearance="information" title="Erasing…">
      <Text as="p">{counts} so far. This runs in the background: you can leave the page.</Text>
    </SectionMessage>
  ) : (
    <SectionMessage appearance="success" title="Erased">
      <Text as="p">
        {counts}
        {erasure.updatedAt ? `, finished ${new Date(erasure.updatedAt).toLocaleString()}` : ''}.
      </Text>
    </SectionMessage>
  );
}
