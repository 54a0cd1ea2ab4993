// Locale state (zh default, en second) and message lookup.
import { tIn, type MessageKey } from './messages';
import type { Params } from './translate';
import type { Locale } from '$lib/format';

export type { MessageKey };
export { tIn };
export const i18n = $state<{ locale: Locale }>({ locale: 'zh' });

/** The current locale's text for key, with `{name}` parameters and plural forms (`n`) filled in. */
export function t(key: MessageKey, params?: Params): string {
  return tIn(i18n.locale, key, params);
}

/** Pick the zh or en variant of a catalogue field, e.g. name(ind) → ind.zh / ind.en. */
export function pick<T extends { zh: string; en: string }>(o: T): string {
  return i18n.locale === 'en' ? o.en : o.zh;
}

/** The unit of an indicator in the current locale. */
export function unitOf(ind: { unit: string; unit_en: string }): string {
  return i18n.locale === 'en' ? ind.unit_en : ind.unit;
}

/** Pick `${field}_zh` or `${field}_en` of a record, e.g. pickOf(scheme, 'name') → scheme.name_zh. */
export function pickOf<F extends string>(o: { [K in `${F}_${Locale}`]?: string | null }, field: F): string | undefined {
  return o[`${field}_${i18n.locale}`] ?? undefined;
}
