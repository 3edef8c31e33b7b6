import { kvs } from '@forge/kvs';
import { ChannelRouter } from './adapters/chat/channel-router';
import { ForgeOutbox, ForgeWorkQueue } from './adapters/forge/forge-work-queue';
import { JsmTicketService } from './adapters/forge/jsm-ticket-service';
import { KvsDeliveryLog } from './adapters/forge/kvs-delivery-log';
import { KvsLiveAgentState } from './adapters/forge/kvs-live-agent-state';
import { KvsSettingsRepository } from './adapters/forge/kvs-settings-repository';
import { KvsTranscriptLog } from './adapters/forge/kvs-transcript-log';
import { SlackGateways } from './adapters/slack/slack-gateways';
import { KvsSlackWorkspaces, type SlackWorkspace } from './adapters/slack/slack-workspaces';
import { jsonLogger } from './adapters/system/json-logger';
import { systemClock } from './adapters/system/system-clock';
import { HandoffHintAssistant } from './app/default-assistant';
import type { CoreDeps, WorkQueue } from './app/ports';

export interface Services extends CoreDeps {
  readonly workQueue: WorkQueue;
  readonly slackWorkspaces: KvsSlackWorkspaces;
}

/** Where the Slack Web API is: Slack itself, or the local platform's sandbox (`SLACK_API_URL`). */
export function slackApiUrl(): string | undefined {
  return process.env['SLACK_API_URL'] || undefined;
}

/**
 * The only place that builds real adapters. Entry points call it once per
 * invocation: nothing is cached between invocations, since Forge may run each
 * one in a different process and per-caller state must not leak.
 */
export function buildServices(
  context: Record<string, unknown> = {},
  known: { readonly slackWorkspaces?: readonly SlackWorkspace[] } = {},
): Services {
  const slackWorkspaces = new KvsSlackWorkspaces(kvs);
  const workQueue = new ForgeWorkQueue();
  return {
    state: new KvsLiveAgentState(kvs),
    settings: new KvsSettingsRepository(kvs),
    transcripts: new KvsTranscriptLog(kvs),
    deliveries: new KvsDeliveryLog(kvs),
    chat: new ChannelRouter({ slack: new SlackGateways(slackWorkspaces, slackApiUrl(), known.slackWorkspaces) }),
    outbox: new ForgeOutbox(workQueue),
    tickets: new JsmTicketService(),
    assistant: new HandoffHintAssistant(),
    clock: systemClock,
    log: jsonLogger(context),
    workQueue,
    slackWorkspaces,
  };
}
