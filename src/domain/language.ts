/**
 * The languages Koji speaks to users and operators (its own markets), and how a person's platform locale picks one.
 * The backoffice stays English.
 */
export const LANGUAGES = ['en', 'fr', 'de'] as const;

export type Language = (typeof LANGUAGES)[number];

/** Each language by its own name, as a picker shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français', de: 'Deutsch' };

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Longest locale kept: BCP 47 tags people's clients send are far shorter ("en-US", "fr-CH", "de-DE"). */
export const MAX_LOCALE_LENGTH = 35;

/**
 * A platform locale as a payload carries it ("en-US", Slack's "fr-FR", Teams' "de-de"), checked before it is kept:
 * letters and digits in subtags joined by hyphens (or the underscores some clients use), nothing else.
 */
export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LOCALE_LENGTH && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(value);
}

/** The language for a person: their locale's, when Koji speaks it; the project's default otherwise (and without a locale). */
export function languageOf(locale: string | undefined, fallback: Language): Language {
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : fallback;
}
