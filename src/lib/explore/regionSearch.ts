// Region search for the explorer's picker, pure: provinces, cities and districts of the region tree
// whose Chinese name, English name or pinyin initials contain the query, higher levels first.
import type { Region, RegionTree } from '../data/regions';

const ORDER = { nation: 0, province: 1, city: 2, district: 3 } as const;

/** Up to `limit` regions matching `query` (case-insensitive), provinces before cities before districts. */
export function searchRegions(tree: RegionTree, query: string, limit = 8, exclude: string[] = []): Region[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: Region[] = [];
  for (const r of tree.byCode.values()) {
    if (r.level === 'nation' || exclude.includes(r.code)) continue;
    const hay = [r.name, r.en ?? '', r.initials ?? ''].map((s) => s.toLowerCase());
    if (hay.some((h) => h.includes(q)) || r.code.startsWith(q)) out.push(r);
  }
  return out.sort((a, b) => ORDER[a.level] - ORDER[b.level] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).slice(0, limit);
}
