// Pure view-model functions for the overview: KPI cards, rankings, target gaps, colour scale.
import type { Indicator } from '$lib/indicators/catalogue';
import {
  arrowFor,
  fewHouseholds,
  fewUnits,
  lightFor,
  targetFor,
  targetParts,
  type Arrow,
  type Light,
  type TargetParts
} from '$lib/indicators/status';

export type Values = Record<string, number | string | boolean | null | undefined>;

export interface Kpi {
  ind: Indicator;
  value: number | null;
  previous: number | null;
  change: number | null;
  target: number | null;
  /** The target with its urban/rural parts when it is composed from both. */
  targetParts: TargetParts | null;
  /** The value comes from fewer units than SMALL_SAMPLE.units: shown, but marked. */
  small: boolean;
  light: Light;
  arrow: Arrow;
  series: [number, number | null][];
  met: number | null;
  has: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Counts of urban and rural units behind a row, for mixed targets. */
export function typeCounts(row: Values | undefined) {
  const units = num(row?.units) ?? 0;
  const urban = num(row?.urban_units) ?? 0;
  return { urban, rural: units - urban };
}

/** A KPI card from yearly rows of one region (ascending years). */
export function kpiFor(ind: Indicator, series: Values[], year: number): Kpi {
  const cur = series.find((r) => r.year === year);
  const prev = series.find((r) => r.year === year - 1);
  const value = num(cur?.[ind.id]);
  const previous = num(prev?.[ind.id]);
  const parts = targetParts(ind, typeCounts(cur));
  const target = parts?.value ?? null;
  const has = num(cur?.[ind.id + '__has']);
  return {
    ind,
    value,
    previous,
    change: value !== null && previous !== null ? value - previous : null,
    target,
    targetParts: parts,
    small: value !== null && fewUnits(has),
    light: lightFor(ind, value, target),
    arrow: arrowFor(ind, previous, value, target, year),
    series: series.map((r) => [Number(r.year), num(r[ind.id])]),
    met: num(cur?.[ind.id + '__met']),
    has
  };
}

export interface Ranked {
  code: string;
  value: number;
  rank: number;
  light: Light;
  /** Rate from fewer than SMALL_SAMPLE.units units: ranked and drawn, but never named best or worst. */
  small: boolean;
}

/**
 * Regions ranked best first for an indicator (direction-aware; "neither" ranks descending).
 * Ties share the lowest rank; regions without a value are left out.
 */
export function rankRegions(ind: Indicator, rows: Values[]): Ranked[] {
  const dir = ind.direction === -1 ? -1 : 1;
  const list = rows
    .map((r) => ({ code: String(r.code), value: num(r[ind.id]), row: r }))
    .filter((r): r is { code: string; value: number; row: Values } => r.value !== null)
    .sort((a, b) => dir * (b.value - a.value) || a.code.localeCompare(b.code));
  let rank = 0;
  return list.map((r, i) => {
    if (i === 0 || list[i - 1].value !== r.value) rank = i + 1;
    const light = lightFor(ind, r.value, targetFor(ind, typeCounts(r.row)));
    return { code: r.code, value: r.value, rank, light, small: fewUnits(num(r.row[ind.id + '__has'])) };
  });
}

/** 点赞 and 亮丑: the n best and n worst regions whose figures rest on enough units (never overlapping). */
export function bestAndWorst(ranked: Ranked[], n: number): { best: Ranked[]; worst: Ranked[]; uncertain: Ranked[] } {
  const sure = ranked.filter((r) => !r.small);
  const best = sure.slice(0, n);
  // A region level with the best is never named worst (all 100 %: nobody to 亮丑).
  const below = sure.slice(n).filter((r) => r.value !== sure[0].value);
  const worst = below.slice(-n).reverse();
  return { best, worst, uncertain: ranked.filter((r) => r.small) };
}

export interface RegionGap {
  code: string;
  value: number;
  /** The region's own target (composed from its own urban/rural mix where the indicator has both). */
  target: number;
  gap: number;
}

export interface Gap {
  ind: Indicator;
  target: number;
  /** The urban and rural targets the region's target is composed from, when it is a mix. */
  composedOf: TargetParts['composedOf'];
  missingUnits: number;
  unitsWithData: number;
  /** Child regions missing their own target, largest gap first (figures from enough units only). */
  regions: RegionGap[];
  /** Child regions below their own target whose figure rests on fewer than SMALL_SAMPLE.units units. */
  uncertain: RegionGap[];
}

/** Child regions below their own target, largest gap first, split into sure and small-sample ones. */
function regionGaps(ind: Indicator, children: Values[]): { regions: RegionGap[]; uncertain: RegionGap[] } {
  const regions: RegionGap[] = [];
  const uncertain: RegionGap[] = [];
  for (const r of children) {
    const value = num(r[ind.id]);
    const target = targetFor(ind, typeCounts(r));
    if (value === null || target === null) continue;
    const gap = ind.direction * (target - value);
    if (!(gap > 1e-9)) continue;
    (fewUnits(num(r[ind.id + '__has'])) ? uncertain : regions).push({ code: String(r.code), value, target, gap });
  }
  const order = (a: RegionGap, b: RegionGap) => b.gap - a.gap || a.code.localeCompare(b.code);
  return { regions: regions.sort(order), uncertain: uncertain.sort(order) };
}

/** For each indicator with a target: units missing it in the region, and child regions missing it, largest gap first. */
export function targetGaps(inds: Indicator[], regionRow: Values | undefined, children: Values[]): Gap[] {
  const out: Gap[] = [];
  for (const ind of inds) {
    if (!ind.target || ind.direction === 0) continue;
    const parts = targetParts(ind, typeCounts(regionRow));
    if (parts === null) continue;
    const has = num(regionRow?.[ind.id + '__has']) ?? 0;
    if (has === 0) continue; // no unit here is counted by it (a village indicator in an all-urban district)
    const met = num(regionRow?.[ind.id + '__met']) ?? 0;
    out.push({
      ind,
      target: parts.value,
      composedOf: parts.composedOf,
      missingUnits: has - met,
      unitsWithData: has,
      ...regionGaps(ind, children)
    });
  }
  return out.sort((a, b) => b.missingUnits / Math.max(1, b.unitsWithData) - a.missingUnits / Math.max(1, a.unitsWithData));
}

/**
 * Half-width of the 95% confidence interval of a survey mean: 1.96 × sd / √n.
 * A score from 50–60 households is uncertain by a few points; the page shows it beside the score.
 */
export function surveyMargin(sd: number | null | undefined, n: number | null | undefined): number | null {
  if (sd == null || n == null || !(n > 1) || !(sd >= 0)) return null;
  return (1.96 * sd) / Math.sqrt(n);
}

/** Is this indicator a survey score (has a sample size and a margin)? */
export const isSurveyScore = (ind: Indicator) => ind.id === 'satisfaction_score' || ind.id.startsWith('sat_');

export interface UnitRow {
  code: string;
  name: string;
  urban: boolean;
  value: number | null;
  light: Light;
  margin: number | null;
  n: number | null;
  /** A survey score from fewer than SMALL_SAMPLE.households households: shown, but marked. */
  small: boolean;
  /** False for a unit of the type the indicator does not count (a community for a village indicator). */
  applies: boolean;
}

/** Units of a district with their light (each against its own type's target) and survey margin. */
export function unitRows(ind: Indicator, rows: Values[]): UnitRow[] {
  return rows.map((r) => {
    const urban = r.urban === 1 || r.urban === true;
    const value = num(r.value);
    const target = targetFor(ind, { urban: urban ? 1 : 0, rural: urban ? 0 : 1 });
    // An urban-only indicator does not apply to a village (and vice versa): no light, not "no data".
    const applies = ind.scope === 'all' || (ind.scope === 'urban') === urban;
    const n = isSurveyScore(ind) ? num(r.survey_n) : null;
    return {
      code: String(r.code),
      name: String(r.name ?? ''),
      urban,
      value,
      light: applies ? lightFor(ind, value, target) : 'none',
      margin: isSurveyScore(ind) ? surveyMargin(num(r.sat_overall_sd), num(r.survey_n)) : null,
      n,
      small: value !== null && fewHouseholds(n),
      applies
    };
  });
}
