// Colour scales for maps and legends (d3-scale). With a target: red → yellow → green where the
// target is the start of green, so the legend marks it. Without: a sequential blue scale.
import { scaleLinear } from 'd3-scale';
import type { Indicator } from '$lib/indicators/catalogue';

export interface ColourScale {
  colour: (v: number | null) => string;
  stops: { value: number; colour: string; label?: 'target' | 'red' }[];
}

export const NO_DATA = '#e5e7eb';

// ColorBrewer "Blues" (9 classes), as in d3-scale-chromatic, interpolated linearly in RGB. Defined
// here rather than imported: that module builds every one of its ~40 colour ramps when it loads,
// which cost the first screen tens of milliseconds on a phone.
const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const interpolateBlues = scaleLinear<string>()
  .domain(BLUES.map((_, i) => i / (BLUES.length - 1)))
  .range(BLUES)
  .clamp(true);

export function colourScale(ind: Indicator, values: number[], target: number | null): ColourScale {
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? Math.min(...finite) : null;
  const max = finite.length ? Math.max(...finite) : null;
  if (target !== null && ind.direction !== 0) {
    // The data's own range (no values: the target's), not widened: one region at 100 % is not a
    // reason for a legend up to 101 %.
    const lo = min ?? target;
    const hi = max ?? target;
    const red = ind.thresholds?.red ?? (ind.direction > 0 ? Math.min(lo, target - 1) : Math.max(hi, target + 1));
    const mid = red + (target - red) / 2;
    // A little beyond the target, but never past what the values can be: a share's 100 %, or below 0
    // for values that are never negative (a legend up to 102 % for a target of 100 % reads wrong).
    const margin = Math.abs(target - red) * 0.2;
    const beyond =
      ind.direction > 0
        ? Math.max(hi, Math.min(target + margin, ind.unit === '%' ? Math.max(100, target) : Infinity))
        : Math.min(lo, Math.max(target - margin, lo >= 0 ? Math.min(0, target) : -Infinity));
    // At the target itself (a 100 % target) nothing lies beyond it: the target is the deepest green.
    const up = beyond !== target ? ['#dc2626', '#facc15', '#86efac', '#15803d'] : ['#dc2626', '#facc15', '#15803d'];
    const s = scaleLinear<string>()
      .domain((beyond !== target ? [red, mid, target, beyond] : [red, mid, target]).sort((a, b) => a - b))
      .range(ind.direction > 0 ? up : [...up].reverse())
      .clamp(true);
    const stops = [
      { value: red, colour: s(red), label: 'red' as const },
      { value: mid, colour: s(mid) },
      { value: target, colour: s(target), label: 'target' as const },
      ...(beyond !== target ? [{ value: beyond, colour: s(beyond) }] : [])
    ];
    return {
      colour: (v) => (v === null || !Number.isFinite(v) ? NO_DATA : s(v)),
      stops: stops.sort((a, b) => a.value - b.value)
    };
  }
  // A sequential scale needs a range: a single value gets one either side.
  let lo = min ?? 0;
  let hi = max ?? 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const dir = ind.direction === -1 ? -1 : 1;
  const s = scaleLinear()
    .domain([lo, hi])
    .range(dir > 0 ? [0.15, 0.9] : [0.9, 0.15])
    .clamp(true);
  return {
    colour: (v) => (v === null || !Number.isFinite(v) ? NO_DATA : interpolateBlues(s(v))),
    stops: [0, 0.25, 0.5, 0.75, 1].map((f) => {
      const v = lo + (hi - lo) * f;
      return { value: v, colour: interpolateBlues(s(v)) };
    })
  };
}
