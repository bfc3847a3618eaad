/// <reference types="office-js" />
/**
 * Reading sheets through Office.js: what one sheet's read queues in a batch,
 * and how the loaded arrays become the core's SheetGrid.
 *
 * Office.js returns a used range as 2-D arrays anchored at the range's top-left
 * cell; the grid is absolute (row 0, col 0 is A1), so every cell is shifted by
 * the used range's offset, which only its address tells ("公开01表!B3:H40").
 */
import { parseRangeA1 } from '../../core/grid/a1';
import { type CellRange, type GridCell, type SheetGrid, SparseSheet } from '../../core/grid/grid';
import { FILL_PROPERTIES } from './fill';

/** The proxies one sheet's read leaves in a batch; readable after its sync. */
export interface QueuedSheetRead {
  readonly sheet: Excel.Worksheet;
  readonly range: Excel.Range;
  readonly fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  readonly merged: Excel.RangeAreas | undefined;
  /** Values, text, formats and formulas were queued (ReadOptions.contents). */
  readonly contents: boolean;
}

/** What the host keeps of one sheet after a read. */
export interface SheetRead {
  readonly name: string;
  /** worksheet.id: stays the same when the sheet is renamed. */
  readonly id: string;
  readonly grid: SheetGrid;
  /** The range the arrays cover, absolute; undefined for an empty sheet. */
  readonly area: CellRange | undefined;
  /** getCellProperties() of `area`: the fill of every cell in it, as it was at the read. */
  readonly fills: readonly (readonly Excel.CellProperties[])[];
  /** Whether Office lets the add-in change cell formats on this sheet. */
  readonly formatsWritable: boolean;
}

export interface ReadOptions {
  /** Load merged areas (Range.getMergedAreasOrNullObject, ExcelApi 1.13). */
  readonly mergedAreas: boolean;
  /**
   * Load the cells' values, text, number formats and formulas (default true).
   * Without them only the used range's address and fills are read (enough to
   * take marks off): the grid is then empty.
   */
  readonly contents?: boolean;
}

/** The properties a used range is loaded with: values (formula results), text as shown, formats, formulas. */
const RANGE_PROPERTIES = ['address', 'values', 'text', 'numberFormat', 'formulas'];

/** Queues the sheet's name, id and protection for a read. */
export function queueSheetHeader(sheet: Excel.Worksheet): void {
  sheet.load('name, id');
  sheet.protection.load('protected, options');
}

/**
 * Queues the read of `range` (a sheet's used range, or a range known to be
 * one) on `sheet`: values, text, number formats, formulas, every cell's fill,
 * and merged areas when asked.
 */
export function queueRangeRead(sheet: Excel.Worksheet, range: Excel.Range, o: ReadOptions): QueuedSheetRead {
  const contents = o.contents ?? true;
  range.load(contents ? RANGE_PROPERTIES : ['address']);
  const fills = range.getCellProperties(FILL_PROPERTIES);
  let merged: Excel.RangeAreas | undefined;
  if (o.mergedAreas && contents) {
    merged = range.getMergedAreasOrNullObject();
    merged.load('address');
  }
  return { sheet, range, fills, merged, contents };
}

/**
 * Queues a whole sheet's read: its used range including formatted cells
 * (valuesOnly false), so that a cell outside it is known to have no fill of
 * its own, and a finding cell that is empty but formatted is still inside it.
 */
export function queueSheetRead(sheet: Excel.Worksheet, o: ReadOptions): QueuedSheetRead {
  queueSheetHeader(sheet);
  return queueRangeRead(sheet, sheet.getUsedRangeOrNullObject(false), o);
}

/** After the sync: the name, id and protection queued by queueSheetHeader. */
function collectHeader(sheet: Excel.Worksheet): { name: string; id: string; formatsWritable: boolean } {
  const protection = sheet.protection;
  return { name: sheet.name, id: sheet.id, formatsWritable: !protection.protected || protection.options.allowFormatCells === true };
}

