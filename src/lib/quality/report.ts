// The data-quality report from the rows of the warnings query (sql.ts): a message per warning,
// counts per rule and districts ranked by a quality score. Pure: the CLI and the page share it.
import { baseColumns, indicator, hasIndicator } from '../indicators/catalogue';
import { tIn } from '../i18n/messages';
import type { Locale } from '../types';
import { RULES, UNIFORM, JUMPS, PEER, type RuleId } from './rules';
import type { WarningRow } from './sql';

export type { WarningRow };

export interface DistrictQuality {
  district: string;
  units: number;
  warnings: number;
  /** Unit-warnings: a warning counts the units it concerns (a street's scored units, a district's
   *  units without the indicator, one for a unit's own warning); a unit warned twice counts twice. */
  concerned: number;
  /** 100 × (1 − concerned / units), at least 0: 100 is a district without warnings. */
  score: number;
}

export interface QualityReport {
  warnings: WarningRow[];
  /** Warnings per rule, every rule listed (0 when none). */
  counts: Record<RuleId, number>;
  /** Districts with at least one warning, worst (lowest score) first. */
  districts: DistrictQuality[];
}

const pct = (x: number) => Math.round(x * 1000) / 10;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
/** Name of an indicator or a base column in a locale (the id when it is neither). */
export function subjectName(id: string, locale: Locale): string {
  const named = hasIndicator(id) ? indicator(id) : baseColumns.find((c) => c.name === id);
  return named ? (locale === 'en' ? named.en : named.zh) : id;
}

/** The sentence that explains one warning, in a locale. */
export function warningMessage(w: WarningRow, locale: Locale): string {
  const ref = w.reference ?? 0;
  switch (w.rule) {
    case 'uniform_satisfaction':
      return tIn(locale, 'quality_msg_uniform', { share: pct(w.value), n: ref, ceiling: UNIFORM.ceiling });
    case 'yoy_jump': {
      const max = JUMPS.find((j) => j.column === w.subject)?.max ?? w.threshold;
      const change = (w.value / ref - 1) * 100;
      return tIn(locale, 'quality_msg_jump', {
        column: subjectName(w.subject, locale),
        previous: ref,
        value: w.value,
        change: `${change > 0 ? '+' : ''}${round(change)}`,
        max: max * 100
      });
    }
    case 'peer_ratio':
      return tIn(locale, 'quality_msg_peer', {
        indicator: subjectName(w.subject, locale),
        value: round(w.value, 2),
        median: round(ref, 2),
        ratio: round(w.value >= ref ? w.value / ref : ref / w.value),
        factor: PEER.factor
      });
    case 'small_survey':
      return tIn(locale, 'quality_msg_survey', { n: w.value, score: round(ref), min: w.threshold });
    case 'missing_indicator':
      return tIn(locale, 'quality_msg_missing', {
        indicator: subjectName(w.subject, locale),
        missing: w.units,
        total: ref,
        share: pct(w.value),
        max: pct(w.threshold)
      });
    default:
      return w.rule;
  }
}

/** Warnings in the query's order (rule, code, subject), e.g. after joining per-province results. */
export function sortWarnings(warnings: WarningRow[]): WarningRow[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...warnings].sort((a, b) => cmp(a.rule, b.rule) || cmp(a.code, b.code) || cmp(a.subject, b.subject));
}

/** Counts per rule, the district ranking and the warnings, from the query's rows. */
export function buildReport(warnings: WarningRow[], districtUnits: { district: string; units: number }[]): QualityReport {
  const counts = Object.fromEntries(RULES.map((r) => [r.id, 0])) as Record<RuleId, number>;
  const byDistrict = new Map<string, { warnings: number; concerned: number }>();
  for (const w of warnings) {
    if (w.rule in counts) counts[w.rule as RuleId]++;
    const d = byDistrict.get(w.district) ?? { warnings: 0, concerned: 0 };
    d.warnings++;
    d.concerned += Number(w.units);
    byDistrict.set(w.district, d);
  }
  const unitsOf = new Map(districtUnits.map((d) => [d.district, Number(d.units)]));
  const districts = [...byDistrict].map(([district, d]) => {
    const units = unitsOf.get(district) ?? 0;
    const score = units > 0 ? Math.max(0, 100 * (1 - d.concerned / units)) : 0;
    return { district, units, warnings: d.warnings, concerned: d.concerned, score: round(score) };
  });
  districts.sort((a, b) => a.score - b.score || b.warnings - a.warnings || a.district.localeCompare(b.district));
  return { warnings, counts, districts };
}

export const CSV_COLUMNS = ['rule', 'code', 'name', 'district', 'subject', 'value', 'threshold', 'message', 'message_en'];

/** One CSV row per warning (columns CSV_COLUMNS); the message in Chinese and in English. */
export function csvRows(report: QualityReport): (string | number | null)[][] {
  return report.warnings.map((w) => [
    w.rule,
    w.code,
    w.name,
    w.district,
    w.subject,
    round(w.value, 4),
    w.threshold,
    warningMessage(w, 'zh'),
    warningMessage(w, 'en')
  ]);
}
