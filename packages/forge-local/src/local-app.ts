import type { LocalPlatform } from './platform';

/**
 * What the platform needs from the app it runs beyond manifest.yml and the handlers it names
 * (which it loads as Forge does, from `src/` under `root`). On Forge these are an admin's
 * clicks or Atlassian's own knowledge; here the app hands them over in one small object, so
 * the platform imports nothing of the app.
 */
export interface LocalApp {
  /** The app's folder: `manifest.yml`, and `src/index.ts` exporting the handlers. */
  readonly root: string;
  /**
   * The Jira REST calls the app makes and the scope each needs: the platform answers a call
   * whose scope the manifest lacks 403, as Jira does, and refuses a call missing from here.
   */
  readonly jiraCalls: {
    find(method: string, path: string): { readonly path: string; readonly scope: string } | undefined;
    /** Where the table is, for the error that asks to list a missing call. */
    readonly table: string;
  };
  /** How to run the app's bench, and the file its latest report is in, for the start page (none: no bench there). */
  readonly bench?: { readonly command: string; readonly latestReport: string } | undefined;
  /**
   * What an admin does before the first conversation in the sandboxes, done in one go for the start page's
   * "Set up the sandboxes" (none: the start page offers no such button).
   */
  readonly sandboxSetup?: { readonly does: string; run(platform: LocalPlatform): Promise<void> } | undefined;
  /** Connects a real Slack workspace (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET) to a project, as the backoffice would. */
  connectSlackWorkspace(workspace: RealSlackWorkspace & { readonly projectId: string }, now: () => number): Promise<{ readonly teamId: string; readonly teamName: string }>;
  /** Connects a Teams bot and tenant to a project, as the backoffice would: Microsoft issues the bot a token first. */
  connectTeamsTenant(projectId: string, bot: TeamsBotCredentials, now: () => number): Promise<{ readonly tenantId: string; readonly appId: string; readonly name: string }>;
  /** Whether this bot is connected in the tenant (to any project). */
  isTeamsTenantConnected(tenantId: string, appId: string): Promise<boolean>;
  /** Marks a tenant as proven: only for a tenant that exists on this machine alone (the Agents Playground's). */
  confirmTeamsTenant(tenantId: string, appId: string, now: () => number): Promise<void>;
}

export interface RealSlackWorkspace {
  readonly botToken: string;
  readonly signingSecret: string;
}

/** An Azure Bot and the tenant it serves, as the backoffice's Teams connect form takes them. */
export interface TeamsBotCredentials {
  readonly tenantId: string;
  readonly appId: string;
  readonly appPassword: string;
  /** The bot's home tenant, where its tokens come from, when it is not `tenantId`. */
  readonly botTenantId?: string | undefined;
  readonly name?: string | undefined;
}
