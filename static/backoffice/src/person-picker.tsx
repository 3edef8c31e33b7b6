import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import type { HistoryPersonView } from '../../../src/shared/resolver-contract';
import { channelWords } from './channels';
import { useHistoryPeople, type Role } from './history-people';

interface RoleOption {
  readonly label: string;
  readonly value: Role | 'anyone';
}

const ROLES: readonly RoleOption[] = [
  { label: 'Anyone', value: 'anyone' },
  { label: 'A user', value: 'user' },
  { label: 'An operator', value: 'operator' },
];

interface PersonOption {
  readonly label: string;
  readonly value: string;
  readonly person: HistoryPersonView;
}

const keyOf = (p: HistoryPersonView) => `${p.channel}:${p.tenantId}:${p.userId}`;

/** Whose conversations: anyone, or one user or operator picked from the people seen in the history. */
export function PersonPicker(props: {
  readonly id: string;
  readonly role: Role | undefined;
  readonly person: HistoryPersonView | undefined;
  readonly onChange: (role: Role | undefined, person: HistoryPersonView | undefined) => void;
}) {
  const { people, loading, failed, loadMore } = useHistoryPeople(props.role);
  const options: PersonOption[] = people.map((p) => ({ label: `${p.name} (${channelWords(p.channel).platform})`, value: keyOf(p), person: p }));
  const picked = props.person ? (options.find((o) => o.value === keyOf(props.person!)) ?? null) : null;
  return (
    <Inline space="space.200" shouldWrap alignBlock="end">
      <Stack space="space.050">
        <Label htmlFor={`${props.id}-role`}>Whose conversations</Label>
        <div className="koji-select-medium">
          <Select<RoleOption>
            inputId={`${props.id}-role`}
            options={ROLES}
            isSearchable={false}
            value={ROLES.find((o) => o.value === (props.role ?? 'anyone')) ?? null}
            onChange={(option) => props.onChange(option && option.value !== 'anyone' ? option.value : undefined, undefined)}
          />
        </div>
      </Stack>
      {props.role ? (
        <Stack space="space.050">
          <Label htmlFor={`${props.id}-person`}>{props.role === 'user' ? 'User' : 'Operator'}</Label>
          <div className="koji-select-medium">
            <Select<PersonOption>
              inputId={`${props.id}-person`}
              options={options}
              isLoading={loading}
              placeholder={props.role === 'user' ? 'Pick a user' : 'Pick an operator'}
              noOptionsMessage={() => (props.role === 'user' ? 'No user in the history yet' : 'No operator in the history yet')}
              value={picked}
              onChange={(option) => props.onChange(props.role, option?.person)}
            />
          </div>
          {failed ? <ErrorMessage>{failed}</ErrorMessage> : null}
        </Stack>
      ) : null}
      {props.role && loadMore ? (
        <Button appearance="subtle" onClick={loadMore}>
          {props.role === 'user' ? 'Load more users' : 'Load more operators'}
        </Button>
      ) : null}
    </Inline>
  );
}
