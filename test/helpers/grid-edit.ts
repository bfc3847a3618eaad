/**
 * Edits to a WorkbookGrid for tests: a copy-on-write overlay that changes
 * one cell, the way an accountant's typo would.
 */
import type { CellRef, GridCell, SheetGrid, WorkbookGrid } from '../../src/core/grid/grid';
import { formatWithNumberFormat } from '../../src/core/numbers/parse';

export function withCell(grid: WorkbookGrid, ref: CellRef, value: string | number | null): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s): SheetGrid => {
      if (s.name !== ref.sheet) return s;
      const old = s.cell(ref.row, ref.col);
      const cell: GridCell | undefined =
        value === null
          ? undefined
          : typeof value === 'number'
            ? { value, text: formatWithNumberFormat(value, old?.numberFormat ?? '#,##0.00'), numberFormat: old?.numberFormat ?? '#,##0.00' }
            : { value, text: value };
      return {
        name: s.name,
        rowCount: Math.max(s.rowCount, ref.row + 1),
        colCount: Math.max(s.colCount, ref.col + 1),
        merges: s.merges,
        cell: (r, c) => (r === ref.row && c === ref.col ? cell : s.cell(r, c)),
      };
    }),
  };
}

/** The number a cell holds as published, in 万元 (blank = 0). */
export function cellNumber(grid: WorkbookGrid, ref: CellRef): number {
  const cell = grid.sheets.find((s) => s.name === ref.sheet)?.cell(ref.row, ref.col);
  if (!cell || cell.value === null || cell.value === '') return 0;
  if (typeof cell.value === 'number') return cell.value;
  return Number(String(cell.value).replace(/[,\s]/g, ''));
}
