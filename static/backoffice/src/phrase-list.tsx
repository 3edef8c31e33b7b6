import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { MAX_PHRASES, matchKey, problemOf } from './phrase-rules';

const MAIN_HELP = 'Users who talk to the assistant are told to type the first phrase.';

export interface PhraseListProps {
  readonly phrases: readonly string[];
  readonly readOnly: boolean;
  readonly onChange: (phrases: readonly string[]) => void;
  /** The list's name for assistive technology; the main list's by default. */
  readonly name?: string;
  /** What one entry is called, in lower case: "phrase" gives "Phrase 2", "Remove phrase 2" and "Add a phrase". */
  readonly noun?: string;
  readonly help?: string;
  readonly placeholder?: string;
}

export function PhraseList({ phrases, readOnly, onChange, name = 'Phrases that ask for a human', noun = 'phrase', help = MAIN_HELP, placeholder = 'e.g. speak to someone' }: PhraseListProps) {
  const id = useId();
  const [next, setNext] = useState('');
  const full = phrases.length >= MAX_PHRASES;
  const nextKey = matchKey(next);
  const repeated = nextKey.length > 0 && phrases.some((p) => matchKey(p) === nextKey);
  const add = () => {
    const phrase = next.trim();
    // Kept in the field, not cleared, so the admin sees why nothing was added.
    if (!phrase || repeated || full) return;
    onChange([...phrases, phrase]);
    setNext('');
  };

  const itemLabel = (index: number) => `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`;

  if (readOnly) {
    if (phrases.length === 0) return <Text color="color.text.subtle">None.</Text>;
    return (
      <ul className="koji-phrase-tags" aria-label={name}>
        {phrases.map((phrase) => (
          <li key={phrase}>{phrase}</li>
        ))}
      </ul>
    );
  }

  return (
    <Stack space="space.100">
      <ul className="koji-phrase-list" aria-label={name}>
        {phrases.map((phrase, index) => {
          const problem = problemOf(phrases, index);
          return (
            // Phrases may repeat while being edited, so the position is the key.
            <li key={index}>
              <Inline space="space.100" alignBlock="center">
                <Textfield
                  aria-label={itemLabel(index)}
                  value={phrase}
                  width="large"
                  isInvalid={problem !== undefined}
                  aria-describedby={problem ? `${id}-problem-${index}` : undefined}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    onChange(phrases.map((p, i) => (i === index ? value : p)));
                  }}
                />
                <Button appearance="subtle" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => onChange(phrases.filter((_, i) => i !== index))}>
                  Remove
                </Button>
              </Inline>
              {problem ? (
                <div id={`${id}-problem-${index}`}>
                  <ErrorMessage>{problem}</ErrorMessage>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <HelperMessage>{`${help} At most ${MAX_PHRASES} phrases.`}</HelperMessage>
      <Stack space="space.050">
        <Label htmlFor={`${id}-new`}>{`Add a ${noun}`}</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id={`${id}-new`}
            value={next}
            width="large"
            placeholder={placeholder}
            onChange={(e) => setNext(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button onClick={add} isDisabled={next.trim() === '' || repeated || full}>
            Add
          </Button>
        </Inline>
        {repeated ? <ErrorMessage>Already in the list.</ErrorMessage> : null}
        {full ? <HelperMessage>{`The list holds ${MAX_PHRASES} phrases: remove one to add another.`}</HelperMessage> : null}
      </Stack>
    </Stack>
  );
}
