/** A person's locale as kept (LiveAgentState.rememberLocale): `locale` absent when their platform gave none. */
export interface KeptLocale {
  readonly locale?: string | undefined;
}

/** A month: a person who changes their Slack language is heard in the new one within it. */
export const KEPT_LOCALE_SECONDS = 30 * 24 * 3600;

