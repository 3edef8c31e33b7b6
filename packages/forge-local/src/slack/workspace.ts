/**
 * The sandbox Slack workspace: fixed, documented identities so that a local
 * Koji can be connected to it by hand (paste the token and secret) or by code.
 * None of these strings is a real credential.
 */
export const SANDBOX_WORKSPACE = {
  teamId: 'T0SANDBOX',
  teamName: 'Koji Sandbox',
  teamDomain: 'koji-sandbox',
  url: 'https://koji-sandbox.slack.com/',
  appId: 'A0KOJIAPP',
  botUserId: 'U0KOJIBOT',
  botId: 'B0KOJIBOT',
  botName: 'koji',
  /** The bot token the fake Web API accepts (as `Authorization: Bearer …` or a `token` field). */
  botToken: 'xoxb-sandbox-token',
  /** Every request the sandbox sends to the web trigger is signed with this. */
  signingSecret: 'sandbox-signing-secret',
  /** Slack's deprecated verification token, sent in payloads as Slack still does; never use it for auth. */
  verificationToken: 'sandbox-verification-token',
} as const;

/** The public channel mentions come from. */
export const SANDBOX_GENERAL_CHANNEL = 'C0GENERAL';

export type SandboxRole = 'operator' | 'user';

/** A human in the sandbox, someone the chat page can act as. */
export interface SandboxPerson {
  readonly id: string;
  /** The Slack handle (`name` in users.info). */
  readonly name: string;
  readonly realName: string;
  /** The name Slack shows (and Koji uses): the full name, or empty when the person never set one, as Slack reports it. */
  readonly displayName: string;
  readonly email: string;
  readonly role: SandboxRole;
  /** The language and region of the person's Slack client, as users.info reports it (`include_locale`). */
  readonly locale: string;
}

/** A Slack `Member` as users.info and users.list return it (the fields Koji may read). */
export interface SlackMember {
  readonly id: string;
  readonly team_id: string;
  readonly name: string;
  readonly real_name: string;
  readonly deleted: boolean;
  readonly is_bot: boolean;
  readonly is_app_user: boolean;
  readonly is_admin: boolean;
  readonly is_owner: boolean;
  readonly is_restricted: boolean;
  readonly tz: string;
  /** Slack sends it only to a users.info or users.list call with `include_locale` true. */
  readonly locale: string;
  readonly updated: number;
  readonly profile: {
    readonly real_name: string;
    readonly display_name: string;
    readonly email?: string;
    readonly bot_id?: string;
    readonly image_72: string;
  };
}

/** Everyone's Slack client speaks US English unless they set another language. */
const DEFAULT_LOCALE = 'en-US';

type PersonFields = Omit<SandboxPerson, 'locale'> & { readonly locale?: string };

function sandboxPerson(fields: PersonFields): SandboxPerson {
  return { ...fields, locale: fields.locale ?? DEFAULT_LOCALE };
}

const PEOPLE: readonly PersonFields[] = [
  { id: 'UALICE', name: 'alice', realName: 'Alice Operator', displayName: 'Alice Operator', email: 'alice@sandbox.test', role: 'operator' },
  { id: 'UBRUNO', name: 'bruno', realName: 'Bruno Operator', displayName: 'Bruno Operator', email: 'bruno@sandbox.test', role: 'operator' },
  { id: 'UCARLA', name: 'carla', realName: 'Carla Operator', displayName: 'Carla Operator', email: 'carla@sandbox.test', role: 'operator' },
  { id: 'UBOB', name: 'bob', realName: 'Bob User', displayName: 'Bob User', email: 'bob@sandbox.test', role: 'user' },
  // Dana never set a display name: callers must fall back to the real name.
  { id: 'UDANA', name: 'dana', realName: 'Dana User', displayName: '', email: 'dana@sandbox.test', role: 'user' },
  { id: 'UEVE', name: 'eve', realName: 'Eve User', displayName: 'Eve User', email: 'eve@sandbox.test', role: 'user' },
  // Users whose Slack is in French and in German: users.info tells so when asked with include_locale.
  { id: 'UCHLOE', name: 'chloe', realName: 'Chloé Dubois', displayName: 'Chloé Dubois', email: 'chloe@sandbox.test', role: 'user', locale: 'fr-FR' },
  { id: 'UJONAS', name: 'jonas', realName: 'Jonas Becker', displayName: 'Jonas Becker', email: 'jonas@sandbox.test', role: 'user', locale: 'de-DE' },
  // The local Jira admin (`local-admin`, admin@koji.local) on Slack: the same e-mail, so the backoffice
  // knows it is them and keeps them from changing their own role.
  // Ada Admin, as on Jira; their display name is their first name alone, so the role setup filter is seen to find
  // people by either.
  { id: 'ULOCALADMIN', name: 'admin', realName: 'Ada Admin', displayName: 'Ada', email: 'admin@koji.local', role: 'user' },
];

