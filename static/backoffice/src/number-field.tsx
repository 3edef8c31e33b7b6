import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { isWholeNumberIn } from './settings-form';

export function NumberField(props: {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
  /** What is wrong with a number out of range, when the resolver's own words say it better than the generic ones. */
  readonly problem?: string | undefined;
  readonly readOnly: boolean;
  readonly onChange: (value: string) => void;
}) {
  const outOfRange = !isWholeNumberIn(props.value, props.min, props.max);
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
          <ErrorMessage>{props.problem ?? `Enter a whole number from ${props.min} to ${props.max}.`}</ErrorMessage>
        ) : (
          <HelperMessage>{props.help}</HelperMessage>
        )}
      </div>
    </Stack>
  );
}
