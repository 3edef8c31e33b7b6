import api, { route } from '@forge/api';
import { CONVERSATION_PROPERTY, type ConversationProperty } from '../../adapters/forge/jsm-ticket-service';
import { conversationTranscript } from '../../app/conversation-transcript';
import { buildServices } from '../../composition';
import { DomainError } from '../../domain/errors';
import { envelope } from '../resolver-envelope';
import type { ResolverHandler } from './resolver-kit';

class NoConversationError extends DomainError {
  readonly code = 'no_conversation';

  constructor() {
    super('This ticket was not created from a Koji conversation.');
  }
}

/** The issue panel's resolver: the transcript of the conversation a ticket came from. */
export const transcriptResolvers: Record<string, ResolverHandler> = {
  'transcript/get': ({ context }) =>
    envelope(async () => {
      const issueKey = (context as { extension?: { issue?: { key?: unknown } } } | undefined)?.extension?.issue?.key;
      if (typeof issueKey !== 'string' || !/^[A-Z][A-Z0-9_]*-\d+$/.test(issueKey)) throw new NoConversationError();
      // Only someone who may see the ticket may read its conversation: asked as them.
      const visible = await api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`, { headers: { Accept: 'application/json' } });
      if (!visible.ok) throw new NoConversationError();
      const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${CONVERSATION_PROPERTY}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new NoConversationError();
      const property = ((await response.json()) as { value?: ConversationProperty }).value;
      // Anyone who can edit an issue can write its properties: only a conversation id, never a user's bot history.
      if (!property?.conversationId || property.conversationId.startsWith('recent/')) throw new NoConversationError();
      return { conversation: property, transcript: await conversationTranscript(buildServices(), property.conversationId) };
    }),
};
