/**
 * Screening (METHODS step 2): a unit whose share of present indicators is below the
 * threshold (default 0.65) gets no score and status 'insufficient'; it is never ranked.
 * A unit with no indicator at all is always insufficient, whatever the threshold.
 */
export interface Screening {
  /** Share of indicators present per unit (0–1), before any imputation. */
  availability: Float64Array;
  /** 1 = scored, 0 = insufficient data. */
  scored: Uint8Array;
  nScored: number;
}

export function screen(values: Float64Array, n: number, m: number, threshold: number): Screening {
  const availability = new Float64Array(n);
  const scored = new Uint8Array(n);
  let nScored = 0;
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < m; j++) if (values[i * m + j] === values[i * m + j]) c++;
    availability[i] = c / m;
    // compare with a small tolerance so 0.65 × 20 = 13 present passes a 0.65 threshold
    if (c > 0 && availability[i] >= threshold - 1e-12) {
      scored[i] = 1;
      nScored++;
    }
  }
  return { availability, scored, nScored };
}
