// Reads the first sheet of an Excel workbook (XLSX, or old .xls) into records, for the command line
// (scripts/lib/read-table.ts) and the browser (./read-browser.ts, which loads this module only when a
// workbook is chosen: SheetJS is large). Department files are untrusted: @e965/xlsx is SheetJS's
// fixed release (DESIGN.md).
import * as XLSX from '@e965/xlsx';
import type { Cell } from './validate';
import { FileError, type OnRecord } from './read-common';
import { NOTES_SHEET } from './template-xlsx';

/** Calls onRecord for every row of the first sheet (header included) with its spreadsheet row number;
 *  returns the number of records. Throws FileError for unreadable, protected or over-long workbooks. */
export function readWorkbook(bytes: Uint8Array, onRecord: OnRecord, maxRows: number, onWarning?: (m: string) => void): number {
  let wb: XLSX.WorkBook;
  try {
    // dense: half the memory and time of SheetJS's default; sheetRows: stop storing cells past the limit
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      sheetRows: maxRows + 1,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellDates: false
    });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    // A password-protected workbook is an OLE container (D0 CF 11 E0) holding an encrypted package;
    // a ZIP (PK) that fails to read is damaged, whatever the reader says about encryption.
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    throw new FileError(
      ole && /password|encrypt/i.test(msg)
        ? 'the workbook is password-protected; remove the password and save again'
        : `cannot read the workbook: the file is damaged or not a workbook (${msg.split('\n')[0]}); open it in Excel or WPS and save as .xlsx or .csv`
    );
  }
  const name = wb.SheetNames[0];
  if (!name) throw new FileError('the workbook has no sheets');
  // The template's own notes sheet (npm run template) is expected beside the data; any other sheet may hold data.
  if (wb.SheetNames.slice(1).some((s) => s !== NOTES_SHEET))
    onWarning?.(`file: the workbook has ${wb.SheetNames.length} sheets; only the first ("${name}") is read`);
  const ws = wb.Sheets[name];
  if (!ws || !ws['!ref']) return 0;
  const full = XLSX.utils.decode_range(ws['!fullref'] ?? ws['!ref']);
  if (full.e.r - full.s.r > maxRows)
    throw new FileError(
      `the sheet has ${full.e.r - full.s.r + 1} rows; Excel files are read up to ${maxRows} data rows here: save it as CSV and import that`
    );
  const first = XLSX.utils.decode_range(ws['!ref']).s.r; // 0-based index of the first row in the sheet's range
  const records = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  records.forEach((r, i) => onRecord(r, first + i + 1));
  return records.length;
}
