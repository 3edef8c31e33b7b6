import { liveActivity } from '../../app/settings/live-activity';
import { loadSettings } from '../../app/settings/project-settings';
import { requestTypesOf } from '../../adapters/forge/jsm-request-types';
import { updateSettings } from '../../app/settings/update-settings';
import { buildServices } from '../../composition';
import { InvalidSettingsError } from '../../domain/errors';
import type { SettingsChange } from '../../domain/settings';
import { forAdmins, type ResolverHandler } from './resolver-kit';

const SETTING_FIELDS = [
  'enabled',
  'operatorCapacity',
  'handoffPhrases',
  'inactivityTimeoutMinutes',
  'queueTimeoutMinutes',
  'requestTypeId',
  // Presence (issue 17).
  'returnToOperatorHours',
  'idleAwayMinutes',
  // Operator offers (issue 17).
  'operatorAssignment',
  'offerWindowSeconds',
  'missedOffersBeforeAway',
  // Business hours
  'timeZone',
  'businessHours',
] as const;

export const settingsResolvers: Record<string, ResolverHandler> = {
  // Only admins get an answer at all, so whoever reads the settings may edit them.
  'settings/get': forAdmins(async ({ projectId }) => ({ settings: await loadSettings(buildServices(), projectId), canEdit: true })),
  'request-types/list': forAdmins(async ({ projectId }) => ({ requestTypes: await requestTypesOf(projectId) })),
  'activity/get': forAdmins(async ({ projectId }) => liveActivity(buildServices(), projectId)),
  'settings/update': forAdmins(async ({ projectId, payload }) => {
    const change = settingsChangeOf(payload);
    await refuseForeignRequestType(projectId, change.requestTypeId);
    return { settings: await updateSettings(buildServices({ projectId }), projectId, change) };
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

/** Keeps only the known fields of `payload.change`; their values are checked by the domain. */
function settingsChangeOf(payload: unknown): SettingsChange {
  const change = (payload as { change?: unknown } | undefined)?.change;
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new InvalidSettingsError(['Send the settings to change as an object.']);
  }
  const unknownFields = Object.keys(change).filter((k) => !(SETTING_FIELDS as readonly string[]).includes(k));
  if (unknownFields.length > 0) throw new InvalidSettingsError([`Unknown settings: ${unknownFields.join(', ')}.`]);
  return change;
}
