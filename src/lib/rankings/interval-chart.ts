// The rank-interval chart of the rows shown, as a standalone SVG document (for the PNG export):
// one line per unit with its name, the 5–95% interval as a bar and the nominal rank as a tick, on
// the same fitted axis as the table. Names are text, escaped: a region name never becomes markup.
import { NAME_SEP, rankScale, rankTicks } from './view';

export interface IntervalRow {
  label: string;
  rank: number | null;
  rank_p05: number | null;
  rank_p95: number | null;
}

export interface IntervalChart {
  svg: string;
  width: number;
  height: number;
  /** Axis extent, null when no row has a rank. */
  lo: number | null;
  hi: number | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ROW = 18;
const PLOT = 460;
const AXIS = 34;
/** Label column: rank, then the name; names past MAX_NAME px are shortened with an ellipsis. */
const NAME_X = 38;
const MAX_NAME = 330;

/** Approximate width in px of 12 px text (CJK full width, Latin about 0.57 em): the SVG is built
 *  without a DOM to measure in, and a generous estimate only widens the label column a little. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.9;
  return w;
}

/** The label, shortened with an ellipsis to fit `max` px; the name is shortened, not the parent
 *  after the last " · ", which is what tells namesakes apart. */
export function fitLabel(label: string, max = MAX_NAME): string {
  if (textWidth(label) <= max) return label;
  const cut = label.lastIndexOf(NAME_SEP);
  const tail = cut > 0 ? label.slice(cut) : '';
  const head = cut > 0 ? label.slice(0, cut) : label;
  let out = '';
  for (const ch of head) {
    if (textWidth(`${out}${ch}…${tail}`) > max) break;
    out += ch;
  }
  return `${out}…${tail}`;
}

/** SVG of the intervals of `rows` on an axis fitted to them; `axisLabel` names the axis and its extent. */
export function intervalChartSvg(
  rows: IntervalRow[],
  total: number,
  axisLabel: (lo: number, hi: number) => string
): IntervalChart {
  const labels = rows.map((r) => fitLabel(r.label));
  const LABEL = Math.round(NAME_X + Math.max(120, ...labels.map(textWidth)) + 14);
  const width = LABEL + PLOT + 16;
  const height = rows.length * ROW + AXIS + 8;
  const scale = rankScale(rows, total, PLOT, 6);
  const x = (r: number) => LABEL + (scale ? scale.x(r) : 0);
  const parts: string[] = [];
  const font = 'font-family="system-ui, sans-serif" font-size="12"';
  rows.forEach((r, i) => {
    const y = 4 + i * ROW + ROW / 2;
    if (i % 2 === 0) parts.push(`<rect x="0" y="${y - ROW / 2}" width="${width}" height="${ROW}" fill="#f8fafc"/>`);
    const rank = r.rank == null ? '—' : String(r.rank);
    parts.push(`<text x="30" y="${y + 4}" text-anchor="end" ${font} fill="#334155">${rank}</text>`);
    parts.push(`<text x="${NAME_X}" y="${y + 4}" ${font} fill="#0f172a">${esc(labels[i])}</text>`);
    if (!scale || r.rank == null) return;
    if (r.rank_p05 != null && r.rank_p95 != null) {
      const x0 = x(r.rank_p05);
      const w = Math.max(2, x(r.rank_p95) - x0);
      parts.push(`<rect x="${x0.toFixed(1)}" y="${y - 4}" width="${w.toFixed(1)}" height="8" rx="2" fill="#94a3b8"/>`);
    }
    const xr = x(r.rank).toFixed(1);
    parts.push(`<line x1="${xr}" x2="${xr}" y1="${y - 7}" y2="${y + 7}" stroke="#b91c1c" stroke-width="2"/>`);
  });
  if (scale) {
    const y0 = 4 + rows.length * ROW + 2;
    parts.push(
      `<line x1="${LABEL}" x2="${LABEL + PLOT}" y1="${y0}" y2="${y0}" stroke="#64748b"/>`,
      ...rankTicks(scale.lo, scale.hi).map((v) => {
        const xv = x(v).toFixed(1);
        return `<line x1="${xv}" x2="${xv}" y1="${y0}" y2="${y0 + 4}" stroke="#64748b"/><text x="${xv}" y="${y0 + 16}" text-anchor="middle" ${font} fill="#475569">${v}</text>`;
      }),
      `<text x="${LABEL + PLOT}" y="${y0 + 30}" text-anchor="end" ${font} fill="#475569">${esc(axisLabel(scale.lo, scale.hi))}</text>`
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  return { svg, width, height, lo: scale?.lo ?? null, hi: scale?.hi ?? null };
}
