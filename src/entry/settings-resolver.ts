import { webTrigger } from '@forge/api';
import Resolver from '@forge/resolver';
import { mayAdministerProject } from '../adapters/forge/jira-permissions';
import { loadSettings } from '../app/project-settings';
import { updateSettings } from '../app/update-settings';
import { buildServices } from '../composition';
import type { SettingsChange } from '../domain/settings';
import { InvalidSettingsError } from '../domain/errors';
import { ForbiddenError, envelope, projectIdOf } from './resolver-envelope';

const SETTING_FIELDS = ['enabled', 'operatorCapacity', 'handoffPhrases', 'inactivityTimeoutMinutes', 'queueTimeoutMinutes', 'requestTypeId'] as const;

/** The backoffice's resolvers, keyed `<resource>/<action>`. */
const resolver = new Resolver()
  .define('settings/get', ({ context }) =>
    envelope(async () => {
      const projectId = projectIdOf(context);
      const settings = await loadSettings(buildServices(), projectId);
      return { settings, canEdit: await mayAdministerProject(projectId) };
    }),
  )
  .define('settings/update', ({ payload, context }) =>
    envelope(async () => {
      const projectId = projectIdOf(context);
      if (!(await mayAdministerProject(projectId))) throw new ForbiddenError();
      const settings = await updateSettings(buildServices({ projectId }), projectId, settingsChangeOf(payload));
      return { settings };
    }),
  )
  .define('webtriggers/list', ({ context }) =>
    envelope(async () => {
      const projectId = projectIdOf(context);
      if (!(await mayAdministerProject(projectId))) throw new ForbiddenError();
      return { slack: await webTrigger.getUrl('slack-events'), teams: await webTrigger.getUrl('teams-activities') };
    }),
  );

export const settingsResolver = resolver.getDefinitions();

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
