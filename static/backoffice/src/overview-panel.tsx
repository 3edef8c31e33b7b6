import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ActivityView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem, Section, useLoad } from './common';

/** Overview: live activity in this project right now. */
export function OverviewPanel({ enabled, onOpenSettings }: { readonly enabled: boolean; readonly onOpenSettings: () => void }) {
  const load = useCallback(() => call('activity/get', {}), []);
  const [activity, reload] = useLoad(load);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const refresh = () => {
    reload();
    setUpdatedAt(new Date());
  };
  const data: ActivityView | undefined = activity.state === 'ready' ? activity.data : activity.state === 'loading' ? activity.previous : undefined;

  return (
    <Stack space="space.400">
      {enabled ? null : (
        <SectionMessage appearance="warning" title="Live agent support is off" actions={[<SectionMessageAction key="settings" onClick={onOpenSettings}>Open Koji settings</SectionMessageAction>]}>
          <Text as="p">Users are not handed to operators until Live agent support is turned on in Koji settings.</Text>
        </SectionMessage>
      )}
      <Inline space="space.150" alignBlock="center" spread="space-between">
        <Text color="color.text.subtle" size="small">
          {activity.state === 'loading' ? 'Refreshing…' : `As of ${updatedAt.toLocaleTimeString()}`}
        </Text>
        <Button onClick={refresh} isLoading={activity.state === 'loading' && data !== undefined}>
          Refresh
        </Button>
      </Inline>
      {activity.state === 'failed' ? <Problem title="The live activity could not be read" message={activity.message} onRetry={refresh} /> : null}
      {!data && activity.state === 'loading' ? <Loading label="Loading live activity" /> : null}
      {data ? <Activity activity={data} /> : null}
    </Stack>
  );
}

function Activity({ activity }: { readonly activity: ActivityView }) {
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
          <table className="koji-table" aria-label="Operators on duty">
            <thead>
              <tr>
                <th scope="col">Operator</th>
                <th scope="col">Channel</th>
                <th scope="col">Load</th>
              </tr>
            </thead>
            <tbody>
              {activity.onDuty.map((op, index) => (
                // Names are not unique across channels; the order is the server's.
                <tr key={`${index}:${op.channel}:${op.name}`}>
                  <td className="koji-strong">{op.name}</td>
                  <td>{op.channel === 'slack' ? 'Slack' : 'Microsoft Teams'}</td>
                  <td>
                    <span className="koji-offscreen">{`${op.load} of ${op.capacity} conversations: `}</span>
                    <span aria-hidden="true">{`${op.load}/${op.capacity}`}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
