import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { Section } from './common';
import { NumberField } from './number-field';
import { FILE_TYPES_PROBLEM, MAX_FILE_MEGABYTES, badFileTypes, type Draft } from './settings-form';

/**
 * Files people share (issue 18): the largest one relayed and put on tickets, and which types. The resolver checks
 * both again (src/domain/files.ts); the fields say what it would refuse as the admin types.
 */
export function FileSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  const bad = badFileTypes(draft.allowedFileTypes);
  return (
    <Section title="Files" description="Files and pictures people share are relayed to the other side as files and attached to the ticket. Others are refused, and their sender is told why.">
      <Stack space="space.200">
        <NumberField
          id={`${id}-max-file`}
          label="Largest file (MB)"
          help={`Files larger than this are not relayed (1 to ${MAX_FILE_MEGABYTES}).`}
          value={draft.maxFileMegabytes}
          min={1}
          max={MAX_FILE_MEGABYTES}
          readOnly={readOnly}
          onChange={(maxFileMegabytes) => update({ maxFileMegabytes })}
        />
        <Stack space="space.050">
          <Label htmlFor={`${id}-file-types`}>Allowed file types</Label>
          <div className="koji-field-medium">
            <Textfield
              id={`${id}-file-types`}
              value={draft.allowedFileTypes}
              isReadOnly={readOnly}
              isInvalid={bad.length > 0}
              aria-describedby={`${id}-file-types-help`}
              onChange={(e) => update({ allowedFileTypes: e.currentTarget.value })}
            />
          </div>
          <div id={`${id}-file-types-help`}>
            {bad.length > 0 && !readOnly ? (
              <ErrorMessage>{`${FILE_TYPES_PROBLEM} Not: ${bad.slice(0, 3).join(', ')}.`}</ErrorMessage>
            ) : (
              <HelperMessage>Extensions such as .pdf and MIME types such as image/*, separated by commas; */* allows any type.</HelperMessage>
            )}
          </div>
        </Stack>
      </Stack>
    </Section>
  );
}
