import { useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { PersonFoundView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { channelWords } from './channels';
import { Loading, Problem } from './common';
import { useFlags } from './flags';
import { shownOf, type Loaded } from './load';
import { tenantKey } from './people';
import { PrivacyPerson } from './privacy-person';

interface TenantOption {
  readonly label: string;
  readonly value: string;
  readonly tenant: TenantView;
}

/**
 * Privacy: an admin picks a person of a connected workspace or tenant, by user id or e-mail, and exports or erases
 * what Koji keeps about them (a person's access and erasure requests). docs/privacy.md says what that covers.
 */
export function PrivacyPanel({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const id = useId();
  const flags = useFlags();
  const [chosen, setChosen] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [finding, setFinding] = useState(false);
  const [person, setPerson] = useState<PersonFoundView | undefined>();
  const list = shownOf(tenants)?.data.tenants;
  const options = useMemo<TenantOption[]>(() => (list ?? []).map((t) => ({ label: `${t.name} (${channelWords(t.channel).one})`, value: tenantKey(t), tenant: t })), [list]);
  const selected = options.find((o) => o.value === chosen) ?? (options.length === 1 ? options[0] : undefined);

  if (tenants.state === 'failed') return <Problem title="The Slack workspaces and Teams tenants could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  if (tenants.state === 'loading' && options.length === 0) return <Loading label="Loading connected workspaces and tenants" />;
  if (options.length === 0) {
    return (
      <SectionMessage appearance="information" title="No Slack workspace or Teams tenant is connected">
        <Text as="p">A person is found in a connected workspace or tenant. To erase the people of one you disconnect, tick “Erase its people’s data” when disconnecting it.</Text>
      </SectionMessage>
    );
  }

  const find = async () => {
    if (!selected) return;
    setFinding(true);
    const answer = await call('privacy/find', { channel: selected.tenant.channel, tenantId: selected.tenant.tenantId, query: query.trim() });
    setFinding(false);
    if (answer.ok) setPerson(answer.data.person);
    else flags.failed({ title: 'Nobody was found', description: answer.error.message });
  };

  return (
    <Stack space="space.300">
      <Text as="p" color="color.text.subtle">
        Export everything Koji keeps about one person as a JSON file, or erase it: their conversations and transcripts, rating, ticket links,
        History entries, and their duty history if they are an operator.
      </Text>
      <Inline space="space.300" shouldWrap alignBlock="end">
        <Stack space="space.050">
          <Label htmlFor={`${id}-tenant`}>Workspace or tenant</Label>
          <div className="koji-select-medium">
            <Select<TenantOption> inputId={`${id}-tenant`} options={options} value={selected ?? null} placeholder="Choose a Slack workspace or Teams tenant" onChange={(option) => setChosen(option?.value)} />
          </div>
        </Stack>
        <Stack space="space.050">
          <Label htmlFor={`${id}-person`}>User id or e-mail</Label>
          <div className="koji-field-medium">
            <Textfield id={`${id}-person`} placeholder="e.g. U0123ABCD or bob@example.com" value={query} onChange={(e) => setQuery(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void find()} />
          </div>
        </Stack>
        <Button appearance="primary" onClick={() => void find()} isLoading={finding} isDisabled={!selected || query.trim() === ''}>
          Find
        </Button>
      </Inline>
      {person ? <PrivacyPerson key={`${person.channel}:${person.tenantId}:${person.userId}`} person={person} /> : null}
    </Stack>
  );
}
