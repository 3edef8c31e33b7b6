import { useId, useMemo, useState } from 'react';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { channelWords } from './channels';
import { Loading, Problem } from './common';
import { shownOf, useDebounced, type Loaded } from './load';
import { PeopleTable } from './people-table';
import { tenantKey, usePeople } from './people';
import { RefreshBar } from './refresh-bar';

const FILTER_DELAY_MS = 300;

interface TenantOption {
  readonly label: string;
  readonly value: string;
  readonly tenant: TenantView;
}

/**
 * Role setup: who in a Slack workspace or Teams tenant has the Live agent role. Read again after
 * every change made from the page, and on Refresh (duty and load change from the chats).
 */
export function RoleSetupPanel({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const id = useId();
  const [chosen, setChosen] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const query = useDebounced(filter.trim(), FILTER_DELAY_MS);

  const listed = shownOf(tenants);
  const list = listed?.data.tenants;
  const options = useMemo<TenantOption[]>(() => (list ?? []).map((t) => ({ label: `${t.name} (${channelWords(t.channel).one})`, value: tenantKey(t), tenant: t })), [list]);
  // With a single workspace there is nothing to choose; a removed one is no longer chosen.
  const selected = options.find((o) => o.value === chosen) ?? (options.length === 1 ? options[0] : undefined);
  const people = usePeople(selected?.tenant, query);

  const refreshBar = (
    <RefreshBar
      updatedAt={selected ? people.shown?.at : listed?.at}
      refreshing={tenants.state === 'loading' || (selected !== undefined && people.refreshing)}
      onRefresh={() => {
        reloadTenants();
        people.refresh();
      }}
      label="Refresh role setup"
    />
  );

  if (tenants.state === 'failed') return <Problem title="The Slack workspaces and Teams tenants could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  if (tenants.state === 'loading' && options.length === 0) return <Loading label="Loading connected workspaces and tenants" />;
  if (options.length === 0) {
    return (
      <Stack space="space.300">
        {refreshBar}
        <SectionMessage appearance="information" title="No Slack workspace or Teams tenant is connected yet">
          <Text as="p">Connect one under Slack workspaces or Teams tenants first; its people can then be given the Live agent role here.</Text>
        </SectionMessage>
      </Stack>
    );
  }

  return (
    <Stack space="space.300">
      {refreshBar}
      <Text as="p" color="color.text.subtle">
        People with the <span className="koji-strong">Live agent</span> role are operators: they answer users who ask for a person, from
        their chat with the Koji bot. Everyone else is a customer.
      </Text>
      <Inline space="space.300" shouldWrap alignBlock="end">
        <Stack space="space.050">
          <Label htmlFor={`${id}-tenant`}>Workspace or tenant</Label>
          <div className="koji-select-medium">
            <Select<TenantOption>
              inputId={`${id}-tenant`}
              options={options}
              value={selected ?? null}
              placeholder="Choose a Slack workspace or Teams tenant"
              onChange={(option) => setChosen(option?.value)}
            />
          </div>
        </Stack>
        <Stack space="space.050">
          <Label htmlFor={`${id}-filter`}>Filter by name or e-mail</Label>
          <div className="koji-field-medium">
            <Textfield
              id={`${id}-filter`}
              type="search"
              placeholder="e.g. Alice or alice@example.com"
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
            />
          </div>
        </Stack>
      </Inline>
      {selected?.tenant.channel === 'teams' ? (
        <Text as="p" color="color.text.subtle">
          Teams people appear here once they install the Koji app or write to it.
        </Text>
      ) : null}
      {selected ? <PeopleTable tenant={selected.tenant} query={query} people={people} /> : <HelperMessage>Choose a Slack workspace or Teams tenant to see its people.</HelperMessage>}
    </Stack>
  );
}
