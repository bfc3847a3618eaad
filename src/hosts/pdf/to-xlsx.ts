/**
 * The rebuilt workbook as an .xlsx (`juesuan convert`), for an accountant to
 * continue in Excel: every cell as the check reads it (amounts as numbers
 * printing as the PDF prints them, codes as text), merged cells merged, each
 * table ruled, its title bold, the columns about as wide as on the page, the
 * narrative wrapped one paragraph per row. Checking the .xlsx gives the
 * findings the PDF gives.
 */
import ExcelJS from 'exceljs';
import type { PdfWorkbook } from './workbook';

/** Points per unit of Excel's column width (a character of the default font, ≈ 7 px at 96 dpi). */
const POINTS_PER_CHAR = 5.25;

export async function pdfWorkbookXlsx(wb: PdfWorkbook): Promise<Uint8Array> {
  const out = new ExcelJS.Workbook();
  out.creator = '决算公开助手';
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  for (const s of wb.sheets) {
    const info = wb.info.get(s.name);
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
    if (info?.kind === 'narrative') {
      ws.getColumn(1).width = 100;
      ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
      continue;
    }
    (info?.colWidths ?? []).forEach((w, i) => (ws.getColumn(i + 1).width = Math.max(4, Math.min(60, Math.round(w / POINTS_PER_CHAR)))));
    const [top, bottom] = info?.gridRows ?? [0, -1];
    for (let r = top; r <= bottom; r++) {
      for (let c = 0; c < s.colCount; c++) {
        const x = ws.getCell(r + 1, c + 1);
        x.border = { top: thin, left: thin, bottom: thin, right: thin };
        x.alignment = { wrapText: true, vertical: 'middle' };
      }
    }
    // The title: the merged line over the table.
    const title = s.merges.find((m) => m.top < top && m.left === 0 && m.right === s.colCount - 1 && m.top === m.bottom);
    if (title) {
      const x = ws.getCell(title.top + 1, 1);
      x.font = { bold: true, size: 14 };
      x.alignment = { horizontal: 'center' };
    }
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  // Bytes, not a Buffer: the browser page writes it too.
  return new Uint8Array((await out.xlsx.writeBuffer()) as ArrayBuffer);
}
