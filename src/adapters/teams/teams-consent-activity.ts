import { wellFormed } from '../../domain/text';
import { boundedString, isRecord } from '../chat/payload-checks';
import type { ConsentAnswer, UploadInfo } from '../../app/files/file-consent-job';

/** The id Koji puts in a consent card's contexts: a random UUID, nothing else. */
const CONSENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type NarrowedConsent = { readonly kind: 'file-consent'; readonly answer: ConsentAnswer } | { readonly kind: 'ignored'; readonly reason: string };

/**
 * A click on a file consent card: an `invoke` named `fileConsent/invoke` whose value is
 * `{ type: 'fileUpload', action, context: { id }, uploadInfo }`. Every field is checked for shape and length here;
 * whether the id is pending, the invoker its recipient and the upload URL OneDrive's is checked before anything is
 * fetched (teams-file-consent.ts).
 */
export function narrowConsentInvoke(raw: Record<string, unknown>, invoker: { tenantId: string; userId: string }): NarrowedConsent {
  if (raw['name'] !== 'fileConsent/invoke') return { kind: 'ignored', reason: 'invoke' };
  const value = raw['value'];
  if (!isRecord(value) || value['type'] !== 'fileUpload') return { kind: 'ignored', reason: 'malformed file consent' };
  const action = value['action'];
  const context = value['context'];
  const id = isRecord(context) ? context['id'] : undefined;
  if ((action !== 'accept' && action !== 'decline') || typeof id !== 'string' || !CONSENT_ID.test(id)) return { kind: 'ignored', reason: 'malformed file consent' };
  const who = { channel: 'teams' as const, tenantId: invoker.tenantId, userId: invoker.userId };
  if (action === 'decline') return { kind: 'file-consent', answer: { id, action, invoker: who } };
  const upload = uploadInfoOf(value['uploadInfo']);
  if (!upload) return { kind: 'ignored', reason: 'malformed upload info' };
  return { kind: 'file-consent', answer: { id, action, invoker: who, upload } };
}

function uploadInfoOf(info: unknown): UploadInfo | undefined {
  if (!isRecord(info)) return undefined;
  const uploadUrl = boundedString(info['uploadUrl'], 4096);
  const contentUrl = boundedString(info['contentUrl'], 4096);
  const uniqueId = boundedString(info['uniqueId'], 256);
  const fileType = boundedString(info['fileType'], 32) ?? '';
  const name = boundedString(info['name'], 256);
  if (!uploadUrl || !contentUrl || !uniqueId || !/^[\w{}.-]+$/.test(uniqueId) || !/^[a-z0-9]*$/i.test(fileType) || !name) return undefined;
  return { uploadUrl, contentUrl, uniqueId, fileType, name: wellFormed(name) };
}
