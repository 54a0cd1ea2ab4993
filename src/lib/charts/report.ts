// Report-ready PNG: a chart or map image composed onto one canvas with its title, subtitle (region ·
// year · type), an optional colour legend with the target marked, a source line and the
// demonstration label. Pure canvas work, no Svelte; every export goes through it so each PNG that
// leaves the site says what it shows and where it came from.

export interface Caption {
  title: string;
  subtitle: string;
  source: string;
  /** Demonstration label ('' for real data), drawn in the top-right corner. */
  demo: string;
}

export interface LegendStop {
  colour: string;
  label: string;
  target?: boolean;
}
export interface Legend {
  title?: string;
  stops: LegendStop[];
}

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const DEMO_COLOUR = '#b45309';

/** Split text into lines no wider than `max` (measured by `width`); Chinese has no spaces, so lines
 *  break between characters, and between words where there are spaces. */
export function wrapLines(text: string, max: number, width: (s: string) => number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (line && width(next.trimEnd()) > max) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((ok, fail) => {
    const img = new Image();
    img.onload = () => ok(img);
    img.onerror = () => fail(new Error('image could not be drawn'));
    img.src = src;
  });
}

/** Height a legend needs, in CSS pixels. */
const LEGEND_H = 46;

function drawLegend(ctx: CanvasRenderingContext2D, legend: Legend, x: number, y: number, w: number, s: number) {
  const stops = legend.stops;
  if (stops.length === 0) return;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = '#334155';
  ctx.font = `${11 * s}px ${FONT}`;
  if (legend.title) ctx.fillText(legend.title, x, y);
  const rampY = y + 16 * s;
  const grad = ctx.createLinearGradient(x, 0, x + w, 0);
  stops.forEach((st, i) => grad.addColorStop(stops.length === 1 ? 0 : i / (stops.length - 1), st.colour));
  ctx.fillStyle = grad;
  ctx.fillRect(x, rampY, w, 10 * s);
  stops.forEach((st, i) => {
    const px = x + (stops.length === 1 ? 0 : (i / (stops.length - 1)) * w);
    ctx.textAlign = i === 0 ? 'left' : i === stops.length - 1 ? 'right' : 'center';
    ctx.fillStyle = st.target ? '#15803d' : '#475569';
    ctx.font = `${st.target ? 'bold ' : ''}${10 * s}px ${FONT}`;
    ctx.fillText(st.label, px, rampY + 13 * s);
    if (st.target) ctx.fillRect(px - s, rampY - 3 * s, 2 * s, 16 * s);
  });
}

/**
 * One PNG (data URL) of `image` (a PNG/SVG data or blob URL) with its caption and legend.
 * `scale` is the pixel ratio the image was drawn at (ECharts and the map export draw at 2×).
 */
export async function composePng(image: string, caption: Caption, legend?: Legend, scale = 2): Promise<string> {
  const img = await loadImage(image);
  const s = scale;
  const pad = 12 * s;
  const width = Math.max(img.naturalWidth + 2 * pad, 480 * s);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = `${11 * s}px ${FONT}`;
  const demoW = caption.demo ? ctx.measureText(caption.demo).width + 12 * s : 0;
  ctx.font = `bold ${15 * s}px ${FONT}`;
  const titleLines = wrapLines(caption.title, width - 2 * pad - demoW, (t) => ctx.measureText(t).width);
  ctx.font = `${12 * s}px ${FONT}`;
  const subLines = caption.subtitle ? wrapLines(caption.subtitle, width - 2 * pad, (t) => ctx.measureText(t).width) : [];
  ctx.font = `${10 * s}px ${FONT}`;
  const srcLines = wrapLines(caption.source, width - 2 * pad, (t) => ctx.measureText(t).width);
  const headH = pad + titleLines.length * 20 * s + subLines.length * 16 * s + 6 * s;
  const legendH = legend?.stops.length ? LEGEND_H * s : 0;
  const footH = srcLines.length * 14 * s + pad;
  canvas.width = Math.round(width);
  canvas.height = Math.round(headH + img.naturalHeight + legendH + footH + 6 * s);

  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  let y = pad;
  ctx.fillStyle = '#0f172a';
  ctx.font = `bold ${15 * s}px ${FONT}`;
  for (const l of titleLines) {
    ctx.fillText(l, pad, y);
    y += 20 * s;
  }
  ctx.fillStyle = '#475569';
  ctx.font = `${12 * s}px ${FONT}`;
  for (const l of subLines) {
    ctx.fillText(l, pad, y);
    y += 16 * s;
  }
  if (caption.demo) {
    ctx.textAlign = 'right';
    ctx.fillStyle = DEMO_COLOUR;
    ctx.font = `${11 * s}px ${FONT}`;
    ctx.fillText(caption.demo, canvas.width - 6 * s, 6 * s);
    ctx.textAlign = 'left';
  }
  y = headH;
  ctx.drawImage(img, (canvas.width - img.naturalWidth) / 2, y);
  y += img.naturalHeight + 6 * s;
  if (legend && legendH) {
    drawLegend(ctx, legend, pad, y, Math.min(canvas.width - 2 * pad, 420 * s), s);
    y += legendH;
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = '#64748b';
  ctx.font = `${10 * s}px ${FONT}`;
  for (const l of srcLines) {
    ctx.fillText(l, pad, y);
    y += 14 * s;
  }
  return canvas.toDataURL('image/png');
}
