/**
 * Legacy Excel 97–2003 workbooks (.xls, BIFF8 in an OLE2 container), which
 * units still publish and submit, read with SheetJS as republished on npm
 * (@e965/xlsx 0.20.x; not the npm "xlsx" 0.18.5, whose release carries
 * unfixed advisories) into the same grid as an .xlsx: values, the displayed
 * text under the cell's number format, dates as yyyy-mm-dd, formulas with
 * their cached results, merged areas, every sheet in order.
 *
 * The library is loaded only when an .xls is read.
 */
import { type CellRange, type GridCell, SparseSheet, type WorkbookGrid } from '../../core/grid/grid';
import { type Scalar, gridCell, isDateFormat, serialDateText } from './cells';
import { MAX_SHEET_EXTENT } from './read-xlsx';
import { ZipError } from './zip';

interface SheetJsCell {
  t: 'n' | 's' | 'b' | 'e' | 'd' | 'z';
  v?: unknown;
  w?: string;
  z?: string | number;
  f?: string;
}

export async function readXls(bytes: Uint8Array): Promise<WorkbookGrid> {
  const XLSX = await import('@e965/xlsx');
  let wb: ReturnType<typeof XLSX.read>;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellFormula: true, cellNF: true, cellDates: false, cellStyles: false, WTF: false });
  } catch (e) {
    throw new ZipError('damaged', `旧版 .xls 文件无法解析（${e instanceof Error ? e.message : String(e)}）`);
  }
  const date1904 = Boolean((wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904);
  const sheets: SparseSheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as Record<string, unknown> | undefined;
    if (!ws) continue;
    const rows: Array<Array<GridCell | undefined> | undefined> = [];
    let rowCount = 0;
    let colCount = 0;
    for (const key of Object.keys(ws)) {
      if (key.charCodeAt(0) === 33 /* ! */) continue;
      const addr = XLSX.utils.decode_cell(key);
      const c = ws[key] as SheetJsCell;
      const fmt = typeof c.z === 'string' && c.z !== 'General' ? c.z : undefined;
      let value: Scalar;
      switch (c.t) {
        case 'n':
          value = typeof c.v === 'number' && isDateFormat(fmt) ? serialDateText(c.v, date1904) : (c.v as number);
          break;
        case 's':
          value = String(c.v ?? '');
          break;
        case 'b':
          value = Boolean(c.v);
          break;
        case 'e':
          value = c.w ?? '#N/A';
          break;
        case 'd':
          value = c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v ?? '');
          break;
        default:
          value = null;
      }
      const formula = c.f || undefined;
      if ((value === null || value === '') && formula === undefined) continue;
      let cells = rows[addr.r];
      if (!cells) rows[addr.r] = cells = [];
      cells[addr.c] = gridCell(value, formula, fmt);
      if (addr.r + 1 > rowCount) rowCount = addr.r + 1;
      if (addr.c + 1 > colCount) colCount = addr.c + 1;
    }
    const merges: CellRange[] = ((ws['!merges'] as Array<{ s: { r: number; c: number }; e: { r: number; c: number } }> | undefined) ?? [])
      .map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }))
      .filter((m) => m.bottom > m.top || m.right > m.left)
      .sort((a, b) => a.top - b.top || a.left - b.left);
    for (const m of merges) {
      for (let r = m.top; r <= Math.min(m.bottom, rows.length - 1); r++) {
        const cells = rows[r];
        if (!cells) continue;
        for (let c = m.left; c <= Math.min(m.right, cells.length - 1); c++) if (r !== m.top || c !== m.left) cells[c] = undefined;
      }
      if (m.bottom + 1 > rowCount) rowCount = m.bottom + 1;
      if (m.right + 1 > colCount) colCount = m.right + 1;
    }
    if (rowCount * colCount > MAX_SHEET_EXTENT) throw new ZipError('hostile', `工作表“${name}”的已用范围异常大（${rowCount} 行 × ${colCount} 列），多为远处残留的零星内容；请删除后另存再检查`);
    sheets.push(new SparseSheet(name, rows, merges, rowCount, colCount));
  }
  return { sheets };
}
