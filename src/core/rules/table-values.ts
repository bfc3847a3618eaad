/**
 * The figures of the mapped tables, read once from the grid: each mapped
 * cell becomes a figure (its value in 分 and the rounding interval it stands
 * for) with its address. Rules look figures up by row and column keys.
 */
import type { CellRef, SheetGrid, WorkbookGrid } from '../grid/grid';
import { type AmountReading, type Figure, ZERO_FIGURE } from '../numbers/amount';
import { readCellAmount } from '../numbers/parse';
import type { Mapping, MappedTable } from '../mapping/types';
import type { TableRole } from '../templates/types';

export interface FigureCell {
  readonly figure: Figure;
  readonly ref: CellRef;
  /** Blank (an exact zero). */
  readonly empty: boolean;
  /** Text that is not a number: the cell cannot take part in a relation. */
  readonly invalidText?: string;
  /** A formula whose result the file does not hold (saved by a program that does not calculate). */
  readonly uncomputedFormula?: string;
}

export interface ItemRow {
  readonly code: string;
  readonly name: string;
  readonly rowKey: string;
  readonly row: number;
  readonly nameRef: CellRef;
}

export interface TableValues {
  readonly id: string;
  readonly role: TableRole;
  readonly mapped: MappedTable;
  /** 科目 rows (code-list), 经济分类 cells (economic-blocks). */
  readonly items: readonly ItemRow[];
  /** Row keys present: fixed keys, 'total', 'code:2010301', 'data'. */
  readonly rowKeys: readonly string[];
  get(rowKey: string, colKey: string): FigureCell | undefined;
  /** Every amount cell of the table, for whole-table checks. */
  all(): FigureCell[];
}

function readFigure(sheet: SheetGrid | undefined, sheetName: string, row: number, col: number, unit: MappedTable['unit']): FigureCell {
  const cell = sheet?.cell(row, col);
  const ref = { sheet: sheetName, row, col };
  // A formula saved without a result; one whose cached result is "" (=IF(…,"",…)) shows a blank, which is 0.
  if (cell?.formula && (cell.value === null || cell.value === undefined)) {
    return { figure: ZERO_FIGURE, ref, empty: false, invalidText: `=${cell.formula}`, uncomputedFormula: cell.formula };
  }
  const reading: AmountReading = readCellAmount(cell, unit);
  if (reading.kind === 'number') return { figure: reading.figure, ref, empty: false };
  if (reading.kind === 'empty') return { figure: ZERO_FIGURE, ref, empty: true };
  return { figure: ZERO_FIGURE, ref, empty: false, invalidText: reading.text };
}

/**
 * A table in 元 whose every amount is a whole hundred 元 was converted from
 * 万元 with 2 decimals (金额单位转换): its figures are only as precise as
 * 0.01 万元, so they stand for ±50 元, not ±0.005 元.
 */
function coarsenYuanPrecision(t: MappedTable, cells: Map<string, Map<string, FigureCell>>): void {
  if (t.unit !== '元') return;
  const filled = [...cells.values()].flatMap((m) => [...m.values()]).filter((c) => !c.empty && c.invalidText === undefined && c.figure.fen !== 0);
  if (filled.length < 3 || filled.some((c) => c.figure.fen % FEN_PER_HUNDRED_YUAN !== 0)) return;
  for (const byCol of cells.values()) {
    for (const [k, c] of byCol) {
      if (!c.empty && c.invalidText === undefined) byCol.set(k, { ...c, figure: { fen: c.figure.fen, halfWidth: FEN_PER_HUNDRED_YUAN / 2 } });
    }
  }
}

const FEN_PER_HUNDRED_YUAN = 10_000;

export function readTableValues(grid: WorkbookGrid, t: MappedTable): TableValues {
  const cells = new Map<string, Map<string, FigureCell>>();
  const sheet = grid.sheets.find((s) => s.name === t.sheet);
  const rowKeys: string[] = [];
  const rowKeySet = new Set<string>();
  const items: ItemRow[] = [];
  const put = (rowKey: string, colKey: string, row: number, col: number) => {
    let byCol = cells.get(rowKey);
    if (!byCol) cells.set(rowKey, (byCol = new Map()));
    byCol.set(colKey, readFigure(sheet, t.sheet, row, col, t.unit));
  };
  const addRow = (k: string) => {
    if (!rowKeySet.has(k)) {
      rowKeySet.add(k);
      rowKeys.push(k);
    }
  };
  switch (t.layout) {
    case 'two-sided':
      for (const r of t.rows) {
        addRow(r.key);
        for (const c of t.columns.filter((x) => x.panel === r.panel)) put(r.key, c.key, r.row, c.col);
      }
      break;
    case 'code-list': {
      for (const tot of t.totals) {
        addRow('total');
        for (const c of t.columns) put('total', c.key, tot.row, c.col);
      }
      const seen = new Map<string, number>();
      for (const it of t.items) {
        const n = (seen.get(it.code) ?? 0) + 1;
        seen.set(it.code, n);
        const key = n === 1 ? `code:${it.code}` : `code:${it.code}#${n}`;
        addRow(key);
        items.push({ code: it.code, name: it.name, rowKey: key, row: it.row, nameRef: { sheet: t.sheet, row: it.row, col: it.nameCol } });
        for (const c of t.columns) put(key, c.key, it.row, c.col);
      }
      break;
    }
    case 'economic-blocks': {
      const seen = new Set<string>();
      for (const it of t.items) {
        const key = seen.has(it.code) ? `code:${it.code}#2` : `code:${it.code}`;
        seen.add(it.code);
        addRow(key);
        items.push({ code: it.code, name: it.name, rowKey: key, row: it.row, nameRef: { sheet: t.sheet, row: it.row, col: it.nameCol } });
        put(key, '决算数', it.row, it.amountCol!);
      }
      for (const tot of t.totals) {
        addRow(tot.key);
        put(tot.key, '决算数', tot.amountRow ?? tot.row, tot.amountCol!);
      }
      break;
    }
    case 'matrix':
      addRow('data');
      for (const c of t.columns) put('data', c.key, c.row ?? t.dataRows[0]!, c.col);
      break;
  }
  coarsenYuanPrecision(t, cells);
  let allCells: FigureCell[] | undefined;
  return {
    id: t.id,
    role: t.role,
    mapped: t,
    items,
    rowKeys,
    get: (rowKey, colKey) => cells.get(rowKey)?.get(colKey),
    all: () => (allCells ??= [...cells.values()].flatMap((m) => [...m.values()])),
  };
}

export type TableSet = ReadonlyMap<TableRole, TableValues>;

export function readTables(grid: WorkbookGrid, mapping: Mapping): TableSet {
  const out = new Map<TableRole, TableValues>();
  for (const t of Object.values(mapping.tables)) out.set(t.role, readTableValues(grid, t));
  return out;
}
