import { decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify, type JWK } from 'jose';

/** Bot Framework's public cloud: where the keys of the tokens that come with activities are published. */
export const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** Clock skew tolerated on `exp` and `nbf`, as every Bot Framework SDK does. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
/** Keys rotate rarely; the SDKs keep them a day. */
const KEYS_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * The least time between two fetches of one metadata URL, whatever the tokens name. Anyone can
 * send a token with a made-up kid; without this floor each would cost two calls to Microsoft.
 * Microsoft publishes a new key well before signing with it, so a few minutes' delay in seeing
 * it costs a rotated key at most a few refused (and redelivered) activities.
 */
export const KEYS_REFRESH_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Why a token was refused, as evidence of the tenant's configuration (tenant-health.ts):
 * - `unproven`: nothing shows Microsoft made it (not a JWT, an unknown key, a bad signature): anyone could have sent it;
 * - `misfit`: signed with Bot Framework's key and issued by it, yet not for this bot, channel, service URL or time
 *   (expired within the hour): Bot Connector's own request that the configuration does not fit;
 * - `keys-unavailable`: Koji could not fetch Microsoft's keys: its own side, whoever sent the request.
 */
export type TokenRefusal = 'unproven' | 'misfit' | 'keys-unavailable';

export type TokenCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly refusal: TokenRefusal };

const unproven = (reason: string): TokenCheck => ({ ok: false, reason, refusal: 'unproven' });
const misfit = (reason: string): TokenCheck => ({ ok: false, reason, refusal: 'misfit' });

type BotFrameworkJwk = JWK & { kid?: string; endorsements?: string[] };

interface KeyState {
  /** The last keys fetched, kept when a later refresh fails: old keys still verify most tokens. */
  keys?: BotFrameworkJwk[];
  fetchedAt?: number;
  /** When a fetch was last started, successful or not: the refresh interval counts from here. */
  attemptedAt: number;
  /** A fetch under way, shared by every request that arrives meanwhile. */
  inFlight?: Promise<void>;
}

/**
 * The signing keys, cached across invocations of a warm function. They are
 * public and the same for every caller, so sharing them leaks nothing, and it
 * saves two HTTP calls per activity.
 */
const keyCache = new Map<string, KeyState>();

export interface BotFrameworkKeySource {
  readonly openIdMetadataUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
}

/**
 * Validates the token Bot Framework sends with every activity, before the
 * activity is acted on: `Authorization: Bearer`, RS256 only, the key found by
 * `kid` in the JWKS named by the OpenID metadata (re-fetched for an unknown kid,
 * at most once per refresh interval), the signature, then the issuer, the
 * audience (the tenant's app id), expiry within five minutes of tolerance, the
 * key endorsed for the activity's channel, and the `serviceurl` claim equal to
 * the activity's service URL. A refusal says whether Microsoft made the token (TokenRefusal).
 */
export async function validateBotFrameworkToken(input: {
  readonly authorization: string | undefined;
  readonly activity: { readonly channelId: string; readonly serviceUrl: string };
  /** The bot the token must be for; undefined only to learn whether Microsoft made it (its audience not checked). */
  readonly appId: string | undefined;
  readonly keys: BotFrameworkKeySource;
}): Promise<TokenCheck> {
  const match = /^Bearer\s+(\S+)$/i.exec(input.authorization ?? '');
  const token = match?.[1];
  if (!token) return unproven('The request carries no Bearer token.');
  let header: { alg?: string; kid?: string };
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return unproven('The token is not a JWT.');
  }
  if (header.alg !== 'RS256') return unproven('The token is not signed with RS256.');
  if (!header.kid) return unproven('The token names no key.');
  const key = await findKey(input.keys, header.kid);
  if (key === 'unavailable') return { ok: false, reason: 'The Bot Framework signing keys could not be fetched.', refusal: 'keys-unavailable' };
  if (!key) return unproven('The token is signed with an unknown key.');
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, await importJWK(key, 'RS256'), {
      algorithms: ['RS256'],
      issuer: BOT_FRAMEWORK_ISSUER,
      ...(input.appId === undefined ? {} : { audience: input.appId }),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(input.keys.now()),
    });
    claims = verified.payload;
  } catch (error) {
    return (tellsOfConfiguration(error, input.keys.now()) ? misfit : unproven)(`The token is not valid: ${(error as Error).message}`);
  }
  if (!Array.isArray(key.endorsements) || !key.endorsements.includes(input.activity.channelId)) {
    // The channel id is the caller's word: named generically, so a request can't write text into a status.
    return misfit('The signing key is not endorsed for the channel the activity names.');
  }
  if (normalizeUrl(claims['serviceurl']) !== normalizeUrl(input.activity.serviceUrl)) {
    return misfit('The token was issued for another service URL.');
  }
  return { ok: true };
}

