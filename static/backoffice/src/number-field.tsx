import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { numberOf } from './settings-form';

export function NumberField(props: {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly readOnly: boolean;
  readonly onChange: (value: string) => void;
}) {
  const number = numberOf(props.value);
  const outOfRange = !Number.isInteger(number) || number < props.min || number > props.max;
  return (
    <Stack space="space.050">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Box>
        <Textfield
          id={props.id}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          step={1}
          width="small"
          value={props.value}
          isReadOnly={props.readOnly}
          isInvalid={outOfRange}
          aria-describedby={`${props.id}-help`}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      </Box>
      <div id={`${props.id}-help`}>
        {outOfRange && !props.readOnly ? (
          <ErrorMessage>{`Enter a whole number from ${props.min} to ${props.max}.`}</ErrorMessage>
        ) : (
          <HelperMessage>{props.help}</HelperMessage>
        )}
      </div>
    </Stack>
  );
}
