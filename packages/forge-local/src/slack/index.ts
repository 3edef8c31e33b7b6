export { SlackSandbox, type ClickedButton, type SentMessage, type SlackSandboxOptions } from './slack-sandbox';
export { CHAT_PAGE_PATH, SandboxInputError } from './chat-page';
export type { SandboxMessage } from './conversation-store';
export { TriggerUnreachableError, type TriggerResponse } from './trigger-delivery';
export type { SlackApiCall } from './web-api';
export {
  knowGeneratedPeople,
  SANDBOX_GENERAL_CHANNEL,
  SANDBOX_MEMBERS,
  SANDBOX_PEOPLE,
  SANDBOX_WORKSPACE,
  dmChannelOf,
  type SandboxPerson,
  type SandboxRole,
  type SlackMember,
} from './workspace';
