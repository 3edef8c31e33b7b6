import type { TicketEvent } from '../../app/follow-up/ticket-follow-up-port';
import { isIssueKey } from '../../domain/ticket-follow-up';

/** The Jira product events the app listens to (manifest.yml `trigger`). */
export const TICKET_EVENT_TYPES = ['avi:jira:commented:issue', 'avi:jira:updated:issue'] as const;

/** A changelog longer than this is a bulk edit, not a transition; Jira's own have a handful of items. */
const MAX_CHANGELOG_ITEMS = 100;

/** Jira's comment and changelog ids: decimal numbers. */
const isJiraId = (value: unknown): value is string => typeof value === 'string' && /^[1-9][0-9]{0,17}$/.test(value);

/**
 * A Forge product event narrowed to what the app acts on, every field checked for type, length and characters
 * before anything is read: a comment that may be public, or a status change. Anything else, or anything
 * malformed, is ignored with a reason, at no read. Only ids are taken from the event: what a comment says, and
 * whether it is public, and the status the ticket is in, are read from Jira (jsm-ticket-follow-ups.ts).
 */
export function narrowTicketEvent(payload: unknown): TicketEvent | { readonly ignored: string } {
  if (!isRecord(payload)) return { ignored: 'not an object' };
  const issue = isRecord(payload['issue']) ? payload['issue'] : undefined;
  const issueKey = issue?.['key'];
  if (!isIssueKey(issueKey)) return { ignored: 'no well-formed issue key' };
  if (payload['eventType'] === 'avi:jira:commented:issue') {
    const comment = isRecord(payload['comment']) ? payload['comment'] : undefined;
    if (!comment || !isJiraId(comment['id'])) return { ignored: 'no well-formed comment id' };
    // JSM says so when the comment is an internal note: nothing to tell, and nothing to read.
    if (comment['jsdPublic'] === false) return { ignored: 'internal comment' };
    return { kind: 'commented', issueKey, commentId: comment['id'] };
  }
  if (payload['eventType'] === 'avi:jira:updated:issue') {
    const changelog = isRecord(payload['changelog']) ? payload['changelog'] : undefined;
    const items = changelog?.['items'];
    if (!changelog || !isJiraId(changelog['id']) || !Array.isArray(items) || items.length > MAX_CHANGELOG_ITEMS) return { ignored: 'no well-formed changelog' };
    if (!items.some((item) => isRecord(item) && (item['fieldId'] === 'status' || item['field'] === 'status'))) return { ignored: 'not a status change' };
    return { kind: 'status-changed', issueKey, changeId: changelog['id'] };
  }
  return { ignored: 'not an event the app listens to' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
