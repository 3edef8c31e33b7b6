import { isChatActionKind, type ChatActionKind } from '../../domain/outgoing-message';
import { clipText } from '../../domain/text';
import { boundedString, buttonValueFor, isButtonRef } from '../chat/payload-checks';

/** How much of a card's lead line its buttons carry back, to show on the card once used. */
export const CARD_LEAD_LIMIT = 240;

/**
 * Adaptive Card buttons carry `{ koji: <action>, c: <conversation>, v: <value>, t: <lead> }`
 * in their Action.Submit data. `t`, the card's first line (clipped), is there
 * because Teams returns only the data: it is what the used card still shows.
 */
export function cardActionData(kind: ChatActionKind, conversationId: string | undefined, value: string | undefined, lead?: string): Record<string, string> {
  const t = lead && clipText(lead, CARD_LEAD_LIMIT);
  return { koji: kind, ...(conversationId ? { c: conversationId } : {}), ...(value ? { v: value } : {}), ...(t ? { t } : {}) };
}

export function cardAction(
  value: Record<string, unknown>,
): { kind: ChatActionKind; conversationId?: string | undefined; value?: string | undefined; lead?: string | undefined } | undefined {
  const kind = value['koji'];
  if (!isChatActionKind(kind)) return undefined;
  // The app wrote c (a conversation id) and v (an operator's key); ones that could not be keys are dropped.
  return {
    kind,
    conversationId: isButtonRef(value['c']) ? value['c'] : undefined,
    value: buttonValueFor(kind, value['v']),
    lead: ((t) => (t === undefined ? undefined : clipText(t, CARD_LEAD_LIMIT, '')))(boundedString(value['t'], 4 * CARD_LEAD_LIMIT)),
  };
}
