import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { CONVERSATION_PROPERTY, type ConversationProperty } from '../../adapters/forge/jsm-ticket-service';
import { KvsTicketLinks } from '../../adapters/forge/kvs-ticket-links';
import { conversationTranscript, type ConversationTranscript } from '../../app/transcript/conversation-transcript';
import { buildServices } from '../../composition';
import { KojiError } from '../../domain/koji-error';
import { isSafeLink } from '../../domain/transcript';
import { envelope } from '../resolver-envelope';
import type { ResolverHandler } from './resolver-kit';

class NoConversationError extends KojiError {
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
      // Anyone who can edit an issue can rewrite its properties, so the conversation is the one the app
      // itself recorded for this ticket when it made it; a property naming another is refused.
      const conversationId = await new KvsTicketLinks(kvs).conversationOf(issueKey);
      if (!conversationId) throw new NoConversationError();
      const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${CONVERSATION_PROPERTY}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new NoConversationError();
      const property = ((await response.json()) as { value?: ConversationProperty }).value;
      if (property?.conversationId !== conversationId) throw new NoConversationError();
      return { conversation: property, transcript: withSafeLinks(await conversationTranscript(buildServices(), conversationId)) };
    }),
};

/** Attachment links become hrefs in the panel: https only, whatever a chat platform handed over. */
export function withSafeLinks(transcript: ConversationTranscript): ConversationTranscript {
  return {
    ...transcript,
    lines: transcript.lines.map((line) => (line.attachments ? { ...line, attachments: line.attachments.filter((a) => isSafeLink(a.url)) } : line)),
  };
}
