// The explorer's whole state and its URL codec, pure. Every field has a default; a missing or
// malformed parameter falls back to it, so any link opens a valid view, and values equal to the
// default are left out of the URL. Built on the site's one codec (src/lib/url/codec.ts).
import { decode, encode, oneOf, type Field, type Fields } from '../url/codec';
import { hasIndicator } from '../indicators/catalogue';
import type { Locale, UnitType } from '../types';

/** Size classes by households (bands of a unit's household count). */
export const SIZES = ['xs', 's', 'm', 'l', 'xl'] as const;
export type SizeClass = (typeof SIZES)[number];
/** Lower bound of each class (households); a class runs up to the next one's bound. */
export const SIZE_FROM: Record<SizeClass, number> = { xs: 0, s: 200, m: 500, l: 1000, xl: 3000 };

export const GROUP_LEVELS = ['province', 'city', 'district'] as const;
export type GroupLevel = (typeof GROUP_LEVELS)[number];
export const PIVOTS = ['year', 'type'] as const;
export type Pivot = (typeof PIVOTS)[number];

/** A value range on one indicator (either end may be open). */
export interface ValueFilter {
  ind: string;
  lo: number | null;
  hi: number | null;
}

export interface ExploreState {
  /** Regions (6-digit codes of any level); empty: the whole country. */
  regions: string[];
  /** Years from…to (inclusive). */
  from: number;
  to: number;
  type: UnitType;
  /** Size classes kept; empty: all. */
  sizes: SizeClass[];
  value: ValueFilter | null;
  /** Histogram indicator (the brushed dimension). */
  hist: string;
  /** Brushed value range on the histogram, or null. */
  brush: [number, number] | null;
  scatterX: string;
  scatterY: string;
  /** Indicator of the box plots. */
  box: string;
  level: GroupLevel;
  /** Indicators of the group-by table. */
  groupInds: string[];
  pivot: Pivot;
}

export const MAX_REGIONS = 30;
export const MAX_GROUP_INDS = 6;

export function defaultState(years: readonly number[]): ExploreState {
  const last = years.length ? years[years.length - 1] : 2025;
  return {
    regions: [],
    from: last,
    to: last,
    type: 'all',
    sizes: [],
    value: null,
    hist: 'satisfaction_score',
    brush: null,
    scatterX: 'certified_share',
    scatterY: 'satisfaction_score',
    box: 'admin_time_share',
    level: 'province',
    groupInds: ['satisfaction_score', 'certified_share'],
    pivot: 'year'
  };
}

const num = (s: string): number | null | undefined => {
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};
const fmtNum = (n: number | null) => (n === null ? '' : String(Number(n.toPrecision(10))));
const sameJson = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

/** A comma-separated list whose items pass `ok` (duplicates dropped, at most `max`); empty list invalid unless allowed. */
function listOf<T extends string>(key: string, ok: (s: string) => boolean, max: number, allowEmpty = true): Field<T[]> {
  return {
    key,
    parse: (raw) => {
      const items = [...new Set(raw.split(',').filter((s) => s !== ''))];
      if (items.length > max || !items.every(ok) || (!allowEmpty && !items.length)) return undefined;
      return items as T[];
    },
    format: (v, d) => (sameJson(v, d) ? null : v.join(','))
  };
}

const indicatorField = (key: string): Field<string> => ({
  key,
  parse: (raw) => (hasIndicator(raw) ? raw : undefined),
  format: (v, d) => (v === d ? null : v)
});

/** `2025` or `2021-2025`, years of the snapshot only. */
function yearsField(years: () => readonly number[]): Field<[number, number]> {
  return {
    key: 'y',
    parse: (raw) => {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(raw);
      if (!m) return undefined;
      const a = Number(m[1]);
      const b = Number(m[2] ?? m[1]);
      return years().includes(a) && years().includes(b) && a <= b ? [a, b] : undefined;
    },
    format: (v, d) => (sameJson(v, d) ? null : v[0] === v[1] ? String(v[0]) : `${v[0]}-${v[1]}`)
  };
}

const valueField: Field<ValueFilter | null> = {
  key: 'v',
  parse: (raw) => {
    const [ind, lo, hi, ...rest] = raw.split(':');
    const a = num(lo ?? '');
    const b = num(hi ?? '');
    if (rest.length || !hasIndicator(ind) || a === undefined || b === undefined || (a === null && b === null)) return undefined;
    if (a !== null && b !== null && a > b) return undefined;
    return { ind, lo: a, hi: b };
  },
  format: (v, d) => (v === null || sameJson(v, d) ? null : `${v.ind}:${fmtNum(v.lo)}:${fmtNum(v.hi)}`)
};

const brushField: Field<[number, number] | null> = {
  key: 'b',
  parse: (raw) => {
    const [lo, hi, ...rest] = raw.split(':');
    const a = num(lo ?? '');
    const b = num(hi ?? '');
    if (rest.length || a === undefined || b === undefined || a === null || b === null || a >= b) return undefined;
    return [a, b];
  },
  format: (v) => (v === null ? null : `${fmtNum(v[0])}:${fmtNum(v[1])}`)
};

type Flat = Omit<ExploreState, 'from' | 'to'> & { years: [number, number] };

function fields(years: () => readonly number[]): Fields<Flat> {
  return {
    regions: listOf('r', (s) => /^\d{6}$/.test(s) && s !== '000000', MAX_REGIONS),
    years: yearsField(years),
    type: oneOf('t', ['all', 'urban', 'rural'] as const),
    sizes: listOf<SizeClass>('s', (s) => (SIZES as readonly string[]).includes(s), SIZES.length),
    value: valueField,
    hist: indicatorField('h'),
    brush: brushField,
    scatterX: indicatorField('sx'),
    scatterY: indicatorField('sy'),
    box: indicatorField('bx'),
    level: oneOf('g', GROUP_LEVELS),
    groupInds: listOf('gi', hasIndicator, MAX_GROUP_INDS, false),
    pivot: oneOf('pv', PIVOTS)
  };
}

const flat = ({ from, to, ...rest }: ExploreState): Flat => ({ ...rest, years: [from, to] });
const unflat = ({ years, ...rest }: Flat): ExploreState => ({ ...rest, from: years[0], to: years[1] });

/** The explorer state a URL's parameters describe (`years`: the snapshot's years, ascending). */
export function parseExplore(params: URLSearchParams, years: readonly number[]): ExploreState {
  const d = defaultState(years);
  const s = unflat(
    decode(
      fields(() => years),
      params,
      flat(d)
    )
  );
  // Sizes in their fixed order, so equal selections have one URL.
  s.sizes = SIZES.filter((c) => s.sizes.includes(c));
  return s;
}

/** `?query` for a state ('' when everything is the default), with the language. */
export function exploreSearch(s: ExploreState, years: readonly number[], locale: Locale = 'zh'): string {
  return encode(
    fields(() => years),
    flat(s),
    flat(defaultState(years)),
    locale
  );
}

/** The state without the brush: what the pre-aggregated tables depend on. */
export const withoutBrush = (s: ExploreState): ExploreState => ({ ...s, brush: null });