/** After the sync: a sheet whose used range is a null object (nothing in it). */
export function collectEmptySheet(sheet: Excel.Worksheet): SheetRead {
  const { name, id, formatsWritable } = collectHeader(sheet);
  return { name, id, grid: emptySheet(name), area: undefined, fills: [], formatsWritable };
}

/** After the sync: the sheet's name, grid and fills (without `contents` queued, the grid is empty). */
export function collectSheetRead(q: QueuedSheetRead): SheetRead {
  if (q.range.isNullObject) return collectEmptySheet(q.sheet);
  const { name, id, formatsWritable } = collectHeader(q.sheet);
  const area = areaOfAddress(q.range.address);
  if (!area) throw new Error(`无法识别区域地址：${q.range.address}`);
  const merges = q.merged && !q.merged.isNullObject ? parseAreas(q.merged.address) : [];
  const grid = q.contents ? toSheetGrid(name, area, q.range.values, q.range.text, q.range.numberFormat, q.range.formulas, merges) : emptySheet(name);
  return { name, id, grid, area, fills: q.fills.value ?? [], formatsWritable };
}

// ---------------------------------------------------------------------------
// Addresses

/** The part after the sheet: "'O''Brien 表'!B3:H40" → "B3:H40". A1 references never contain "!". */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf('!');
  return (i < 0 ? address : address.slice(i + 1)).trim();
}

/** "Sheet1!B3:H40" or "Sheet1!B3" → the absolute range. */
export function areaOfAddress(address: string): CellRange | undefined {
  return parseRangeA1(stripSheet(address));
}

/**
 * The areas of a RangeAreas address: "S!A1:F1, S!A2:C3" (with or without the
 * space). Commas inside a quoted sheet name ("'a,b'!A1:B2") do not split.
 */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    // A doubled '' inside a quoted name toggles twice, which leaves `quoted` as it was.
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim() !== '') out.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  for (const a of splitAreas(address)) {
    const r = areaOfAddress(a);
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

// ---------------------------------------------------------------------------
// Grid


function emptySheet(name: string): SheetGrid {
  return new SparseSheet(name, [], [], 0, 0);
}

type Matrix<T> = readonly (readonly T[])[];

/**
 * The arrays of a used range at `area` → a sheet grid. An empty string value
 * is an empty cell: Excel calculates every formula, so a formula showing ""
 * is a blank, not a formula without a result. A number whose text is "####"
 * (column too narrow) keeps no text: the core then reads the value.
 */
export function toSheetGrid(
  name: string,
  area: CellRange,
  values: Matrix<unknown>,
  text: Matrix<string>,
  numberFormat: Matrix<unknown>,
  formulas: Matrix<unknown>,
  merges: readonly CellRange[],
): SheetGrid {
  const rows: Array<Array<GridCell | undefined> | undefined> = [];
  let rowCount = 0;
  let colCount = 0;
  values.forEach((vr, r) => {
    vr.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      const value: GridCell['value'] = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : String(v);
      const cell: { -readonly [K in keyof GridCell]: GridCell[K] } = { value };
      const t = text[r]?.[c];
      if (typeof t === 'string' && !(typeof value === 'number' && /^#+$/.test(t))) cell.text = t;
      const nf = numberFormat[r]?.[c];
      if (typeof nf === 'string' && nf !== '') cell.numberFormat = nf;
      const f = formulas[r]?.[c];
      // In a Text-formatted ("@") cell a leading "=" is literal text, not a formula.
      if (typeof f === 'string' && f.startsWith('=') && nf !== '@') cell.formula = f.slice(1);
      const row = area.top + r;
      const col = area.left + c;
      let cells = rows[row];
      if (!cells) rows[row] = cells = [];
      cells[col] = cell;
      if (row + 1 > rowCount) rowCount = row + 1;
      if (col + 1 > colCount) colCount = col + 1;
    });
  });
  for (const m of merges) {
    if (m.bottom + 1 > rowCount) rowCount = m.bottom + 1;
    if (m.right + 1 > colCount) colCount = m.right + 1;
  }
  return new SparseSheet(name, rows, merges, rowCount, colCount);
}
