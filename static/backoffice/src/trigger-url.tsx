import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { ResolverContract } from '../../../src/shared/resolver-contract';
import { CopyButton, Loading, Problem } from './common';
import type { Loaded } from './load';

export type Triggers = ResolverContract['webtriggers/list']['response'];

interface TriggerUrlProps {
  readonly id: string;
  readonly channel: keyof Triggers;
  readonly triggers: Loaded<Triggers>;
  readonly reloadTriggers: () => void;
  readonly label: string;
  readonly loadingLabel: string;
  readonly problemTitle: string;
  readonly copyLabel: string;
  readonly help: string;
}

/** The read-only address of this site's web trigger for one chat platform, to paste in that platform's app settings. */
export function TriggerUrl({ id, channel, triggers, reloadTriggers, label, loadingLabel, problemTitle, copyLabel, help }: TriggerUrlProps) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      {triggers.state === 'loading' ? <Loading label={loadingLabel} /> : null}
      {triggers.state === 'failed' ? <Problem title={problemTitle} message={triggers.message} onRetry={reloadTriggers} /> : null}
      {triggers.state === 'ready' ? (
        <Inline space="space.100" alignBlock="center">
          <div className="koji-field-wide">
            <Textfield id={id} value={triggers.data[channel]} isReadOnly aria-describedby={`${id}-help`} />
          </div>
          <CopyButton text={triggers.data[channel]} label={copyLabel} />
        </Inline>
      ) : null}
      <div id={`${id}-help`}>
        <HelperMessage>{help}</HelperMessage>
      </div>
    </Stack>
  );
}
