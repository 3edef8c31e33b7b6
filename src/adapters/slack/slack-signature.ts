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
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'The request is not signed.' };
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'The request timestamp is not a number.' };
  if (Math.abs(input.nowMs / 1000 - ts) > SLACK_SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, reason: 'The request timestamp is more than five minutes away from now.' };
  }
  const expected = Buffer.from(signSlackRequest(input.rawBody, ts, input.signingSecret));
  const received = Buffer.from(input.signature);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { ok: false, reason: 'The request signature does not match.' };
  }
  return { ok: true };
}

/** The signature Slack would send; used by the sandbox and the tests to sign like Slack does. */
export function signSlackRequest(rawBody: string, timestampSeconds: number, signingSecret: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}