export const SANDBOX_PEOPLE: readonly SandboxPerson[] = PEOPLE.map(sandboxPerson);

const UPDATED = 1_700_000_000;

type MemberExtra = Partial<Omit<SlackMember, 'profile'>> & { readonly profile?: Partial<SlackMember['profile']> };

function member(id: string, name: string, realName: string, extra: MemberExtra = {}): SlackMember {
  const { profile, ...rest } = extra;
  return {
    id,
    team_id: SANDBOX_WORKSPACE.teamId,
    name,
    real_name: realName,
    deleted: false,
    is_bot: false,
    is_app_user: false,
    is_admin: false,
    is_owner: false,
    is_restricted: false,
    tz: 'Europe/Paris',
    locale: DEFAULT_LOCALE,
    updated: UPDATED,
    ...rest,
    profile: { real_name: realName, display_name: '', image_72: `https://avatars.sandbox.test/${id}.png`, ...profile },
  };
}

/**
 * Everyone users.list returns, in its order: Slackbot (not flagged as a bot,
 * as on real Slack), the people, a deactivated person, Koji's own bot user and
 * another app's bot. Callers have to filter.
 */
export const SANDBOX_MEMBERS: readonly SlackMember[] = [
  member('USLACKBOT', 'slackbot', 'Slackbot', { profile: { display_name: 'Slackbot' } }),
  ...SANDBOX_PEOPLE.map((p) => member(p.id, p.name, p.realName, { is_admin: p.id === 'UALICE', locale: p.locale, profile: { display_name: p.displayName, email: p.email } })),
  member('UFORMER', 'frank', 'Frank Former', { deleted: true, profile: { display_name: 'Frank', email: 'frank@sandbox.test' } }),
  member(SANDBOX_WORKSPACE.botUserId, SANDBOX_WORKSPACE.botName, 'Koji', { is_bot: true, profile: { bot_id: SANDBOX_WORKSPACE.botId } }),
  member('U0STANDUP', 'standup', 'Standup Bot', { is_bot: true, profile: { bot_id: 'B0STANDUP' } }),
];

export function findMember(userId: string): SlackMember | undefined {
  const generated = generatedPerson(userId);
  return SANDBOX_MEMBERS.find((m) => m.id === userId) ?? (generated && member(generated.id, generated.name, generated.realName, { profile: { display_name: generated.displayName, email: generated.email } }));
}

export function findPerson(userId: string): SandboxPerson | undefined {
  return SANDBOX_PEOPLE.find((p) => p.id === userId) ?? generatedPerson(userId);
}

/**
 * The bench's people (`UGEN<n>`, "Gen n": bench/lib/seed.ts), known only while a bench phase switches them on:
 * thousands of users and operators who can be written to, so a cost measured at scale is not one of people
 * who can't be reached. `npm start` and the specs never see them.
 */
let knowsGeneratedPeople = false;

export function knowGeneratedPeople(on: boolean): void {
  knowsGeneratedPeople = on;
}

const GENERATED_ID = /^UGEN([1-9]\d{0,6})$/;

function generatedPerson(userId: string): SandboxPerson | undefined {
  const n = knowsGeneratedPeople ? GENERATED_ID.exec(userId)?.[1] : undefined;
  return n === undefined ? undefined : sandboxPerson({ id: userId, name: `gen${n}`, realName: `Gen ${n}`, displayName: `Gen ${n}`, email: `gen${n}@sandbox.test`, role: 'user' });
}

/** Each person's DM with the bot has a fixed id: `UBOB` → `DBOB`. */
export function dmChannelOf(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** The person whose DM with the bot this is, if it is one. */
export function personOfDm(channelId: string): SandboxPerson | undefined {
  return SANDBOX_PEOPLE.find((p) => dmChannelOf(p.id) === channelId) ?? (channelId.startsWith('DGEN') ? generatedPerson(`U${channelId.slice(1)}`) : undefined);
}
