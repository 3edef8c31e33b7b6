import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';

/** Bot Framework's public cloud: where the keys of the tokens that come with activities are published. */
export const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** Clock skew tolerated on `exp` and `nbf`, as every Bot Framework SDK does. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
/** Keys rotate rarely; the SDKs keep them a day. */
const KEYS_TTL_MS = 24 * 60 * 60 * 1000;

export type TokenCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type BotFrameworkJwk = JWK & { kid?: string; endorsements?: string[] };

interface CachedKeys {
  readonly keys: BotFrameworkJwk[];
  readonly fetchedAt: number;
}

/**
 * The signing keys, cached across invocations of a warm function. They are
 * public and the same for every caller, so sharing them leaks nothing, and it
 * saves two HTTP calls per activity.
 */
const keyCache = new Map<string, CachedKeys>();

export interface BotFrameworkKeySource {
  readonly openIdMetadataUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
}

/**
 * Validates the token Bot Framework sends with every activity, before the
 * activity is acted on: `Authorization: Bearer`, RS256 only, the key found by
 * `kid` in the JWKS named by the OpenID metadata (re-fetched once when the kid
 * is unknown), the key endorsed for the activity's channel, the issuer, the
 * audience (the tenant's app id), expiry within five minutes of tolerance, and
 * the `serviceurl` claim equal to the activity's service URL.
 */
export async function validateBotFrameworkToken(input: {
  readonly authorization: string | undefined;
  readonly activity: { readonly channelId: string; readonly serviceUrl: string };
  readonly appId: string;
  readonly keys: BotFrameworkKeySource;
}): Promise<TokenCheck> {
  const match = /^Bearer\s+(\S+)$/i.exec(input.authorization ?? '');
  const token = match?.[1];
  if (!token) return { ok: false, reason: 'The request carries no Bearer token.' };
  let header: { alg?: string; kid?: string };
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: 'The token is not a JWT.' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: 'The token is not signed with RS256.' };
  if (!header.kid) return { ok: false, reason: 'The token names no key.' };
  let key: BotFrameworkJwk | undefined;
  try {
    key = await findKey(input.keys, header.kid);
  } catch {
    return { ok: false, reason: 'The Bot Framework signing keys could not be fetched.' };
  }
  if (!key) return { ok: false, reason: 'The token is signed with an unknown key.' };
  if (!Array.isArray(key.endorsements) || !key.endorsements.includes(input.activity.channelId)) {
    return { ok: false, reason: `The signing key is not endorsed for the ${input.activity.channelId} channel.` };
  }
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, await importJWK(key, 'RS256'), {
      algorithms: ['RS256'],
      issuer: BOT_FRAMEWORK_ISSUER,
      audience: input.appId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(input.keys.now()),
    });
    claims = verified.payload;
  } catch (error) {
    return { ok: false, reason: `The token is not valid: ${(error as Error).message}` };
  }
  if (normalizeUrl(claims['serviceurl']) !== normalizeUrl(input.activity.serviceUrl)) {
    return { ok: false, reason: 'The token was issued for another service URL.' };
  }
  return { ok: true };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bot a Bearer token says it is for (its `aud`, an app id), read WITHOUT
 * verifying it: only to find which binding's app id to verify it against.
 * Undefined unless it is a GUID, so nothing else reaches a storage key.
 */
export function claimedAudience(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    const aud = decodeJwt(token).aud;
    return typeof aud === 'string' && GUID.test(aud) ? aud : undefined;
  } catch {
    return undefined;
  }
}

async function findKey(source: BotFrameworkKeySource, kid: string): Promise<BotFrameworkJwk | undefined> {
  const cached = keyCache.get(source.openIdMetadataUrl);
  const fresh = cached && source.now() - cached.fetchedAt < KEYS_TTL_MS;
  const known = fresh ? cached.keys.find((k) => k.kid === kid) : undefined;
  if (known) return known;
  // Unknown kid or stale cache: fetch once, then decide.
  const keys = await fetchKeys(source);
  keyCache.set(source.openIdMetadataUrl, { keys, fetchedAt: source.now() });
  return keys.find((k) => k.kid === kid);
}

async function fetchKeys(source: BotFrameworkKeySource): Promise<BotFrameworkJwk[]> {
  const metadata = (await (await source.fetch(source.openIdMetadataUrl)).json()) as { jwks_uri?: string };
  if (!metadata.jwks_uri) throw new Error('OpenID metadata without jwks_uri');
  const jwks = (await (await source.fetch(metadata.jwks_uri)).json()) as { keys?: BotFrameworkJwk[] };
  return jwks.keys ?? [];
}

function normalizeUrl(url: unknown): string {
  return (typeof url === 'string' ? url : '').replace(/\/+$/, '').toLowerCase();
}

/** For tests: forget cached keys. */
export function forgetBotFrameworkKeys(): void {
  keyCache.clear();
}
