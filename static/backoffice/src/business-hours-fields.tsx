import { useMemo } from 'react';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Toggle from '@atlaskit/toggle';
import type { BusinessHoursView } from '../../../src/shared/resolver-contract';
import { BusinessDayRow } from './business-day-row';
import { WEEKDAYS, firstSchedule, timeZoneOptions } from './business-hours';

interface Option {
  readonly label: string;
  readonly value: string;
}

/** The project's time zone and its optional weekly schedule. */
export function BusinessHoursFields(props: {
  readonly id: string;
  readonly timeZone: string;
  readonly hours: BusinessHoursView | null;
  readonly readOnly: boolean;
  readonly onChange: (patch: { timeZone?: string; businessHours?: BusinessHoursView | null }) => void;
}) {
  const { id, timeZone, hours, readOnly, onChange } = props;
  const options = useMemo<Option[]>(() => timeZoneOptions(timeZone).map((zone) => ({ label: zone, value: zone })), [timeZone]);

  return (
    <Stack space="space.200">
      <Stack space="space.050">
        <Label htmlFor={`${id}-zone`}>Time zone</Label>
        <div className="koji-select-medium">
          <Select<Option>
            inputId={`${id}-zone`}
            options={options}
            value={options.find((o) => o.value === timeZone) ?? null}
            isDisabled={readOnly}
            isSearchable
            aria-describedby={`${id}-zone-help`}
            onChange={(option) => {
              if (option) onChange({ timeZone: option.value });
            }}
          />
        </div>
        <div id={`${id}-zone-help`}>
          <HelperMessage>The project’s time zone: business hours and daily figures follow it, daylight saving time included.</HelperMessage>
        </div>
      </Stack>
      <Inline space="space.100" alignBlock="center">
        <Toggle id={`${id}-hours`} isChecked={hours !== null} isDisabled={readOnly} onChange={() => onChange({ businessHours: hours === null ? firstSchedule() : null })} size="large" />
        <Label htmlFor={`${id}-hours`}>Business hours</Label>
        <Text color="color.text.subtle" size="small">
          {hours === null ? '(off: operators can be reached whenever one is on duty)' : '(on)'}
        </Text>
      </Inline>
      {hours === null
        ? null
        : WEEKDAYS.map(({ day, label }) => (
            <BusinessDayRow
              key={day}
              id={`${id}-${day}`}
              label={label}
              intervals={hours[day] ?? []}
              readOnly={readOnly}
              onChange={(intervals) => onChange({ businessHours: { ...hours, [day]: intervals } })}
            />
          ))}
    </Stack>
  );
}
