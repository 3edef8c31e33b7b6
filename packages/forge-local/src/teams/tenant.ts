import { createHash } from 'node:crypto';

export type TeamsSandboxRole = 'operator' | 'user';

/** A person of the sandbox tenant, someone the chat page (or a test) can act as. */
export interface TeamsSandboxPerson {
  /** Short handle for the page and tests: `vic`. */
  readonly key: string;
  /** The Teams user id the bot sees in `from.id` (`29:…`). */
  readonly id: string;
  /** Entra object id (`from.aadObjectId`). */
  readonly aadObjectId: string;
  readonly name: string;
  readonly givenName: string;
  readonly surname: string;
  /** UPN, which is also the mail address in the sandbox tenant. */
  readonly email: string;
  /** What the person is meant to become in Koji; Teams itself knows no such thing. */
  readonly role: TeamsSandboxRole;
  /** IANA zone the person's Teams client reports (`clientInfo.timezone`, `localTimezone`). */
  readonly timezone: string;
  /** The language of the person's Teams client, as every activity they send carries it (`locale`, `clientInfo.locale`). */
  readonly locale: string;
}

function person(
  key: string,
  id: string,
  aadObjectId: string,
  givenName: string,
  surname: string,
  role: TeamsSandboxRole,
  timezone: string,
  locale = 'en-US',
): TeamsSandboxPerson {
  return { key, id, aadObjectId, name: `${givenName} ${surname}`, givenName, surname, email: `${key}@sandbox.test`, role, timezone, locale };
}

const PEOPLE = [
  person('tom', '29:1sbxTomOperator7Qh3kLmN2pR8vW4xZ6cB0dF5gJ9', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e01', 'Tom', 'Operator', 'operator', 'Europe/Paris'),
  person('uma', '29:1sbxUmaOperator3Xk8mP1qR5tV7wY9zA2cE4gH6j', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e02', 'Uma', 'Operator', 'operator', 'Asia/Kolkata'),
  person('vic', '29:1sbxVicUser5Lp2nQ8rS4tU6vW1xY3zB7dF9gK0hM', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e03', 'Vic', 'User', 'user', 'America/New_York'),
  person('wendy', '29:1sbxWendyUser9Gh4jK6mN8pQ2rT5vX7yZ1bC3dF', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e04', 'Wendy', 'User', 'user', 'UTC'),
  // Users whose Teams is in French and in German: their activities carry fr-FR and de-DE.
  person('chloe', '29:1sbxChloeUser2Fr6kL8mN1pQ4rS7tV9wX3yZ5bD', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e05', 'Chloé', 'Dubois', 'user', 'Europe/Paris', 'fr-FR'),
  person('jonas', '29:1sbxJonasUser4De7mP2qR6sT8vW1xY3zA5cE9g', 'a1c3e5f7-2b4d-4f6a-8c0e-1a2b3c4d5e06', 'Jonas', 'Becker', 'user', 'Europe/Berlin', 'de-DE'),
] as const;

const APP_ID = '5f0e9c1a-7b2d-4e3f-9a8b-0c1d2e3f4a5b';
const SECOND_APP_ID = '8a3b6c9d-1e2f-4a5b-8c7d-9e0f1a2b3c4d';

/**
 * The sandbox Microsoft 365 tenant and its Azure Bot: fixed, documented
 * identities so a local Koji can be connected to it by hand (paste app id,
 * password and tenant) or by code. None of these is a real credential.
 */
export const TEAMS_SANDBOX = {
  tenantId: '7c4a9e2b-3d1f-4b8a-9c6e-2f0d1a3b5c7e',
  tenantName: 'Koji Sandbox',
  /** The Azure Bot's Microsoft App ID: the `aud` of inbound tokens, the `client_id` at the token endpoint. */
  appId: APP_ID,
  /** The app registration's client secret, as Entra shows it once on creation. */
  appPassword: 'sbx8Q~KojiSandbox.client-secret_NotReal0',
  /** The bot's id in Teams conversations (`recipient.id`). */
  botId: `28:${APP_ID}`,
  botName: 'Koji',
  /** The team and channel `mentionInChannel` posts in. */
  team: { id: '19:sbxKojiSandboxTeam0a1b2c3d4e5f@thread.tacv2', name: 'Koji Sandbox' },
  channel: { id: '19:sbxGeneralChannel6a7b8c9d0e1f@thread.tacv2', name: 'General' },
  people: PEOPLE as readonly TeamsSandboxPerson[],
  /**
   * A second Azure Bot registered in the same tenant, as another Jira project of
   * the site would have its own: its tokens carry its own `aud`, and Entra issues
   * it tokens for its own secret only.
   */
  secondBot: {
    appId: SECOND_APP_ID,
    appPassword: 'sbx2Q~KojiSecondBot.client-secret_NotReal',
    botId: `28:${SECOND_APP_ID}`,
    botName: 'Koji Two',
  },
} as const;

/** The app registrations Entra knows in the sandbox tenant, with their client secrets. */
export function sandboxBotSecret(appId: string | null): string | undefined {
  if (appId === TEAMS_SANDBOX.appId) return TEAMS_SANDBOX.appPassword;
  if (appId === TEAMS_SANDBOX.secondBot.appId) return TEAMS_SANDBOX.secondBot.appPassword;
  return undefined;
}

/** A person given as the object, or as their key (`vic`), Teams id (`29:…`), aadObjectId or e-mail. */
export type TeamsPersonRef = TeamsSandboxPerson | string;

export function findTeamsPerson(ref: TeamsPersonRef): TeamsSandboxPerson | undefined {
  if (typeof ref !== 'string') return TEAMS_SANDBOX.people.find((p) => p.id === ref.id);
  const wanted = ref.toLowerCase();
  return TEAMS_SANDBOX.people.find((p) => p.key === wanted || p.id.toLowerCase() === wanted || p.aadObjectId === wanted || p.email === wanted);
}

/**
 * The person's 1:1 conversation with the bot. Teams gives it an opaque `a:1…`
 * id that never changes for that user and bot; here it is derived from both.
 */
export function personalConversationId(p: TeamsSandboxPerson): string {
  const digest = createHash('sha256').update(`${TEAMS_SANDBOX.tenantId}|${TEAMS_SANDBOX.appId}|${p.aadObjectId}`).digest('base64url');
  return `a:1${digest.replace(/[-_]/g, '').slice(0, 40)}`;
}

export function personOfConversation(conversationId: string): TeamsSandboxPerson | undefined {
  return TEAMS_SANDBOX.people.find((p) => personalConversationId(p) === conversationId);
}

/** A channel conversation id, either the channel or one of its threads (`…;messageid=…`), without the thread part. */
export function channelOf(conversationId: string): string | undefined {
  const [channel] = conversationId.split(';');
  return channel === TEAMS_SANDBOX.channel.id ? channel : undefined;
}

/** A person as the roster calls (`GET …/members`) answer: a `TeamsChannelAccount`. */
export function teamsChannelAccount(p: TeamsSandboxPerson): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    aadObjectId: p.aadObjectId,
    givenName: p.givenName,
    surname: p.surname,
    email: p.email,
    userPrincipalName: p.email,
    tenantId: TEAMS_SANDBOX.tenantId,
    userRole: 'user',
  };
}
