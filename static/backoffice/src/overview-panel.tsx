import { useCallback, useState } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { call } from './api';
import { Activity } from './activity';
import { OVERVIEW_REFRESH_MS, useAutoRefresh } from './auto-refresh';
import { useReloadOnChange } from './changes';
import { Loading, Problem } from './common';
import { shownOf, useLoad } from './load';
import { RefreshBar } from './refresh-bar';

/**
 * Overview: live activity in this project. Read again every 10 seconds while the tab is shown and the browser
 * tab visible (not while the admin looks at more than a list's first page), after every change made from the
 * page, and on Refresh (which also goes back to the first pages).
 */
export function OverviewPanel({ enabled, shown, onOpenSettings }: { readonly enabled: boolean; readonly shown: boolean; readonly onOpenSettings: () => void }) {
  const load = useCallback(() => call('activity/get', {}), []);
  const [activity, reload] = useLoad(load);
  const [browsing, setBrowsing] = useState(false);
  useReloadOnChange(reload);
  useAutoRefresh(reload, OVERVIEW_REFRESH_MS, shown && !browsing);
  const loaded = shownOf(activity);
  const note = browsing ? 'Updates paused while more rows are shown: Refresh goes back to the first page.' : `Updates every ${OVERVIEW_REFRESH_MS / 1000} seconds.`;

  return (
    <Stack space="space.400">
      {enabled ? null : (
        <SectionMessage appearance="warning" title="Live agent support is off" actions={[<SectionMessageAction key="settings" onClick={onOpenSettings}>Open Settings</SectionMessageAction>]}>
          <Text as="p">Users are not handed to operators until Live agent support is turned on in Settings.</Text>
        </SectionMessage>
      )}
      <RefreshBar updatedAt={loaded?.at} refreshing={activity.state === 'loading'} onRefresh={reload} label="Refresh the overview" note={note} />
      {activity.state === 'failed' ? <Problem title="The live activity could not be read" message={activity.message} onRetry={reload} /> : null}
      {!loaded && activity.state === 'loading' ? <Loading label="Loading live activity" /> : null}
      {loaded ? <Activity activity={loaded.data} onBrowsing={setBrowsing} /> : null}
    </Stack>
  );
}
