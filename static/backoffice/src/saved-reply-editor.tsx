import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { SavedReplyView } from '../../../src/shared/resolver-contract';
import { duplicateProblem, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, nameProblem, textProblems } from './saved-reply-rules';

interface EditorProps {
  /** The reply edited, or an empty one to add. */
  readonly reply: SavedReplyView;
  /** Every other reply, whose names this one must not repeat. */
  readonly others: readonly SavedReplyView[];
  readonly saving: boolean;
  readonly onSave: (reply: SavedReplyView) => void;
  readonly onCancel: () => void;
}

/** One reply's name and text, with what is wrong shown under each as the admin types (the resolver's words). */
export function SavedReplyEditor({ reply, others, saving, onSave, onCancel }: EditorProps) {
  const id = useId();
  const [name, setName] = useState(reply.name);
  const [text, setText] = useState(reply.text);
  // An untouched empty field is not yet a mistake; one typed in, or a Save, shows its problems.
  const [shown, setShown] = useState({ name: reply.name !== '', text: reply.text !== '' });
  const nameProblems = [nameProblem(name), duplicateProblem(name, others)].filter((p) => p !== undefined);
  const bodyProblems = textProblems(text);
  const save = () => {
    setShown({ name: true, text: true });
    if (nameProblems.length === 0 && bodyProblems.length === 0) onSave({ name: name.trim(), text: text.trim() });
  };

  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <div className="koji-field-medium">
          <Textfield
            id={`${id}-name`}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setShown((s) => ({ ...s, name: true }));
            }}
            isInvalid={shown.name && nameProblems.length > 0}
            aria-describedby={`${id}-name-help`}
          />
        </div>
        <div id={`${id}-name-help`}>
          {shown.name && nameProblems.length > 0 ? (
            nameProblems.map((p) => <ErrorMessage key={p}>{p}</ErrorMessage>)
          ) : (
            <HelperMessage>{`What operators type after #reply: letters, digits, spaces, - and _, at most ${MAX_NAME_LENGTH}.`}</HelperMessage>
          )}
        </div>
      </Stack>
      <Stack space="space.050">
        <Label htmlFor={`${id}-text`}>Text</Label>
        <textarea
          id={`${id}-text`}
          className="koji-textarea"
          rows={5}
          value={text}
          aria-invalid={shown.text && bodyProblems.length > 0}
          aria-describedby={`${id}-text-help`}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setShown((s) => ({ ...s, text: true }));
          }}
        />
        <div id={`${id}-text-help`}>
          {shown.text && bodyProblems.length > 0 ? (
            bodyProblems.map((p) => <ErrorMessage key={p}>{p}</ErrorMessage>)
          ) : (
            <HelperMessage>{`What the user gets, at most ${MAX_TEXT_LENGTH.toLocaleString('en')} characters (${text.trim().length.toLocaleString('en')} now).`}</HelperMessage>
          )}
        </div>
      </Stack>
      <Inline space="space.100">
        <Button appearance="primary" isLoading={saving} onClick={save}>
          Save reply
        </Button>
        <Button appearance="subtle" isDisabled={saving} onClick={onCancel}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}
