// The types every part of the site shares, defined once. Modules that own a concept re-export
// its type from here (e.g. `$lib/format` re-exports Locale) so imports stay short.

/** The site's two languages: Chinese (default) and English. */
export type Locale = 'zh' | 'en';

/** An indicator's direction in the catalogue: 1 higher is better, −1 lower is better, 0 neither. */
export type Direction = 1 | -1 | 0;
/** The direction of an indicator that is scored (an assessment cannot score "neither"). */
export type ScoredDirection = Exclude<Direction, 0>;

/** Administrative levels a view aggregates to (GB/T 2260 six-digit codes). */
export type Level = 'nation' | 'province' | 'city' | 'district';
/** Levels drawn as map boundaries. */
export type MapLevel = Exclude<Level, 'nation'>;

/** Which grassroots units a view counts: urban communities (社区), villages (村) or both. */
export type UnitType = 'all' | 'urban' | 'rural';
/** Which units an indicator is defined for. */
export type Scope = UnitType;

/** One value of a query result or data row. */
export type Value = string | number | null;
/** One row of a query result (column → value). */
export type Row = Record<string, Value>;
/** One cell of a CSV export. */
export type Cell = Value | boolean | undefined;
