import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ActivityView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Activity } from './activity';
import { Loading, Problem } from './common';
import { useLoad } from './load';

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
