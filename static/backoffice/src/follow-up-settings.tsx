import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { Section } from './common';
import { MAX_FOLLOW_UP_STATUSES, MAX_STATUS_NAME_CHARS, followUpStatusesProblem } from './follow-up-rules';
import type { Draft } from './settings-form';

/** A toggle with its label, and its help under it, read out with it. */
export function HelpedToggle({ id, label, help, isChecked, readOnly, onChange }: { readonly id: string; readonly label: string; readonly help: string; readonly isChecked: boolean; readonly readOnly: boolean; readonly onChange: () => void }) {
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <Toggle id={id} isChecked={isChecked} isDisabled={readOnly} descriptionId={`${id}-help`} onChange={onChange} />
        <Label htmlFor={id}>{label}</Label>
      </Inline>
      <div id={`${id}-help`}>
        <HelperMessage>{help}</HelperMessage>
      </div>
    </Stack>
  );
}

/**
 * Ticket follow-up (issue 22): agents' public comments and the resolution of a ticket made from a conversation
 * reach its user in the chat, and the user may answer there. The statuses and replies are shown only while it is
 * on, and keep what they hold while it is off.
 */
export function FollowUpSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  const problem = followUpStatusesProblem(draft.followUpStatuses);
  return (
    <Section title="Ticket follow-up" description="What happens on a ticket after the conversation that made it has ended.">
      <HelpedToggle
        id={`${id}-follow-up`}
        label="Tell users about their ticket in the chat"
        help="Public comments agents add to a ticket made from a conversation, and its resolution, reach the user in Slack or Teams. Internal comments never do."
        isChecked={draft.followUp}
        readOnly={readOnly}
        onChange={() => update({ followUp: !draft.followUp })}
      />
      {draft.followUp ? (
        <>
          <Stack space="space.050">
            <Label htmlFor={`${id}-follow-up-statuses`}>Statuses that mean resolved</Label>
            <div className="koji-field-medium">
              <Textfield
                id={`${id}-follow-up-statuses`}
                value={draft.followUpStatuses}
                placeholder="Jira’s Done category"
                isReadOnly={readOnly}
                isInvalid={problem !== undefined}
                aria-describedby={`${id}-follow-up-statuses-help`}
                onChange={(e) => update({ followUpStatuses: e.currentTarget.value })}
              />
            </div>
            <div id={`${id}-follow-up-statuses-help`}>
              {problem && !readOnly ? (
                <ErrorMessage>{problem}</ErrorMessage>
              ) : (
                <HelperMessage>
                  {`Status names as Jira writes them, in any case, separated by commas (at most ${MAX_FOLLOW_UP_STATUSES}, each up to ${MAX_STATUS_NAME_CHARS} characters). Empty: every status in Jira’s Done category.`}
                </HelperMessage>
              )}
            </div>
          </Stack>
          <HelpedToggle
            id={`${id}-follow-up-replies`}
            label="Let users reply from the chat"
            help="A Reply on ticket button under each follow-up: the user’s next message is added to the ticket as a public comment, in their name."
            isChecked={draft.followUpReplies}
            readOnly={readOnly}
            onChange={() => update({ followUpReplies: !draft.followUpReplies })}
          />
        </>
      ) : null}
    </Section>
  );
}
