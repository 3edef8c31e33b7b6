import type { ChatActionKind } from '../../domain/outgoing-message';

/**
 * The buttons each surface shows as the one to press (Slack's `primary`, an Adaptive Card's `positive`): taking a
 * user you are offered. The others stay plain; none is styled as destructive, as none undoes anything.
 */
const PRIMARY_ACTIONS: ReadonlySet<ChatActionKind> = new Set<ChatActionKind>(['accept-offer']);

export function isPrimaryAction(kind: ChatActionKind): boolean {
  return PRIMARY_ACTIONS.has(kind);
}
