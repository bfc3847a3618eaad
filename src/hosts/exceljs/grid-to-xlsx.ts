/**
 * A grid written as a new .xlsx, every cell as the check read it: numbers
 * with their number format, codes and 行次 typed as text kept text, merged
 * areas merged. For what has no .xlsx package of its own to mark — a PDF's
 * rebuilt tables, a legacy .xls — so that its marked copy can be made; each
 * caller may lay the sheets out further (`layout`).
 */
import ExcelJS from 'exceljs';
import type { SheetGrid, WorkbookGrid } from '../../core/grid/grid';

export async function gridToXlsx(grid: WorkbookGrid, layout?: (sheet: SheetGrid, ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const out = new ExcelJS.Workbook();
  out.creator = '决算公开助手';
  for (const s of grid.sheets) {
    const ws = out.addWorksheet(s.name);
    const covered = (r: number, c: number) => s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && !(r === m.top && c === m.left));
    for (let r = 0; r < s.rowCount; r++) {
      for (let c = 0; c < s.colCount; c++) {
        const cell = s.cell(r, c);
        if (!cell || covered(r, c) || cell.value === null || cell.value === '') continue;
        const x = ws.getCell(r + 1, c + 1);
        x.value = cell.value as string | number | boolean;
        if (typeof cell.value === 'number' && cell.numberFormat) x.numFmt = cell.numberFormat;
        // Codes and 行次 typed as text stay text when edited (Excel's “@”).
        else if (typeof cell.value === 'string' && /^\d+$/.test(cell.value)) x.numFmt = '@';
      }
    }
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    layout?.(s, ws);
  }
  // Bytes, not a Buffer: the browser page writes it too.
  return new Uint8Array((await out.xlsx.writeBuffer()) as ArrayBuffer);
}
