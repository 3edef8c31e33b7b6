import { Fieldset } from '@atlaskit/form';
import { Stack, Text } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import type { OperatorAssignmentView } from '../../../src/shared/resolver-contract';
import { NumberField } from './number-field';
import { OptionalNumberField } from './optional-number-field';
import {
  MAX_MISSED_OFFERS_BEFORE_AWAY,
  MAX_OFFER_WINDOW_SECONDS,
  MIN_OFFER_WINDOW_SECONDS,
  MISSED_OFFERS_PROBLEM,
  OFFER_WINDOW_PROBLEM,
  type Draft,
} from './settings-form';

const ASSIGNMENTS: ReadonlyArray<{ readonly value: OperatorAssignmentView; readonly title: string; readonly description: string }> = [
  { value: 'assign-directly', title: 'Assign directly', description: 'Users go straight to the operator routing picks.' },
  { value: 'offer-first', title: 'Offer first', description: 'The operator gets Accept and Decline; unanswered offers go to the next operator.' },
];

function isAssignment(value: string): value is OperatorAssignmentView {
  return ASSIGNMENTS.some((a) => a.value === value);
}

/**
 * How users reach operators; under Offer first, the offer window and how many missed offers put an operator off
 * duty. Those two are shown only for Offer first, and keep what they hold while Assign directly is chosen.
 */
export function OperatorOffersFields({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Stack space="space.200">
      <Fieldset legend="How users reach operators">
        <RadioGroup
          name={`${id}-assignment`}
          value={draft.operatorAssignment}
          isDisabled={readOnly}
          options={ASSIGNMENTS.map((a) => ({
            value: a.value,
            label: (
              <>
                {a.title}
                <Text as="p" color="color.text.subtle" size="small">
                  {a.description}
                </Text>
              </>
            ),
          }))}
          onChange={(e) => {
            const operatorAssignment = e.currentTarget.value;
            if (isAssignment(operatorAssignment)) update({ operatorAssignment });
          }}
        />
      </Fieldset>
      {draft.operatorAssignment === 'offer-first' ? (
        <>
          <NumberField
            id={`${id}-offer-window`}
            label="Offer window (seconds)"
            help={`How long an operator has to accept before the user is offered to the next operator (${MIN_OFFER_WINDOW_SECONDS} to ${MAX_OFFER_WINDOW_SECONDS}).`}
            value={draft.offerWindowSeconds}
            min={MIN_OFFER_WINDOW_SECONDS}
            max={MAX_OFFER_WINDOW_SECONDS}
            problem={OFFER_WINDOW_PROBLEM}
            readOnly={readOnly}
            onChange={(offerWindowSeconds) => update({ offerWindowSeconds })}
          />
          <OptionalNumberField
            id={`${id}-missed-offers`}
            toggleLabel="Put operators who miss offers off duty"
            label="Missed offers before off duty"
            help={`An operator who lets this many offers in a row go unanswered is put off duty and told; #on brings them back. Declining is not missing (1 to ${MAX_MISSED_OFFERS_BEFORE_AWAY}).`}
            value={draft.missedOffersBeforeAway}
            defaultValue="2"
            min={1}
            max={MAX_MISSED_OFFERS_BEFORE_AWAY}
            problem={MISSED_OFFERS_PROBLEM}
            readOnly={readOnly}
            onChange={(missedOffersBeforeAway) => update({ missedOffersBeforeAway })}
          />
        </>
      ) : null}
    </Stack>
  );
}
