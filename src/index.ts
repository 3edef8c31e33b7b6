// Forge entry point: every export here is a `function[].handler` in manifest.yml (`index.<name>`),
// and nothing else is exported (test/foundation/manifest.test.ts checks both directions).
export { settingsResolver } from './entry/settings-resolver';
export { issuePanelResolver } from './entry/issue-panel-resolver';
export { slackWebtrigger } from './entry/slack-webtrigger';
export { teamsWebtrigger } from './entry/teams-webtrigger';
export { chatConsumer } from './entry/chat-consumer';
export { timeoutSweep } from './entry/timeout-sweep';
export { ticketEvents } from './entry/jira-ticket-events';
export { recordMigration } from './entry/record-migration';
