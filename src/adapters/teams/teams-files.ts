import { randomUUID } from 'node:crypto';
import type { OpenedFile, SendContext } from '../../app/files/file-transfer';
import { readAll } from '../../app/files/limited-body';
import { FileTransferError } from '../../domain/errors';
import type { Participant } from '../../domain/participant';
import type { AttachmentRef } from '../../domain/transcript';
import type { TeamsConversationReference } from './teams-activity';
import type { TeamsConnector } from './teams-connector';
import { relayHtml } from './teams-text';
import { isOnServiceUrl, isTeamsFileHost } from './teams-file-hosts';
import { CONSENT_LIFETIME_SECONDS, consentCard, type FileConsents } from './teams-file-consent';

/** What Teams shows inline from a bot: PNG, JPEG or GIF of at most 1 MB (Microsoft's limit for pictures in a message). */
export const TEAMS_INLINE_IMAGE_BYTES = 1024 * 1024;
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

/** Reaches a Teams person: their reference and their bot's connector (TeamsGateways). */
export interface TeamsReach {
  reachWithConnector(p: Participant): Promise<{ reference: TeamsConversationReference; connector: TeamsConnector }>;
}

/**
 * The file port's Teams side. Reading: a file from OneDrive (`file.download.info`) without credentials, a pasted
 * picture from the Bot Connector with the bot's token; nothing from any other host. Sending: a picture inline
 * (a data URL, Microsoft's way for bots); any other file through a file consent card (Allow / Decline), the file
 * opened again from its sender's platform once the person allows it (teams-file-consent.ts, docs/operators.md).
 */
export class TeamsFileSide {
  constructor(
    private readonly reach: TeamsReach,
    private readonly fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
    private readonly consents?: { readonly store: FileConsents; readonly now: () => number },
  ) {}

  async open(from: Participant, ref: AttachmentRef): Promise<OpenedFile> {
    const url = ref.download === undefined ? null : URL.parse(ref.download);
    if (!url) throw new FileTransferError('Microsoft Teams did not give Koji a way to download it');
    let headers: Record<string, string> = {};
    if (!isTeamsFileHost(url)) {
      const { reference, connector } = await this.reach.reachWithConnector(from);
      if (!isOnServiceUrl(url, reference.serviceUrl)) throw new FileTransferError('Microsoft Teams did not give Koji a way to download it');
      headers = { Authorization: `Bearer ${await connector.token()}` };
    }
    const response = await this.fetch(url.href, { headers, redirect: 'error', signal: AbortSignal.timeout(20_000) });
    if (!response.ok || !response.body) throw new FileTransferError(`Microsoft Teams refused the download (${response.status})`);
    const length = Number(response.headers.get('content-length'));
    const type = (ref.mimeType?.endsWith('/*') ? undefined : ref.mimeType) ?? ((response.headers.get('content-type') ?? '').split(';')[0]?.toLowerCase() || 'application/octet-stream');
    // A pasted picture (`image/*`) is named for the type its download says: `picture.png`.
    const name = ref.mimeType?.endsWith('/*') && !/\.\w+$/.test(ref.name) && /^image\/[a-z0-9]+$/.test(type) ? `${ref.name}.${type.slice(6)}` : ref.name;
    return { name, mimeType: type, size: Number.isFinite(length) && length > 0 ? length : ref.size, body: response.body };
  }

  async send(to: Participant, file: OpenedFile, context: SendContext): Promise<'image' | 'consent'> {
    if (!INLINE_TYPES.has(file.mimeType) || (file.size ?? 0) > TEAMS_INLINE_IMAGE_BYTES) {
      await file.body.cancel().catch(() => undefined);
      if (this.consents && context.source) return this.offer(to, file, { ...context, source: context.source }, this.consents);
      throw new FileTransferError('Microsoft Teams lets Koji send only pictures (PNG, JPEG or GIF up to 1 MB) for now');
    }
    const bytes = await readAll(file.body);
    if (bytes.byteLength > TEAMS_INLINE_IMAGE_BYTES) throw new FileTransferError('Microsoft Teams lets Koji send only pictures (PNG, JPEG or GIF up to 1 MB) for now');
    const { reference, connector } = await this.reach.reachWithConnector(to);
    await connector.send(reference.serviceUrl, reference.conversationId, {
      type: 'message',
      textFormat: 'xml',
      text: relayHtml(context.senderName, '', undefined, []),
      attachments: [{ contentType: file.mimeType, name: file.name, contentUrl: `data:${file.mimeType};base64,${Buffer.from(bytes).toString('base64')}` }],
    });
    return 'image';
  }

  /** Keeps where the file is under a random id, then sends the consent card carrying only that id; nothing is read yet. */
  private async offer(to: Participant, file: OpenedFile, context: SendContext & { readonly source: NonNullable<SendContext['source']> }, consents: { readonly store: FileConsents; readonly now: () => number }): Promise<'consent'> {
    const { source } = context;
    const { reference, connector } = await this.reach.reachWithConnector(to);
    const pending = {
      id: randomUUID(),
      from: source.from,
      ref: source.ref,
      maxBytes: source.maxBytes,
      to,
      senderName: context.senderName,
      recipientName: reference.name,
      ...(context.senderLang ? { senderLang: context.senderLang } : {}),
      ...(context.recipientLang ? { recipientLang: context.recipientLang } : {}),
      conversationId: context.conversationId,
      name: file.name,
      expiresAt: consents.now() + CONSENT_LIFETIME_SECONDS * 1000,
    };
    await consents.store.put(pending);
    await connector.send(reference.serviceUrl, reference.conversationId, {
      type: 'message',
      textFormat: 'xml',
      text: relayHtml(context.senderName, '', undefined, []),
      attachments: [consentCard(pending, file.size)],
    });
    return 'consent';
  }
}
