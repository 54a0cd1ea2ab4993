/**
 * Types of the composite assessment engine (综合评估引擎): the spec (input, as in the
 * `npm run assess` contract of DESIGN.md, with every default filled in by `parseSpec`)
 * and the result. Pure types: no runtime code except the constants at the end.
 */

import type { ScoredDirection } from '../types';

/** 1 = higher is better, −1 = lower is better (the indicator is reversed, "deduction"). */
export type Direction = ScoredDirection;
export type AggMethod = 'arithmetic' | 'geometric' | 'harmonic';
export type NormMethod = 'minmax' | 'zscore' | 'goalposts' | 'target' | 'prank';

/** (x − min)/(max − min) × (u − l) + l; defaults l = 0, u = 100. */
export interface MinMaxSpec {
  method: 'minmax';
  l: number;
  u: number;
}
/** (x − mean)/sd × s + m, sd with n − 1; defaults m = 0, s = 1. */
export interface ZScoreSpec {
  method: 'zscore';
  m: number;
  s: number;
}
/**
 * clamp((x − low)/(high − low), 0, 1) × 100, fixed bounds, low < high. With direction −1
 * it is clamp((high − x)/(high − low)) × 100 (low scores 100, high scores 0).
 * `log: true` computes on ln x, ln low, ln high (the HDI income index).
 */
export interface GoalpostsSpec {
  method: 'goalposts';
  low: number;
  high: number;
  log: boolean;
}
/**
 * clamp((x − lower)/(target − lower), 0, 1) × 100: `lower` is the value scoring 0 (the red
 * threshold), `target` scores 100. Direction 1 needs target > lower; direction −1 (lower is
 * better, e.g. admin_items target 85, lower 200) needs target < lower. Same formula.
 */
export interface TargetSpec {
  method: 'target';
  lower: number;
  target: number;
  log: boolean;
}
/** (rank − 1)/(n − 1) × 100, ties take the lowest rank; n = units with a value. */
export interface PRankSpec {
  method: 'prank';
}
export type NormaliseSpec = MinMaxSpec | ZScoreSpec | GoalpostsSpec | TargetSpec | PRankSpec;

export interface IndicatorSpec {
  id: string;
  /** Data column (catalogue indicator id); defaults to `id`. */
  column: string;
  direction: Direction;
  /** Relative weight within its group (≥ 0); default 1. */
  weight: number;
  normalise: NormaliseSpec;
  /** Take part in outlier treatment when `outliers.treat` is on (default true). */
  outliers: boolean;
  name_zh?: string;
  name_en?: string;
}

export interface GroupSpec {
  id: string;
  /** Indicator ids, or ids of other groups (a deeper tree); never both in one group. */
  members: string[];
  /** Relative weight within its parent (the index for top-level groups); default 1. */
  weight: number;
  /** Overrides `aggregate.indicators` / `aggregate.groups` for this group only. */
  aggregate: AggMethod | null;
  name_zh?: string;
  name_en?: string;
}

/** Monte Carlo normalisation alternative: 'spec' = each indicator's own setting. */
export type NormAlternative = 'spec' | 'minmax' | 'zscore' | 'prank';

export interface Spec {
  /** Column holding the unit id (code). */
  unit: string;
  indicators: IndicatorSpec[];
  /** Empty = one level (the index aggregates the indicators directly). */
  groups: GroupSpec[];
  aggregate: {
    /** Indicators → group (or → index when there are no groups). */
    indicators: AggMethod;
    /** Groups → parent group / index. */
    groups: AggMethod;
    /**
     * Documented floor for geometric/harmonic means: inputs below it are raised to it.
     * null (default) = refuse inputs ≤ 0 with an error.
     */
    floor: number | null;
  };
  screening: { threshold: number };
  impute: { method: 'none' | 'mean' | 'median'; by: string | null };
  outliers: { treat: boolean; skew: number; kurt: number; winsor_max: number };
  uncertainty: {
    runs: number;
    seed: number;
    /** Each weight is multiplied by a uniform factor in [1 − noise, 1 + noise]. */
    weight_noise: number;
    /** Alternatives drawn with equal probability per run; default ['spec']. */
    normalisations: NormAlternative[];
    /** Alternatives for the group-level (or single-level) aggregation; [] (default) = as specified. */
    aggregations: AggMethod[];
  };
  /** Optional column (e.g. province, urban/rural) for ranks within groups. */
  rank_within: string | null;
  /** Documentary fields kept as given (name_zh, name_en, description_*, sources, …). */
  meta: Record<string, unknown>;
}

export type UnitStatus = 'ok' | 'insufficient';

export interface UnitResult {
  unit: string;
  /** Index of the row in the input. */
  row: number;
  status: UnitStatus;
  /** Share of the spec's indicators present before imputation (0–1). */
  availability: number;
  /** Unrounded score; null when status is 'insufficient'. */
  score: number | null;
  /** Competition rank (1, 2, 2, 4) on the unrounded score; null when no score. */
  rank: number | null;
  /** Value of the `rank_within` column, and the rank among units sharing it. */
  group: string | null;
  rank_within: number | null;
  /** Score of every group (dimension) by group id; null when missing. */
  groups: Record<string, number | null>;
  /** Indicator ids whose value was imputed for this unit. */
  imputed: string[];
  rank_median: number | null;
  rank_p05: number | null;
  rank_p95: number | null;
}

export interface OutlierReport {
  indicator: string;
  skew: number;
  kurt: number;
  /** Points winsorised (0 if none). */
  winsorised: number;
  /** True when winsorising did not suffice and the log transform was applied instead. */
  log: boolean;
  skewAfter: number;
  kurtAfter: number;
}

export interface UncertaintySummary {
  runs: number;
  seed: number;
  weight_noise: number;
  normalisations: NormAlternative[];
  aggregations: AggMethod[];
}

export interface AssessResult {
  spec: Spec;
  /** One entry per input row, in input order. */
  units: UnitResult[];
  indicatorIds: string[];
  groupIds: string[];
  /**
   * Normalised values, unit-major (units.length × indicatorIds.length), NaN where missing
   * or for insufficient units. Use `normalisedValue()` from explain.ts to read it.
   */
  normalised: Float64Array;
  /** Raw values after imputation/outlier treatment, same layout (NaN = missing). */
  values: Float64Array;
  /** Each indicator's share of the final index (sums to 1). */
  effectiveWeights: Record<string, number>;
  /** Each group's share of the final index. */
  groupWeights: Record<string, number>;
  outliers: OutlierReport[];
  imputedCells: number;
  /**
   * True when a unit's score depends on the other units' data (min-max, z-score or
   * percentile-rank normalisation, imputation): adding or removing a unit can move other
   * units' scores and reorder them (rank reversal). False with goalposts/targets only.
   */
  rankReversalPossible: boolean;
  /** Why: indicator ids with data-dependent normalisation, and 'impute' if imputing. */
  rankReversalReasons: string[];
  uncertainty: UncertaintySummary | null;
  warnings: string[];
}

export const AGG_METHODS: readonly AggMethod[] = ['arithmetic', 'geometric', 'harmonic'];
export const NORM_METHODS: readonly NormMethod[] = ['minmax', 'zscore', 'goalposts', 'target', 'prank'];
