import { useCallback, useEffect, useMemo, useState } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ActivityView } from '../../../src/shared/resolver-contract';
import { countOf, timeOf } from './activity-lists';
import { InProgressList } from './in-progress-table';
import { useNow } from './load';
import { OnDutyList } from './on-duty-table';
import { WaitingList } from './waiting-table';

type ListName = 'onDuty' | 'waiting' | 'inProgress';

/**
 * The live activity: the counts, who was taken off duty and why, who is on duty, who waits and which
 * conversations are in progress. `onBrowsing`: whether any list shows more than its first page.
 */
export function Activity({ activity, onBrowsing }: { readonly activity: ActivityView; readonly onBrowsing: (browsing: boolean) => void }) {
  const now = useNow(30_000);
  const [extended, setExtended] = useState<Readonly<Record<ListName, boolean>>>({ onDuty: false, waiting: false, inProgress: false });
  useEffect(() => onBrowsing(Object.values(extended).some(Boolean)), [extended, onBrowsing]);
  const flag = useCallback((name: ListName) => (is: boolean) => setExtended((was) => (was[name] === is ? was : { ...was, [name]: is })), []);
  const [onDuty, waiting, inProgress] = useMemo(() => [flag('onDuty'), flag('waiting'), flag('inProgress')] as const, [flag]);
  return (
    <Stack space="space.400">
      <ul className="koji-stats" aria-label="Live activity">
        <Stat label="Operators on duty" value={countOf(activity.onDuty)} />
        <Stat label="Conversations in progress" value={countOf(activity.inProgress)} />
        <Stat label="Users waiting" value={countOf(activity.waiting)} />
      </ul>
      {activity.takenOffDuty.length > 0 ? <TakenOffDuty operators={activity.takenOffDuty} /> : null}
      <OnDutyList list={activity.onDuty} onExtended={onDuty} />
      <WaitingList list={activity.waiting} now={now} onExtended={waiting} />
      <InProgressList list={activity.inProgress} now={now} onExtended={inProgress} />
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
              <Text as="p">{`${op.name} was taken off duty at ${timeOf(op.at)}: ${op.channel === 'slack' ? 'Slack' : 'Microsoft Teams'} says ${op.reason}.`}</Text>
            </li>
          ))}
        </ul>
        <Text as="p">Their users went to another operator or the front of the queue, or were offered a ticket if nobody else was on duty. They can write #on to the Koji bot once their chat works again.</Text>
      </Stack>
    </SectionMessage>
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <li className="koji-stat">
      <span className="koji-stat-value">{value}</span>
      <span className="koji-subtle">{label}</span>
    </li>
  );
}
