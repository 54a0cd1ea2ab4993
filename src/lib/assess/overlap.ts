/**
 * Honest ranks (METHODS step 9): which pairs of adjacent-ranked units have overlapping
 * 5th–95th percentile rank intervals, i.e. whose order is not meaningful, with a plain
 * sentence in Chinese or English.
 */
import type { AssessResult, UnitResult } from './types';
import type { Locale } from '../types';
import { tIn } from '../i18n/messages';

export type Lang = Locale;

export interface OverlapPair {
  a: string;
  b: string;
  rankA: number;
  rankB: number;
  intervalA: [number, number];
  intervalB: [number, number];
  overlap: boolean;
}

/** Do two units' p05–p95 rank intervals overlap? (false if either has none) */
export function intervalsOverlap(a: UnitResult, b: UnitResult): boolean {
  if (a.rank_p05 === null || a.rank_p95 === null || b.rank_p05 === null || b.rank_p95 === null) return false;
  return a.rank_p05 <= b.rank_p95 && b.rank_p05 <= a.rank_p95;
}

/** Pairs of units adjacent in the nominal ranking (requires a Monte Carlo result). */
export function adjacentOverlaps(result: AssessResult): OverlapPair[] {
  const ranked = result.units
    .filter((u) => u.rank !== null && u.rank_p05 !== null)
    .sort((x, y) => x.rank! - y.rank! || x.row - y.row);
  const out: OverlapPair[] = [];
  for (let t = 0; t + 1 < ranked.length; t++) {
    const a = ranked[t],
      b = ranked[t + 1];
    out.push({
      a: a.unit,
      b: b.unit,
      rankA: a.rank!,
      rankB: b.rank!,
      intervalA: [a.rank_p05!, a.rank_p95!],
      intervalB: [b.rank_p05!, b.rank_p95!],
      overlap: intervalsOverlap(a, b)
    });
  }
  return out;
}

const iv = (x: [number, number]) => (x[0] === x[1] ? `${x[0]}` : `${x[0]}–${x[1]}`);

/** One sentence about one pair. `names` maps unit ids to display names. */
export function overlapSentence(p: OverlapPair, lang: Lang, names: Record<string, string> = {}): string {
  const a = names[p.a] ?? p.a,
    b = names[p.b] ?? p.b;
  const params = { a, b, rankA: p.rankA, rankB: p.rankB, ivA: iv(p.intervalA), ivB: iv(p.intervalB) };
  return tIn(lang, p.overlap ? 'overlapPairOverlap' : 'overlapPairSeparate', params);
}

/** A summary sentence over all adjacent pairs. */
export function overlapSummary(pairs: OverlapPair[], lang: Lang): string {
  const k = pairs.filter((p) => p.overlap).length,
    n = pairs.length;
  return n === 0 ? tIn(lang, 'overlapNone') : tIn(lang, 'overlapSummary', { k, n });
}
