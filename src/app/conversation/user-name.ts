import { KojiError } from '../../domain/koji-error';
import type { Participant } from '../../domain/participant';
import type { CoreDeps } from '../ports';

/** The name people will see for a chat user; falls back to the platform id rather than failing a handoff. */
export async function displayNameOf(
  deps: Pick<CoreDeps, 'chat' | 'log'>,
  participant: Participant,
  known?: string,
): Promise<string> {
  if (known && known.trim().length > 0) return known.trim();
  try {
    const profile = await deps.chat.profile(participant);
    return profile.displayName.trim() || participant.userId;
  } catch (error) {
    if (!(error instanceof KojiError)) throw error;
    deps.log.warn('profile_unavailable', { userId: participant.userId, code: error.code });
    return participant.userId;
  }
}
