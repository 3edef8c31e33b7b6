import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives';

/** The settings form's Save and Discard changes, with whether there are changes to save. */
export function SaveBar({ dirty, saving, onDiscard }: { readonly dirty: boolean; readonly saving: boolean; readonly onDiscard: () => void }) {
  return (
    // Sticks to the bottom of the window (styles.css), so that Save is at hand anywhere on the long form.
    <div className="koji-save-bar">
      {/* The buttons at the end: flags come up at the start, and a failure's flag stays until closed. */}
      <Inline space="space.150" alignBlock="center" spread="space-between">
        <span role="status" className="koji-status-text">
          {dirty ? 'You have unsaved changes.' : ''}
        </span>
        <Inline space="space.100">
          <Button appearance="subtle" isDisabled={!dirty || saving} onClick={onDiscard}>
            Discard changes
          </Button>
          <Button type="submit" appearance="primary" isLoading={saving} isDisabled={!dirty}>
            Save
          </Button>
        </Inline>
      </Inline>
    </div>
  );
}
