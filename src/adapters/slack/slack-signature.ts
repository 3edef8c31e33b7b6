import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to trust a request signed more than five minutes away from now, either way. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Slack's request signing, from its documented algorithm: `v0=` + hex
 * HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing secret,
 * compared in constant time, with the timestamp within five minutes of now.
 */
export function verifySlackSignature(input: {
  readonly rawBody: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly signingSecret: string;
  readonly nowMs: number;
}): SignatureCheck {
  const headers = checkSlackSignatureHeaders(input);
  if (!headers.ok) return headers;
  // Compared as the digest's 32 bytes: the form check above made the header 64 hex digits, so no hex string is built per request.
  const expected = slackDigest(input.rawBody, headers.timestamp, input.signingSecret);
  const received = Buffer.from(headers.signature.slice(3), 'hex');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { ok: false, reason: 'The request signature does not match.' };
  }
  return { ok: true };
}

/** `v0=` and 64 lower-case hex digits: the only signature Slack sends. */
const SIGNATURE_FORMAT = /^v0=[0-9a-f]{64}$/;

/**
 * What can be checked without any secret: both headers there, a timestamp
 * within five minutes of now, a signature of the right form. Run before the
 * workspace is looked up, so an unsigned, stale or garbled request costs no
 * storage read at all.
 */
export function checkSlackSignatureHeaders(input: {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly nowMs: number;
}): { readonly ok: true; readonly timestamp: number; readonly signature: string } | { readonly ok: false; readonly reason: string } {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'The request is not signed.' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'The request timestamp is not a number.' };
  const ts = Number(input.timestamp);
  if (Math.abs(input.nowMs / 1000 - ts) > SLACK_SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, reason: 'The request timestamp is more than five minutes away from now.' };
  }
  if (!SIGNATURE_FORMAT.test(input.signature)) return { ok: false, reason: 'The request signature does not match.' };
  return { ok: true, timestamp: ts, signature: input.signature };
}

/** The signature Slack would send; used by the tests and the bench to sign like Slack does. */
export function signSlackRequest(rawBody: string, timestampSeconds: number, signingSecret: string): string {
  return `v0=${slackDigest(rawBody, timestampSeconds, signingSecret).toString('hex')}`;
}

function slackDigest(rawBody: string, timestampSeconds: number, signingSecret: string): Buffer {
  return createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest();
}
