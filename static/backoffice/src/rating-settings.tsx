import { Stack, Text } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import type { RatingScaleView } from '../../../src/shared/resolver-contract';
import { Section } from './common';
import { NumberField } from './number-field';
import { MAX_RATING_WINDOW_HOURS, RATING_WINDOW_PROBLEM, type Draft } from './settings-form';

const SCALES: ReadonlyArray<{ readonly value: RatingScaleView; readonly title: string; readonly description: string }> = [
  { value: 'five-stars', title: '1 to 5', description: 'Users tap a score from 1 (poor) to 5 (great); 4 and 5 count as satisfied.' },
  { value: 'thumbs', title: 'Thumbs up or down', description: 'Users tap 👍 or 👎; a thumb up counts as satisfied.' },
  { value: 'off', title: 'Off', description: 'Users are not asked to rate their conversation.' },
];

function isScale(value: string): value is RatingScaleView {
  return SCALES.some((s) => s.value === value);
}

/** What users who were served are asked after the conversation ends, and for how long a tap counts. */
export function RatingSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Section title="Ratings" description="After a conversation with an operator ends, the user gets one tap to rate it, and may add a comment.">
      <Stack space="space.200">
        <RadioGroup
          name={`${id}-rating-scale`}
          value={draft.ratingScale}
          isDisabled={readOnly}
          aria-label="Rating scale"
          options={SCALES.map((s) => ({
            value: s.value,
            label: (
              <>
                {s.title}
                <Text as="p" color="color.text.subtle" size="small">
                  {s.description}
                </Text>
              </>
            ),
          }))}
          onChange={(e) => {
            const ratingScale = e.currentTarget.value;
            if (isScale(ratingScale)) update({ ratingScale });
          }}
        />
        {draft.ratingScale === 'off' ? null : (
          <NumberField
            id={`${id}-rating-window`}
            label="Rating window (hours)"
            help={`How long after the conversation a tap on the card still counts (1 to ${MAX_RATING_WINDOW_HOURS}).`}
            value={draft.ratingWindowHours}
            min={1}
            max={MAX_RATING_WINDOW_HOURS}
            problem={RATING_WINDOW_PROBLEM}
            readOnly={readOnly}
            onChange={(ratingWindowHours) => update({ ratingWindowHours })}
          />
        )}
      </Stack>
    </Section>
  );
}
