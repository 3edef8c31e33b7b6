import { checkHandoffPhrases } from './handoff-phrases';
import { isLanguage, type Language } from './language';

/** The languages handoff phrases can be given in besides the main list (`handoffPhrases`, English and any other words). */
export type PhraseLanguage = Exclude<Language, 'en'>;
export const PHRASE_LANGUAGES: readonly PhraseLanguage[] = ['fr', 'de'];

/** What a Jira admin sets about languages in one project (issue 19). */
export interface LanguageSettings {
  /** What people whose locale Koji doesn't speak (or who have none) hear. */
  readonly defaultLanguage: Language;
  /**
   * Phrases that ask for a human, per language: any of them works whatever the person's language, and a person
   * is told to type the first one of their own language (the main list's first when theirs has none).
   */
  readonly localHandoffPhrases: Readonly<Partial<Record<PhraseLanguage, readonly string[]>>>;
}

export const DEFAULT_LANGUAGE_SETTINGS: LanguageSettings = {
  defaultLanguage: 'en',
  localHandoffPhrases: {
    // Phrases, not single common words: "opérateur" or "Mitarbeiter" alone also ask the bot questions about mobile
    // operators or new employees, which would then go to a person instead of the knowledge base.
    fr: ['parler à un conseiller', 'un humain', 'une vraie personne', 'un opérateur', 'conseiller humain'],
    de: ['mit einem Menschen sprechen', 'echte Person', 'mit einem Mitarbeiter sprechen', 'Live-Agent', 'Support-Mitarbeiter'],
  },
};

/** Each field's problems, as sentences for the admin; the per-language lists may be empty (the main list then stands in). */
export function languageSettingsProblems(next: LanguageSettings): { readonly problems: string[]; readonly localHandoffPhrases: LanguageSettings['localHandoffPhrases'] } {
  const problems: string[] = [];
  if (!isLanguage(next.defaultLanguage)) problems.push('The default language must be English, French or German.');
  const given: unknown = next.localHandoffPhrases;
  if (typeof given !== 'object' || given === null || Array.isArray(given) || Object.keys(given).some((k) => !(PHRASE_LANGUAGES as readonly string[]).includes(k))) {
    return { problems: [...problems, 'Handoff phrases per language can be given for French and German only.'], localHandoffPhrases: {} };
  }
  const checked: Partial<Record<PhraseLanguage, readonly string[]>> = {};
  for (const language of PHRASE_LANGUAGES) {
    const list = (given as Record<string, unknown>)[language];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.length === 0) {
      checked[language] = [];
      continue;
    }
    const { phrases, problems: found } = checkHandoffPhrases(list);
    problems.push(...found.map((p) => `${LANGUAGE_LABEL[language]}: ${p}`));
    checked[language] = phrases;
  }
  return { problems, localHandoffPhrases: checked };
}

const LANGUAGE_LABEL: Record<PhraseLanguage, string> = { fr: 'French phrases', de: 'German phrases' };

/** Every phrase that asks for a human, in any language: a French speaker who types "operator" reaches one too. */
export function allHandoffPhrases(settings: { readonly handoffPhrases: readonly string[] } & LanguageSettings): readonly string[] {
  return [...settings.handoffPhrases, ...PHRASE_LANGUAGES.flatMap((l) => settings.localHandoffPhrases[l] ?? [])];
}

/** The phrase a person is told to type to reach someone: their language's first, else the main list's first. */
export function handoffHintIn(settings: { readonly handoffPhrases: readonly string[] } & LanguageSettings, language: Language): string {
  const own = language === 'en' ? undefined : settings.localHandoffPhrases[language]?.[0];
  return own ?? settings.handoffPhrases[0] ?? 'operator';
}
