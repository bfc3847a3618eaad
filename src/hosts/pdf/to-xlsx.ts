/**
 * The rebuilt workbook as an .xlsx (`juesuan convert`), for an accountant to
 * continue in Excel: every cell as the check reads it (amounts as numbers
 * printing as the PDF prints them, codes as text), merged cells merged, each
 * table ruled, its title bold, the columns about as wide as on the page, the
 * narrative wrapped one paragraph per row. Checking the .xlsx gives the
 * findings the PDF gives.
 */
import { gridToXlsx } from '../exceljs/grid-to-xlsx';
import type { PdfWorkbook } from './workbook';

/** Points per unit of Excel's column width (a character of the default font, ≈ 7 px at 96 dpi). */
const POINTS_PER_CHAR = 5.25;

export function pdfWorkbookXlsx(wb: PdfWorkbook): Promise<Uint8Array> {
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  return gridToXlsx(wb, (s, ws) => {
    const info = wb.info.get(s.name);
    if (info?.kind === 'narrative') {
      ws.getColumn(1).width = 100;
      ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
      return;
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
  });
}
