import { useId } from 'react';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Toggle from '@atlaskit/toggle';
import type { SettingsView } from '../../../src/shared/resolver-contract';
import { BusinessHoursFields } from './business-hours-fields';
import { FileSettings } from './file-settings';
import { FollowUpSettings } from './follow-up-settings';
import { HandoffPhraseSettings } from './handoff-phrase-settings';
import { LanguageSettings } from './language-settings';
import { Section } from './common';
import { NumberField } from './number-field';
import { PresenceSettings } from './presence-settings';
import { RatingSettings } from './rating-settings';
import { RetentionSettings } from './retention-settings';
import { SaveBar } from './save-bar';
import { RequestTypeField } from './request-type-field';
import { MAX_CAPACITY, MAX_TIMEOUT_MINUTES, draftOf, useSettingsForm } from './settings-form';

export function SettingsPanel({ settings, canEdit, onSaved }: { readonly settings: SettingsView; readonly canEdit: boolean; readonly onSaved: (settings: SettingsView) => void }) {
  const id = useId();
  const { draft, saving, dirty, readOnly, update, save } = useSettingsForm(settings, canEdit, onSaved);

  return (
    <form onSubmit={save} noValidate aria-describedby={readOnly ? `${id}-readonly` : undefined}>
      <Stack space="space.400">
        {readOnly ? (
          <div id={`${id}-readonly`}>
            <SectionMessage appearance="information" title="You can view these settings">
              <Text as="p">Only Jira admins or project admins can change Koji settings.</Text>
            </SectionMessage>
          </div>
        ) : null}

        <Section title="Live agent support" description="When it is on, users who ask for a person are handed from the bot to an operator on duty.">
          <Inline space="space.100" alignBlock="center">
            <Toggle id={`${id}-enabled`} isChecked={draft.enabled} isDisabled={readOnly} onChange={() => update({ enabled: !draft.enabled })} size="large" />
            <Label htmlFor={`${id}-enabled`}>Live agent support</Label>
            <Text color="color.text.subtle" size="small">
              {draft.enabled ? '(on)' : '(off)'}
            </Text>
          </Inline>
        </Section>

        <Section title="Operators">
          <NumberField
            id={`${id}-capacity`}
            label="Operator capacity"
            help={`How many conversations one operator handles at once (1 to ${MAX_CAPACITY}).`}
            value={draft.operatorCapacity}
            min={1}
            max={MAX_CAPACITY}
            readOnly={readOnly}
            onChange={(operatorCapacity) => update({ operatorCapacity })}
          />
        </Section>

        <PresenceSettings id={id} draft={draft} readOnly={readOnly} update={update} />
        <RatingSettings id={id} draft={draft} readOnly={readOnly} update={update} />
        <LanguageSettings id={id} draft={draft} readOnly={readOnly} update={update} />
        <HandoffPhraseSettings draft={draft} readOnly={readOnly} update={update} />

        <Section title="Timeouts">
          <Inline space="space.300" shouldWrap>
            <NumberField
              id={`${id}-inactivity`}
              label="Inactivity timeout (minutes)"
              help="A conversation with no message for this long is closed."
              value={draft.inactivityTimeoutMinutes}
              min={1}
              max={MAX_TIMEOUT_MINUTES}
              readOnly={readOnly}
              onChange={(inactivityTimeoutMinutes) => update({ inactivityTimeoutMinutes })}
            />
            <NumberField
              id={`${id}-queue`}
              label="Queue timeout (minutes)"
              help="A user waiting this long for an operator is offered a ticket."
              value={draft.queueTimeoutMinutes}
              min={1}
              max={MAX_TIMEOUT_MINUTES}
              readOnly={readOnly}
              onChange={(queueTimeoutMinutes) => update({ queueTimeoutMinutes })}
            />
          </Inline>
        </Section>

        <Section title="Business hours" description="Outside them, users who ask for a person are told when the team is back and offered a ticket. Operators can still go on duty.">
          <BusinessHoursFields id={`${id}-bh`} timeZone={draft.timeZone} hours={draft.businessHours} readOnly={readOnly} onChange={update} />
        </Section>

        <Section title="Tickets" description="Conversations become Jira Service Management requests of this type.">
          <RequestTypeField id={`${id}-request-type`} value={draft.requestTypeId} readOnly={readOnly} onChange={(requestTypeId) => update({ requestTypeId })} />
        </Section>
        <FollowUpSettings id={id} draft={draft} readOnly={readOnly} update={update} />

        <FileSettings id={id} draft={draft} readOnly={readOnly} update={update} />
        <RetentionSettings id={id} draft={draft} readOnly={readOnly} update={update} />
        {readOnly ? null : <SaveBar dirty={dirty} saving={saving} onDiscard={() => update(draftOf(settings))} />}
      </Stack>
    </form>
  );
}
