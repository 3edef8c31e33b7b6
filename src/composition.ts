import { kvs } from '@forge/kvs';
import { ChannelRouter } from './adapters/chat/channel-router';
import { KvsDeliveryLog } from './adapters/forge/kvs-delivery-log';
import { KvsLiveAgentState } from './adapters/forge/kvs-live-agent-state';
import { KvsSettingsRepository } from './adapters/forge/kvs-settings-repository';
import { KvsTranscriptLog } from './adapters/forge/kvs-transcript-log';
import { JsmTicketService } from './adapters/forge/jsm-ticket-service';
import { jsonLogger } from './adapters/system/json-logger';
import { systemClock } from './adapters/system/system-clock';
import { HandoffHintAssistant } from './app/default-assistant';
import type { CoreDeps } from './app/ports';

/**
 * The only place that builds real adapters. Entry points call it once per
 * invocation: nothing is cached between invocations, since Forge may run each
 * one in a different process and per-caller state must not leak.
 */
export function buildServices(context: Record<string, unknown> = {}): CoreDeps {
  return {
    state: new KvsLiveAgentState(kvs),
    settings: new KvsSettingsRepository(kvs),
    transcripts: new KvsTranscriptLog(kvs),
    deliveries: new KvsDeliveryLog(kvs),
    chat: new ChannelRouter({}),
    tickets: new JsmTicketService(),
    assistant: new HandoffHintAssistant(),
    clock: systemClock,
    log: jsonLogger(context),
  };
}
