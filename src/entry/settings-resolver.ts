import Resolver from '@forge/resolver';
import { projectResolvers } from './resolvers/project-resolvers';
import { roleResolvers } from './resolvers/role-resolvers';
import { settingsResolvers } from './resolvers/settings-resolvers';
import { teamsPackageResolvers } from './resolvers/teams-package-resolvers';
import { tenantResolvers } from './resolvers/tenant-resolvers';
import { transcriptResolvers } from './resolvers/transcript-resolvers';

/** The resolvers behind the backoffice and the issue panel, keyed `<resource>/<action>`. */
const resolver = new Resolver();
for (const [key, handler] of Object.entries({ ...settingsResolvers, ...tenantResolvers, ...roleResolvers, ...transcriptResolvers, ...teamsPackageResolvers, ...projectResolvers })) {
  resolver.define(key, handler);
}

export const settingsResolver = resolver.getDefinitions();
