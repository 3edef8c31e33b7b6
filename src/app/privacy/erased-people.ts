import type { Conversation } from '../../domain/conversation';
import { ERASED_NAME } from '../../domain/erased-person';
import type { Participant } from '../../domain/participant';
import type { LineRevisions } from '../edits/chat-edit';
import type { TranscriptLine } from '../../domain/transcript';

/** Whose erasure was asked for in a project (the erasure's own progress record, kept 30 days). */
export interface ErasedPeople {
  wasErased(projectId: string, person: Participant): Promise<boolean>;
}

interface Deps {
  readonly erased?: ErasedPeople | undefined;
  readonly transcripts: LineRevisions & { read(conversationId: string): Promise<TranscriptLine[]> };
}

/** findLines takes at most this many keys a call. */
const FIND_BATCH = 25;

/**
 * The conversation as it may be told of once it ends, or ticketed: without the operator who last served it
 * (Conversation.servedBy) when that operator's data was erased while the user still waited. Erasure cannot find
 * another person's waiting conversation, so History and a ticket ask here before they name them: one read, and only
 * for a conversation that nobody holds and somebody served. When they were erased, Koji's notes in its transcript
 * that name them ("Alice went off duty; …") are rewritten as erasure rewrites them elsewhere (ERASED_NAME) first.
 */
export async function forgetErasedServer(deps: Deps, conversation: Conversation): Promise<Conversation> {
  const { servedBy } = conversation;
  if (!servedBy || conversation.state.kind === 'with-operator' || !deps.erased) return conversation;
  if (!(await deps.erased.wasErased(conversation.projectId, servedBy.operator))) return conversation;
  await forgetNameInNotes(deps, conversation.id, servedBy.operatorName);
  const { servedBy: _erased, ...rest } = conversation;
  return rest;
}

async function forgetNameInNotes(deps: Deps, conversationId: string, name: string): Promise<void> {
  const named = (await deps.transcripts.read(conversationId)).filter((line) => line.role === 'system' && line.text.includes(name));
  for (let i = 0; i < named.length; i += FIND_BATCH) {
    const found = await deps.transcripts.findLines(named.slice(i, i + FIND_BATCH).map((line) => ({ conversationId, lineId: line.id })));
    for (const stored of found) await deps.transcripts.reviseLine(stored, { ...stored.line, text: stored.line.text.split(name).join(ERASED_NAME) });
  }
}
