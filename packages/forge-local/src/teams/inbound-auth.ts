import type { JWTPayload } from 'jose';
import { signJwt, type SandboxKeys } from './keys';
import { TEAMS_SANDBOX } from './tenant';

/** `iss` of every token the Bot Connector sends to a bot. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** How long an inbound token lives here: long enough to deliver one activity. */
export const INBOUND_TOKEN_LIFETIME_S = 300;

/**
 * The Authorization the sandbox sends with an activity: `valid` as the Bot
 * Connector sends it, or a token that breaks exactly one of the checks a bot
 * must make (B2): `none` (no header), `wrong-issuer`, `wrong-audience`,
 * `expired` (beyond the usual 5-minute clock tolerance), `unknown-key` (a `kid`
 * the JWKS does not have), `not-endorsed` (a published key whose endorsements
 * lack `msteams`), `serviceurl-mismatch` (the `serviceurl` claim differs from
 * `activity.serviceUrl`).
 */
export type TokenVariant = 'valid' | 'none' | 'wrong-issuer' | 'wrong-audience' | 'expired' | 'unknown-key' | 'not-endorsed' | 'serviceurl-mismatch';

export const TOKEN_VARIANTS: readonly TokenVariant[] = ['valid', 'none', 'wrong-issuer', 'wrong-audience', 'expired', 'unknown-key', 'not-endorsed', 'serviceurl-mismatch'];

/** The Bot Connector's JWT for one activity to the bot `appId` (the sandbox's own unless said), or undefined for `none`. */
export async function inboundToken(
  keys: SandboxKeys,
  activity: { readonly serviceUrl: string },
  variant: TokenVariant,
  nowMs: number,
  appId: string = TEAMS_SANDBOX.appId,
): Promise<string | undefined> {
  if (variant === 'none') return undefined;
  const now = Math.floor(nowMs / 1000);
  const issuedAt = variant === 'expired' ? now - 3600 : now;
  const claims: JWTPayload = {
    serviceurl: variant === 'serviceurl-mismatch' ? 'https://smba.trafficmanager.net/emea/' : activity.serviceUrl,
    nbf: issuedAt,
    iat: issuedAt,
    // Expired by ten minutes: outside any 5-minute clock tolerance.
    exp: variant === 'expired' ? now - 600 : now + INBOUND_TOKEN_LIFETIME_S,
    // An Entra token issuer, as a bot would see if it took the wrong token for a Bot Connector one.
    iss: variant === 'wrong-issuer' ? `https://sts.windows.net/${TEAMS_SANDBOX.tenantId}/` : BOT_FRAMEWORK_ISSUER,
    // The audience of the bot's own outbound tokens, not the bot.
    aud: variant === 'wrong-audience' ? 'https://api.botframework.com' : appId,
  };
  const key = await keys.signingKey(variant === 'unknown-key' ? 'stranger' : variant === 'not-endorsed' ? 'otherChannel' : 'channel');
  return signJwt(claims, key);
}
