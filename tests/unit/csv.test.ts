import { describe, it, expect } from 'vitest';
import { csvCell, toCsv } from '../../src/lib/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and newlines; starts with a BOM', () => {
    const s = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['line\nbreak', 3.5]
      ]
    );
    expect(s.startsWith('\uFEFF')).toBe(true);
    expect(s).toContain('"x,y","say ""hi"""');
    expect(s).toContain('"line\nbreak",3.5');
  });
  it('neutralises spreadsheet formulas in text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-1.5)).toBe('-1.5'); // numbers stay numbers
    expect(csvCell(null)).toBe('');
  });
});
