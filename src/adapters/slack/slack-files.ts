import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import { ErrorCode, type WebAPICallError, type WebClient } from '@slack/web-api';
import type { OpenedFile } from '../../app/files/file-transfer';
import { readAll } from '../../app/files/limited-body';
import { FileTransferError } from '../../domain/errors';
import type { Participant } from '../../domain/participant';
import type { AttachmentRef } from '../../domain/transcript';
import { escapeMrkdwn } from './slack-text';
import { fetchKeepingCause } from './slack-fetch';
import { isSlackFileUrl } from './slack-file-host';

/** Said to the sender when the workspace's token cannot read or write files: only an admin can fix it. */
export const SLACK_FILES_SCOPE_MISSING = 'the Koji Slack app lacks the files:read and files:write permissions; a Slack administrator must reinstall it from the Koji backoffice';

/**
 * Files in one Slack workspace, with its bot token. Downloads stream from `url_private_download`; uploads are the
 * three steps of `files.uploadV2` (getUploadURLExternal, the bytes, completeUploadExternal) made here because
 * `@slack/web-api`'s uploadV2 reads a stream whole into memory first: the bytes go through as they arrive.
 */
export class SlackFiles {
  constructor(
    private readonly client: WebClient,
    private readonly botToken: string,
    private readonly fetch: typeof globalThis.fetch = fetchKeepingCause,
  ) {}

  async open(ref: AttachmentRef): Promise<OpenedFile> {
    if (!isSlackFileUrl(ref.download)) throw new FileTransferError('Slack did not give Koji a way to download it');
    // No redirects: a download that points elsewhere is not Slack's file host any more.
    const response = await this.fetch(ref.download, { headers: { Authorization: `Bearer ${this.botToken}` }, redirect: 'error', signal: AbortSignal.timeout(20_000) });
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    // Without files:read Slack answers with its sign-in page, not the file.
    if (response.ok && type.startsWith('text/html') && ref.mimeType !== 'text/html') throw new FileTransferError(SLACK_FILES_SCOPE_MISSING);
    if (!response.ok || !response.body) throw new FileTransferError(`Slack refused the download (${response.status})`);
    const length = Number(response.headers.get('content-length'));
    return { name: ref.name, mimeType: ref.mimeType ?? (type.split(';')[0] || 'application/octet-stream'), size: Number.isFinite(length) && length > 0 ? length : ref.size, body: response.body };
  }

  /** Shares the file in the person's DM with the bot, with a line saying whose it is. */
  async send(to: Participant, file: OpenedFile, senderName: string, recipientLang?: Language): Promise<void> {
    try {
      const opened = await this.client.conversations.open({ users: to.userId });
      const channel = opened.channel?.id;
      if (!channel) throw new FileTransferError('Slack did not open the chat to share it in');
      // Slack must know the length first; a file whose platform did not say is read whole (within the project's limit).
      const bytes = file.size === undefined ? await readAll(file.body) : undefined;
      const length = bytes?.byteLength ?? file.size ?? 0;
      if (length === 0) throw new FileTransferError('the file is empty');
      const target = await this.client.files.getUploadURLExternal({ filename: file.name, length });
      if (!isSlackFileUrl(target.upload_url) || !target.file_id) throw new FileTransferError('Slack did not say where to upload it');
      const init = { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes ?? file.body, duplex: 'half', signal: AbortSignal.timeout(60_000) };
      const uploaded = await this.fetch(target.upload_url, init as RequestInit);
      if (uploaded.status !== 200) throw new FileTransferError(`Slack refused the upload (${uploaded.status})`);
      await this.client.files.completeUploadExternal({ files: [{ id: target.file_id, title: file.name }], channel_id: channel, initial_comment: escapeMrkdwn(say(recipientLang).fileReplies.sharedAFile(senderName)) });
    } catch (error) {
      throw slackFileError(error);
    }
  }
}

/** Slack's refusals as a reason its sender can act on (or pass to an admin). */
function slackFileError(error: unknown): unknown {
  const e = error as Partial<WebAPICallError> & { data?: { error?: string } };
  if (e.code !== ErrorCode.PlatformError) return error;
  const reason = e.data?.error ?? 'unknown error';
  if (reason === 'missing_scope' || reason === 'no_permission') return new FileTransferError(SLACK_FILES_SCOPE_MISSING, { cause: error });
  if (reason === 'file_uploads_disabled' || reason === 'file_uploads_except_images_disabled') return new FileTransferError('the Slack workspace does not allow uploading files', { cause: error });
  return new FileTransferError(`Slack refused it (${reason})`, { cause: error });
}

/** Every connected workspace's files, as the file port's Slack side: one workspace read per job. */
export class SlackFileSide {
  constructor(
    private readonly workspaces: { get(teamId: string): Promise<{ readonly botToken: string } | undefined> },
    private readonly client: (botToken: string) => WebClient,
  ) {}

  async open(from: Participant, ref: AttachmentRef): Promise<OpenedFile> {
    return (await this.forTeam(from.tenantId)).open(ref);
  }

  async send(to: Participant, file: OpenedFile, context: { readonly senderName: string; readonly recipientLang?: Language | undefined }): Promise<'file'> {
    await (await this.forTeam(to.tenantId)).send(to, file, context.senderName, context.recipientLang);
    return 'file';
  }

  private async forTeam(teamId: string): Promise<SlackFiles> {
    const ws = await this.workspaces.get(teamId);
    if (!ws) throw new FileTransferError('that Slack workspace is no longer connected to Koji');
    return new SlackFiles(this.client(ws.botToken), ws.botToken);
  }
}
