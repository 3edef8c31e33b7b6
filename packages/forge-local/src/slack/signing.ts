import { createHmac } from 'node:crypto';

/**
 * Slack's request signature, `v0=` + HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the
 * signing secret. The sandbox signs as Slack does, by its own hand: sharing the app's code for
 * it would let one mistake pass on both sides.
 */
export function slackSignature(rawBody: string, timestampSeconds: number, signingSecret: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}
