import { useId, useMemo, useState } from 'react';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { Loading, Problem } from './common';
import { useDebounced, type Loaded } from './load';
import { PeopleTable } from './people-table';
import { tenantKey } from './people';

const FILTER_DELAY_MS = 300;

interface TenantOption {
  readonly label: string;
  readonly value: string;
  readonly tenant: TenantView;
}

const channelName = (t: TenantView) => (t.channel === 'slack' ? 'Slack' : 'Microsoft Teams');

/** Configuration › Tenants › Tenant role setup: who in a Slack workspace or Teams tenant has the Live agent role. */
export function RoleSetupPanel({ tenants, reloadTenants }: { readonly tenants: Loaded<{ tenants: TenantView[] }>; readonly reloadTenants: () => void }) {
  const id = useId();
  const [chosen, setChosen] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const query = useDebounced(filter.trim(), FILTER_DELAY_MS);

  const list = tenants.state === 'ready' ? tenants.data.tenants : tenants.state === 'loading' ? tenants.previous?.tenants : undefined;
  const options = useMemo<TenantOption[]>(() => (list ?? []).map((t) => ({ label: `${t.name} (${channelName(t)})`, value: tenantKey(t), tenant: t })), [list]);
  // With a single workspace there is nothing to choose; a removed one is no longer chosen.
  const selected = options.find((o) => o.value === chosen) ?? (options.length === 1 ? options[0] : undefined);

  if (tenants.state === 'failed') return <Problem title="The workspaces could not be listed" message={tenants.message} onRetry={reloadTenants} />;
  if (tenants.state === 'loading' && options.length === 0) return <Loading label="Loading connected workspaces" />;
  if (options.length === 0) {
    return (
      <SectionMessage appearance="information" title="No workspace is connected yet">
        <Text as="p">
          Connect a Slack workspace or a Microsoft Teams tenant under Configuration › Tenants first; its people can then be given the Live agent
          role here.
        </Text>
      </SectionMessage>
    );
  }

  return (
    <Stack space="space.300">
      <Text as="p" color="color.text.subtle">
        People with the <span className="koji-strong">Live agent</span> role are operators: they answer users who ask for a person, from
        their chat with the Koji bot. Everyone else is a customer.
      </Text>
      <Inline space="space.300" shouldWrap alignBlock="end">
        <Stack space="space.050">
          <Label htmlFor={`${id}-tenant`}>Workspace</Label>
          <div className="koji-select-medium">
            <Select<TenantOption>
              inputId={`${id}-tenant`}
              options={options}
              value={selected ?? null}
              placeholder="Choose a workspace or tenant"
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
      {selected ? <PeopleTable key={selected.value} tenant={selected.tenant} query={query} /> : <HelperMessage>Choose a workspace or tenant to see its people.</HelperMessage>}
    </Stack>
  );
}
