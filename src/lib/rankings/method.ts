// The rankings page's method: a scheme from data/schemes plus the user's changes (normalisation,
// aggregation, dimension weights, Monte Carlo runs), its URL form, and the spec it compiles to.
import type { Locale, ScoredDirection, UnitType } from '$lib/types';
import { code, decode, encode, numberIn, oneOf, optionalCode, type Field, type Fields } from '$lib/url/codec';
import { resolveScheme } from '$lib/assess/scheme';
import { indicators } from '$lib/indicators/catalogue';

const files = import.meta.glob('../../../data/schemes/*.json', { eager: true, import: 'default' });
export interface SchemeGroup {
  id: string;
  members: string[];
  weight: number;
  name_zh?: string;
  name_en?: string;
  aggregate?: string | null;
}
export interface Scheme {
  id: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  sources?: string[];
  unit: string;
  indicators: {
    id: string;
    column: string;
    direction: ScoredDirection;
    weight: number;
    normalise: Record<string, unknown>;
    name_zh?: string;
    name_en?: string;
  }[];
  groups: SchemeGroup[];
  aggregate: { indicators: Agg; groups: Agg; floor?: number | null };
  uncertainty?: { runs?: number; seed?: number; weight_noise?: number };
  [k: string]: unknown;
}
/** The schemes with every omitted indicator field (direction, names, targets) from the catalogue. */
export const schemes: Scheme[] = Object.values(files as Record<string, Scheme>)
  .map((s) => resolveScheme(s, indicators))
  .sort((a, b) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.id.localeCompare(b.id)));
export const schemeById = (id: string) => schemes.find((s) => s.id === id) ?? schemes[0];

export type Agg = 'arithmetic' | 'geometric' | 'harmonic';
export type Norm = 'spec' | 'minmax' | 'zscore' | 'prank';
export const AGGS: Agg[] = ['arithmetic', 'geometric', 'harmonic'];
export const NORMS: Norm[] = ['spec', 'minmax', 'zscore', 'prank'];
export type RankLevel = 'province' | 'district';

export interface Method {
  scheme: string;
  norm: Norm;
  aggInd: Agg;
  aggGroup: Agg;
  /** Dimension weights by group id (relative). */
  weights: Record<string, number>;
  runs: number;
}

export interface RankView {
  level: RankLevel;
  region: string;
  year: number;
  type: UnitType;
  method: Method;
  unit: string | null;
}

export function defaultMethod(schemeId = 'default'): Method {
  const s = schemeById(schemeId);
  return {
    scheme: s.id,
    norm: 'spec',
    aggInd: s.aggregate.indicators,
    aggGroup: s.aggregate.groups,
    weights: Object.fromEntries(s.groups.map((g) => [g.id, g.weight])),
    runs: 0
  };
}

/** The full engine spec for a method (the scheme with the user's changes applied). */
export function buildSpec(m: Method): Scheme {
  const s = structuredClone(schemeById(m.scheme));
  if (m.norm !== 'spec') for (const i of s.indicators) i.normalise = { method: m.norm };
  s.aggregate = { ...s.aggregate, indicators: m.aggInd, groups: m.aggGroup };
  // Geometric and harmonic means need positive inputs; a 0–100 score can be 0, so use the documented
  // floor of 0.1 points. Z-scores are negative by construction: no floor, the engine refuses clearly.
  if ((m.aggInd !== 'arithmetic' || m.aggGroup !== 'arithmetic') && s.aggregate.floor == null && m.norm !== 'zscore')
    s.aggregate.floor = 0.1;
  for (const g of s.groups) if (m.weights[g.id] !== undefined) g.weight = m.weights[g.id];
  s.uncertainty = {
    ...(s.uncertainty ?? {}),
    runs: m.runs,
    seed: s.uncertainty?.seed ?? 1,
    weight_noise: s.uncertainty?.weight_noise ?? 0.25
  };
  return s;
}

/** Is the method just the scheme's own (nothing changed)? */
export function isDefault(m: Method): boolean {
  const d = defaultMethod(m.scheme);
  return (
    m.norm === d.norm &&
    m.aggInd === d.aggInd &&
    m.aggGroup === d.aggGroup &&
    Object.keys(d.weights).every((k) => m.weights[k] === d.weights[k])
  );
}

const years0 = (years: readonly number[]) => years[years.length - 1] ?? 2025;

/** The view as its URL holds it: one flat field per query parameter. */
interface UrlView {
  level: RankLevel;
  region: string;
  year: number;
  type: UnitType;
  scheme: string;
  norm: Norm;
  agg: [Agg, Agg];
  weights: Record<string, number>;
  runs: number;
  unit: string | null;
}

