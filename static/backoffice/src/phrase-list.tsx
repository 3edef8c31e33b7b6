import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';

export function PhraseList({ phrases, readOnly, onChange }: { readonly phrases: readonly string[]; readonly readOnly: boolean; readonly onChange: (phrases: readonly string[]) => void }) {
  const id = useId();
  const [next, setNext] = useState('');
  const add = () => {
    const phrase = next.trim();
    if (!phrase) return;
    if (!phrases.some((p) => p.trim().toLowerCase() === phrase.toLowerCase())) onChange([...phrases, phrase]);
    setNext('');
  };

  if (readOnly) {
    return (
      <ul className="koji-phrase-tags" aria-label="Phrases that ask for a human">
        {phrases.map((phrase) => (
          <li key={phrase}>{phrase}</li>
        ))}
      </ul>
    );
  }

  return (
    <Stack space="space.100">
      <ul className="koji-phrase-list" aria-label="Phrases that ask for a human">
        {phrases.map((phrase, index) => (
          // Phrases may repeat while being edited, so the position is the key.
          <li key={index}>
            <Inline space="space.100" alignBlock="center">
              <Textfield
                aria-label={`Phrase ${index + 1}`}
                value={phrase}
                width="large"
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  onChange(phrases.map((p, i) => (i === index ? value : p)));
                }}
              />
              <Button appearance="subtle" aria-label={`Remove phrase “${phrase}”`} onClick={() => onChange(phrases.filter((_, i) => i !== index))}>
                Remove
              </Button>
            </Inline>
          </li>
        ))}
      </ul>
      <Stack space="space.050">
        <Label htmlFor={`${id}-new`}>Add a phrase</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id={`${id}-new`}
            value={next}
            width="large"
            placeholder="e.g. speak to someone"
            onChange={(e) => setNext(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button onClick={add} isDisabled={next.trim() === ''}>
            Add
          </Button>
        </Inline>
      </Stack>
    </Stack>
  );
}