/** How long after its expiry a token Microsoft signed still tells of a clock out of step rather than of a replay. */
const EXPIRED_TELLS_MS = 60 * 60 * 1000;

/**
 * Whether a claim that failed says something of Koji's configuration. Claims are checked only once the signature
 * verified, so the token is one Bot Framework's key signed: for another bot, or not yet valid, it is Bot
 * Connector's own request that does not fit. Not so another issuer (a key's token for something else), nor one
 * expired long ago: that is a token kept and sent again, which anyone could do.
 */
function tellsOfConfiguration(error: unknown, now: number): boolean {
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload['exp'];
    return typeof exp === 'number' && now - exp * 1000 < EXPIRED_TELLS_MS;
  }
  return error instanceof errors.JWTClaimValidationFailed && error.claim !== 'iss';
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

/**
 * The key named `kid`, refreshing the keys only when they are missing, stale or lack the kid, and
 * then at most once per KEYS_REFRESH_INTERVAL_MS per metadata URL. Within that interval every
 * unknown kid (made up or not yet seen) is answered from memory, so no request can make the app
 * call Microsoft, and a failing Microsoft is not asked again on every request either.
 * `unavailable`: no keys were ever fetched for this metadata URL.
 */
async function findKey(source: BotFrameworkKeySource, kid: string): Promise<BotFrameworkJwk | undefined | 'unavailable'> {
  const state = keyCache.get(source.openIdMetadataUrl);
  const fresh = state?.fetchedAt !== undefined && source.now() - state.fetchedAt < KEYS_TTL_MS;
  const known = state?.keys?.find((k) => k.kid === kid);
  if (known && fresh) return known;
  await refreshKeys(source);
  const keys = keyCache.get(source.openIdMetadataUrl)?.keys;
  return keys ? keys.find((k) => k.kid === kid) : 'unavailable';
}

async function refreshKeys(source: BotFrameworkKeySource): Promise<void> {
  const url = source.openIdMetadataUrl;
  const state = keyCache.get(url);
  if (state?.inFlight) return state.inFlight;
  if (state && source.now() - state.attemptedAt < KEYS_REFRESH_INTERVAL_MS) return;
  const next: KeyState = { ...(state?.keys ? { keys: state.keys } : {}), ...(state?.fetchedAt !== undefined ? { fetchedAt: state.fetchedAt } : {}), attemptedAt: source.now() };
  next.inFlight = fetchKeys(source).then(
    (keys) => {
      next.keys = keys;
      next.fetchedAt = source.now();
    },
    // Keep what we had: the failure shows as an unknown key or, with no keys at all, as keys that could not be fetched.
    () => undefined,
  );
  keyCache.set(url, next);
  try {
    await next.inFlight;
  } finally {
    delete next.inFlight;
  }
}

async function fetchKeys(source: BotFrameworkKeySource): Promise<BotFrameworkJwk[]> {
  const metadataResponse = await source.fetch(source.openIdMetadataUrl);
  if (!metadataResponse.ok) throw new Error(`OpenID metadata answered ${metadataResponse.status}`);
  const metadata = (await metadataResponse.json()) as { jwks_uri?: unknown };
  if (typeof metadata.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
  const jwksResponse = await source.fetch(metadata.jwks_uri);
  if (!jwksResponse.ok) throw new Error(`JWKS answered ${jwksResponse.status}`);
  const jwks = (await jwksResponse.json()) as { keys?: unknown };
  if (!Array.isArray(jwks.keys)) throw new Error('JWKS without keys');
  return jwks.keys.filter((k): k is BotFrameworkJwk => typeof k === 'object' && k !== null && typeof (k as { kid?: unknown }).kid === 'string');
}

function normalizeUrl(url: unknown): string {
  return (typeof url === 'string' ? url : '').replace(/\/+$/, '').toLowerCase();
}

/** For tests: forget cached keys. */
export function forgetBotFrameworkKeys(): void {
  keyCache.clear();
}
