import Resolver from '@forge/resolver';
import { transcriptResolvers } from './resolvers/transcript-resolvers';

/**
 * The issue panel's resolver function: only the ticket's conversation, for whoever may browse the
 * ticket. A function of its own, so that nothing of the backoffice is reachable from an issue.
 */
const resolver = new Resolver();
for (const [key, handler] of Object.entries(transcriptResolvers)) resolver.define(key, handler);

export const issuePanelResolver = resolver.getDefinitions();
