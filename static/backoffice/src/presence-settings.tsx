import { Section } from './common';
import { OperatorOffersFields } from './operator-offers-fields';
import { OptionalNumberField } from './optional-number-field';
import { MAX_RETURN_TO_OPERATOR_HOURS, MAX_TIMEOUT_MINUTES, MIN_IDLE_AWAY_MINUTES, type Draft } from './settings-form';

/** Where returning users go, when idle operators are put off duty, and whether operators are offered users first (issue 17). */
export function PresenceSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Section title="Presence" description="Who a returning user goes to, when an operator who is not there is put off duty, and whether operators accept users first.">
      <OptionalNumberField
        id={`${id}-return`}
        toggleLabel="Return users to the operator who last served them"
        label="Within (hours)"
        help={`A user who asks again this soon goes first to the operator who last served them, if that operator is on duty with room (1 to ${MAX_RETURN_TO_OPERATOR_HOURS}).`}
        value={draft.returnToOperatorHours}
        defaultValue="24"
        min={1}
        max={MAX_RETURN_TO_OPERATOR_HOURS}
        readOnly={readOnly}
        onChange={(returnToOperatorHours) => update({ returnToOperatorHours })}
      />
      <OptionalNumberField
        id={`${id}-idle`}
        toggleLabel="Put idle operators off duty"
        label="After (minutes)"
        help={`An operator on duty with nobody to serve who sends nothing for this long is put off duty and told; #on brings them back (${MIN_IDLE_AWAY_MINUTES} to ${MAX_TIMEOUT_MINUTES}).`}
        value={draft.idleAwayMinutes}
        defaultValue="30"
        min={MIN_IDLE_AWAY_MINUTES}
        max={MAX_TIMEOUT_MINUTES}
        readOnly={readOnly}
        onChange={(idleAwayMinutes) => update({ idleAwayMinutes })}
      />
      <OperatorOffersFields id={`${id}-offers`} draft={draft} readOnly={readOnly} update={update} />
    </Section>
  );
}
