import { isLocale, languageOf, type Language } from '../../domain/language';
import { messageOf } from '../../domain/koji-error';
import type { Participant } from '../../domain/participant';
import type { LiveAgentSettings } from '../../domain/settings';
import type { CoreDeps, KeptLocale } from '../ports';
import type { IncomingChatMessage } from './incoming-message';

/**
 * The sender's locale: what the message came with (Teams sends it with every activity), else what was kept for
 * them, else asked of their platform once (Slack's users.info) and kept a month, even when it gave none, so a
 * person costs one look-up a month, never one per message. A failed look-up is not kept: the next message asks again.
 */
export async function senderLocale(deps: CoreDeps, msg: IncomingChatMessage, kept: KeptLocale | undefined): Promise<string | undefined> {
  if (msg.locale !== undefined) return msg.locale;
  if (kept) return kept.locale;
  const asked = await askPlatform(deps, msg.from);
  if (!asked) return undefined;
  const { locale } = asked;
  try {
    await deps.state.rememberLocale(msg.from, locale);
  } catch (error) {
    deps.log.warn('locale_not_kept', { userId: msg.from.userId, reason: messageOf(error) });
  }
  return locale;
}

/** The message with the sender's locale settled (senderLocale), so everything after it reads `msg.locale`. */
export async function withSenderLocale(deps: CoreDeps, msg: IncomingChatMessage, kept: KeptLocale | undefined): Promise<IncomingChatMessage> {
  if (msg.locale !== undefined) return msg;
  const locale = await senderLocale(deps, msg, kept);
  return locale === undefined ? msg : { ...msg, locale };
}

/** The language Koji answers a sender in: their locale's when it speaks it, the project's default otherwise. */
export function languageFor(msg: IncomingChatMessage, settings: Pick<LiveAgentSettings, 'defaultLanguage'>): Language {
  return languageOf(msg.locale, settings.defaultLanguage);
}

/** What a person's platform says their locale is, asked now (an admin's action, not a message): undefined when it can't say. */
export async function platformLocale(deps: CoreDeps, person: Participant): Promise<string | undefined> {
  return (await askPlatform(deps, person))?.locale;
}

/** The person's locale as their platform tells it (checked), `{}` when it gives none, undefined when it couldn't be asked. */
async function askPlatform(deps: CoreDeps, person: Participant): Promise<KeptLocale | undefined> {
  try {
    const given = (await deps.chat.profile(person)).locale;
    return isLocale(given) ? { locale: given } : {};
  } catch (error) {
    deps.log.warn('locale_unavailable', { userId: person.userId, reason: messageOf(error) });
    return undefined;
  }
}
