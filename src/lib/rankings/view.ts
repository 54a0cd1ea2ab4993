// What the rankings page shows beside the assessment itself: names that tell namesakes apart
// (鼓楼区 · 福州市), a rank scale fitted to the rows on screen, and the results table as exported.
import type { Locale } from '$lib/types';
import { NATION, type RegionTree } from '$lib/data/regions';
import type { UnitResult } from '$lib/assess';
import { roundCell, type Cell } from '$lib/csv';
import type { MessageKey } from '$lib/i18n/zh';
import type { Method } from './method';

export const NAME_SEP = ' · ';

/** Cities that are only a grouping of a province's districts or counties: a district's name with
 *  one of these tells nothing, so the province names it instead (朝阳区 · 北京市). */
const GROUPING = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The region that tells a unit apart from its namesakes: a district's city (or its province when
 *  the city is a grouping), a city's province; none for a province. */
export function parentCode(tree: RegionTree, code: string): string | null {
  const r = tree.byCode.get(code);
  if (!r || !r.parent || r.parent === NATION) return null;
  const parent = tree.byCode.get(r.parent);
  if (parent && parent.level === 'city' && GROUPING.has(parent.name) && parent.parent && parent.parent !== NATION)
    return parent.parent;
  return r.parent;
}

export interface UnitName {
  /** The unit's own name (鼓楼区). */
  name: string;
  /** Its parent's name ('' for a province). */
  parent: string;
  parentCode: string;
  /** Name and parent, as shown and exported (鼓楼区 · 福州市). */
  label: string;
}

/** Names of a unit in a language; the code itself when the tree does not know it. */
export function unitName(tree: RegionTree | null | undefined, code: string, locale: Locale): UnitName {
  if (!tree) return { name: code, parent: '', parentCode: '', label: code };
  const name = tree.name(code, locale);
  const p = parentCode(tree, code);
  const parent = p ? tree.name(p, locale, true) : '';
  return { name, parent, parentCode: p ?? '', label: parent ? `${name}${NAME_SEP}${parent}` : name };
}

export interface RankScale {
  /** First and last rank of the axis. */
  lo: number;
  hi: number;
  /** Position in [inset, width − inset] of a rank. */
  x: (rank: number) => number;
}

type Ranked = Pick<UnitResult, 'rank' | 'rank_p05' | 'rank_p95'>;

/**
 * A rank axis fitted to the rows shown: from their smallest 5% bound to their largest 95% bound,
 * widened by 5% of that span (at least one rank) on each side and kept within 1…total, so the
 * top of the table is drawn as large as its middle. Null when no row has a rank.
 */
export function rankScale(rows: Ranked[], total: number, width: number, inset = 4): RankScale | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.rank == null) continue;
    lo = Math.min(lo, r.rank_p05 ?? r.rank, r.rank);
    hi = Math.max(hi, r.rank_p95 ?? r.rank, r.rank);
  }
  if (!Number.isFinite(lo)) return null;
  const pad = Math.max(1, Math.round((hi - lo) * 0.05));
  lo = Math.max(1, lo - pad);
  hi = Math.min(Math.max(total, lo + 1), hi + pad);
  if (hi <= lo) hi = lo + 1;
  const span = hi - lo;
  return { lo, hi, x: (rank) => inset + ((rank - lo) / span) * (width - 2 * inset) };
}

/** About `count` round tick values within [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function rankTicks(lo: number, hi: number, count = 5): number[] {
  const raw = Math.max(1, (hi - lo) / count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  if (!out.length || out[0] > lo + step / 2) out.unshift(lo);
  return out;
}

/** Decimals the table shows for scores; exports keep two more (roundCell). */
export const SCORE_DECIMALS = 2;

/** The results table as exported: code, name with parent, parent, then the assessment's columns. */
export function resultsTable(
  units: UnitResult[],
  groupIds: string[],
  nameOf: (code: string) => UnitName
): { header: string[]; rows: Cell[][] } {
  const header = [
    'unit',
    'name',
    'parent',
    'parent_code',
    'score',
    'rank',
    'rank_median',
    'rank_p05',
    'rank_p95',
    'status',
    ...groupIds.map((g) => `group_${g}`)
  ];
  const rows = units.map((u) => {
    const n = nameOf(u.unit);
    return [
      u.unit,
      n.label,
      n.parent,
      n.parentCode,
      roundCell(u.score, SCORE_DECIMALS),
      u.rank,
      u.rank_median ?? null,
      u.rank_p05 ?? null,
      u.rank_p95 ?? null,
      u.status,
      ...groupIds.map((g) => roundCell(u.groups[g], SCORE_DECIMALS))
    ];
  });
  return { header, rows };
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One line naming the method (scheme · normalisation · aggregation · Monte Carlo runs), shown
 *  when the method panel is closed and in the subtitle of exported charts. */
export function methodSummary(m: Method, schemeName: string, tr: Translate): string {
  const agg = m.aggInd === m.aggGroup ? tr(`agg_${m.aggInd}`) : `${tr(`agg_${m.aggInd}`)}/${tr(`agg_${m.aggGroup}`)}`;
  const runs = m.runs ? tr('methodRuns', { n: m.runs }) : tr('methodNoRuns');
  return [schemeName, tr(`norm_${m.norm}`), agg, runs].join(NAME_SEP);
}
