// The rankings page's method: a scheme from data/schemes plus the user's changes (normalisation,
// aggregation, dimension weights, Monte Carlo runs), its URL form, and the spec it compiles to.
import type { UnitType } from '$lib/data/regions';
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
    direction: 1 | -1;
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

const years0 = (years: number[]) => years[years.length - 1] ?? 2025;

export function parseView(p: URLSearchParams, years: number[]): RankView {
  const scheme = schemeById(p.get('s') ?? 'default').id;
  const m = defaultMethod(scheme);
  const n = p.get('n');
  if (n && (NORMS as string[]).includes(n)) m.norm = n as Norm;
  const [ai, ag] = (p.get('a') ?? '').split(',');
  if ((AGGS as string[]).includes(ai)) m.aggInd = ai as Agg;
  if ((AGGS as string[]).includes(ag)) m.aggGroup = ag as Agg;
  for (const kv of (p.get('w') ?? '').split(',')) {
    const [k, v] = kv.split(':');
    const w = Number(v);
    if (k in m.weights && Number.isFinite(w) && w >= 0 && w <= 1000) m.weights[k] = w;
  }
  const runs = Number(p.get('mc'));
  if ([0, 100, 1000].includes(runs)) m.runs = runs;
  const y = Number(p.get('y'));
  const t = p.get('t');
  const r = p.get('r');
  const u = p.get('u');
  return {
    level: p.get('lvl') === 'province' ? 'province' : 'district',
    region: r && /^\d{6}$/.test(r) ? r : '000000',
    year: years.includes(y) ? y : years0(years),
    type: t === 'urban' || t === 'rural' ? t : 'all',
    method: m,
    unit: u && /^\d{6}$/.test(u) ? u : null
  };
}

export function viewToSearch(v: RankView, years: number[], keep?: URLSearchParams): string {
  const p = new URLSearchParams();
  const d = defaultMethod(v.method.scheme);
  if (v.level !== 'district') p.set('lvl', v.level);
  if (v.region !== '000000') p.set('r', v.region);
  if (v.year !== years0(years)) p.set('y', String(v.year));
  if (v.type !== 'all') p.set('t', v.type);
  if (v.method.scheme !== 'default') p.set('s', v.method.scheme);
  if (v.method.norm !== 'spec') p.set('n', v.method.norm);
  if (v.method.aggInd !== d.aggInd || v.method.aggGroup !== d.aggGroup) p.set('a', `${v.method.aggInd},${v.method.aggGroup}`);
  const w = Object.entries(v.method.weights)
    .filter(([k, x]) => d.weights[k] !== x)
    .map(([k, x]) => `${k}:${x}`);
  if (w.length) p.set('w', w.join(','));
  if (v.method.runs) p.set('mc', String(v.method.runs));
  if (v.unit) p.set('u', v.unit);
  const lang = keep?.get('lang');
  if (lang) p.set('lang', lang);
  const q = p.toString();
  return q ? `?${q}` : '';
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
