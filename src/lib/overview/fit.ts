// Which indicator a view opens on, and whether the chosen indicator applies to the view at all:
// an all-urban district has no villages, so a village-only indicator would show a dash, a grey map
// and "0 regions with data". Pure: the page asks, the notice says why and offers a switch.
import { indicator, indicators, type Indicator } from '$lib/indicators/catalogue';
import type { TypeCounts } from '$lib/indicators/status';
import type { UnitType } from '$lib/types';
import { typeCounts, type Values } from './model';

/** The indicator a view opens on when its URL names none (if it applies to the view). */
export const DEFAULT_INDICATOR = 'facility_coverage_rural';

/** Does an indicator's scope (all / urban / rural units) apply to a view with these units? Unknown counts: yes. */
export function applies(ind: Indicator, counts: TypeCounts | null): boolean {
  if (ind.scope === 'all' || !counts) return true;
  return ind.scope === 'urban' ? counts.urban > 0 : counts.rural > 0;
}

/** The units of the chosen type behind the region's row; null while the row is unknown. */
export function viewCounts(row: Values | undefined, loaded: boolean): TypeCounts | null {
  if (row) return typeCounts(row);
  return loaded ? { urban: 0, rural: 0 } : null; // a loaded view without a row has no units of its type
}

/**
 * The closest indicator that applies: the same dimension's indicator for the other unit type
 * (城市 ↔ 农村 facility coverage), else the dimension's first one for all units.
 */
export function fittingIndicator(ind: Indicator, counts: TypeCounts | null): Indicator {
  if (applies(ind, counts)) return ind;
  const same = indicators.filter((i) => i.dimension === ind.dimension && i.id !== ind.id && applies(i, counts));
  return same.find((i) => i.scope !== 'all' && i.target) ?? same.find((i) => i.scope === 'all') ?? same[0] ?? ind;
}

/** The indicator a view shows: the one its URL names, or the default made to fit the view. */
export function viewIndicator(named: string | null, counts: TypeCounts | null): Indicator {
  return named ? indicator(named) : fittingIndicator(indicator(DEFAULT_INDICATOR), counts);
}

export type ViewNotice =
  /** The region has no units of the chosen type (南山区 has no villages): switch to the other type. */
  | { kind: 'noUnits'; type: UnitType; switchType: UnitType }
  /** The indicator counts only the other type of unit: switch to a fitting indicator (or type). */
  | { kind: 'notApplicable'; scope: 'urban' | 'rural'; switchIndicator: string; switchType: UnitType | null };

/**
 * Why a view would be blank, and the one-click way out; null when the view has data to show (or
 * while its counts are unknown). With one unit type chosen, all types are offered as well.
 */
export function viewNotice(ind: Indicator, type: UnitType, counts: TypeCounts | null): ViewNotice | null {
  if (!counts) return null;
  if (counts.urban + counts.rural === 0 && type !== 'all') return { kind: 'noUnits', type, switchType: 'all' };
  if (ind.scope === 'all' || applies(ind, counts)) return null;
  return {
    kind: 'notApplicable',
    scope: ind.scope,
    switchIndicator: fittingIndicator(ind, counts).id,
    switchType: type === 'all' ? null : 'all'
  };
}
