// The template as an Excel workbook: sheet 1 "填报表" (header and prefilled rows, text columns stored
// as text, header row frozen), sheet 2 "填报说明" (the notes). SheetJS runs in Node and in the
// browser; the bytes come back as a Uint8Array either way.
import * as XLSX from '@e965/xlsx';
import type { Cell } from '../csv';
import type { Template } from './template';

export const FILL_SHEET = '填报表';
export const NOTES_SHEET = '填报说明';
/** Rows below the prefilled ones whose text columns are formatted as text too, so a code typed
 *  into an empty template stays 12 digits instead of becoming 1.10101E+11. */
export const BLANK_TEXT_ROWS = 1000;
const TEXT_FORMAT = '@';

/** Display width of a string in Excel's character units: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

/** Column widths: the widest cell of each column (header included), within [min, max], plus a margin. */
export function columnWidths(records: Cell[][], min = 8, max = 40): number[] {
  const width: number[] = [];
  for (const r of records)
    r.forEach((v, i) => {
      const w = v === null || v === undefined ? 0 : displayWidth(String(v));
      width[i] = Math.max(width[i] ?? 0, w);
    });
  return width.map((w) => Math.min(max, Math.max(min, w + 2)));
}

function fillSheet(t: Template): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet([t.header, ...t.rows]);
  const last = t.rows.length + BLANK_TEXT_ROWS;
  for (const c of t.textColumns) {
    for (let r = 1; r <= last; r++) {
      const ref = XLSX.utils.encode_cell({ r, c });
      const cell = ws[ref] as XLSX.CellObject | undefined;
      // Text cells as strings with the text format; an empty one is a stub that only carries the format.
      ws[ref] =
        cell && cell.v !== undefined && cell.v !== null
          ? { t: 's', v: String(cell.v), z: TEXT_FORMAT }
          : { t: 'z', z: TEXT_FORMAT };
    }
  }
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: last, c: t.header.length - 1 } });
  ws['!cols'] = columnWidths([t.header, ...t.rows], 8, 30).map((wch) => ({ wch }));
  return ws;
}

function notesSheet(t: Template): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(t.notes);
  ws['!cols'] = columnWidths(t.notes, 8, 60).map((wch) => ({ wch }));
  return ws;
}

// SheetJS (community edition) writes no frozen panes: the pane goes into each sheet's view after
// writing, in the zip SheetJS itself reads and writes.
const FROZEN_HEADER = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
function freezeHeaderRows(bytes: ArrayBuffer, sheets: number): Uint8Array {
  const zip = XLSX.CFB.read(new Uint8Array(bytes), { type: 'array' });
  for (let n = 1; n <= sheets; n++) {
    const i = zip.FullPaths.findIndex((p: string) => p.endsWith(`/xl/worksheets/sheet${n}.xml`));
    if (i < 0) throw new Error(`template: sheet${n}.xml missing from the workbook`);
    const entry = zip.FileIndex[i];
    const xml = new TextDecoder().decode(entry.content as Uint8Array);
    const frozen = xml.replace(/<sheetView ([^>]*?)\/>/, `<sheetView $1>${FROZEN_HEADER}</sheetView>`);
    if (frozen === xml) throw new Error(`template: no sheet view in sheet${n}.xml`);
    entry.content = new TextEncoder().encode(frozen);
    entry.size = entry.content.length;
  }
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayLike<number>);
}

/** The template as .xlsx bytes: "填报表" then "填报说明", both with the header row frozen. */
export function templateXlsx(t: Template): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, fillSheet(t), FILL_SHEET);
  XLSX.utils.book_append_sheet(wb, notesSheet(t), NOTES_SHEET);
  const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return freezeHeaderRows(bytes, 2);
}
