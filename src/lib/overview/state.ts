// The overview's view state and its URL form: ?y=2025&t=rural&i=certified_share&r=440000&v=grid.
// Unknown or malformed parameters fall back to defaults, so any link opens a valid view.
import { hasIndicator } from '$lib/indicators/catalogue';
import type { Locale, UnitType } from '$lib/types';
import { code, decode, encode, matching, numberIn, oneOf, optionalCode, type Field, type Fields } from '$lib/url/codec';

export interface ViewState {
  year: number;
  type: UnitType;
  /** The indicator the URL names; null when it names none and the view opens on one that fits (fit.ts). */
  indicator: string | null;
  region: string;
  view: 'map' | 'grid';
  /** A grassroots unit (12-digit code) highlighted in the district's list, from search. */
  unit: string | null;
}

export function defaults(years: number[]): ViewState {
  return {
    year: years[years.length - 1] ?? 2025,
    type: 'all',
    indicator: null,
    region: '000000',
    view: 'map',
    unit: null
  };
}

/** An optional catalogue indicator id (null when absent or unknown). */
const optionalIndicator = (key: string): Field<string | null> => {
  const id = matching(key, hasIndicator);
  return { key, parse: (raw) => id.parse(raw) ?? null, format: (v, d) => (v === null || v === d ? null : v) };
};

const fields = (years: readonly number[]): Fields<ViewState> => ({
  year: numberIn('y', () => years),
  type: oneOf('t', ['all', 'urban', 'rural'] as const),
  indicator: optionalIndicator('i'),
  region: code('r', 6),
  view: oneOf('v', ['map', 'grid'] as const),
  unit: optionalCode('u', 12)
});

export const parseState = (params: URLSearchParams, years: number[]): ViewState => decode(fields(years), params, defaults(years));

/** Query string for a state; parameters equal to the default are left out; `lang=en` in English. */
export const stateToSearch = (s: ViewState, years: number[], locale: Locale = 'zh'): string =>
  encode(fields(years), s, defaults(years), locale);

/** Link to the overview at a region (and a unit marked in its district), e.g. from search. */
export const overviewHref = (base: string, place: Partial<ViewState>, years: number[], locale: Locale): string =>
  `${base}/${stateToSearch({ ...defaults(years), ...place }, years, locale)}`;
