/**
 * The whole pipeline of METHODS.md: screen → impute → treat outliers → normalise →
 * weight → aggregate → rank → (optional) Monte Carlo uncertainty.
 *
 *   assess(rows, spec)                      one call (Node, tests, CLI)
 *   prepare → scoreNominal → buildResult    the same in steps (Web Worker: post the
 *   → new MonteCarlo(prep, nominal.rows)    nominal result first, then run the Monte
 *   → step(k)… → buildResult(…, mc.result()) Carlo in slices and post progress)
 */
import { scoreRows } from './aggregate';
import { MonteCarlo, type MonteCarloOptions, type MonteCarloResult } from './montecarlo';
import { aggregationError, prepare, type Prepared } from './prepare';
import { competitionRanks, ranksWithin } from './rank';
import { isDataRelative } from './normalise';
import { effectiveWeightsOf, INDEX_ID } from './weights';
import type { Row } from './data';
import type { AssessResult, UnitResult } from './types';

export interface AssessOptions {
  /** Run the Monte Carlo when the spec asks for runs > 0 (default true). */
  uncertainty?: boolean;
  /** Overrides of spec.uncertainty (runs, seed, weight_noise, alternatives). */
  monteCarlo?: MonteCarloOptions;
  /** Called after each slice of Monte Carlo runs. */
  onProgress?: (done: number, total: number) => void;
}

export interface NominalScores {
  /** Indices of the units that got a score (the ones to rank). */
  rows: Int32Array;
  /** Score per input row (NaN = none). */
  score: Float64Array;
  /** Node (group, then index) values per input row: nodes[i · nNodes + k]. */
  nodes: Float64Array;
  rank: (number | null)[];
}

/** Nominal scores and ranks. Throws AssessError when a geometric/harmonic mean meets 0. */
export function scoreNominal(prep: Prepared): NominalScores {
  const { n, m, plan, screening } = prep;
  const cand = new Int32Array(screening.nScored);
  for (let i = 0, t = 0; i < n; i++) if (screening.scored[i]) cand[t++] = i;
  const out = new Float64Array(cand.length);
  const nodeOut = new Float64Array(cand.length * plan.nNodes);
  const code = scoreRows(
    prep.normalised,
    m,
    cand,
    plan,
    plan.baseWeight,
    plan.method,
    prep.floor,
    out,
    nodeOut,
    new Float64Array(m + plan.nNodes)
  );
  if (code >= 0) throw aggregationError(prep, prep.normalised, cand, code, plan.method);
  const score = new Float64Array(n).fill(NaN);
  const nodes = new Float64Array(n * plan.nNodes).fill(NaN);
  const rows: number[] = [];
  cand.forEach((i, t) => {
    score[i] = out[t];
    nodes.set(nodeOut.subarray(t * plan.nNodes, (t + 1) * plan.nNodes), i * plan.nNodes);
    if (out[t] === out[t]) rows.push(i); // NaN only when every present indicator has weight 0
  });
  return { rows: Int32Array.from(rows), score, nodes, rank: competitionRanks(score) };
}

/** Assemble the public result (cheap; call again when Monte Carlo results arrive). */
export function buildResult(
  prep: Prepared,
  nom: NominalScores,
  mc: MonteCarloResult | null,
  mcOptions: MonteCarloOptions = {}
): AssessResult {
  const { spec, plan, n, m } = prep;
  const ids = spec.indicators.map((d) => d.id);
  const groupIds = plan.nodeIds.filter((id) => id !== INDEX_ID);
  const within = spec.rank_within ? ranksWithin(nom.score, prep.keys[spec.rank_within]) : null;
  const scoredNow = new Uint8Array(n);
  for (const i of nom.rows) scoredNow[i] = 1;
  const units: UnitResult[] = prep.units.map((unit, i) => {
    const ok = scoredNow[i] === 1;
    const groups: Record<string, number | null> = {};
    groupIds.forEach((g, k) => {
      const v = nom.nodes[i * plan.nNodes + k];
      groups[g] = ok && v === v ? v : null;
    });
    const imputed: string[] = [];
    for (let j = 0; j < m; j++) if (prep.imputed[i * m + j]) imputed.push(ids[j]);
    const q = (a: Float64Array | undefined) => (a && ok && a[i] === a[i] ? a[i] : null);
    return {
      unit,
      row: i,
      status: ok ? 'ok' : 'insufficient',
      availability: prep.screening.availability[i],
      score: ok ? nom.score[i] : null,
      rank: ok ? nom.rank[i] : null,
      group: spec.rank_within ? prep.keys[spec.rank_within][i] : null,
      rank_within: within && ok ? within[i] : null,
      groups,
      imputed,
      rank_median: q(mc?.median),
      rank_p05: q(mc?.p05),
      rank_p95: q(mc?.p95)
    };
  });
  const eff = effectiveWeightsOf(plan);
  const effectiveWeights: Record<string, number> = {},
    groupWeights: Record<string, number> = {};
  ids.forEach((id, j) => {
    effectiveWeights[id] = eff[j];
  });
  groupIds.forEach((g, k) => {
    groupWeights[g] = eff[m + k];
  });
  const reasons = spec.indicators.filter((d, j) => eff[j] > 0 && isDataRelative(d.normalise.method)).map((d) => d.id);
  if (spec.impute.method !== 'none') reasons.push('impute');
  const u = spec.uncertainty;
  const warnings = [...prep.warnings];
  const insufficient = units.filter((x) => x.status === 'insufficient').length;
  if (insufficient > 0)
    warnings.push(
      `${insufficient} unit(s) have insufficient data (availability below ${spec.screening.threshold}) and are not ranked`
    );
  return {
    spec,
    units,
    indicatorIds: ids,
    groupIds,
    normalised: prep.normalised,
    values: prep.values,
    effectiveWeights,
    groupWeights,
    outliers: prep.outliers,
    imputedCells: prep.imputedCells,
    rankReversalPossible: reasons.length > 0,
    rankReversalReasons: reasons,
    uncertainty: mc
      ? {
          runs: mc.runs,
          seed: mcOptions.seed ?? u.seed,
          weight_noise: mcOptions.weight_noise ?? u.weight_noise,
          normalisations: mcOptions.normalisations ?? u.normalisations,
          aggregations: mcOptions.aggregations ?? u.aggregations
        }
      : null,
    warnings
  };
}

/** Run the whole pipeline. `spec` is a spec object as in the CLI (validated here). */
export function assess(rows: Row[], spec: unknown, options: AssessOptions = {}): AssessResult {
  const prep = prepare(rows, spec);
  const nom = scoreNominal(prep);
  const runs = options.monteCarlo?.runs ?? prep.spec.uncertainty.runs;
  let mc: MonteCarloResult | null = null;
  if (options.uncertainty !== false && runs > 0) {
    const runner = new MonteCarlo(prep, nom.rows, options.monteCarlo);
    while (!runner.step(100)) options.onProgress?.(runner.completed, runner.runs);
    options.onProgress?.(runner.completed, runner.runs);
    mc = runner.result();
  }
  return buildResult(prep, nom, mc, options.monteCarlo);
}
