import type { Participant } from './participant';

/**
 * What others' records keep of a person whose data was erased (issue 23): this name instead of theirs, and this
 * id where a record must name someone (a rating's operator), so nothing left names them.
 */
export const ERASED_NAME = 'erased person';
export const ERASED_USER_ID = 'erased';

/** The stand-in for an erased person in a record of their channel and tenant. */
export function erasedParticipant(of: Participant): Participant {
  return { channel: of.channel, tenantId: of.tenantId, userId: ERASED_USER_ID };
}
