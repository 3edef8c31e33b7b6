import { useCallback, useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import type { ServiceProjectView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem } from './common';
import { useLoad } from './load';

interface ProjectOption {
  readonly label: string;
  readonly value: string;
  readonly project: ServiceProjectView;
}

/** The site's Jira Service Management projects (Jira administrators only, checked by the resolver). */
export function ProjectPicker({ onOpen }: { readonly onOpen: (project: ServiceProjectView) => void }) {
  const id = useId();
  const load = useCallback(() => call('projects/list', {}), []);
  const [loaded, reload] = useLoad(load);
  const [chosen, setChosen] = useState<ProjectOption | null>(null);
  const options = useMemo<ProjectOption[]>(
    () => (loaded.state === 'ready' ? loaded.data.projects.map((p) => ({ label: `${p.name} (${p.key})`, value: p.id, project: p })) : []),
    [loaded],
  );

  if (loaded.state === 'loading') return <Loading label="Loading service projects" />;
  if (loaded.state === 'failed') {
    return loaded.code === 'forbidden' ? (
      <SectionMessage appearance="warning" title="This page is for Jira administrators">
        <Text as="p">{loaded.message}</Text>
      </SectionMessage>
    ) : (
      <Problem title="The service projects could not be listed" message={loaded.message} onRetry={reload} />
    );
  }
  if (options.length === 0) {
    return (
      <SectionMessage appearance="information" title="No Jira Service Management project yet">
        <Text as="p">Koji works in Jira Service Management projects. Create a service project, then come back here to set Koji up for it.</Text>
      </SectionMessage>
    );
  }
  return (
    <form
      aria-label="Choose a service project"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onOpen(chosen.project);
      }}
    >
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Stack space="space.050">
          <Label htmlFor={`${id}-project`}>Service project</Label>
          <div className="koji-select-medium">
            <Select<ProjectOption> inputId={`${id}-project`} options={options} value={chosen} placeholder="Choose a service project" onChange={setChosen} />
          </div>
        </Stack>
        <Button appearance="primary" type="submit" isDisabled={!chosen}>
          Open
        </Button>
      </Inline>
    </form>
  );
}
