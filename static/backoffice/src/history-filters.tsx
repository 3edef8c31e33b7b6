import { useId, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { HistoryPersonView, HistorySearchRequest, TenantChannel } from '../../../src/shared/resolver-contract';
import { TICKET_KEY, endOfDay, startOfDay } from './history-format';
import type { Role } from './history-people';
import { PersonPicker } from './person-picker';

interface ChannelOption {
  readonly label: string;
  readonly value: TenantChannel | 'any';
}

const CHANNELS: readonly ChannelOption[] = [
  { label: 'Any channel', value: 'any' },
  { label: 'Slack', value: 'slack' },
  { label: 'Microsoft Teams', value: 'teams' },
];

interface Filters {
  readonly role?: Role | undefined;
  readonly person?: HistoryPersonView | undefined;
  readonly channel: ChannelOption['value'];
  readonly from: string;
  readonly to: string;
  readonly ticketKey: string;
}

const NONE: Filters = { channel: 'any', from: '', to: '', ticketKey: '' };

/** What is wrong with the filters as typed, before anything is asked (the resolver checks the same). */
function problemOf(f: Filters): string | undefined {
  if (f.role && !f.person) return f.role === 'user' ? 'Pick a user, or choose Anyone.' : 'Pick an operator, or choose Anyone.';
  if (f.ticketKey.trim() && !TICKET_KEY.test(f.ticketKey.trim().toUpperCase())) return 'A ticket key is written like SUP-12.';
  const from = startOfDay(f.from);
  const to = endOfDay(f.to);
  if (from !== undefined && to !== undefined && from > to) return 'The first day must not be after the last.';
  return undefined;
}

function requestOf(f: Filters): HistorySearchRequest {
  const { role, person } = f;
  const from = startOfDay(f.from);
  const to = endOfDay(f.to);
  const ticketKey = f.ticketKey.trim().toUpperCase();
  return {
    ...(role && person ? { person: { role, channel: person.channel, tenantId: person.tenantId, userId: person.userId } } : {}),
    ...(f.channel !== 'any' ? { channel: f.channel } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(ticketKey ? { ticketKey } : {}),
  };
}

/** The History tab's filters: a person picked from the history, a channel, the days it ended, a ticket key. */
export function HistoryFilters({ onSearch }: { readonly onSearch: (search: HistorySearchRequest) => void }) {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [tried, setTried] = useState(false);
  const problem = problemOf(filters);
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!problem) onSearch(requestOf(filters));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Find past conversations">
      <Stack space="space.200">
        <PersonPicker id={id} role={filters.role} person={filters.person} onChange={(role, person) => update({ role, person })} />
        <Inline space="space.200" shouldWrap alignBlock="end">
          <Stack space="space.050">
            <Label htmlFor={`${id}-channel`}>Channel</Label>
            <div className="koji-select-medium">
              <Select<ChannelOption> inputId={`${id}-channel`} options={CHANNELS} isSearchable={false} value={CHANNELS.find((o) => o.value === filters.channel) ?? null} onChange={(o) => update({ channel: o?.value ?? 'any' })} />
            </div>
          </Stack>
          <Stack space="space.050">
            <Label htmlFor={`${id}-from`}>Ended from</Label>
            <Textfield id={`${id}-from`} type="date" width="small" value={filters.from} onChange={(e) => update({ from: e.currentTarget.value })} />
          </Stack>
          <Stack space="space.050">
            <Label htmlFor={`${id}-to`}>Ended until</Label>
            <Textfield id={`${id}-to`} type="date" width="small" value={filters.to} onChange={(e) => update({ to: e.currentTarget.value })} />
          </Stack>
          <Stack space="space.050">
            <Label htmlFor={`${id}-ticket`}>Ticket key</Label>
            <Textfield id={`${id}-ticket`} width="small" placeholder="SUP-12" value={filters.ticketKey} onChange={(e) => update({ ticketKey: e.currentTarget.value })} />
          </Stack>
          <Inline space="space.100">
            <Button type="submit" appearance="primary">
              Search
            </Button>
            <Button appearance="subtle" onClick={() => setFilters(NONE)}>
              Clear
            </Button>
          </Inline>
        </Inline>
        {tried && problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
      </Stack>
    </form>
  );
}
