import { useCallback, useMemo } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { call } from './api';
import { useLoad } from './load';
import { FIRST_REQUEST_TYPE } from './settings-form';

interface Option {
  readonly label: string;
  readonly value: string;
}

export function RequestTypeField({ id, value, readOnly, onChange }: { readonly id: string; readonly value: string; readonly readOnly: boolean; readonly onChange: (value: string) => void }) {
  const load = useCallback(() => call('request-types/list', {}), []);
  const [types, reload] = useLoad(load);
  const options = useMemo<Option[]>(() => {
    const first: Option = { label: 'First request type of the service desk', value: FIRST_REQUEST_TYPE };
    if (types.state !== 'ready') return value === FIRST_REQUEST_TYPE ? [first] : [first, { label: `Request type ${value}`, value }];
    const known = types.data.requestTypes.map((t) => ({ label: t.name, value: t.id }));
    const missing = value !== FIRST_REQUEST_TYPE && !known.some((o) => o.value === value) ? [{ label: `Request type ${value} (no longer in this project)`, value }] : [];
    return [first, ...known, ...missing];
  }, [types, value]);
  const selected = options.find((o) => o.value === value) ?? null;

  return (
    <Stack space="space.050">
      <Label htmlFor={id}>Request type for tickets</Label>
      <div className="koji-select-medium">
        <Select<Option>
          inputId={id}
          options={options}
          value={selected}
          isLoading={types.state === 'loading'}
          isDisabled={readOnly}
          isSearchable
          aria-describedby={`${id}-help`}
          onChange={(option) => {
            if (option) onChange(option.value);
          }}
        />
      </div>
      <div id={`${id}-help`}>
        {types.state === 'failed' ? (
          <ErrorMessage>
            {`The project’s request types could not be listed: ${types.message}`}{' '}
            <Button appearance="subtle" spacing="compact" onClick={reload}>
              Try again
            </Button>
          </ErrorMessage>
        ) : (
          <HelperMessage>“First request type” follows the service desk’s order, even if it changes.</HelperMessage>
        )}
      </div>
    </Stack>
  );
}
