// Demonstration figures beside the official ones they were calibrated to (data/calibration.json):
// the method page's table, so a reader can see how near the generated data lands and where each
// official figure comes from.
import calibration from '../../../data/calibration.json';
import type { YearTotals } from '$lib/data/manifest';

export interface Figure {
  id: string;
  zh: string;
  en: string;
  year: number;
  official: number;
  unit: string;
  demo: { total?: keyof Omit<YearTotals, 'year'>; indicator?: string };
  source: string;
}

export const figures = calibration.figures as Figure[];

export interface CalibrationRow extends Figure {
  /** The demonstration data's value for the same year (null when it has no such year). */
  value: number | null;
  /** value / official − 1 (null without a value). */
  ratio: number | null;
}

/** Each official figure with the demonstration value for its year: a national total or the nation's
 *  value of a catalogue indicator (rows of the national summary, type "all"). */
export function calibrationRows(
  totals: YearTotals[],
  national: Record<string, unknown>[],
  list: Figure[] = figures
): CalibrationRow[] {
  return list.map((f) => {
    let value: number | null = null;
    if (f.demo.total) value = totals.find((t) => t.year === f.year)?.[f.demo.total] ?? null;
    else if (f.demo.indicator) {
      const row = national.find((r) => Number(r.year) === f.year && r.type === 'all');
      const v = row?.[f.demo.indicator];
      value = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    return { ...f, value, ratio: value === null || f.official === 0 ? null : value / f.official - 1 };
  });
}
