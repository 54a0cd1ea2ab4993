/**
 * Composite assessment engine (综合评估引擎), METHODS.md. Pure TypeScript: no DOM, no
 * DuckDB, no Node APIs; runs in Node, in the browser and in a Web Worker.
 *
 * One call:           assess(rows, spec, options?) → AssessResult
 * In steps (worker):  prepare → scoreNominal → buildResult, then MonteCarlo.step(k) in
 *                     slices and buildResult(prep, nominal, mc.result()).
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
