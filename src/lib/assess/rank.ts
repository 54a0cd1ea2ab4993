/**
 * Ranking (METHODS step 8): on unrounded scores, highest first, ties share the lowest
 * rank (competition ranking 1, 2, 2, 4). rank = 1 + number of strictly higher scores.
 * The same code ranks the nominal result and every Monte Carlo run, so zero noise
 * reproduces the nominal ranks exactly.
 */

/** Number of elements of ascending `sorted[0..k)` that are ≤ x (branch-light search). */
function upperBound(sorted: Float64Array, k: number, x: number): number {
  let lo = 0,
    len = k;
  while (len > 0) {
    const half = len >> 1;
    const c = sorted[lo + half] <= x;
    lo = c ? lo + half + 1 : lo;
    len = c ? len - half - 1 : half;
  }
  return lo;
}

/**
 * Ranks of k finite scores, written to out[offset + t·stride]. `sorted` is scratch of
 * length ≥ k. Allocation-free (the Monte Carlo hot path).
 */
export function rankInto(
  scores: Float64Array,
  k: number,
  sorted: Float64Array,
  out: Int32Array,
  offset: number,
  stride: number
): void {
  const s = sorted.subarray(0, k);
  s.set(scores.subarray(0, k));
  s.sort();
  for (let t = 0; t < k; t++) out[offset + t * stride] = 1 + k - upperBound(s, k, scores[t]);
}

/** Competition ranks; null/NaN scores get null and are not counted. */
export function competitionRanks(scores: ArrayLike<number | null>): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (x !== null && x === x) idx.push(i);
  }
  const vals = Float64Array.from(idx, (i) => scores[i] as number);
  const r = new Int32Array(idx.length);
  rankInto(vals, idx.length, new Float64Array(idx.length), r, 0, 1);
  const out: (number | null)[] = new Array(scores.length).fill(null);
  idx.forEach((i, t) => {
    out[i] = r[t];
  });
  return out;
}

/** Competition ranks within each group key (e.g. province); null key or score → null. */
export function ranksWithin(scores: ArrayLike<number | null>, keys: ArrayLike<string | null>): (number | null)[] {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    let a = byKey.get(k);
    if (!a) byKey.set(k, (a = []));
    a.push(i);
  }
  const out: (number | null)[] = new Array(scores.length).fill(null);
  for (const idx of byKey.values()) {
    const r = competitionRanks(idx.map((i) => scores[i]));
    idx.forEach((i, t) => {
      out[i] = r[t];
    });
  }
  return out;
}
