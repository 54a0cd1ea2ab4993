// English names of streets and units are made in the browser from their Chinese names with
// pinyin-pro (≈300 KB of code and dictionary): loaded the first time a page shows such a name in
// English, never for a Chinese reader. Until it has loaded, the Chinese name stands in, and the
// page re-renders with the English one (the converter is reactive state).
import type { Locale } from '$lib/format';

let convert = $state<((zh: string) => string) | null>(null);
let loading: Promise<void> | null = null;

/** Resolves once English names can be made (loads the converter on first call). */
export function englishNamesReady(): Promise<void> {
  loading ??= import('./english-name').then((m) => {
    convert = m.englishName;
  });
  return loading;
}

/** A street's or unit's name in the reader's language (English once the converter has loaded). */
export function localName(zh: string, locale: Locale): string {
  if (locale !== 'en') return zh;
  if (convert) return convert(zh);
  void englishNamesReady();
  return zh;
}
