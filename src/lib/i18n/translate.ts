// Message lookup with `{param}` interpolation and plural forms. Pure: the locale is an argument.
import type { Locale } from '$lib/format';

/** A message: plain text, or plural forms chosen by Intl.PluralRules on the `n` parameter. */
export type Message = string | PluralForms;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Params = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralRule(locale: Locale): Intl.PluralRules {
  let r = pluralRules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale === 'zh' ? 'zh-CN' : 'en-GB');
    pluralRules.set(locale, r);
  }
  return r;
}

/** Text of one message in one locale: plural form for `params.n`, then `{name}` replaced by params.name. */
export function format(message: Message, locale: Locale, params?: Params): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const n = Number(params?.n);
    text = Number.isFinite(n) ? (message[pluralRule(locale).select(n)] ?? message.other) : message.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Every `{name}` placeholder in a message (all plural forms), sorted, for consistency tests. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of (text ?? '').matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}
