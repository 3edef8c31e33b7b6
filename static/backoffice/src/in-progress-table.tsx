import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Text } from '@atlaskit/primitives';
import type { ActivityListView, InProgressView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { countOf, ListSection, timeOf } from './activity-lists';
import { channelWords } from './channels';
import { formatAgo } from './format';
import { usePagedList } from './paged-list';

/** Conversations with an operator, longest running first; a row's last message is read when asked (Show when). */
export function InProgressList({ list, now, onExtended }: { readonly list: ActivityListView<InProgressView>; readonly now: number; readonly onExtended: (extended: boolean) => void }) {
  const paged = usePagedList(list, 'activity/in-progress');
  return (
    <ListSection title="In progress" count={countOf(list)} paged={paged} onExtended={onExtended}>
      {paged.rows.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          No conversation is in progress.
        </Text>
      ) : (
        <table className="koji-table" aria-label="Conversations in progress">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Channel</th>
              <th scope="col">Operator</th>
              <th scope="col">Started</th>
              <th scope="col">Last message</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((c) => (
              <tr key={c.conversationId}>
                <td className="koji-strong">{c.userName}</td>
                <td>{channelWords(c.user.channel).platform}</td>
                <td>{c.operatorName}</td>
                <td>{`${timeOf(c.startedAt)} (${formatAgo(c.startedAt, now)})`}</td>
                <td>
                  <LastMessage conversation={c} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListSection>
  );
}

type Checked = { readonly state: 'idle' | 'checking' } | { readonly state: 'done'; readonly text: string };

/**
 * The age of a conversation's newest message, read for this row only when the admin asks: reading it for
 * every row on every refresh would cost a read per conversation shown.
 */
function LastMessage({ conversation, now }: { readonly conversation: InProgressView; readonly now: number }) {
  const [checked, setChecked] = useState<Checked>({ state: 'idle' });
  if (checked.state === 'done') return <span role="status">{checked.text}</span>;
  const check = () => {
    setChecked({ state: 'checking' });
    void call('activity/last-message', { conversationId: conversation.conversationId, user: conversation.user }).then((answer) => {
      if (!answer.ok) return setChecked({ state: 'done', text: answer.error.message });
      const { running, at } = answer.data;
      setChecked({ state: 'done', text: !running ? 'Ended since' : at === undefined ? 'No message yet' : formatAgo(at, now) });
    });
  };
  return (
    <Button appearance="subtle" isLoading={checked.state === 'checking'} onClick={check} aria-label={`Show when the last message with ${conversation.userName} was`}>
      Show when
    </Button>
  );
}
