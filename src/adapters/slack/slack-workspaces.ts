import type { kvs as KvsClient } from '@forge/kvs';
import { allWithPrefix } from '../forge/kvs-prefix-query';
import { escapeKeyPart, KEY_VERSION } from '../forge/kvs-keys';
import { readValue, stampValue } from '../forge/plain-key-versions';
import { recordCheckOnSummary, type TenantCheck } from '../forge/tenant-check';

type Kvs = typeof KvsClient;

/** A connected Slack workspace: one tenant of the Koji docs. */
export interface SlackWorkspace {
  readonly teamId: string;
  readonly teamName: string;
  readonly appId?: string | undefined;
  readonly projectId: string;
  readonly botUserId: string;
  readonly botId?: string | undefined;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly connectedAt: number;
}

/** What anyone may see about a workspace: no token, no secret; and how its last connection check went. */
export type SlackWorkspaceSummary = Omit<SlackWorkspace, 'botToken' | 'signingSecret'> & { readonly lastCheck?: TenantCheck | undefined };

/**
 * Workspaces in KVS. Everything an incoming event needs (project, bot
 * identity, token, signing secret) sits in one secret, so an event costs one
 * read; a public summary beside it can be listed, since secrets cannot.
 */
export class KvsSlackWorkspaces {
  constructor(private readonly kvs: Kvs) {}

  static secretKey(teamId: string): string {
    return `slack-workspace:${KEY_VERSION}:${escapeKeyPart(teamId)}`;
  }

  static summaryPrefix = `tenant:${KEY_VERSION}:slack:`;

  private static summaryKey(teamId: string): string {
    return `${KvsSlackWorkspaces.summaryPrefix}${escapeKeyPart(teamId)}`;
  }

  async get(teamId: string): Promise<SlackWorkspace | undefined> {
    return readValue<SlackWorkspace>('slack-workspace', await this.kvs.getSecret<SlackWorkspace>(KvsSlackWorkspaces.secretKey(teamId)));
  }

  /** Saves the workspace; `lastCheck` goes on its summary (connecting is a check). */
  async put(workspace: SlackWorkspace, lastCheck?: TenantCheck): Promise<void> {
    await this.kvs.setSecret(KvsSlackWorkspaces.secretKey(workspace.teamId), stampValue('slack-workspace', workspace));
    await this.kvs.set(KvsSlackWorkspaces.summaryKey(workspace.teamId), stampValue('slack-workspace-summary', { ...summaryOf(workspace), ...(lastCheck ? { lastCheck } : {}) }));
  }

  /** Records how Test connection (or a call Slack refused the token for) went. */
  recordCheck(tested: SlackWorkspace, check: TenantCheck): Promise<void> {
    const keys = { summary: KvsSlackWorkspaces.summaryKey(tested.teamId), secret: KvsSlackWorkspaces.secretKey(tested.teamId) };
    return recordCheckOnSummary(this.kvs, keys, RECORDS, tested, summaryOf, check);
  }

  async remove(teamId: string): Promise<void> {
    await this.kvs.deleteSecret(KvsSlackWorkspaces.secretKey(teamId));
    await this.kvs.delete(KvsSlackWorkspaces.summaryKey(teamId));
  }

  async list(): Promise<SlackWorkspaceSummary[]> {
    const stored = await allWithPrefix<SlackWorkspaceSummary>(this.kvs, KvsSlackWorkspaces.summaryPrefix);
    return stored.flatMap((s) => readValue<SlackWorkspaceSummary>('slack-workspace-summary', s) ?? []);
  }
}

/** The shapes of a workspace's secret and summary (record-versions.ts STAMPED_VALUES). */
const RECORDS = { secret: 'slack-workspace', summary: 'slack-workspace-summary' } as const;

function summaryOf(workspace: SlackWorkspace): SlackWorkspaceSummary {
  const { botToken: _token, signingSecret: _secret, ...summary } = workspace;
  return summary;
}
