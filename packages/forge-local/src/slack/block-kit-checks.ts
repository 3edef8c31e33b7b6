import { newBlockId } from './slack-ids';

export type Blocks = Record<string, unknown>[];

export type BlocksCheck =
  | { readonly ok: true; readonly blocks: Blocks | undefined }
  | { readonly ok: false; readonly error: 'invalid_blocks' | 'invalid_blocks_format'; readonly messages: string[] };

/**
 * Reads the `blocks` form field and applies the Block Kit limits Slack
 * enforces that Koji's messages could run into (Slack answers `invalid_blocks`
 * with `[ERROR] … [json-pointer:…]` lines); then gives every block without a
 * `block_id` a random one, as Slack does.
 */
export function checkBlocks(raw: string | undefined): BlocksCheck {
  if (raw === undefined || raw === '') return { ok: true, blocks: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'invalid_blocks_format', messages: ['[ERROR] blocks is not valid JSON'] };
  }
  if (!Array.isArray(parsed) || !parsed.every(isRecord)) {
    return { ok: false, error: 'invalid_blocks_format', messages: ['[ERROR] blocks must be an array of objects'] };
  }
  const blocks = parsed;
  const messages: string[] = [];
  const problem = (pointer: string, what: string) => messages.push(`[ERROR] ${what} [json-pointer:/blocks${pointer}]`);
  if (blocks.length > 50) problem('', 'no more than 50 items allowed');
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    if (typeof block['type'] !== 'string') problem(`/${i}`, 'missing required field: type');
    const blockId = block['block_id'];
    if (typeof blockId === 'string') {
      if (blockIds.has(blockId)) problem(`/${i}/block_id`, 'block_id must be unique in a message');
      if (blockId.length > 255) problem(`/${i}/block_id`, 'must be less than 256 characters');
      blockIds.add(blockId);
    }
    if (block['type'] === 'section') checkText(block['text'], 3000, `/${i}/text`, problem);
    if (block['type'] === 'actions') checkActions(block['elements'], `/${i}/elements`, problem);
  });
  if (messages.length > 0) return { ok: false, error: 'invalid_blocks', messages };
  return { ok: true, blocks: blocks.map((b) => (typeof b['block_id'] === 'string' ? b : { ...b, block_id: newBlockId() })) };
}

type Problem = (pointer: string, what: string) => void;

function checkActions(elements: unknown, pointer: string, problem: Problem): void {
  if (!Array.isArray(elements) || elements.length === 0) return problem(pointer, 'must provide at least 1 element');
  if (elements.length > 25) problem(pointer, 'no more than 25 items allowed');
  const actionIds = new Set<string>();
  elements.forEach((element: unknown, j) => {
    const at = `${pointer}/${j}`;
    if (!isRecord(element)) return problem(at, 'must be an object');
    const actionId = element['action_id'];
    if (typeof actionId === 'string') {
      if (actionId.length > 255) problem(`${at}/action_id`, 'must be less than 256 characters');
      if (actionIds.has(actionId)) problem(`${at}/action_id`, 'action_id must be unique in a block');
      actionIds.add(actionId);
    }
    if (element['type'] === 'button') {
      checkText(element['text'], 75, `${at}/text`, problem, 'plain_text');
      const value = element['value'];
      if (value !== undefined && (typeof value !== 'string' || value.length > 2000)) problem(`${at}/value`, 'must be a string of less than 2001 characters');
      const style = element['style'];
      if (style !== undefined && style !== 'primary' && style !== 'danger') problem(`${at}/style`, 'must be one of [primary, danger]');
    }
  });
}

function checkText(text: unknown, max: number, pointer: string, problem: Problem, onlyType?: string): void {
  if (!isRecord(text) || typeof text['text'] !== 'string' || typeof text['type'] !== 'string') return problem(pointer, 'must be a text object');
  if (onlyType && text['type'] !== onlyType) problem(`${pointer}/type`, `must be ${onlyType}`);
  if (text['text'].length === 0) problem(`${pointer}/text`, 'must be more than 0 characters');
  if (text['text'].length > max) problem(`${pointer}/text`, `must be less than ${max + 1} characters`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
