// URL state of the data-quality page (/quality/?y=YEAR&p=PROVINCE&lang=en). Pure.
import type { Locale } from '../types';

export interface QualityView {
  /** The report's year: one of the snapshot's years, the latest by default. */
  year: number;
  /** Two-digit province code, or 'all' for the whole country (the default). */
  scope: string;
}

/** The view a URL asks for; anything unknown falls back to the default. */
export function parseQualityView(params: URLSearchParams, years: number[]): QualityView {
  const y = Number(params.get('y'));
  const p = params.get('p') ?? '';
  return { year: years.includes(y) ? y : years[years.length - 1], scope: /^\d{2}$/.test(p) ? p : 'all' };
}

/** `?query` for a view (defaults left out, `lang=en` last), or '' for the default view in Chinese. */
export function qualitySearch(v: QualityView, years: number[], locale: Locale): string {
  const parts: string[] = [];
  if (v.year !== years[years.length - 1]) parts.push(`y=${v.year}`);
  if (v.scope !== 'all') parts.push(`p=${encodeURIComponent(v.scope)}`);
  if (locale === 'en') parts.push('lang=en');
  return parts.length ? `?${parts.join('&')}` : '';
}
