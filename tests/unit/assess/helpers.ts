/** Shared helpers for the assess tests: seeded random data and small spec builders. */
import { mulberry32 } from '../../../src/lib/assess/prng';
import type { Row } from '../../../src/lib/assess/data';

export { mulberry32 };

export interface Synthetic {
  rows: Row[];
  ids: string[];
}

/** n units × m indicators x0..x(m−1), values in [lo, hi), optional missing share. */
export function synthetic(
  seed: number,
  n: number,
  m: number,
  opts: { lo?: number; hi?: number; missing?: number } = {}
): Synthetic {
  const rnd = mulberry32(seed);
  const lo = opts.lo ?? 1,
    hi = opts.hi ?? 100,
    miss = opts.missing ?? 0;
  const ids = Array.from({ length: m }, (_, j) => `x${j}`);
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Row = { code: `u${String(i).padStart(3, '0')}` };
    for (const id of ids) r[id] = rnd() < miss ? null : lo + rnd() * (hi - lo);
    return r;
  });
  return { rows, ids };
}

/** Fisher–Yates shuffle with a seeded PRNG (returns a new array). */
export function shuffle<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed),
    a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Spec with indicators split round-robin into `g` groups. */
export function specFor(
  ids: string[],
  opts: {
    normalise?: unknown | ((j: number, dir: 1 | -1) => unknown);
    direction?: (j: number) => 1 | -1;
    weight?: (j: number) => number;
    groups?: number;
    groupWeight?: (k: number) => number;
    aggregate?: unknown;
    extra?: Record<string, unknown>;
  } = {}
): Record<string, unknown> {
  const g = opts.groups ?? 2;
  const indicators = ids.map((id, j) => {
    const dir = opts.direction?.(j) ?? 1;
    const n = typeof opts.normalise === 'function' ? opts.normalise(j, dir) : opts.normalise;
    return { id, column: id, direction: dir, weight: opts.weight?.(j) ?? 1, normalise: n ?? { method: 'minmax' } };
  });
  const groups =
    g > 0
      ? Array.from({ length: g }, (_, k) => ({
          id: `g${k}`,
          members: ids.filter((_, j) => j % g === k),
          weight: opts.groupWeight?.(k) ?? 1
        }))
      : undefined;
  return {
    unit: 'code',
    indicators,
    ...(groups ? { groups } : {}),
    aggregate: opts.aggregate ?? 'arithmetic',
    ...(opts.extra ?? {})
  };
}

/** Normalisation settings that keep values > 0 (usable with geometric/harmonic means). */
export const NORMALISATIONS: Record<string, unknown> = {
  minmax: { method: 'minmax', l: 1, u: 100 },
  zscore: { method: 'zscore', m: 100, s: 10 },
  goalposts: { method: 'goalposts', low: 0, high: 120 },
  // target: direction 1 needs target > lower, direction −1 target < lower
  target: (_j: number, dir: 1 | -1) =>
    dir === 1 ? { method: 'target', lower: 0, target: 80 } : { method: 'target', lower: 120, target: 20 },
  prank: { method: 'prank' }
};
export const AGGREGATIONS = ['arithmetic', 'geometric', 'harmonic'] as const;

/** Scores by unit id. */
export function scoresByUnit(res: { units: { unit: string; score: number | null }[] }): Map<string, number | null> {
  return new Map(res.units.map((u) => [u.unit, u.score]));
}

export function expectClose(a: number | null, b: number | null, tol = 1e-9): void {
  if (a === null || b === null) {
    if (a !== b) throw new Error(`expected ${a} to equal ${b}`);
    return;
  }
  if (!(Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b)))) throw new Error(`expected ${a} ≈ ${b}`);
}
