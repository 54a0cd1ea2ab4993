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
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (target !== null && ind.direction !== 0) {
    const red = ind.thresholds?.red ?? (ind.direction > 0 ? lo : hi);
    const mid = red + (target - red) / 2;
    const beyond =
      ind.direction > 0
        ? Math.max(hi, target + Math.abs(target - red) * 0.2)
        : Math.min(lo, target - Math.abs(target - red) * 0.2);
    const s = scaleLinear<string>()
      .domain([red, mid, target, beyond].sort((a, b) => a - b))
      .range(ind.direction > 0 ? ['#dc2626', '#facc15', '#86efac', '#15803d'] : ['#15803d', '#86efac', '#facc15', '#dc2626'])
      .clamp(true);
    return {
      colour: (v) => (v === null || !Number.isFinite(v) ? NO_DATA : s(v)),
      stops: [
        { value: red, colour: s(red), label: 'red' as const },
        { value: mid, colour: s(mid) },
        { value: target, colour: s(target), label: 'target' as const },
        { value: beyond, colour: s(beyond) }
      ].sort((a, b) => a.value - b.value)
    };
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
