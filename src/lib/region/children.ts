// Sorting and filtering of the region page's children table. Pure.
import type { ChildRow } from '$lib/data/region-api';

export interface ChildSort {
  key: 'code' | 'name' | 'units' | 'value';
  desc: boolean;
}

/**
 * The rows whose name or code contains `filter`, sorted by `sort` (values of indicator `id` for
 * 'value'); rows without a value go last whichever the direction, and so, for a survey score
 * (`survey`), do rows resting on fewer than 30 households: they are listed, not ranked. Ties by code.
 */
export function sortChildren(
  rows: ChildRow[],
  filter: string,
  sort: ChildSort,
  id: string,
  nameOf: (r: ChildRow) => string,
  survey = false
): ChildRow[] {
  const f = filter.toLowerCase();
  const kept = f
    ? rows.filter((r) => r.code.includes(f) || nameOf(r).toLowerCase().includes(f) || r.name.includes(filter))
    : [...rows];
  const sign = sort.desc ? -1 : 1;
  const unranked = (r: ChildRow) => survey && sort.key === 'value' && !!r.survey?.small;
  const key = (r: ChildRow): number | string | null =>
    sort.key === 'code'
      ? r.code
      : sort.key === 'name'
        ? nameOf(r)
        : sort.key === 'units'
          ? r.units
          : unranked(r)
            ? null
            : r.values[id];
  return kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - Number(y);
    return sign * c || a.code.localeCompare(b.code);
  });
}
