// Links to and from the region page, carrying the language. Pure.
import type { Locale } from '$lib/types';
import { NATION } from '$lib/data/regions';
import { withLocale } from '$lib/url/codec';

/** The language parameter ('lang=en', or nothing for Chinese), as every link of the site carries it. */
const lang = (locale: Locale) => withLocale(new URLSearchParams(), locale).toString();
const join = (path: string, params: string[]) => {
  const q = params.filter(Boolean).join('&');
  return q ? `${path}?${q}` : path;
};

/** /region/?c=CODE (the nation's page without a code). */
export function regionHref(base: string, code: string, locale: Locale): string {
  return join(`${base}/region/`, [code === NATION ? '' : `c=${encodeURIComponent(code)}`, lang(locale)]);
}

/** The overview at a place: a region itself, a street or unit at its district (a unit marked). */
export function overviewAt(base: string, code: string, locale: Locale): string {
  const r = code.length > 6 ? code.slice(0, 6) : code;
  return join(`${base}/`, [r === NATION ? '' : `r=${r}`, code.length === 12 ? `u=${code}` : '', lang(locale)]);
}

/** The assessment within a place: a province or city ranks its districts; a district (or below) is marked in its province. */
export function assessmentAt(base: string, code: string, locale: Locale): string {
  const c6 = code.slice(0, 6);
  if (c6 === NATION) return join(`${base}/rankings/`, [lang(locale)]);
  const district = !c6.endsWith('00');
  const r = district ? `${c6.slice(0, 2)}0000` : c6;
  return join(`${base}/rankings/`, [`r=${r}`, district ? `u=${c6}` : '', lang(locale)]);
}
