import { participantKey, type Participant } from '../../domain/participant';

/**
 * Every storage key the app writes, in one place. Forge keys allow only
 * `[a-zA-Z0-9:._\s-#]`, at most 500 characters, so ids from Slack and Teams
 * (which contain `/`, `@`, `|` and more) are escaped: every character outside
 * `[A-Za-z0-9_-]` becomes `.` and two hex digits per UTF-8 byte. `:` stays free
 * as the separator. The `v1` segment lets a later layout live beside this one.
 */
export const KEY_VERSION = 'v1';

const SAFE_KEY_PART = /^[A-Za-z0-9_-]*$/;
const UNSAFE_ASCII = /[^A-Za-z0-9_-]/g;

export function escapeKeyPart(raw: string): string {
  // Most parts (Slack and Teams ids, UUIDs) need no escaping, and the rest are mostly ASCII (a participant
  // key's slashes), where a character is its byte: every relay builds a few keys.
  if (SAFE_KEY_PART.test(raw)) return raw;
  if (isAscii(raw)) return raw.replace(UNSAFE_ASCII, escapedByte);
  let out = '';
  for (const byte of Buffer.from(raw, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(ch) ? ch : `.${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function isAscii(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) > 0x7f) return false;
  return true;
}

function escapedByte(ch: string): string {
  return `.${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

export const storageKeys = {
  operator: (p: Participant) => `operator:${KEY_VERSION}:${escapeKeyPart(participantKey(p))}`,
  conversation: (user: Participant) => `session:${KEY_VERSION}:${escapeKeyPart(participantKey(user))}`,
  message: (conversationId: string, lineId: string) =>
    `message:${KEY_VERSION}:${escapeKeyPart(conversationId)}:${escapeKeyPart(lineId)}`,
  lastOperator: (user: Participant) => `last-operator:${KEY_VERSION}:${escapeKeyPart(participantKey(user))}`,
  /** Where an operator offer's card went (LiveAgentState.rememberCard), by the offer's id. */
  card: (key: string) => `card:${KEY_VERSION}:${escapeKeyPart(key)}`,
  /** Ratings (kvs-ratings.ts): the invite while the window is open, the rating, an operator's counts, the comment window. */
  ratingInvite: (conversationId: string) => `rating-invite:${KEY_VERSION}:${escapeKeyPart(conversationId)}`,
  rating: (conversationId: string) => `rating:${KEY_VERSION}:${escapeKeyPart(conversationId)}`,
  /** The assistant's deflection counts of one project on one day (`YYYY-MM-DD` in the project's time zone). */
  deflection: (projectId: string, day: string) => `deflection:${KEY_VERSION}:${escapeKeyPart(projectId)}:${day}`,
  /** The service figures of one project on one day (kvs-service-figures.ts), the project's and its operators'. */
  figures: (projectId: string, day: string) => `figures:${KEY_VERSION}:${escapeKeyPart(projectId)}:${day}`,
  satisfaction: (projectId: string, operator: Participant) => `satisfaction:${KEY_VERSION}:${escapeKeyPart(projectId)}:${escapeKeyPart(participantKey(operator))}`,
  /** The locale a person's platform gave when asked (LiveAgentState.rememberLocale), kept a month. */
  keptLocale: (p: Participant) => `locale:${KEY_VERSION}:${escapeKeyPart(participantKey(p))}`,
  ratingComment: (user: Participant) => `rating-comment:${KEY_VERSION}:${escapeKeyPart(participantKey(user))}`,
  /** A past conversation (kvs-history.ts), and a person seen in a project's history as user or operator. */
  history: (conversationId: string) => `history:${KEY_VERSION}:${escapeKeyPart(conversationId)}`,
  historyPerson: (projectId: string, role: string, p: Participant) => `history-person:${KEY_VERSION}:${escapeKeyPart(projectId)}:${role}:${escapeKeyPart(participantKey(p))}`,
  delivery: (deliveryId: string) => `delivery:${KEY_VERSION}:${escapeKeyPart(deliveryId)}`,
  /** A file offered to a Teams person through a file consent card, by its random id (teams-file-consent.ts). */
  fileConsent: (id: string) => `file-consent:${KEY_VERSION}:${escapeKeyPart(id)}`,
  settingsPrefix: `settings:${KEY_VERSION}:`,
  settings: (projectId: string) => `settings:${KEY_VERSION}:${escapeKeyPart(projectId)}`,
  ticketOfConversation: (conversationId: string) => `ticket:${KEY_VERSION}:${escapeKeyPart(conversationId)}`,
  conversationOfTicket: (issueKey: string) => `ticket-conversation:${KEY_VERSION}:${escapeKeyPart(issueKey)}`,
  /** One audit log entry (kvs-audit-log.ts): the project, then an id that starts with the time. */
  audit: (projectId: string, id: string) => `audit:${KEY_VERSION}:${escapeKeyPart(projectId)}:${escapeKeyPart(id)}`,
  /** How an erasure of one person in one project goes (kvs-person-records.ts), by a digest of the person: no id in the key. */
  erasure: (projectId: string, digest: string) => `erasure:${KEY_VERSION}:${escapeKeyPart(projectId)}:${digest}`,
  /** How a person of a Teams tenant is reached (teams-tenants.ts KvsTeamsReferences). */
  teamsPersonPrefix: (tenantId: string) => `teams-person:${KEY_VERSION}:${escapeKeyPart(tenantId)}:`,
} as const;

export const ENTITY = {
  operator: 'operator',
  conversation: 'session',
  message: 'message',
  rating: 'rating',
  satisfaction: 'satisfaction',
  deflection: 'deflection',
  audit: 'audit',
  figures: 'figures',
  history: 'history',
  historyPerson: 'history-person',
} as const;
export const INDEX = {
  operatorsByDutyAndRank: 'by-duty-rank',
  operatorsByTenant: 'by-tenant',
  /** Operators Koji took off duty (their chat could not be reached), newest first: the Overview. */
  operatorsByAway: 'by-away',
  sessionsByStateAndSince: 'by-state-since',
  sessionsByStateAndTimer: 'by-state-timer',
  messagesByConversation: 'by-conversation',
  auditByProjectAndTime: 'by-project-at',
  auditByProjectKindAndTime: 'by-project-kind-at',
  auditByProjectActorAndTime: 'by-project-actor-at',
  messagesByTime: 'by-time',
  historyByProject: 'by-project-ended',
  historyByUser: 'by-project-user',
  historyByOperator: 'by-project-operator',
  historyByTicket: 'by-project-ticket',
  historyPeople: 'by-project-role',
  /** Every record of a versioned entity (operators, conversations, ratings, counts, figures): the record migration job's pages. */
  everyByVersion: 'by-version',
  /** Every line one person wrote (export and erasure of a person). */
  messagesBySpeaker: 'by-speaker',
  /** The audit entries naming one person (export and erasure of a person). */
  auditByProjectAndSubject: 'by-project-subject',
} as const;
