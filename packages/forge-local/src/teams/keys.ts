import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** An RS256 key pair and its public JWK (with `kid`, `alg`, `use`). */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly jwk: JWK;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  return { kid, privateKey, publicKey, jwk: { ...exported, kid, alg: 'RS256', use: 'sig' } };
}

/** A compact JWS of `claims`, signed RS256 with `key`, header `{alg, kid, typ: 'JWT'}`. */
export function signJwt(claims: JWTPayload, key: SigningKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** The endorsements of the real Bot Framework keys include these channels. */
export const CHANNEL_ENDORSEMENTS = ['msteams', 'skype', 'webchat', 'directline', 'emulator'] as const;
const OTHER_ENDORSEMENTS = ['webchat', 'directline', 'emulator'] as const;

/** Which key signs an inbound token: the published `msteams` one, a published one not endorsed for `msteams`, or an unpublished one. */
export type ChannelKeyKind = 'channel' | 'otherChannel' | 'stranger';

/**
 * The sandbox's keys (made at the first start in a process, nothing persisted):
 * - `login`: signs the bot's access tokens at the token endpoint;
 * - `channel`: signs inbound activities as the Bot Connector does, published
 *   with `endorsements: ['msteams', …]`;
 * - `otherChannel`: published too, endorsed only for other channels, made the
 *   first time a `not-endorsed` token is asked for (and listed from then on);
 * - `stranger`: never published (its tokens carry an unknown `kid`), made on first use.
 */
let processKeys: Promise<SandboxKeys> | undefined;

export class SandboxKeys {
  private otherChannel: Promise<SigningKey> | undefined;
  private stranger: Promise<SigningKey> | undefined;

  private constructor(
    readonly login: SigningKey,
    private channel: SigningKey,
  ) {}

  /**
   * The keys of this process's one Microsoft. The app names Microsoft's real endpoints and keeps
   * the keys and tokens it got from them while warm, as on Forge; a second sandbox in the same
   * process (a spec that restarts the platform) must then sign with the same keys, as Microsoft
   * would, or the app would refuse it for keys it cached from the first.
   */
  static create(): Promise<SandboxKeys> {
    processKeys ??= Promise.all([newSigningKey(), newSigningKey()]).then(([login, channel]) => new SandboxKeys(login, channel));
    processKeys.catch(() => (processKeys = undefined));
    return processKeys;
  }

  get channelKid(): string {
    return this.channel.kid;
  }

  signingKey(kind: ChannelKeyKind): Promise<SigningKey> {
    if (kind === 'channel') return Promise.resolve(this.channel);
    if (kind === 'otherChannel') return (this.otherChannel ??= newSigningKey());
    return (this.stranger ??= newSigningKey());
  }

  /** The JWKS at `…/.well-known/keys`: the published channel keys, each with its endorsements. */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const other = this.otherChannel ? await this.otherChannel : undefined;
    return {
      keys: [
        { ...this.channel.jwk, endorsements: [...CHANNEL_ENDORSEMENTS] },
        ...(other ? [{ ...other.jwk, endorsements: [...OTHER_ENDORSEMENTS] }] : []),
      ],
    };
  }

  /** Replaces the channel keys (the `msteams` one now, the others when next needed); returns the new kid. */
  async rotate(): Promise<string> {
    this.channel = await newSigningKey();
    this.otherChannel = undefined;
    this.stranger = undefined;
    return this.channel.kid;
  }
}
