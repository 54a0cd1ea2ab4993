// ECharts options of the explorer's views, pure (data and labels in, option out).
import type { EChartsOption } from '../charts/echarts';
import { binEdge, type Bins, type Fit } from './stats';

const GRID = { left: 56, right: 16, top: 28, bottom: 44, containLabel: false };
const BAR = '#2563eb';
const BRUSHED_OUT = '#cbd5e1';

const fmtEdge = (v: number) => String(Number(v.toPrecision(6)));

/** Histogram: one bar per bin (a category axis, so a brush's coordRange is in bins). */
export function histogramOption(
  bins: Bins,
  counts: { b: number | null; units: number }[],
  labels: { x: string; y: string }
): EChartsOption {
  const byBin = new Map(counts.filter((c) => c.b !== null).map((c) => [c.b as number, c.units]));
  const cats = Array.from({ length: bins.count }, (_, i) => fmtEdge(binEdge(bins, i)));
  const data = cats.map((_, i) => byBin.get(i) ?? 0);
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: cats, name: labels.x, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: labels.y },
    brush: {
      toolbox: [],
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      throttleType: 'fixRate',
      throttleDelay: 0,
      brushStyle: { color: 'rgba(37,99,235,0.12)', borderColor: '#1d4ed8', borderWidth: 1 },
      // Bars outside the brush fade (ECharts' own visual: the option is not re-set while dragging).
      outOfBrush: { color: BRUSHED_OUT }
    },
    series: [{ type: 'bar', data, barCategoryGap: '8%', itemStyle: { color: BAR } }]
  };
}

const BLUES = ['#dbeafe', '#93c5fd', '#3b82f6', '#1d4ed8', '#1e3a8a'];
/** Colour of a density cell on a log scale of its count. */
export function densityColour(n: number, max: number): string {
  if (max <= 1) return BLUES[2];
  const f = Math.log(n) / Math.log(max);
  return BLUES[Math.min(BLUES.length - 1, Math.floor(f * BLUES.length))];
}

/** Scatter as a density of cells (all matching units), with the least-squares line. The cells of one
 *  colour are one path (five paths, not 1,600 shapes: a redraw on every brush move stays cheap, and
 *  an SVG export stays vector). */
export function scatterOption(
  xb: Bins,
  yb: Bins,
  cells: { bx: number; by: number; n: number }[],
  fit: Fit,
  labels: { x: string; y: string; line: string }
): EChartsOption {
  const max = cells.reduce((m, c) => Math.max(m, c.n), 1);
  const byColour = new Map<string, { x: number; y: number }[]>();
  for (const c of cells) {
    const colour = densityColour(c.n, max);
    let list = byColour.get(colour);
    if (!list) byColour.set(colour, (list = []));
    list.push({ x: binEdge(xb, c.bx), y: binEdge(yb, c.by) });
  }
  const layers = BLUES.filter((b) => byColour.has(b)).map((b) => ({ colour: b, cells: byColour.get(b)! }));
  const x0 = xb.lo;
  const x1 = binEdge(xb, xb.count);
  const line =
    fit.slope !== null && fit.intercept !== null
      ? [
          [x0, fit.intercept + fit.slope * x0],
          [x1, fit.intercept + fit.slope * x1]
        ]
      : [];
  return {
    animation: false,
    grid: GRID,
    xAxis: { type: 'value', min: x0, max: x1, name: labels.x, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', min: yb.lo, max: binEdge(yb, yb.count), name: labels.y },
    series: [
      {
        type: 'custom',
        data: layers.map((_, k) => [x0, yb.lo, k]),
        encode: { x: 0, y: 1 },
        renderItem: (p: { dataIndex: number }, api: CustomApi) => {
          const layer = layers[p.dataIndex];
          let pathData = '';
          for (const c of layer.cells) {
            const [ax, ay] = api.coord([c.x, c.y]);
            const [bx, by] = api.coord([c.x + xb.step, c.y + yb.step]);
            const w = Math.max(1, bx - ax);
            const h = Math.max(1, ay - by);
            pathData += `M${ax.toFixed(1)} ${by.toFixed(1)}h${w.toFixed(1)}v${h.toFixed(1)}h${(-w).toFixed(1)}Z`;
          }
          return { type: 'path', shape: { pathData }, style: { fill: layer.colour } };
        }
      },
      { type: 'line', name: labels.line, data: line, showSymbol: false, clip: true, lineStyle: { color: '#dc2626', width: 2 } }
    ]
  };
}

interface CustomApi {
  value: (i: number) => number;
  coord: (v: number[]) => number[];
  size: (v: number[]) => number[];
}

/** Box plots (p5, quartiles, p95) per group. */
export function boxOption(
  rows: { name: string; p05: number; q1: number; median: number; q3: number; p95: number }[],
  yName: string
): EChartsOption {
  return {
    animation: false,
    grid: { ...GRID, bottom: 90 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 60, interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', name: yName, scale: true },
    series: [
      {
        type: 'boxplot',
        data: rows.map((r) => [r.p05, r.q1, r.median, r.q3, r.p95]),
        itemStyle: { color: '#dbeafe', borderColor: '#1d4ed8' }
      }
    ]
  };
}

/** Diverging colour of a correlation (−1 red … 0 white … +1 blue). */
export function corrColour(r: number | null): string {
  if (r === null) return '#f1f5f9';
  const a = Math.min(1, Math.abs(r));
  const [R, G, B] = r >= 0 ? [29, 78, 216] : [220, 38, 38];
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(R)},${mix(G)},${mix(B)})`;
}

/** Correlation matrix as coloured cells. */
export function corrOption(names: string[], matrix: (number | null)[][]): EChartsOption {
  const data: [number, number, number | null][] = [];
  matrix.forEach((row, i) => row.forEach((r, j) => data.push([j, i, r])));
  return {
    animation: false,
    grid: { left: 150, right: 10, top: 10, bottom: 150 },
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number | null] }).value;
        return `${names[v[1]]} × ${names[v[0]]}: ${v[2] === null ? '—' : v[2].toFixed(2)}`;
      }
    },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 70, interval: 0, fontSize: 9 } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0, fontSize: 9 } },
    series: [
      {
        type: 'custom',
        data,
        renderItem: (p: { dataIndex: number }, api: CustomApi) => {
          const [x, y] = api.coord([api.value(0), api.value(1)]);
          const [w, h] = api.size([1, 1]);
          return {
            type: 'rect',
            shape: { x: x - w / 2, y: y - h / 2, width: w, height: h },
            style: { fill: corrColour(data[p.dataIndex][2]) }
          };
        }
      }
    ]
  };
}
