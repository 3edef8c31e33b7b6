import { liveActivity } from '../../app/live-activity';
import { loadSettings } from '../../app/project-settings';
import { requestTypesOf } from '../../adapters/forge/jsm-request-types';
import { updateSettings } from '../../app/update-settings';
import { mayAdministerProject } from '../../adapters/forge/jira-permissions';
import { buildServices } from '../../composition';
import { InvalidSettingsError } from '../../domain/errors';
import type { SettingsChange } from '../../domain/settings';
import { forAdmins, forViewers, type ResolverHandler } from './resolver-kit';

const SETTING_FIELDS = ['enabled', 'operatorCapacity', 'handoffPhrases', 'inactivityTimeoutMinutes', 'queueTimeoutMinutes', 'requestTypeId'] as const;

export const settingsResolvers: Record<string, ResolverHandler> = {
  'settings/get': forViewers(async ({ projectId }) => ({
    settings: await loadSettings(buildServices(), projectId),
    canEdit: await mayAdministerProject(projectId),
  })),
  'request-types/list': forViewers(async ({ projectId }) => ({ requestTypes: await requestTypesOf(projectId) })),
  'activity/get': forViewers(async ({ projectId }) => liveActivity(buildServices(), projectId)),
  'settings/update': forAdmins(async ({ projectId, payload }) => ({
    settings: await updateSettings(buildServices({ projectId }), projectId, settingsChangeOf(payload)),
  })),
};

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
