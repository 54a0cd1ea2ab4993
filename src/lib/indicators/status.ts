// Distance to target (METHODS.md): traffic lights and trend arrows. Pure functions.
import type { Indicator } from './catalogue';

export type Light = 'green' | 'yellow' | 'orange' | 'red' | 'grey' | 'none';
export type Arrow = '↑' | '↗' | '→' | '↓' | '';

export interface TypeCounts {
  urban: number;
  rural: number;
}

/**
 * The target a region (or unit) must meet. For indicators with separate urban/rural targets the
 * target of a mix is the unit-count-weighted mean, which is exactly what a pooled coverage rate
 * must reach when each type meets its own target. Null when the indicator has no target.
 */
export function targetFor(ind: Indicator, counts?: TypeCounts): number | null {
  return targetParts(ind, counts)?.value ?? null;
}

/** A target and, when it is composed from the urban and rural targets by the unit mix, its parts. */
export interface TargetParts {
  value: number;
  /** Set when the value is a mix of both types' targets (neither type alone): the page says so. */
  composedOf: { urban: number; rural: number } | null;
}

/**
 * The target of a region with its parts: a mixed region's target moves with its urban/rural mix
 * (≥ 6.2 in Guangdong, 10.0 for urban communities only), so the page shows what it is made of.
 */
export function targetParts(ind: Indicator, counts?: TypeCounts): TargetParts | null {
  const t = ind.target;
  if (!t) return null;
  if (!t.byType) return t.value === undefined ? null : { value: t.value, composedOf: null };
  const u = counts?.urban ?? 0;
  const r = counts?.rural ?? 0;
  const parts = { urban: t.byType.urban, rural: t.byType.rural };
  if (u + r === 0) return { value: (parts.urban + parts.rural) / 2, composedOf: parts };
  if (r === 0) return { value: parts.urban, composedOf: null };
  if (u === 0) return { value: parts.rural, composedOf: null };
  return { value: (u * parts.urban + r * parts.rural) / (u + r), composedOf: parts };
}

/** Below these a figure is shown but marked as uncertain and never named as best, worst or largest gap. */
export const SMALL_SAMPLE = {
  /** A region's rate from fewer units with data than this (summary column `<id>__has`). */
  units: 5,
  /** A survey score from fewer households than this. */
  households: 30
} as const;

/** Is a region's figure based on too few units with data to rank it? (Unknown counts are not small.) */
export const fewUnits = (has: number | null | undefined): boolean => has != null && has > 0 && has < SMALL_SAMPLE.units;

/** Is a survey score based on too few households? */
export const fewHouseholds = (n: number | null | undefined): boolean => n != null && n < SMALL_SAMPLE.households;

/** Traffic light: green = target met; yellow = over half way from the red threshold; orange = less; red = at/beyond red. */
export function lightFor(ind: Indicator, value: number | null | undefined, target: number | null): Light {
  if (target === null || ind.direction === 0) return 'none';
  if (value === null || value === undefined || !Number.isFinite(value)) return 'grey';
  const dir = ind.direction;
  const red = ind.thresholds?.red ?? (dir > 0 ? 0 : target * 3);
  const v = dir * value;
  const t = dir * target;
  const r = dir * red;
  if (v >= t - 1e-9) return 'green';
  if (v <= r) return 'red';
  return (v - r) / (t - r) > 0.5 ? 'yellow' : 'orange';
}

/**
 * Trend arrow comparing the yearly change with the pace needed to reach the target by the target
 * year: ↑ on track, ↗ at least half the pace, → between 0 and half, ↓ getting worse.
 * Without a target: ↑ better, ↓ worse, → unchanged. Empty when either value is missing.
 */
export function arrowFor(
  ind: Indicator,
  previous: number | null | undefined,
  current: number | null | undefined,
  target: number | null,
  year: number
): Arrow {
  if (previous == null || current == null || !Number.isFinite(previous) || !Number.isFinite(current)) return '';
  const dir = ind.direction === 0 ? 1 : ind.direction;
  const good = dir * (current - previous);
  const eps = 1e-9 * Math.max(1, Math.abs(previous));
  if (target === null || ind.direction === 0) return good > eps ? '↑' : good < -eps ? '↓' : '→';
  if (dir * current >= dir * target - 1e-9) return good >= -eps ? '↑' : '↓';
  // Pace needed from last year's value to reach the target in the target year (at least one year:
  // after the target year the whole remaining gap was due this year).
  const yearsLeft = Math.max(1, (ind.target?.year ?? year) - (year - 1));
  const needed = (dir * (target - previous)) / yearsLeft;
  if (good < -eps) return '↓';
  if (good >= needed) return '↑';
  if (good >= needed / 2) return '↗';
  return '→';
}

/** Values of the straight path from a start value to the target in the target year (for trend charts). */
export function pathToTarget(startYear: number, startValue: number, target: number, targetYear: number): [number, number][] {
  if (targetYear <= startYear) return [[startYear, target]];
  const out: [number, number][] = [];
  for (let y = startYear; y <= targetYear; y++)
    out.push([y, startValue + ((target - startValue) * (y - startYear)) / (targetYear - startYear)]);
  return out;
}

export const lightColours: Record<Light, string> = {
  green: '#16a34a',
  yellow: '#eab308',
  orange: '#f97316',
  red: '#dc2626',
  grey: '#9ca3af',
  none: '#cbd5e1'
};
