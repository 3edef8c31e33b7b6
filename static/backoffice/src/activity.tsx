import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ActivityView } from '../../../src/shared/resolver-contract';
import { Section } from './common';
import { OnDutyTable } from './on-duty-table';

/** The live activity: the counts, who was taken off duty and why, and who is on duty with what load. */
export function Activity({ activity }: { readonly activity: ActivityView }) {
  return (
    <Stack space="space.400">
      <ul className="koji-stats" aria-label="Live activity">
        <Stat label="Operators on duty" value={activity.onDuty.length} />
        <Stat label="Conversations open" value={activity.conversationsOpen} />
        <Stat label="Users waiting" value={activity.usersWaiting} />
      </ul>
      {activity.takenOffDuty.length > 0 ? <TakenOffDuty operators={activity.takenOffDuty} /> : null}
      <Section title="On duty">
        {activity.onDuty.length === 0 ? (
          <SectionMessage appearance="information" title="Nobody is on duty">
            <Text as="p">Operators start a shift by writing #on to the Koji bot, and end it with #off.</Text>
          </SectionMessage>
        ) : (
          <OnDutyTable operators={activity.onDuty} />
        )}
      </Section>
    </Stack>
  );
}

/**
 * Operators Koji took off duty because their chat could not be reached, and why in the
 * platform's words: their users went back to the queue, and nobody is sent to them until
 * they write #on again.
 */
function TakenOffDuty({ operators }: { readonly operators: ActivityView['takenOffDuty'] }) {
  return (
    <SectionMessage appearance="warning" title="Taken off duty: their chat could not be reached">
      <Stack space="space.100">
        <ul className="koji-taken-off-duty" aria-label="Operators taken off duty">
          {operators.map((op, index) => (
            <li key={`${index}:${op.channel}:${op.name}`}>
              <Text as="p">{`${op.name} was taken off duty at ${formatTime(op.at)}: ${op.channel === 'slack' ? 'Slack' : 'Microsoft Teams'} says ${op.reason}.`}</Text>
            </li>
          ))}
        </ul>
        <Text as="p">Their users went back to the front of the queue. They can write #on to the Koji bot once their chat works again.</Text>
      </Stack>
    </SectionMessage>
  );
}

/** The time of day, with the date when it was not today. */
function formatTime(epochMs: number): string {
  const at = new Date(epochMs);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${time} on ${at.toLocaleDateString()}`;
}

function Stat({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <li className="koji-stat">
      <span className="koji-stat-value">{value}</span>
      <span className="koji-subtle">{label}</span>
    </li>
  );
}
