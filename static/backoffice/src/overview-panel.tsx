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

function Stat({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <li className="koji-stat">
      <span className="koji-stat-value">{value}</span>
      <span className="koji-subtle">{label}</span>
    </li>
  );
}
