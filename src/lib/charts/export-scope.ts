// What every export of a page is about: the region, year and type the page shows. A page sets it
// once (Svelte context); panels read it to caption their PNGs and name their files, so no panel
// builds a caption or a file name by itself.
import { getContext, setContext } from 'svelte';
import type { UnitType } from '$lib/types';
import { t } from '$lib/i18n/index.svelte';
import { isDemo, siteInfo } from '$lib/data/info.svelte';

export interface ExportScope {
  regionCode: string;
  regionName: string;
  year: number;
  type: UnitType;
  /** Decimals of the indicator shown: CSV numbers are rounded to two more. */
  decimals?: number;
  /** Anything else the view depends on (e.g. the assessment method), appended to the subtitle. */
  extra?: string;
}

const KEY = Symbol('export-scope');

/** Call in a page's <script>: what its exports are about. */
export function setExportScope(get: () => ExportScope): void {
  setContext(KEY, get);
}

/** The page's export scope, if it set one (read during component initialisation). */
export function getExportScope(): (() => ExportScope) | undefined {
  return getContext<(() => ExportScope) | undefined>(KEY);
}

/** "广东省 · 2025 · 全部" (+ extra). */
export function exportSubtitle(s: ExportScope): string {
  return [s.regionName, String(s.year), s.type === 'all' ? t('exportAllTypes') : t(`type_${s.type}`), s.extra]
    .filter(Boolean)
    .join(' · ');
}

/** The source line of every export: the product, the snapshot's date, and what the data is. */
export function exportSource(): string {
  const built = siteInfo()?.built?.slice(0, 10) ?? '';
  return t('exportSource', { date: built, kind: isDemo() ? t('demoData') : t('exportOwnData') });
}

/** A safe file name from parts ("map", "rural_facility", "440000", 2025), `demo-` first for demonstration data. */
export function exportFileName(parts: (string | number | null | undefined)[]): string {
  const name = parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) => String(p).replace(/[\\/:*?"<>|\s]+/g, '_'))
    .join('-');
  return isDemo() ? `demo-${name}` : name;
}
