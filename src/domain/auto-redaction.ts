/**
 * Secrets people paste into a help-desk chat by mistake, found before
 * anything is stored or relayed: payment card numbers (a known card network's
 * prefix, 13–19 digits, the Luhn check), the word after "password:" and its
 * kin in English, French and German, and credentials with a recognisable shape
 * (Slack, GitHub and AWS keys, private key blocks). Each is replaced by a
 * marker in the words given; the rest of the text is left exactly as typed.
 *
 * It errs towards leaving text alone: an order number that happens to pass
 * Luhn but starts like no card, or "my password is wrong", stays. The spec's
 * corpus (test/domain/auto-redaction.test.ts) lists both kinds.
 */
/** The project's choice (backoffice › Settings › Retention): off by default, as it changes what people typed. */
export interface PrivacySettings {
  /** Secrets are removed from messages before they are stored or relayed; applies to conversations that start after it is saved. */
  readonly autoRedaction: boolean;
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { autoRedaction: false };

export function privacySettingsProblems(settings: { readonly autoRedaction: unknown }): string[] {
  return typeof settings.autoRedaction === 'boolean' ? [] : ['Removing secrets automatically must be on or off.'];
}

export interface RedactionWords {
  readonly cardNumber: string;
  readonly password: string;
  readonly credential: string;
}

/** What kind of secret a marker stands for. */
export type SecretKind = keyof RedactionWords;

export interface Redacted {
  readonly text: string;
  /** How many secrets were replaced; 0 leaves `text` the very string given. */
  readonly count: number;
  /** The kinds replaced, each once, in the order first found (what the sender is told). */
  readonly found: readonly SecretKind[];
}

// 13–19 digits, in groups split by single spaces or hyphens, not glued to other digits or letters.
const CARD_CANDIDATE = /(?<![\p{L}\p{N}_-])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}_]|-\d)/gu;

// Issuer prefixes of the networks a support chat sees (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro).
const CARD_PREFIX = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8]\d)|3(?:0[0-5]|[68])|5[06-9]|6\d)/;

const PASSWORD_WORDS = ['password', 'passwd', 'pwd', 'passcode', 'pin', 'mot de passe', 'mdp', 'passwort', 'kennwort', 'kenwort'];
const PASSWORD_KEY = PASSWORD_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|');

/** "password: x", "password = x", "password - x": the value is whatever follows, up to a space. */
const PASSWORD_COLON = new RegExp(`(?<![\\p{L}\\p{N}])((?:${PASSWORD_KEY})\\s*[:=]\\s*)(\\S+)`, 'giu');

/**
 * "my password is x", "my password is: x", "le mot de passe est : x", "das Passwort ist:x": only when x does not read
 * as an ordinary word of the sentence. The verb is followed by a colon or equals sign, or by a space ("isn't" is no "is").
 */
const PASSWORD_IS = new RegExp(`(?<![\\p{L}\\p{N}])((?:${PASSWORD_KEY})\\s+(?:is|was|est|était|ist|lautet|war)(?:\\s*[:=]\\s*|\\s+))(\\S+)`, 'giu');

/** Words that commonly follow "my password is" without being a password. */
const NOT_A_PASSWORD = new Set(
  [
    'wrong', 'incorrect', 'invalid', 'correct', 'right', 'expired', 'expiring', 'locked', 'blocked', 'not', "isn't", 'still', 'too', 'the', 'a', 'my', 'your',
    'being', 'now', 'no', 'missing', 'lost', 'forgotten', 'reset', 'changed', 'rejected', 'weak', 'strong', 'long', 'short', 'same', 'different', 'empty',
    'faux', 'incorrect', 'expiré', 'bloqué', 'pas', 'toujours', 'le', 'la', 'mon', 'trop', 'perdu', 'oublié', 'changé', 'refusé', 'vide',
    'falsch', 'abgelaufen', 'gesperrt', 'nicht', 'noch', 'immer', 'zu', 'das', 'mein', 'richtig', 'ungültig', 'vergessen', 'geändert', 'leer', 'kein',
  ].map((w) => w.toLowerCase()),
);

const CREDENTIALS: readonly RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

export function redactSecrets(text: string, words: RedactionWords): Redacted {
  let count = 0;
  const found = new Set<SecretKind>();
  const mark = (kind: SecretKind) => {
    count += 1;
    found.add(kind);
    return `[${words[kind]}]`;
  };
  let out = text;
  for (const pattern of CREDENTIALS) out = out.replace(pattern, () => mark('credential'));
  out = out.replace(CARD_CANDIDATE, (candidate) => (isCardNumber(candidate) ? mark('cardNumber') : candidate));
  // A value that is one of Koji's own markers (a card number just removed) stays; any other value is the password.
  const markers = Object.values(words).map((w) => `[${w}]`);
  const isMarker = (all: string, at: number) => markers.some((m) => all.startsWith(m, at));
  out = out.replace(PASSWORD_COLON, (whole, lead: string, _value: string, at: number, all: string) => (isMarker(all, at + lead.length) ? whole : `${lead}${mark('password')}`));
  out = out.replace(PASSWORD_IS, (whole, lead: string, value: string, at: number, all: string) =>
    NOT_A_PASSWORD.has(trimPunctuation(value).toLowerCase()) || isMarker(all, at + lead.length) ? whole : `${lead}${mark('password')}`,
  );
  return count === 0 ? { text, count, found: [] } : { text: out, count, found: [...found] };
}

export function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && luhn(digits) && !/^(\d)\1+$/.test(digits);
}

/** The Luhn check digit test every payment card number passes. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function trimPunctuation(word: string): string {
  return word.replace(/[.,;:!?)"'»]+$/u, '');
}

