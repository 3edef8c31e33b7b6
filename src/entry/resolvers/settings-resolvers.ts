import { liveActivity } from '../../app/settings/live-activity';
import { loadSettings } from '../../app/settings/project-settings';
import { requestTypesOf } from '../../adapters/forge/jsm-request-types';
import { saveSettingsChange } from '../../app/settings/update-settings';
import { auditSettingsChange } from './audit-trail';
import { buildServices } from '../../composition';
import { InvalidSettingsError } from '../../domain/errors';
import { SUPPORT_LABEL } from '../../domain/audit';
import { checkSettingsChange, type LiveAgentSettings, type SettingsChange } from '../../domain/settings';
import type { SettingsView } from '../../shared/resolver-contract';
import { forAdmins, type ResolverHandler } from './resolver-kit';

/**
 * The fields `settings/update` takes: every field of the contract's `SettingsView`, and only those (the compiler
 * refuses a field the contract has and this does not).
 */
const SETTING_FIELDS: { readonly [field in keyof Required<SettingsView>]: true } = {
  enabled: true,
  operatorCapacity: true,
  handoffPhrases: true,
  inactivityTimeoutMinutes: true,
  queueTimeoutMinutes: true,
  requestTypeId: true,
  // Presence (issue 17), and operator offers.
  returnToOperatorHours: true,
  idleAwayMinutes: true,
  operatorAssignment: true,
  offerWindowSeconds: true,
  missedOffersBeforeAway: true,
  ratingScale: true,
  ratingWindowHours: true,
  // Business hours
  timeZone: true,
  businessHours: true,
  // Saved replies (issue 18)
  savedReplies: true,
  // Files (issue 18)
  maxFileMegabytes: true,
  allowedFileTypes: true,
  // Languages (issue 19)
  defaultLanguage: true,
  localHandoffPhrases: true,
  // Conversation history (issue 20)
  retentionDays: true,
  // Ticket follow-up (issue 22)
  followUp: true,
  followUpStatuses: true,
  followUpReplies: true,
  // Privacy (issue 23)
  autoRedaction: true,
};

export const settingsResolvers: Record<string, ResolverHandler> = {
  // Only admins get an answer at all, so whoever reads the settings may edit them.
  'settings/get': forAdmins(async ({ projectId }) => ({ settings: viewOf(await loadSettings(buildServices(), projectId)), canEdit: true })),
  'request-types/list': forAdmins(async ({ projectId }) => ({ requestTypes: await requestTypesOf(projectId) })),
  'activity/get': forAdmins(async ({ projectId }) => liveActivity(buildServices(), projectId)),
  'settings/update': forAdmins(async ({ projectId, payload, accountId }) => {
    const change = settingsChangeOf(payload);
    await refuseForeignRequestType(projectId, change.requestTypeId);
    const { before, after } = await saveSettingsChange(buildServices({ projectId }), projectId, change);
    const changes = await auditSettingsChange({ projectId, accountId }, before, after);
    // What the save changed, in the backoffice's words, for its flag (the support switch is told apart, as on or off).
    return { settings: viewOf(after), changed: changes.map((c) => c.label).filter((label) => label !== SUPPORT_LABEL) };
  }),
};

/**
 * The domain can only tell that a request type id is digits; whether it is one of this project's
 * request types only Jira knows. Checked when it is chosen, so a ticket never fails on it later.
 * An empty id clears the choice; anything but digits is left to the domain's message.
 */
async function refuseForeignRequestType(projectId: string, requestTypeId: unknown): Promise<void> {
  if (typeof requestTypeId !== 'string' || !/^\d+$/.test(requestTypeId)) return;
  const types = await requestTypesOf(projectId);
  if (!types.some((t) => t.id === requestTypeId)) {
    throw new InvalidSettingsError([`The request type must be one of the project’s request types (there is none with id ${requestTypeId}).`]);
  }
}

/** The settings as the pages read them: the compiler refuses settings the contract cannot carry. */
function viewOf(settings: LiveAgentSettings): SettingsView {
  return settings;
}

/**
 * `payload.change` with only known fields, each checked for type and range (by the domain's rules) before any
 * storage read or write, and before Jira is asked about a request type.
 */
function settingsChangeOf(payload: unknown): SettingsChange {
  const change = (payload as { change?: unknown } | undefined)?.change;
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new InvalidSettingsError(['Send the settings to change as an object.']);
  }
  const unknownFields = Object.keys(change).filter((k) => !Object.hasOwn(SETTING_FIELDS, k));
  if (unknownFields.length > 0) throw new InvalidSettingsError([`Unknown settings: ${unknownFields.join(', ')}.`]);
  checkSettingsChange(change);
  return change;
}
