export {
  TEAMS_PATHS,
  TeamsSandbox,
  type ActivityInput,
  type DeliveryOptions,
  type SandboxBot,
  type TeamsDelivery,
  type TeamsInstall,
  type TeamsSandboxEndpoints,
  type TeamsSandboxOptions,
} from './teams-sandbox';
export type { TeamsAccount, TeamsActivity, TeamsConversationAccount } from './activities';
export { ADAPTIVE_CARD_CONTENT_TYPE, submitActions, type SubmitAction } from './adaptive-cards';
export { TEAMS_CHAT_PAGE_PATH, TeamsSandboxInputError } from './chat-page';
export { MAX_ACTIVITY_BYTES, type TeamsApiCall } from './connector';
export type { TeamsSandboxMessage } from './conversation-store';
export { TEAMS_OPERATIONS, type Misbehaviour, type TeamsOperation } from './failures';
export { BOT_FRAMEWORK_ISSUER, INBOUND_TOKEN_LIFETIME_S, TOKEN_VARIANTS, type TokenVariant } from './inbound-auth';
export { CHANNEL_ENDORSEMENTS } from './keys';
export { ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_LIFETIME_S, BOT_FRAMEWORK_RESOURCE, BOT_FRAMEWORK_SCOPE } from './login';
export {
  TEAMS_SANDBOX,
  findTeamsPerson,
  personalConversationId,
  type TeamsPersonRef,
  type TeamsSandboxPerson,
  type TeamsSandboxRole,
} from './tenant';
export { TriggerUnreachableError, type TriggerResponse } from '../slack/trigger-delivery';
export { FakeOneDrive, ONEDRIVE_ORIGIN, ONEDRIVE_PATH, type SandboxUploadInfo } from './onedrive';
