import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives';
import type { SavedReplyView, SettingsView } from '../../../src/shared/resolver-contract';
import { Section } from './common';
import { ConfirmDialog } from './confirm-dialog';
import { useSaveReplies } from './saved-replies';
import { SavedReplyEditor } from './saved-reply-editor';
import { MAX_SAVED_REPLIES } from './saved-reply-rules';

const PLACEHOLDERS = 'In a text, {user} becomes the user’s name, {operator} the operator’s and {ticket} the key of the conversation’s ticket (an operator is asked to create the ticket first when there is none). Write {{ and }} for a brace.';

const preview = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

/** The project's saved replies: texts operators send with `#reply <name>`; each added, edited or deleted is saved at once. */
export function SavedRepliesPanel({ settings, canEdit, onSaved }: { readonly settings: SettingsView; readonly canEdit: boolean; readonly onSaved: (settings: SettingsView) => void }) {
  const replies = settings.savedReplies ?? [];
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  const [deleting, setDeleting] = useState<SavedReplyView | undefined>();
  const { saving, save } = useSaveReplies(onSaved);
  const full = replies.length >= MAX_SAVED_REPLIES;

  const saveEdited = (reply: SavedReplyView) => {
    const next = editing === 'new' ? [...replies, reply] : replies.map((r, i) => (i === editing ? reply : r));
    void save(next, editing === 'new' ? `Saved reply “${reply.name}” added` : `Saved reply “${reply.name}” saved`).then((ok) => {
      if (ok) setEditing(undefined);
    });
  };

  return (
    <Section
      title="Saved replies"
      description={`Operators send one to the user they are talking to with #reply and its name (or the start of it); #reply alone lists them. At most ${MAX_SAVED_REPLIES}. ${PLACEHOLDERS}`}
    >
      <Stack space="space.200">
        {replies.length === 0 ? <Text as="p">No saved replies yet.</Text> : null}
        {replies.length > 0 ? (
          <table className="koji-table" aria-label="Saved replies">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Text</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="koji-offscreen">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {replies.map((reply, i) => (
                <tr key={reply.name}>
                  <td className="koji-strong">{reply.name}</td>
                  <td className="koji-reply-text">{preview(reply.text)}</td>
                  {canEdit ? (
                    <td className="koji-actions">
                      <Button onClick={() => setEditing(i)} isDisabled={editing !== undefined} aria-label={`Edit ${reply.name}`}>
                        Edit
                      </Button>{' '}
                      <Button onClick={() => setDeleting(reply)} isDisabled={editing !== undefined} aria-label={`Delete ${reply.name}`}>
                        Delete
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {canEdit && editing !== undefined ? (
          <SavedReplyEditor
            key={String(editing)}
            reply={editing === 'new' ? { name: '', text: '' } : (replies[editing] ?? { name: '', text: '' })}
            others={replies.filter((_, i) => i !== editing)}
            saving={saving}
            onSave={saveEdited}
            onCancel={() => setEditing(undefined)}
          />
        ) : null}
        {canEdit && editing === undefined ? (
          <div>
            <Button onClick={() => setEditing('new')} isDisabled={full}>
              Add a reply
            </Button>
          </div>
        ) : null}
        {full ? <Text color="color.text.subtle">{`There are ${MAX_SAVED_REPLIES} saved replies, the most a project can have: delete one to add another.`}</Text> : null}
      </Stack>
      <ConfirmDialog
        isOpen={deleting !== undefined}
        title={`Delete the saved reply “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete"
        busy={saving}
        onCancel={() => setDeleting(undefined)}
        onConfirm={() => {
          const gone = deleting;
          void save(
            replies.filter((r) => r !== gone),
            `Saved reply “${gone?.name ?? ''}” deleted`,
          ).then(() => setDeleting(undefined));
        }}
      >
        <Text as="p">Operators can no longer send it; pick lists already shown say it is gone.</Text>
      </ConfirmDialog>
    </Section>
  );
}
