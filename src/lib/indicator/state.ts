// The indicator page's view state and its URL form: /indicator/ID/?y=2024&t=urban&c=college_share&r=440000&l=unit.
// ID is the path; the query holds the year, unit type, the comparison indicator of the scatter, the
// region whose children the box plots, map and ranking show (the nation or a province), and the level
// the distribution is drawn over (districts, or every community and village). Unknown or malformed
// parameters fall back to the defaults, so any link opens a valid view. Pure.
import { hasIndicator, type Indicator } from '$lib/indicators/catalogue';
import type { Locale, UnitType } from '$lib/types';
import { decode, encode, matching, numberIn, oneOf, type Fields } from '$lib/url/codec';

export type DistLevel = 'district' | 'unit';

export interface IndicatorView {
  year: number;
  type: UnitType;
  /** The indicator on the scatter's x axis. */
  compare: string;
  /** Nation (000000) or a province (XX0000): the region whose children are compared. */
  region: string;
  level: DistLevel;
}

/** The default comparison: certified social workers (a rate every unit has, spread over its range),
 *  or resident satisfaction on that indicator's own page. */
export function defaultCompare(ind: Indicator): string {
  return ind.id === 'certified_share' ? 'satisfaction_score' : 'certified_share';
}

export function defaults(ind: Indicator, years: readonly number[]): IndicatorView {
  return {
    year: years[years.length - 1] ?? 2025,
    type: 'all',
    compare: defaultCompare(ind),
    region: '000000',
    level: 'district'
  };
}

const fields = (ind: Indicator, years: readonly number[]): Fields<IndicatorView> => ({
  year: numberIn('y', () => years),
  type: oneOf('t', ['all', 'urban', 'rural'] as const),
  compare: matching('c', (raw) => raw !== ind.id && hasIndicator(raw)),
  region: matching('r', (raw) => /^\d{2}0000$/.test(raw)),
  level: oneOf('l', ['district', 'unit'] as const)
});

/** The view a URL's query describes for indicator `ind`. */
export const parseView = (ind: Indicator, params: URLSearchParams, years: readonly number[]): IndicatorView =>
  decode(fields(ind, years), params, defaults(ind, years));

/** The shortest query string for a view (defaults left out; `lang=en` in English). */
export const viewToSearch = (ind: Indicator, v: IndicatorView, years: readonly number[], locale: Locale = 'zh'): string =>
  encode(fields(ind, years), v, defaults(ind, years), locale);

/** Link to an indicator's page from anywhere (`base` is SvelteKit's base path). */
export const indicatorHref = (base: string, id: string, locale: Locale = 'zh'): string =>
  `${base}/indicator/${encodeURIComponent(id)}/${locale === 'en' ? '?lang=en' : ''}`;
