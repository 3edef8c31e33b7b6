import type { kvs as KvsClient } from '@forge/kvs';
import { isLocale } from '../../domain/language';
import type { Participant } from '../../domain/participant';
import { KEPT_LOCALE_SECONDS, type KeptLocale } from '../../app/ports';
import { storageKeys } from './kvs-keys';

/** A person's locale as their platform gave it when asked (LiveAgentState.rememberLocale), or that it gave none, with a month's TTL. */
export async function keepLocale(kvs: typeof KvsClient, participant: Participant, locale: string | undefined): Promise<void> {
  const kept: KeptLocale = locale === undefined ? {} : { locale };
  await kvs.set(storageKeys.keptLocale(participant), kept, { ttl: { value: KEPT_LOCALE_SECONDS, unit: 'SECONDS' } });
}

/** A kept locale as stored: anything else (a record from elsewhere, a locale no longer well formed) reads as not kept. */
export function keptLocaleOf(value: unknown): KeptLocale | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const locale = (value as { locale?: unknown }).locale;
  if (locale === undefined) return {};
  return isLocale(locale) ? { locale } : undefined;
}
