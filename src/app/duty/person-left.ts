import type { Participant } from '../../domain/participant';
import { dispatchQueue } from '../queue/dispatch-queue';
import { endConversation } from '../conversation/end-conversation';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { releaseOperator, tellHandedBack } from '../conversation/release-operator';

/** The reason on the record of an operator who removed the app, as the Overview shows it ("Microsoft Teams says …"). */
const UNINSTALLED = 'the Koji app was uninstalled';

/**
 * Someone can no longer be reached (they removed the app): whatever they had
 * open ends, and the other side is told. A user's conversation closes; an
 * operator's users go back to the front of the queue and are matched again.
 * Only in `projectId`, the project of the bot they removed.
 */
export async function personLeft(deps: CoreDeps, person: Participant, projectId: string): Promise<void> {
  const settings = await loadSettings(deps, projectId);
  // Only what they have in this project: another project's bot leaving says nothing of this one's.
  const conversation = await deps.state.getConversation(person);
  if (conversation?.value.projectId === projectId) await endConversation(deps, person, conversation.value.id, 'user-left', settings, { askForRating: false });
  const operator = await deps.state.getOperator(person);
  if (operator?.value.projectId === projectId && (operator.value.duty === 'on' || operator.value.assignments.length > 0)) {
    // As for any operator who can't be reached, the Overview says who and why.
    const released = await releaseOperator(deps, person, { unreachable: UNINSTALLED });
    await tellHandedBack(deps, projectId, released?.requeued ?? [], { kind: 'unreachable', name: operator.value.displayName });
    await dispatchQueue(deps, projectId, settings);
  }
}
