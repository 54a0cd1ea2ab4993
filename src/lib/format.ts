// Number formatting in Chinese conventions (万, 亿, %) with an English alternative. Pure.
import { tIn } from './i18n/messages';
import type { Locale } from './types';
export type { Locale };

// Creating an Intl.NumberFormat costs far more than formatting with one: a page formats thousands.
const formats = new Map<string, Intl.NumberFormat>();
const cached = (key: string, make: () => Intl.NumberFormat) => {
  let f = formats.get(key);
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
};
// Compact notation: zh-CN writes 万 and 亿; en-US writes K, M and B (en-GB would write k, m, bn).
const compact = (locale: Locale, decimals: number) =>
  cached(
    `${locale}${decimals}c`,
    () => new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: decimals })
  );

/**
 * Plain number with fixed decimals and thousands separators; '—' for missing. zh-CN and en-GB write
 * plain numbers alike ("1,234.5", "-0.4"), and this is exactly what `Intl.NumberFormat` gives for
 * them (a unit test compares the two over many values) — without creating one: the first Intl
 * formatter of a page starts ICU, ~50 ms on a laptop and ~200 ms on a phone, and the first screen
 * formats only plain numbers.
 */
export function fmtNumber(v: number | null | undefined, decimals = 0, locale: Locale = 'zh'): string {
  void locale; // the same in both languages; kept so that callers state the language they format for
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  // Round half away from zero on the shortest decimal form of the number, as Intl does (1.005 →
  // "1.01", where toFixed alone would give "1.00"): shift the decimal point in the string.
  const abs = Math.abs(v);
  const shifted = Number(`${abs}e${decimals}`);
  const rounded = Number.isFinite(shifted) && !String(abs).includes('e') ? Number(`${Math.round(shifted)}e-${decimals}`) : abs;
  const [int, frac] = rounded.toFixed(decimals).split('.');
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/**
 * Large counts, compact from 10,000 on: 6,205,730 → "620.6万" / "6.2M"; 1.2e9 → "12亿" / "1.2B".
 * Below 10,000 the plain number with separators.
 */
export function fmtCount(v: number | null | undefined, locale: Locale = 'zh', decimals = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e4) return compact(locale, decimals).format(v);
  return fmtNumber(v, Number.isInteger(v) ? 0 : decimals, locale);
}

/** A value and its unit apart, for layouts that let the unit wrap: { number: "62.3%", unit: "" }, { number: "18.2", unit: "人/万人" }. */
export function fmtValueParts(
  v: number | null | undefined,
  unit: string,
  decimals = 1,
  locale: Locale = 'zh'
): { number: string; unit: string } {
  if (v === null || v === undefined || !Number.isFinite(v)) return { number: '—', unit: '' };
  const n = Math.abs(v) >= 1e4 ? fmtCount(v, locale, decimals) : fmtNumber(v, decimals, locale);
  return unit === '%' ? { number: `${n}%`, unit: '' } : { number: n, unit };
}

/** Value with its unit: "62.3%", "18.2 人/万人", "85 项". */
export function fmtValue(v: number | null | undefined, unit: string, decimals = 1, locale: Locale = 'zh'): string {
  const parts = fmtValueParts(v, unit, decimals, locale);
  return parts.unit ? `${parts.number} ${parts.unit}` : parts.number;
}

/** Signed change: "+2.3", "−0.4" (true minus sign), with unit "个百分点"/"pp" for percentages. */
export function fmtChange(d: number | null | undefined, unit: string, decimals = 1, locale: Locale = 'zh'): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '—';
  const s = fmtNumber(Math.abs(d), decimals, locale);
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const u = unit === '%' ? tIn(locale, 'percentagePoints') : ` ${unit}`;
  return `${sign}${s}${u}`;
}
