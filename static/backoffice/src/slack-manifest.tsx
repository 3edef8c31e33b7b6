import { useCallback } from 'react';
import { Inline, Stack } from '@atlaskit/primitives';
import { call } from './api';
import { CopyButton, Loading, Problem } from './common';
import { useLoad } from './load';

/** The Slack app manifest Koji made for this site, to copy into Slack; `id` is its title's. */
export function SlackManifest({ id }: { readonly id: string }) {
  const loadManifest = useCallback(() => call('slack/manifest', {}), []);
  const [manifest, reloadManifest] = useLoad(loadManifest);
  const manifestText = manifest.state === 'ready' ? JSON.stringify(manifest.data.manifest, null, 2) : '';
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" spread="space-between">
        <span className="koji-field-title" id={id}>
          Slack app manifest (JSON)
        </span>
        {manifest.state === 'ready' ? <CopyButton text={manifestText} label="Copy the Slack app manifest" /> : null}
      </Inline>
      {manifest.state === 'loading' ? <Loading label="Loading the Slack app manifest" /> : null}
      {manifest.state === 'failed' ? <Problem title="The manifest could not be made" message={manifest.message} onRetry={reloadManifest} /> : null}
      {manifest.state === 'ready' ? (
        <pre className="koji-code" tabIndex={0} aria-labelledby={id}>
          {manifestText}
        </pre>
      ) : null}
    </Stack>
  );
}
