import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { DEFAULT_INTERVAL, MAX_INTERVALS_IN_EDITOR, dayProblem, type Interval } from './business-hours';

/** One weekday of the schedule: open or closed, and its open intervals ("09:00" to "17:30"). */
export function BusinessDayRow(props: {
  readonly id: string;
  readonly label: string;
  readonly intervals: readonly Interval[];
  readonly readOnly: boolean;
  readonly onChange: (intervals: Interval[]) => void;
}) {
  const { id, label, intervals, readOnly, onChange } = props;
  const open = intervals.length > 0;
  const problem = open ? dayProblem(intervals) : undefined;
  const set = (index: number, patch: Partial<Interval>) => onChange(intervals.map((interval, i) => (i === index ? { ...interval, ...patch } : interval)));
  // The second interval's name says which: "Monday opens (2)".
  const nth = (i: number) => (i === 0 ? '' : ` (${i + 1})`);

  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <div className="koji-day-name">
          <Inline space="space.050" alignBlock="center">
            <Toggle id={`${id}-open`} isChecked={open} isDisabled={readOnly} onChange={() => onChange(open ? [] : [DEFAULT_INTERVAL])} />
            <Label htmlFor={`${id}-open`}>{label}</Label>
          </Inline>
        </div>
        {open ? null : <Text color="color.text.subtle">Closed</Text>}
        {intervals.map((interval, i) => (
          <Inline key={i} space="space.050" alignBlock="center">
            <Textfield aria-label={`${label} opens${nth(i)}`} width="xsmall" placeholder="09:00" value={interval.from} isReadOnly={readOnly} isInvalid={problem !== undefined} onChange={(e) => set(i, { from: e.currentTarget.value })} />
            <Text>–</Text>
            <Textfield aria-label={`${label} closes${nth(i)}`} width="xsmall" placeholder="17:30" value={interval.to} isReadOnly={readOnly} isInvalid={problem !== undefined} onChange={(e) => set(i, { to: e.currentTarget.value })} />
            {i > 0 && !readOnly ? (
              <Button appearance="subtle" spacing="compact" aria-label={`Remove ${label} hours${nth(i)}`} onClick={() => onChange(intervals.filter((_, j) => j !== i))}>
                Remove
              </Button>
            ) : null}
          </Inline>
        ))}
        {open && !readOnly && intervals.length < MAX_INTERVALS_IN_EDITOR ? (
          <Button appearance="subtle" spacing="compact" aria-label={`Add ${label} hours`} onClick={() => onChange([...intervals, { from: '', to: '' }])}>
            Add hours
          </Button>
        ) : null}
      </Inline>
      {problem && !readOnly ? <ErrorMessage>{`${label}: ${problem}`}</ErrorMessage> : null}
    </Stack>
  );
}
