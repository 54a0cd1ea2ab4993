// Ranking of search matches, pure (used by the search worker and its tests).
/**
 * Indices of the best `limit` matches of q in `hay` (names, or pinyin initials when q is Latin and
 * then only from the start): prefix matches before inner ones, then shorter, then earlier (code order).
 */
export function searchIndex(hay: string[], q: string, limit: number, prefixOnly = false): number[] {
  const best: [number, number][] = []; // [score, index], ascending score
  for (let i = 0; i < hay.length; i++) {
    const at = hay[i].indexOf(q);
    if (at < 0 || (prefixOnly && at !== 0)) continue;
    const score = (at === 0 ? 0 : 1000) + hay[i].length;
    if (best.length === limit && score >= best[limit - 1][0]) continue;
    let j = best.length < limit ? best.length : limit - 1;
    while (j > 0 && best[j - 1][0] > score) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = [score, i];
  }
  return best.map(([, i]) => i);
}
