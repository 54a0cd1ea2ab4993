// The console's quick chart as an SVG document: the same ECharts option drawn by ECharts' SVG
// renderer on a temporary server-side-rendering instance (no DOM, nothing fetched), with the title,
// the query, the source line (snapshot date) and the demonstration label written in as SVG text.
import { xmlText } from '$lib/charts/svg-export';
import { SVGRenderer } from 'echarts/renderers';
import { echarts } from '../charts/echarts';

export interface SvgCaption {
  title: string;
  /** The query, on one line (cut at 125 characters, the width of the image; the whole query is in <desc>). */
  query: string;
  source: string;
  /** Demonstration label ('' for a department's own data). */
  demo: string;
}

echarts.use([SVGRenderer]);

const WIDTH = 900;
const HEIGHT = 520;
const TOP = 74;
/** Room under the plot for the source line. */
const SOURCE_LINE = 22;

/** The chart of `option` (the console's chartOption) as SVG text, captioned. */
export function chartSvg(option: Record<string, unknown>, caption: SvgCaption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const base = (option.grid ?? {}) as { bottom?: number };
    const grid = { ...base, top: TOP + 28, bottom: (base.bottom ?? 40) + SOURCE_LINE };
    const legend = option.legend ? { ...(option.legend as object), top: TOP } : undefined;
    const query = caption.query.length > 125 ? `${caption.query.slice(0, 124)}…` : caption.query;
    const text = (t: string, pos: Record<string, number>, style: Record<string, unknown>) => ({
      type: 'text',
      ...pos,
      silent: true,
      style: { text: t, fill: '#334155', fontSize: 11, ...style }
    });
    const graphic = [
      text(caption.title, { left: 12, top: 10 }, { fontSize: 15, fontWeight: 'bold', fill: '#0f172a' }),
      text(query, { left: 12, top: 34 }, { fontFamily: 'monospace' }),
      text(caption.source, { left: 12, bottom: 10 }, { fontSize: 10 }),
      ...(caption.demo ? [text(caption.demo, { right: 12, top: 10 }, { fill: '#b45309', fontWeight: 'bold' })] : [])
    ];
    chart.setOption({ ...option, grid, legend, graphic, animation: false, backgroundColor: '#fff' });
    const svg = chart.renderToSVGString();
    const desc = `<desc>${xmlText([caption.title, caption.query, caption.source, caption.demo].filter(Boolean).join('\n'))}</desc>`;
    return svg.replace(/^<svg[^>]*>/, (open) => `${open}${desc}`);
  } finally {
    chart.dispose();
  }
}
