import { wireMessage } from './chat-methods';
import type { SandboxMessage } from './conversation-store';
import { newClientMsgId, newEventId, newTriggerId } from './slack-ids';
import { SANDBOX_WORKSPACE, type SandboxPerson } from './workspace';

/**
 * The Events API envelope Slack wraps every event in (`event_callback`): the
 * event's unique id, its time, the workspace, the app, and the one
 * authorization (the bot) it is delivered for.
 */
export function eventCallback(event: Record<string, unknown>, nowMs: number): Record<string, unknown> {
  return {
    token: SANDBOX_WORKSPACE.verificationToken,
    team_id: SANDBOX_WORKSPACE.teamId,
    context_team_id: SANDBOX_WORKSPACE.teamId,
    context_enterprise_id: null,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event,
    type: 'event_callback',
    event_id: newEventId(),
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      { enterprise_id: null, team_id: SANDBOX_WORKSPACE.teamId, user_id: SANDBOX_WORKSPACE.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: event['type'], tid: SANDBOX_WORKSPACE.teamId, aid: SANDBOX_WORKSPACE.appId })).toString('base64url')}`,
  };
}

/** A person's message as Slack sends it: `text` with &, <, > escaped, the typed words also as a rich_text block. */
function personMessageFields(message: SandboxMessage, typed: string): Record<string, unknown> {
  return {
    user: message.user,
    text: message.text,
    ts: message.ts,
    event_ts: message.ts,
    channel: message.channel,
    team: SANDBOX_WORKSPACE.teamId,
    client_msg_id: newClientMsgId(),
    blocks: [
      {
        type: 'rich_text',
        block_id: message.ts.replace('.', '').slice(-5),
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: typed }] }],
      },
    ],
  };
}

/** `message` in a DM with the bot (`message.im`); `threadTs`: a reply in the thread of that message, as Slack sends one. */
export function directMessageEvent(message: SandboxMessage, typed: string, threadTs?: string): Record<string, unknown> {
  return { type: 'message', ...personMessageFields(message, typed), ...(threadTs ? { thread_ts: threadTs, parent_user_id: SANDBOX_WORKSPACE.botUserId } : {}), channel_type: 'im' };
}

/** `app_mention`: a channel message naming the bot. */
export function appMentionEvent(message: SandboxMessage, typed: string): Record<string, unknown> {
  return { type: 'app_mention', ...personMessageFields(message, typed) };
}

/** The bot's own post, echoed back into the DM as Slack does: `bot_id`, `user` = the bot user. */
export function botEchoEvent(message: SandboxMessage): Record<string, unknown> {
  return { ...wireMessage(message), channel: message.channel, event_ts: message.ts, channel_type: 'im' };
}

/** chat.update reaches the app as a hidden `message_changed`. */
export function botEditEvent(message: SandboxMessage, previous: SandboxMessage, editTs: string): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    message: wireMessage(message),
    previous_message: wireMessage(previous),
    channel: message.channel,
    channel_type: 'im',
    ts: editTs,
    event_ts: editTs,
  };
}

/** A person edits their message: a hidden `message_changed` with the message as it is now (`edited`) and as it was. */
export function personEditEvent(message: SandboxMessage, previous: SandboxMessage, typed: string, editTs: string): Record<string, unknown> {
  const now = { ...personMessageFields(message, typed), type: 'message', edited: { user: message.user, ts: editTs } };
  const { channel: _c, ...was } = personMessageFields(previous, previous.text);
  return { type: 'message', subtype: 'message_changed', hidden: true, message: now, previous_message: { type: 'message', ...was }, channel: message.channel, channel_type: 'im', ts: editTs, event_ts: editTs };
}

/** A message deleted (by its person, or the bot's chat.delete): a hidden `message_deleted` naming it, with what it was. */
export function deletedEvent(previous: SandboxMessage, deleteTs: string): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    deleted_ts: previous.ts,
    previous_message: wireMessage(previous),
    channel: previous.channel,
    channel_type: 'im',
    ts: deleteTs,
    event_ts: deleteTs,
  };
}

/** A click on a button of a bot message: the `block_actions` interactivity payload. */
export function blockActionsPayload(input: {
  readonly person: SandboxPerson;
  readonly message: SandboxMessage;
  readonly blockId: string;
  readonly button: Record<string, unknown>;
  readonly actionTs: string;
}): Record<string, unknown> {
  const { person, message, button } = input;
  const user = { id: person.id, username: person.name, name: person.name, team_id: SANDBOX_WORKSPACE.teamId };
  return {
    type: 'block_actions',
    user,
    api_app_id: SANDBOX_WORKSPACE.appId,
    token: SANDBOX_WORKSPACE.verificationToken,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: newTriggerId(),
    team: { id: SANDBOX_WORKSPACE.teamId, domain: SANDBOX_WORKSPACE.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'directmessage' },
    message: wireMessage(message),
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${SANDBOX_WORKSPACE.teamId}/0000000001/sandbox`,
    actions: [
      {
        type: button['type'],
        action_id: button['action_id'],
        block_id: input.blockId,
        text: button['text'],
        ...(button['value'] !== undefined ? { value: button['value'] } : {}),
        ...(button['style'] !== undefined ? { style: button['style'] } : {}),
        action_ts: input.actionTs,
      },
    ],
  };
}
