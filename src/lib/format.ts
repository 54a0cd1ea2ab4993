// Number formatting in Chinese conventions (万, 亿, %) with an English alternative. Pure.
import type { Locale } from './types';
export type { Locale };

// Creating an Intl.NumberFormat costs far more than formatting with one: a page formats thousands.
const formats = new Map<string, Intl.NumberFormat>();
const nf = (locale: Locale, decimals: number) => {
  const key = `${locale}${decimals}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals
    });
    formats.set(key, f);
  }
  return f;
};

/** Plain number with fixed decimals; '—' for missing. */
export function fmtNumber(v: number | null | undefined, decimals = 0, locale: Locale = 'zh'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return nf(locale, decimals).format(v);
}

/**
 * Large counts the Chinese way: 6,205,730 → "620.6万"; 1.2e9 → "12.0亿". Below 1万 the plain number.
 * English uses thousands separators and k/M/bn.
 */
export function fmtCount(v: number | null | undefined, locale: Locale = 'zh', decimals = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (locale === 'zh') {
    if (a >= 1e8) return nf(locale, decimals).format(v / 1e8) + '亿';
    if (a >= 1e4) return nf(locale, decimals).format(v / 1e4) + '万';
    return nf(locale, Number.isInteger(v) ? 0 : decimals).format(v);
  }
  if (a >= 1e9) return nf(locale, decimals).format(v / 1e9) + ' bn';
  if (a >= 1e6) return nf(locale, decimals).format(v / 1e6) + ' M';
  if (a >= 1e4) return nf(locale, decimals).format(v / 1e3) + ' k';
  return nf(locale, Number.isInteger(v) ? 0 : decimals).format(v);
}

/** Value with its unit: "62.3%", "18.2 人/万人", "85 项". */
export function fmtValue(v: number | null | undefined, unit: string, decimals = 1, locale: Locale = 'zh'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const n = Math.abs(v) >= 1e4 ? fmtCount(v, locale, decimals) : fmtNumber(v, decimals, locale);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** Signed change: "+2.3", "−0.4" (true minus sign), with unit "个百分点"/"pp" for percentages. */
export function fmtChange(d: number | null | undefined, unit: string, decimals = 1, locale: Locale = 'zh'): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '—';
  const s = fmtNumber(Math.abs(d), decimals, locale);
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const u = unit === '%' ? (locale === 'zh' ? '个百分点' : ' pp') : ` ${unit}`;
  return `${sign}${s}${u}`;
}
