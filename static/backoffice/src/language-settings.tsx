import { HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import type { LanguageView } from '../../../src/shared/resolver-contract';
import { Section } from './common';
import type { Draft } from './settings-form';

interface Option {
  readonly label: string;
  readonly value: LanguageView;
}

/** Each language in its own words, as the people who speak it would look for it. */
const LANGUAGES: readonly Option[] = [
  { label: 'English', value: 'en' },
  { label: 'Français', value: 'fr' },
  { label: 'Deutsch', value: 'de' },
];

/** The language Koji speaks in chat to people whose own it doesn't speak (issue 19). */
export function LanguageSettings({ id, draft, readOnly, update }: { readonly id: string; readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Section title="Languages">
      <Stack space="space.050">
        <Label htmlFor={`${id}-language`}>Default language</Label>
        <div className="koji-select-medium">
          <Select<Option>
            inputId={`${id}-language`}
            options={LANGUAGES}
            value={LANGUAGES.find((o) => o.value === draft.defaultLanguage) ?? null}
            isDisabled={readOnly}
            isSearchable={false}
            aria-describedby={`${id}-language-help`}
            onChange={(option) => {
              if (option) update({ defaultLanguage: option.value });
            }}
          />
        </div>
        <div id={`${id}-language-help`}>
          <HelperMessage>Koji answers each person in their own language when it is English, French or German (from their Slack or Teams settings); everyone else hears this one.</HelperMessage>
        </div>
      </Stack>
    </Section>
  );
}
