// One page per catalogue indicator, prerendered: the build renders every id the catalogue lists, and
// an id it does not list is a 404 (a link to one fails the build, never ships a blank page). The
// nation's yearly figures for this indicator go into the HTML, so the headline reads before DuckDB.
import { error } from '@sveltejs/kit';
import { hasIndicator, indicators } from '$lib/indicators/catalogue';
import { readNationalRows } from '$lib/server/snapshot';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => indicators.map((i) => ({ id: i.id }));

export const load: PageServerLoad = ({ params }) => {
  if (!hasIndicator(params.id)) error(404, `unknown indicator "${params.id}"`);
  const id = params.id;
  // Only this indicator's columns: the page's HTML stays small.
  const keep = ['code', 'year', 'type', 'units', 'urban_units', id, `${id}__has`, `${id}__met`];
  const national = readNationalRows().map((r) => Object.fromEntries(keep.map((k) => [k, r[k] ?? null])));
  return { id, national };
};
