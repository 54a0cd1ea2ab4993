/**
 * Composite assessment engine (综合评估引擎), METHODS.md. Pure TypeScript: no DOM, no
 * DuckDB, no Node APIs; runs in Node, in the browser and in a Web Worker.
 *
 * One call:           assess(rows, spec, options?) → AssessResult
 * In steps (worker):  prepare → scoreNominal → buildResult, then MonteCarlo.step(k) in
 *                     slices and buildResult(prep, nominal, mc.result()).
 *
 * Web Worker sketch (1,000 runs × 2,850 units: ~1.5–2 s in all, ~20 ms per 10 runs):
 *   const prep = prepare(rows, spec);            // spec: parsed or raw JSON object
 *   const nominal = scoreNominal(prep);
 *   postMessage({ type: 'nominal', result: buildResult(prep, nominal, null) });
 *   const mc = new MonteCarlo(prep, nominal.rows); // options override spec.uncertainty
 *   const slice = () => {
 *     const done = mc.step(10);
 *     postMessage({ type: 'progress', done: mc.completed, total: mc.runs });
 *     if (done) postMessage({ type: 'final', result: buildResult(prep, nominal, mc.result()) });
 *     else setTimeout(slice, 0);                 // lets 'cancel' messages in
 *   };
 *   slice();
 * Errors are AssessError (message starts with the spec field path); post `e.message`.
 */
export { assess, scoreNominal, buildResult } from './pipeline';
export type { AssessOptions, NominalScores } from './pipeline';
export { prepare, toSpec, normaliseMatrix } from './prepare';
export type { Prepared } from './prepare';
export { MonteCarlo, quantileSorted } from './montecarlo';
export type { MonteCarloOptions, MonteCarloResult } from './montecarlo';
export { parseSpec, parseNormalise } from './spec';
export { AssessError } from './errors';
export { readRows, parseCell } from './data';
export type { Row, DataMatrix } from './data';
export { screen } from './screen';
export { impute } from './impute';
export { skewness, kurtosis, treatValues, treatColumn } from './outliers';
export { normaliseColumn, isDataRelative } from './normalise';
export { buildPlan, effectiveWeights, effectiveWeightsOf, INDEX_ID } from './weights';
export type { Plan } from './weights';
export { weightedMean, scoreRows } from './aggregate';
export { competitionRanks, ranksWithin, rankInto } from './rank';
export { mulberry32 } from './prng';
export { explain, rankChanges, normalisedValue } from './explain';
export type { Explanation, Contribution, IndicatorPosition, PreviousRanks } from './explain';
export { adjacentOverlaps, intervalsOverlap, overlapSentence, overlapSummary } from './overlap';
export type { OverlapPair, Lang } from './overlap';
export * from './types';
