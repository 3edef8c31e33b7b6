import Resolver from '@forge/resolver';

/** Resolver behind the backoffice pages; no resolver functions are defined yet. */
const resolver = new Resolver();

export const settingsResolver = resolver.getDefinitions();