const isAgg = (x: string): x is Agg => (AGGS as string[]).includes(x);
/** `a=indicators,groups`: how indicators and dimensions are aggregated. */
const aggField: Field<[Agg, Agg]> = {
  key: 'a',
  parse: (raw) => {
    const [i, g] = raw.split(',');
    return isAgg(i) && isAgg(g) ? [i, g] : undefined;
  },
  format: (v, d) => (v[0] === d[0] && v[1] === d[1] ? null : v.join(','))
};
/** `w=burden:30,staffing:2`: the dimension weights that differ from the scheme's (each 0–1000). */
const weightsField: Field<Record<string, number>> = {
  key: 'w',
  parse: (raw) => {
    const out: Record<string, number> = {};
    for (const [k, v] of raw.split(',').map((kv) => kv.split(':'))) {
      const w = Number(v);
      if (k && v !== undefined && Number.isFinite(w) && w >= 0 && w <= 1000) out[k] = w;
    }
    return out;
  },
  format: (v, d) => {
    const changed = Object.entries(v).filter(([k, x]) => d[k] !== x);
    return changed.length ? changed.map(([k, x]) => `${k}:${x}`).join(',') : null;
  }
};
const schemeField = oneOf(
  's',
  schemes.map((s) => s.id)
);
const fields = (years: readonly number[]): Fields<UrlView> => ({
  level: oneOf('lvl', ['district', 'province'] as const),
  region: code('r', 6),
  year: numberIn('y', () => years),
  type: oneOf('t', ['all', 'urban', 'rural'] as const),
  scheme: schemeField,
  norm: oneOf('n', NORMS),
  agg: aggField,
  weights: weightsField,
  runs: numberIn('mc', () => [0, 100, 1000]),
  unit: optionalCode('u', 6)
});

function flatDefaults(years: readonly number[], scheme: string): UrlView {
  const m = defaultMethod(scheme);
  const { norm, weights, runs } = m;
  return {
    level: 'district',
    region: '000000',
    year: years0(years),
    type: 'all',
    scheme: m.scheme,
    norm,
    agg: [m.aggInd, m.aggGroup],
    weights,
    runs,
    unit: null
  };
}

export function parseView(p: URLSearchParams, years: number[]): RankView {
  const scheme = decode({ scheme: schemeField }, p, { scheme: 'default' }).scheme;
  const d = flatDefaults(years, scheme);
  const f = decode(fields(years), p, d);
  // Only the scheme's own dimensions take a weight from the URL.
  const weights = Object.fromEntries(Object.entries(d.weights).map(([k, w]) => [k, f.weights[k] ?? w]));
  const { level, region, year, type, unit } = f;
  const method = { scheme, norm: f.norm, aggInd: f.agg[0], aggGroup: f.agg[1], weights, runs: f.runs };
  return { level, region, year, type, method, unit };
}

/** Query string for a view: what differs from the scheme's default, and `lang=en` in English. */
export function viewToSearch(v: RankView, years: number[], locale: Locale = 'zh'): string {
  const { scheme, norm, aggInd, aggGroup, weights, runs } = v.method;
  const flat: UrlView = { ...v, scheme, norm, agg: [aggInd, aggGroup], weights, runs };
  return encode(fields(years), flat, flatDefaults(years, scheme), locale);
}

/**
 * A method from an uploaded JSON file: either a method object or a full spec with a known scheme id.
 * Throws an error naming the field when it cannot be used.
 */
export function methodFromJson(text: string): Method {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new Error(`JSON: ${(e as Error).message}`);
  }
  if (!o || typeof o !== 'object') throw new Error('JSON: expected an object');
  const j = o as Record<string, unknown>;
  const src = (j.method ?? j) as Record<string, unknown>;
  const schemeId = typeof src.scheme === 'string' ? src.scheme : typeof j.id === 'string' ? j.id : 'default';
  if (!schemes.some((s) => s.id === schemeId))
    throw new Error(`scheme: unknown scheme "${schemeId}" (known: ${schemes.map((s) => s.id).join(', ')})`);
  const m = defaultMethod(schemeId);
  if (src.norm !== undefined) {
    if (!(NORMS as unknown[]).includes(src.norm)) throw new Error(`norm: must be one of ${NORMS.join(', ')}`);
    m.norm = src.norm as Norm;
  }
  if (src.aggInd !== undefined) {
    if (!(AGGS as unknown[]).includes(src.aggInd)) throw new Error(`aggInd: must be one of ${AGGS.join(', ')}`);
    m.aggInd = src.aggInd as Agg;
  }
  if (src.aggGroup !== undefined) {
    if (!(AGGS as unknown[]).includes(src.aggGroup)) throw new Error(`aggGroup: must be one of ${AGGS.join(', ')}`);
    m.aggGroup = src.aggGroup as Agg;
  }
  const agg = j.aggregate as Record<string, unknown> | undefined;
  if (agg && !src.aggInd) {
    if ((AGGS as unknown[]).includes(agg.indicators)) m.aggInd = agg.indicators as Agg;
    if ((AGGS as unknown[]).includes(agg.groups)) m.aggGroup = agg.groups as Agg;
  }
  const w = src.weights as Record<string, unknown> | undefined;
  if (w)
    for (const [k, v] of Object.entries(w)) {
      if (!(k in m.weights)) throw new Error(`weights.${k}: no such dimension in scheme "${schemeId}"`);
      if (typeof v !== 'number' || !(v >= 0)) throw new Error(`weights.${k}: must be a number ≥ 0`);
      m.weights[k] = v;
    }
  if (Array.isArray(j.groups) && !w)
    for (const g of j.groups as { id: string; weight: number }[])
      if (g.id in m.weights && typeof g.weight === 'number') m.weights[g.id] = g.weight;
  if (src.runs !== undefined) {
    if (![0, 100, 1000].includes(src.runs as number)) throw new Error('runs: must be 0, 100 or 1000');
    m.runs = src.runs as number;
  }
  return m;
}
