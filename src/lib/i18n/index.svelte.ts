// Locale state (zh default, en second) and message lookup.
import { messages, type MessageKey } from './messages';
import type { Locale } from '$lib/format';

export const i18n = $state<{ locale: Locale }>({ locale: 'zh' });

export function t(key: MessageKey): string {
  return messages[i18n.locale][key] ?? messages.zh[key];
}

/** Pick the zh or en variant of a catalogue field, e.g. name(ind) → ind.zh / ind.en. */
export function pick<T extends { zh: string; en: string }>(o: T): string {
  return i18n.locale === 'en' ? o.en : o.zh;
}
