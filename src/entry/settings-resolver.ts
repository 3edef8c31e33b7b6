import Resolver from '@forge/resolver';
import { roleResolvers } from './resolvers/role-resolvers';
import { settingsResolvers } from './resolvers/settings-resolvers';
import { tenantResolvers } from './resolvers/tenant-resolvers';

/** The backoffice's resolvers, keyed `<resource>/<action>`. */
const resolver = new Resolver();
for (const [key, handler] of Object.entries({ ...settingsResolvers, ...tenantResolvers, ...roleResolvers })) {
  resolver.define(key, handler);
}

export const settingsResolver = resolver.getDefinitions();
