import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives';
import type { HistoryEntryView, HistorySearchRequest } from '../../../src/shared/resolver-contract';
import { Loading, Problem, Section } from './common';
import { HistoryConversation } from './history-conversation';
import { HistoryFilters } from './history-filters';
import { HistoryResults } from './history-results';
import { useHistorySearch } from './history-search';

/**
 * History: past conversations of this project, newest first, 20 a page; found by a user or an operator picked
 * from those in the history, a channel, the days they ended, a ticket key; each opened to read it whole.
 */
export function HistoryPanel({ retentionDays }: { readonly retentionDays: number }) {
  const [search, setSearch] = useState<HistorySearchRequest>({});
  const [open, setOpen] = useState<HistoryEntryView | undefined>();
  const { result, loadMore, retry } = useHistorySearch(search);
  const conversations = result.state === 'idle' ? [] : result.conversations;

  return (
    <Stack space="space.300">
      <Section
        title="Conversation history"
        description={`Conversations that ended in the last ${retentionDays} days, with their transcripts, ratings and tickets. Older ones are deleted; change how long in Settings › Retention.`}
      >
        <HistoryFilters onSearch={setSearch} />
      </Section>
      {result.state === 'failed' ? <Problem title="The history could not be read" message={result.message} onRetry={retry} /> : null}
      {result.state === 'loading' && conversations.length === 0 ? <Loading label="Loading past conversations" /> : null}
      {result.state === 'ready' || conversations.length > 0 ? <HistoryResults conversations={conversations} onOpen={setOpen} more={loadMore !== undefined} /> : null}
      {loadMore || (result.state === 'loading' && conversations.length > 0) ? (
        <div>
          <Button onClick={loadMore} isLoading={result.state === 'loading'}>
            Load more
          </Button>
        </div>
      ) : null}
      {result.state === 'ready' && !loadMore && conversations.length > 0 ? (
        <Text as="p" color="color.text.subtle" size="small">
          {`${conversations.length} ${conversations.length === 1 ? 'conversation' : 'conversations'}: that is all.`}
        </Text>
      ) : null}
      <HistoryConversation entry={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}
