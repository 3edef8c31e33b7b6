import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';

/**
 * The server's rules (src/domain/handoff-phrases.ts), repeated here only to point at a problem before saving:
 * the server refuses the list whatever this shows.
 */
const MAX_PHRASES = 20;
const MAX_LENGTH = 80;

/** A phrase as Koji matches it: its words in lower case, so "Operator!" repeats "operator". */
const matchKey = (phrase: string) =>
  phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .join(' ');

/** What is wrong with the phrase at `index`, in words for the admin; undefined when nothing is. */
function problemOf(phrases: readonly string[], index: number): string | undefined {
  const phrase = (phrases[index] ?? '').trim();
  if (phrase.length === 0) return 'Empty: type a phrase or remove it.';
  if (phrase.length > MAX_LENGTH) return `At most ${MAX_LENGTH} characters.`;
  const key = matchKey(phrase);
  if (key.length === 0) return 'Has no letters or digits, so no message can match it.';
  const first = phrases.findIndex((p) => matchKey(p) === key);
  return first < index ? `Same as phrase ${first + 1}: remove one.` : undefined;
}

export function PhraseList({ phrases, readOnly, onChange }: { readonly phrases: readonly string[]; readonly readOnly: boolean; readonly onChange: (phrases: readonly string[]) => void }) {
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
        {phrases.map((phrase, index) => {
          const problem = problemOf(phrases, index);
          return (
            // Phrases may repeat while being edited, so the position is the key.
            <li key={index}>
              <Inline space="space.100" alignBlock="center">
                <Textfield
                  aria-label={`Phrase ${index + 1}`}
                  value={phrase}
                  width="large"
                  isInvalid={problem !== undefined}
                  aria-describedby={problem ? `${id}-problem-${index}` : undefined}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    onChange(phrases.map((p, i) => (i === index ? value : p)));
                  }}
                />
                <Button appearance="subtle" aria-label={`Remove phrase ${index + 1}`} onClick={() => onChange(phrases.filter((_, i) => i !== index))}>
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
      <HelperMessage>{`Users who talk to the assistant are told to type the first phrase. At most ${MAX_PHRASES} phrases.`}</HelperMessage>
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
