// Pure view-model functions for the overview: KPI cards, rankings, target gaps, colour scale.
import type { Indicator } from '$lib/indicators/catalogue';
import { arrowFor, lightFor, targetFor, type Arrow, type Light } from '$lib/indicators/status';

export type Values = Record<string, number | string | boolean | null | undefined>;

export interface Kpi {
  ind: Indicator;
  value: number | null;
  previous: number | null;
  change: number | null;
  target: number | null;
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
  const target = targetFor(ind, typeCounts(cur));
  return {
    ind,
    value,
    previous,
    change: value !== null && previous !== null ? value - previous : null,
    target,
    light: lightFor(ind, value, target),
    arrow: arrowFor(ind, previous, value, target, year),
    series: series.map((r) => [Number(r.year), num(r[ind.id])]),
    met: num(cur?.[ind.id + '__met']),
    has: num(cur?.[ind.id + '__has'])
  };
}

export interface Ranked {
  code: string;
  value: number;
  rank: number;
  light: Light;
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
    return { code: r.code, value: r.value, rank, light: lightFor(ind, r.value, targetFor(ind, typeCounts(r.row))) };
  });
}

export interface Gap {
  ind: Indicator;
  target: number;
  missingUnits: number;
  unitsWithData: number;
  regions: { code: string; value: number; gap: number }[];
}

/** For each indicator with a target: units missing it in the region, and child regions missing it, largest gap first. */
export function targetGaps(inds: Indicator[], regionRow: Values | undefined, children: Values[]): Gap[] {
  const out: Gap[] = [];
  for (const ind of inds) {
    if (!ind.target || ind.direction === 0) continue;
    const target = targetFor(ind, typeCounts(regionRow));
    if (target === null) continue;
    const has = num(regionRow?.[ind.id + '__has']) ?? 0;
    const met = num(regionRow?.[ind.id + '__met']) ?? 0;
    const regions = children
      .map((r) => {
        const v = num(r[ind.id]);
        const t = targetFor(ind, typeCounts(r));
        return v === null || t === null ? null : { code: String(r.code), value: v, gap: ind.direction * (t - v) };
      })
      .filter((g): g is { code: string; value: number; gap: number } => g !== null && g.gap > 1e-9)
      .sort((a, b) => b.gap - a.gap);
    out.push({ ind, target, missingUnits: has - met, unitsWithData: has, regions });
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
}

/** Units of a district with their light (each against its own type's target) and survey margin. */
export function unitRows(ind: Indicator, rows: Values[]): UnitRow[] {
  return rows.map((r) => {
    const urban = r.urban === 1 || r.urban === true;
    const value = num(r.value);
    const target = targetFor(ind, { urban: urban ? 1 : 0, rural: urban ? 0 : 1 });
    // An urban-only indicator does not apply to a village (and vice versa): no light, not "no data".
    const applies = ind.scope === 'all' || (ind.scope === 'urban') === urban;
    return {
      code: String(r.code),
      name: String(r.name ?? ''),
      urban,
      value,
      light: applies ? lightFor(ind, value, target) : 'none',
      margin: isSurveyScore(ind) ? surveyMargin(num(r.sat_overall_sd), num(r.survey_n)) : null,
      n: isSurveyScore(ind) ? num(r.survey_n) : null
    };
  });
}
