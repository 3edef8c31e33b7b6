export { AgentsPlaygroundBridge, PLAYGROUND_MESSAGES_PATH, refuseUnlessLocal, type AgentsPlaygroundBridgeOptions } from './agents-playground-bridge';
export { toPlaygroundTenant, type PlaygroundActivity, type PlaygroundMapping } from './playground-activity';
export { agentsPlaygroundCommand, type AgentsPlaygroundCommand } from './playground-command';
export { ensurePlaygroundTenant } from './playground-tenant-connection';
export { TEAMS_PLAYGROUND } from './playground-tenant';
