import { Stack, Text } from '@atlaskit/primitives';
import { Section } from './common';
import { HelpedToggle } from './follow-up-settings';
import { NumberField } from './number-field';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, RETENTION_PROBLEM, type Draft } from './settings-form';

/** How long past conversations are kept, and what exactly is kept (issue 20). */
export function RetentionSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Section title="Retention" description="How long Koji keeps conversations that ended, for the History tab.">
      <Stack space="space.150">
        <NumberField
          id={`${id}-retention`}
          label="Keep conversations (days)"
          help={`From ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} days; 90 by default.`}
          value={draft.retentionDays}
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          problem={RETENTION_PROBLEM}
          readOnly={readOnly}
          onChange={(retentionDays) => update({ retentionDays })}
        />
        <Text as="p" color="color.text.subtle" size="small">
          What is kept: each conversation’s record (user, operator, channel, when it was asked for, taken and ended, how it
          ended, its ticket) and its transcript (every message and internal note), and its rating. Koji deletes each of them
          that many days after it was written. A new value applies to conversations that start after you save; transcripts
          stored before retention existed are deleted once older than the longest retention of your projects. Tickets in
          Jira are not affected.
        </Text>
        <HelpedToggle
          id={`${id}-auto-redaction`}
          label="Remove secrets from messages"
          help="Card numbers, the word after “password:” (and “mot de passe”, “Passwort”) and access keys are replaced before a message is stored or relayed: the other side, the transcript and tickets never see them. For conversations that start after you save."
          isChecked={draft.autoRedaction}
          readOnly={readOnly}
          onChange={() => update({ autoRedaction: !draft.autoRedaction })}
        />
      </Stack>
    </Section>
  );
}
