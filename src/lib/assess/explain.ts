/**
 * Explanations (METHODS step 10), per unit: the contribution of each dimension (top-level
 * group) to the score, the strongest and weakest indicators by normalised value, and the
 * rank change versus a previous result (e.g. last year).
 */
import type { AssessResult } from './types';

export interface Contribution {
  id: string;
  name_zh?: string;
  name_en?: string;
  /** Weight of this dimension in this unit's score (missing dimensions drop out, so the
   *  weights of the present ones are rescaled to sum to 1). */
  weight: number;
  /** The dimension's score (0–100 for goalposts/target/minmax/prank). */
  value: number | null;
  /** weight × value: with an arithmetic index the contributions sum to the score. */
  contribution: number | null;
  /** weight × (100 − value): points lost to this dimension. */
  gap: number | null;
}

export interface IndicatorPosition {
  id: string;
  name_zh?: string;
  name_en?: string;
  /** Value used (after imputation/outlier treatment). */
  value: number;
  normalised: number;
  imputed: boolean;
}

export interface Explanation {
  unit: string;
  status: 'ok' | 'insufficient';
  score: number | null;
  rank: number | null;
  /** True when the index is an arithmetic mean, so contributions add up to the score. */
  additive: boolean;
  contributions: Contribution[];
  strengths: IndicatorPosition[];
  weaknesses: IndicatorPosition[];
  previousRank: number | null;
  /** previousRank − rank: positive = moved up. null when either is missing. */
  rankChange: number | null;
}

/** Previous ranks: a previous result, or a map / record unit → rank. */
export type PreviousRanks = AssessResult | Map<string, number | null> | Record<string, number | null>;

function previousRankOf(prev: PreviousRanks | undefined, unit: string): number | null {
  if (!prev) return null;
  if (prev instanceof Map) return prev.get(unit) ?? null;
  if (Array.isArray((prev as AssessResult).units) && (prev as AssessResult).spec) {
    return (prev as AssessResult).units.find((u) => u.unit === unit)?.rank ?? null;
  }
  return (prev as Record<string, number | null>)[unit] ?? null;
}

/** Normalised value of indicator j for row i (NaN when missing). */
export function normalisedValue(result: AssessResult, i: number, j: number): number {
  return result.normalised[i * result.indicatorIds.length + j];
}

/** Rank change per unit versus previous ranks (positive = moved up). */
export function rankChanges(result: AssessResult, previous: PreviousRanks): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  // A previous result is indexed once (looking each unit up in its list would be quadratic).
  if (!(previous instanceof Map) && Array.isArray((previous as AssessResult).units) && (previous as AssessResult).spec) {
    previous = new Map((previous as AssessResult).units.map((u) => [u.unit, u.rank]));
  }
  for (const u of result.units) {
    const p = previousRankOf(previous, u.unit);
    out[u.unit] = p !== null && u.rank !== null ? p - u.rank : null;
  }
  return out;
}

export function explain(result: AssessResult, unit: string, opts: { top?: number; previous?: PreviousRanks } = {}): Explanation {
  const u = result.units.find((x) => x.unit === unit);
  if (!u) throw new Error(`unit "${unit}" is not in the result`);
  const { spec } = result;
  const top = opts.top ?? 3;
  const m = result.indicatorIds.length;
  const i = u.row;
  // top level of the tree: groups that are no other group's member, or the indicators
  const members = new Set(spec.groups.flatMap((g) => g.members));
  const level =
    spec.groups.length > 0
      ? spec.groups
          .filter((g) => !members.has(g.id))
          .map((g) => ({ id: g.id, name_zh: g.name_zh, name_en: g.name_en, w: g.weight, v: u.groups[g.id] }))
      : spec.indicators.map((d, j) => {
          const v = normalisedValue(result, i, j);
          return { id: d.id, name_zh: d.name_zh, name_en: d.name_en, w: d.weight, v: v === v ? v : null };
        });
  const ok = u.status === 'ok';
  const sumW = level.reduce((s, x) => s + (x.v !== null && ok ? x.w : 0), 0);
  const contributions: Contribution[] = level.map((x) => {
    const present = ok && x.v !== null && sumW > 0;
    const weight = present ? x.w / sumW : 0;
    const c: Contribution = {
      id: x.id,
      weight,
      value: present ? x.v : null,
      contribution: present ? weight * x.v! : null,
      gap: present ? weight * (100 - x.v!) : null
    };
    if (x.name_zh) c.name_zh = x.name_zh;
    if (x.name_en) c.name_en = x.name_en;
    return c;
  });
  const positions: IndicatorPosition[] = [];
  if (ok)
    spec.indicators.forEach((d, j) => {
      const nv = normalisedValue(result, i, j);
      if (nv !== nv || !(result.effectiveWeights[d.id] > 0)) return;
      const p: IndicatorPosition = {
        id: d.id,
        value: result.values[i * m + j],
        normalised: nv,
        imputed: u.imputed.includes(d.id)
      };
      if (d.name_zh) p.name_zh = d.name_zh;
      if (d.name_en) p.name_en = d.name_en;
      positions.push(p);
    });
  const desc = positions.slice().sort((a, b) => b.normalised - a.normalised);
  const asc = positions.slice().sort((a, b) => a.normalised - b.normalised);
  const previousRank = previousRankOf(opts.previous, unit);
  const rootAgg = spec.groups.length > 0 ? spec.aggregate.groups : spec.aggregate.indicators;
  return {
    unit,
    status: u.status,
    score: u.score,
    rank: u.rank,
    additive: rootAgg === 'arithmetic',
    contributions,
    strengths: desc.slice(0, top),
    weaknesses: asc.slice(0, top),
    previousRank,
    rankChange: previousRank !== null && u.rank !== null ? previousRank - u.rank : null
  };
}
