export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type Attachments = Record<string, unknown>[];

export type AttachmentsCheck = { readonly ok: true; readonly attachments: Attachments | undefined } | { readonly ok: false; readonly message: string };

/**
 * What the connector takes as `attachments`: an array of `{contentType, content}`;
 * an Adaptive Card's content must be an `AdaptiveCard` object whose `body` and
 * `actions`, when given, are arrays.
 */
export function checkAttachments(value: unknown): AttachmentsCheck {
  if (value === undefined || value === null) return { ok: true, attachments: undefined };
  if (!Array.isArray(value)) return { ok: false, message: 'attachments must be an array.' };
  for (const [i, attachment] of value.entries()) {
    if (!isRecord(attachment) || typeof attachment['contentType'] !== 'string') return { ok: false, message: `attachments[${i}] needs a contentType.` };
    if (attachment['contentType'] !== ADAPTIVE_CARD_CONTENT_TYPE) continue;
    const card = attachment['content'];
    if (!isRecord(card) || card['type'] !== 'AdaptiveCard') return { ok: false, message: `attachments[${i}].content is not an AdaptiveCard.` };
    for (const field of ['body', 'actions'] as const) {
      if (card[field] !== undefined && !Array.isArray(card[field])) return { ok: false, message: `attachments[${i}].content.${field} must be an array.` };
    }
  }
  return { ok: true, attachments: value as Attachments };
}

/** An `Action.Submit` of a card: its title, optional id, and the data a click sends as the activity's `value`. */
export interface SubmitAction {
  readonly index: number;
  readonly title: string;
  readonly id?: string | undefined;
  readonly data: unknown;
}

/** Marker the sandbox adds to each Action.Submit it shows on the chat page, so a click names the action by its index. */
export const SUBMIT_INDEX_FIELD = 'sandboxSubmitIndex';

/**
 * Every `Action.Submit` of the message's Adaptive Cards, in document order
 * (each card's body depth-first, then its `actions`), numbered from 0.
 */
export function submitActions(attachments: readonly Record<string, unknown>[] | undefined): SubmitAction[] {
  const found: SubmitAction[] = [];
  walkSubmitActions(attachments, (action) => {
    found.push({
      index: found.length,
      title: typeof action['title'] === 'string' ? action['title'] : '',
      id: typeof action['id'] === 'string' ? action['id'] : undefined,
      data: action['data'],
    });
    return action;
  });
  return found;
}

/** A copy of the attachments with each Action.Submit carrying its index in `sandboxSubmitIndex`. */
export function numberSubmitActions(attachments: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  let next = 0;
  return walkSubmitActions(attachments, (action) => ({ ...action, [SUBMIT_INDEX_FIELD]: next++ })) ?? [];
}

type Visit = (action: Record<string, unknown>) => Record<string, unknown>;

function walkSubmitActions(attachments: readonly Record<string, unknown>[] | undefined, visit: Visit): Record<string, unknown>[] | undefined {
  return attachments?.map((attachment) => {
    if (attachment['contentType'] !== ADAPTIVE_CARD_CONTENT_TYPE || !isRecord(attachment['content'])) return attachment;
    const card = attachment['content'];
    const body = Array.isArray(card['body']) ? { body: card['body'].map((e: unknown) => walkElement(e, visit)) } : {};
    const actions = Array.isArray(card['actions']) ? { actions: card['actions'].map((a: unknown) => walkAction(a, visit)) } : {};
    return { ...attachment, content: { ...card, ...body, ...actions } };
  });
}

function walkElement(element: unknown, visit: Visit): unknown {
  if (!isRecord(element)) return element;
  const copy: Record<string, unknown> = { ...element };
  if (Array.isArray(element['items'])) copy['items'] = element['items'].map((e: unknown) => walkElement(e, visit));
  if (Array.isArray(element['columns'])) copy['columns'] = element['columns'].map((e: unknown) => walkElement(e, visit));
  if (Array.isArray(element['actions'])) copy['actions'] = element['actions'].map((a: unknown) => walkAction(a, visit));
  return copy;
}

function walkAction(action: unknown, visit: Visit): unknown {
  return isRecord(action) && action['type'] === 'Action.Submit' ? visit(action) : action;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
