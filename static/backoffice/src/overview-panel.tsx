import { useCallback } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { call } from './api';
import { Activity } from './activity';
import { useReloadOnChange } from './changes';
import { Loading, Problem } from './common';
import { shownOf, useLoad } from './load';
import { RefreshBar } from './refresh-bar';

/** Overview: live activity in this project, read again after every change made from the page and on Refresh. */
export function OverviewPanel({ enabled, onOpenSettings }: { readonly enabled: boolean; readonly onOpenSettings: () => void }) {
  const load = useCallback(() => call('activity/get', {}), []);
  const [activity, reload] = useLoad(load);
  useReloadOnChange(reload);
  const shown = shownOf(activity);

  return (
    <Stack space="space.400">
      {enabled ? null : (
        <SectionMessage appearance="warning" title="Live agent support is off" actions={[<SectionMessageAction key="settings" onClick={onOpenSettings}>Open Settings</SectionMessageAction>]}>
          <Text as="p">Users are not handed to operators until Live agent support is turned on in Settings.</Text>
        </SectionMessage>
      )}
      <RefreshBar updatedAt={shown?.at} refreshing={activity.state === 'loading'} onRefresh={reload} label="Refresh the overview" />
      {activity.state === 'failed' ? <Problem title="The live activity could not be read" message={activity.message} onRetry={reload} /> : null}
      {!shown && activity.state === 'loading' ? <Loading label="Loading live activity" /> : null}
      {shown ? <Activity activity={shown.data} /> : null}
    </Stack>
  );
}
