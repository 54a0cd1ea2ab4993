// Report-ready SVG: an ECharts option rendered by ECharts' own SVG renderer (server-side mode, no
// DOM, nothing on screen) and framed with the same caption as the PNG exports (title, filters,
// source line with the data date, demonstration label) as real text. Loaded only when an SVG is
// asked for: the SVG renderer is not part of any page's bundle.
import { echarts, type EChartsOption } from './echarts';
import { SVGRenderer } from 'echarts/renderers';
import { wrapLines, type Caption } from './report';

echarts.use([SVGRenderer]);

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Text escaped for XML character data and attribute values. */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Estimated width of a line at `size` px: CJK and full-width characters 1 em, others ~0.56 em. */
const estimate = (size: number) => (s: string) =>
  [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.56), 0);

/** The chart alone as an SVG document (ECharts' SVG renderer), `width` × `height` px. */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false, tooltip: undefined }, { notMerge: true });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One SVG document: caption lines above the chart, source line below, demonstration label top right. */
export function composeSvg(option: EChartsOption, width: number, height: number, caption: Caption): string {
  const pad = 12;
  const w = Math.max(width + 2 * pad, 480);
  const demoW = caption.demo ? estimate(11)(caption.demo) + 12 : 0;
  const title = wrapLines(caption.title, w - 2 * pad - demoW, estimate(15));
  const sub = caption.subtitle ? wrapLines(caption.subtitle, w - 2 * pad, estimate(12)) : [];
  const src = wrapLines(caption.source, w - 2 * pad, estimate(10));
  const text = (x: number, y: number, size: number, fill: string, s: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" dominant-baseline="hanging"${extra}>${xmlText(s)}</text>`;
  const parts: string[] = [];
  let y = pad;
  for (const l of title) {
    parts.push(text(pad, y, 15, '#0f172a', l, ' font-weight="bold"'));
    y += 20;
  }
  for (const l of sub) {
    parts.push(text(pad, y, 12, '#475569', l));
    y += 16;
  }
  if (caption.demo) parts.push(text(w - 6, 6, 11, '#b45309', caption.demo, ' text-anchor="end" data-role="demo"'));
  const chartY = y + 6;
  let footY = chartY + height + 6;
  for (const l of src) {
    parts.push(text(pad, footY, 10, '#64748b', l));
    footY += 14;
  }
  const total = Math.round(footY + pad);
  const chart = chartSvg(option, width, height).replace(/^<svg\b/, `<svg x="${(w - width) / 2}" y="${chartY}"`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}" font-family='${FONT}'>`,
    `<title>${xmlText(caption.title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    chart,
    `</svg>`
  ].join('\n');
}
