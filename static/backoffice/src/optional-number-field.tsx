import { useState } from 'react';
import { Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import { NumberField } from './number-field';
import { OFF } from './settings-form';

/** A number setting that can also be off: a toggle, and the number while it is on. `value` is OFF or the number typed. */
export function OptionalNumberField(props: {
  readonly id: string;
  readonly toggleLabel: string;
  readonly label: string;
  readonly help: string;
  readonly value: string;
  /** What the number starts at when turned on: the product's default. */
  readonly defaultValue: string;
  readonly min: number;
  readonly max: number;
  readonly problem?: string | undefined;
  readonly readOnly: boolean;
  readonly onChange: (value: string) => void;
}) {
  const on = props.value !== OFF;
  // Turned off and on again, the field comes back with what it held.
  const [lastOn, setLastOn] = useState(on ? props.value : props.defaultValue);
  const toggle = () => {
    if (on) setLastOn(props.value);
    props.onChange(on ? OFF : lastOn);
  };
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Toggle id={`${props.id}-on`} isChecked={on} isDisabled={props.readOnly} onChange={toggle} />
        <Label htmlFor={`${props.id}-on`}>{props.toggleLabel}</Label>
      </Inline>
      {on ? (
        <NumberField id={props.id} label={props.label} help={props.help} value={props.value} min={props.min} max={props.max} problem={props.problem} readOnly={props.readOnly} onChange={props.onChange} />
      ) : null}
    </Stack>
  );
}
