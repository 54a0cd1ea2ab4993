/**
 * Imputation (METHODS step 3, optional, off by default): a missing cell of a scored unit
 * gets the mean or median of the present values of the scored units, computed within the
 * unit's group (`impute.by`, e.g. province or urban/rural type) when that group has a
 * value, else overall. Present values are never changed; every imputed cell is flagged.
 * Panel carry-forward (latest earlier value) is not done here: the engine sees one
 * cross-section; callers with a panel fill from the previous year before calling.
 */
export interface Imputation {
  /** n × m flags: 1 where the value was imputed. */
  flags: Uint8Array;
  count: number;
}

function stat(xs: number[], method: 'mean' | 'median'): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b); // sorted: independent of row order
  if (method === 'mean') {
    let t = 0;
    for (const x of s) t += x;
    return t / s.length;
  }
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Fills `values` in place (missing cells of scored units only). */
export function impute(
  values: Float64Array,
  n: number,
  m: number,
  scored: Uint8Array,
  method: 'mean' | 'median',
  keys: (string | null)[] | null
): Imputation {
  const flags = new Uint8Array(n * m);
  let count = 0;
  for (let j = 0; j < m; j++) {
    const all: number[] = [];
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const x = values[i * m + j];
      if (!scored[i] || x !== x) continue;
      all.push(x);
      const k = keys?.[i];
      if (k != null) {
        let a = byKey.get(k);
        if (!a) byKey.set(k, (a = []));
        a.push(x);
      }
    }
    const overall = stat(all, method);
    const keyStat = new Map<string, number>();
    for (const [k, xs] of byKey) keyStat.set(k, stat(xs, method));
    for (let i = 0; i < n; i++) {
      const p = i * m + j;
      if (!scored[i] || values[p] === values[p]) continue;
      const k = keys?.[i];
      const v = k != null && keyStat.has(k) ? keyStat.get(k)! : overall;
      if (v === v) {
        values[p] = v;
        flags[p] = 1;
        count++;
      }
    }
  }
  return { flags, count };
}
