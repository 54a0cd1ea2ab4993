// The overview's view state and its URL form: ?y=2025&t=rural&i=certified_share&r=440000&v=grid.
// Unknown or malformed parameters fall back to defaults, so any link opens a valid view.
import { hasIndicator } from '$lib/indicators/catalogue';
import type { UnitType } from '$lib/data/regions';

export interface ViewState {
  year: number;
  type: UnitType;
  indicator: string;
  region: string;
  view: 'map' | 'grid';
  /** A grassroots unit (12-digit code) highlighted in the district's list, from search. */
  unit: string | null;
}

export const DEFAULT_INDICATOR = 'facility_coverage_rural';

export function defaults(years: number[]): ViewState {
  return {
    year: years[years.length - 1] ?? 2025,
    type: 'all',
    indicator: DEFAULT_INDICATOR,
    region: '000000',
    view: 'map',
    unit: null
  };
}

export function parseState(params: URLSearchParams, years: number[]): ViewState {
  const d = defaults(years);
  const y = Number(params.get('y'));
  const t = params.get('t');
  const i = params.get('i');
  const r = params.get('r');
  const v = params.get('v');
  return {
    year: years.includes(y) ? y : d.year,
    type: t === 'urban' || t === 'rural' || t === 'all' ? t : d.type,
    indicator: i && hasIndicator(i) ? i : d.indicator,
    region: r && /^\d{6}$/.test(r) ? r : d.region,
    view: v === 'grid' ? 'grid' : 'map',
    unit: /^\d{12}$/.test(params.get('u') ?? '') ? params.get('u') : null
  };
}

/** Query string for a state; parameters equal to the default are left out. Other parameters (lang) are kept. */
export function stateToSearch(s: ViewState, years: number[], keep?: URLSearchParams): string {
  const d = defaults(years);
  const p = new URLSearchParams();
  if (s.year !== d.year) p.set('y', String(s.year));
  if (s.type !== d.type) p.set('t', s.type);
  if (s.indicator !== d.indicator) p.set('i', s.indicator);
  if (s.region !== d.region) p.set('r', s.region);
  if (s.view !== d.view) p.set('v', s.view);
  if (s.unit) p.set('u', s.unit);
  const lang = keep?.get('lang');
  if (lang) p.set('lang', lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}
