import Resolver from '@forge/resolver';
import { auditResolvers } from './resolvers/audit-resolvers';
import { dutyResolvers } from './resolvers/duty-resolvers';
import { overviewResolvers } from './resolvers/overview-resolvers';
import { privacyResolvers } from './resolvers/privacy-resolvers';
import { historyResolvers } from './resolvers/history-resolvers';
import { projectResolvers } from './resolvers/project-resolvers';
import { reportResolvers } from './resolvers/report-resolvers';
import { roleResolvers } from './resolvers/role-resolvers';
import { settingsResolvers } from './resolvers/settings-resolvers';
import { teamsPackageResolvers } from './resolvers/teams-package-resolvers';
import { tenantResolvers } from './resolvers/tenant-resolvers';

/**
 * The backoffice's resolvers (project settings and Jira's admin page), keyed `<resource>/<action>`:
 * every one for administrators only. The issue panel has its own function (issue-panel-resolver.ts),
 * so none of these can be invoked from an issue.
 */
const resolver = new Resolver();
for (const [key, handler] of Object.entries({ ...settingsResolvers, ...tenantResolvers, ...roleResolvers, ...dutyResolvers, ...overviewResolvers, ...teamsPackageResolvers, ...projectResolvers, ...auditResolvers, ...reportResolvers, ...historyResolvers, ...privacyResolvers })) {
  resolver.define(key, handler);
}

export const settingsResolver = resolver.getDefinitions();
