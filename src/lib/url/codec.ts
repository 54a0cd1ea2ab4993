// The one URL-state codec. A page describes its state as fields (query key, parse, format); the codec
// reads a URL's parameters into a complete, valid state (a missing or malformed value falls back to the
// default, so any link opens a valid view) and writes a state back as the shortest query string (values
// equal to the default are left out; the language is carried). Pure: used by pages, the search box,
// the layout's links and the unit tests.
import type { Locale } from '$lib/types';

export interface Field<T> {
  /** The query parameter, e.g. `r`. */
  key: string;
  /** The value for a raw parameter, or undefined when it is malformed (the default is used). */
  parse: (raw: string) => T | undefined;
  /** The parameter for a value, or null when it equals the default (left out of the URL). */
  format: (value: T, dflt: T) => string | null;
}
export type Fields<S> = { [K in keyof S]: Field<S[K]> };

const plain = <T>(v: T, d: T): string | null => (v === d ? null : String(v));

/** One of a fixed list of strings. */
export const oneOf = <T extends string>(key: string, values: readonly T[]): Field<T> => ({
  key,
  parse: (raw) => (values.includes(raw as T) ? (raw as T) : undefined),
  format: plain
});

/** A string that passes a test (e.g. a catalogue indicator id). */
export const matching = (key: string, ok: (raw: string) => boolean): Field<string> => ({
  key,
  parse: (raw) => (ok(raw) ? raw : undefined),
  format: plain
});

/** A GB/T 2260 code of exactly `digits` digits. */
export const code = (key: string, digits: number): Field<string> =>
  matching(key, (raw) => new RegExp(`^\\d{${digits}}$`).test(raw));

/** An optional code (null when absent). */
export const optionalCode = (key: string, digits: number): Field<string | null> => {
  const c = code(key, digits);
  return { key, parse: (raw) => c.parse(raw) ?? null, format: (v, d) => (v === null || v === d ? null : v) };
};

/** A number from a fixed list (years present in the snapshot, Monte Carlo run counts). */
export const numberIn = (key: string, values: () => readonly number[]): Field<number> => ({
  key,
  parse: (raw) => {
    const n = Number(raw);
    return raw !== '' && values().includes(n) ? n : undefined;
  },
  format: plain
});

/** The state a URL's parameters describe: every field parsed, or its default. */
export function decode<S extends object>(fields: Fields<S>, params: URLSearchParams, defaults: S): S {
  const out = { ...defaults };
  for (const k of Object.keys(fields) as (keyof S)[]) {
    const raw = params.get(fields[k].key);
    const v = raw === null ? undefined : fields[k].parse(raw);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Query parameters for a state: defaults left out, then the language (English only; Chinese is the default). */
export function encodeParams<S extends object>(fields: Fields<S>, state: S, defaults: S, locale: Locale = 'zh'): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of Object.keys(fields) as (keyof S)[]) {
    const s = fields[k].format(state[k], defaults[k]);
    if (s !== null) p.set(fields[k].key, s);
  }
  return withLocale(p, locale);
}

/** `?query` for a state, or '' when every value is the default. */
export function encode<S extends object>(fields: Fields<S>, state: S, defaults: S, locale: Locale = 'zh'): string {
  return toSearch(encodeParams(fields, state, defaults, locale));
}

/** The language a URL asks for. */
export const localeOf = (params: URLSearchParams): Locale => (params.get('lang') === 'en' ? 'en' : 'zh');

/** The same parameters in a given language (`lang=en`, or none for Chinese). */
export function withLocale(params: URLSearchParams, locale: Locale): URLSearchParams {
  const p = new URLSearchParams(params);
  p.delete('lang');
  if (locale === 'en') p.set('lang', 'en');
  return p;
}

export const toSearch = (p: URLSearchParams): string => {
  const q = p.toString();
  return q ? `?${q}` : '';
};
