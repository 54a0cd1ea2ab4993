// Fair comparison of a region or unit with units like it (issue 10): its nearest neighbours by
// structural context only — size and urban/rural make-up, never the performance indicators — its
// quartile among a peer set, its strengths and areas to improve in standardised terms, and a
// comparison that respects a survey's margin of error. Pure functions over plain rows.

/** Structural context of a region or unit: what it is, not how well it does. */
export interface Context {
  code: string;
  residents: number;
  households: number;
  /** Grassroots units (communities and villages) it holds; 1 for a single unit. */
  units: number;
  urbanUnits: number;
  /** Further context compared alongside (for a community: its district's features). */
  extra?: number[];
}

/** The features compared: sizes on a log scale (they are skewed), shares as they are. */
export function features(c: Context): number[] {
  const log = (x: number) => Math.log(Math.max(1, x));
  return [
    log(c.residents),
    log(c.households),
    log(c.units),
    c.units > 0 ? c.urbanUnits / c.units : 0,
    log(c.households / Math.max(1, c.units)),
    ...(c.extra ?? [])
  ];
}

/** Each column as z-scores over the rows (a column without spread contributes nothing). */
export function standardise(rows: number[][]): number[][] {
  if (!rows.length) return [];
  const k = rows[0].length;
  const mean = Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const sd = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / rows.length));
  return rows.map((r) => r.map((v, j) => (sd[j] > 0 ? (v - mean[j]) / sd[j] : 0)));
}

export interface Peer {
  code: string;
  /** Euclidean distance in standardised context (0 = identical make-up). */
  distance: number;
}

/** The k units most alike `code` among `all` (same level), nearest first; ties by code. */
export function nearestPeers(code: string, all: Context[], k = 15): Peer[] {
  const z = standardise(all.map(features));
  const i = all.findIndex((c) => c.code === code);
  if (i < 0 || k <= 0) return [];
  // The k best kept in order while scanning (a province's tens of thousands of units, never sorted whole).
  const best: Peer[] = [];
  const before = (a: Peer, b: Peer) => a.distance < b.distance || (a.distance === b.distance && a.code < b.code);
  for (let j = 0; j < all.length; j++) {
    if (j === i || all[j].code === code) continue;
    let d = 0;
    for (let f = 0; f < z[i].length; f++) d += (z[j][f] - z[i][f]) ** 2;
    const p = { code: all[j].code, distance: Math.sqrt(d) };
    if (best.length === k && !before(p, best[k - 1])) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && before(p, best[at - 1])) at--;
    best.splice(at, 0, p);
    if (best.length > k) best.pop();
  }
  return best;
}

export interface Position {
  /** 1 = the best quarter … 4 = the worst, by the indicator's direction. */
  quartile: 1 | 2 | 3 | 4;
  /** Share of the others it does better than (0–1); ties count half. */
  better: number;
  n: number;
}

/** Where `value` stands among `others` for an indicator of `direction` (1 higher is better, −1 lower). */
export function position(value: number, others: number[], direction: number): Position | null {
  const xs = others.filter((x) => Number.isFinite(x));
  if (!xs.length || direction === 0) return null;
  const wins = xs.reduce((s, x) => s + (direction * (value - x) > 0 ? 1 : direction * (value - x) === 0 ? 0.5 : 0), 0);
  const better = wins / xs.length;
  const quartile = (better >= 0.75 ? 1 : better >= 0.5 ? 2 : better >= 0.25 ? 3 : 4) as Position['quartile'];
  return { quartile, better, n: xs.length };
}

export interface Standing {
  id: string;
  /** direction × (value − peers' mean) / peers' standard deviation: above 0 is better than the peers. */
  z: number;
}

/** Indicators furthest above (strengths) and below (areas to improve) the peers, `n` of each. */
export function strengthsAndAreas(
  own: Record<string, number | null | undefined>,
  peers: Record<string, number | null | undefined>[],
  indicators: { id: string; direction: number }[],
  n = 3
): { strengths: Standing[]; areas: Standing[] } {
  const all: Standing[] = [];
  for (const { id, direction } of indicators) {
    const v = own[id];
    const xs = peers.map((p) => p[id]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (direction === 0 || typeof v !== 'number' || !Number.isFinite(v) || xs.length < 2) continue;
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    if (!(sd > 0)) continue;
    all.push({ id, z: (direction * (v - mean)) / sd });
  }
  const sorted = [...all].sort((a, b) => b.z - a.z || a.id.localeCompare(b.id));
  return {
    strengths: sorted.filter((s) => s.z > 0).slice(0, n),
    areas: sorted
      .filter((s) => s.z < 0)
      .reverse()
      .slice(0, n)
  };
}

/** Is a survey figure (± its 95 % margin) above or below a comparison value, or not distinguishable? */
export function versus(value: number, margin: number | null, reference: number): 'above' | 'below' | 'same' {
  const m = margin ?? 0;
  if (value - m > reference) return 'above';
  if (value + m < reference) return 'below';
  return 'same';
}

/** Nearest peers of every row at once (the context is standardised once): code → its k nearest. */
export function allNearestPeers(all: Context[], k = 15): Map<string, Peer[]> {
  const z = standardise(all.map(features));
  const out = new Map<string, Peer[]>();
  for (let i = 0; i < all.length; i++) {
    const near: Peer[] = [];
    for (let j = 0; j < all.length; j++) {
      if (j === i) continue;
      let d = 0;
      for (let f = 0; f < z[i].length; f++) d += (z[j][f] - z[i][f]) ** 2;
      near.push({ code: all[j].code, distance: Math.sqrt(d) });
    }
    near.sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code));
    out.set(all[i].code, near.slice(0, k));
  }
  return out;
}
