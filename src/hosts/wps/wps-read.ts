/**
 * Reading a workbook through the WPS 表格 object model in bulk.
 *
 * The workbook (readMeta): the sheets in order with name, visibility and
 * protection, the workbook's structure protection, the add-in's own names
 * (_juesuan_…) and the data sheet (./wps-store.ts). A few calls per sheet and
 * per workbook name.
 *
 * A sheet's contents (readSheet):
 *
 * - values: ONE call, Value2 of the used range (Worksheet.UsedRange,
 *   Range.Address()); a range of more than one cell gives a 2-D array (rows
 *   of columns), one cell gives its value. Value2 is what a formula shows
 *   (WPS calculates), numbers as numbers, dates as serial numbers;
 * - number formats, for the cells holding numbers only: NumberFormat asked of
 *   runs of such cells in a column, a run whose cells differ halved until
 *   they agree (./uniform.ts). The text a number shows is then made from its
 *   value and format, as for an .xlsx file (formatWithNumberFormat): Range.Text
 *   is one string for a whole range (VBA: Null when the cells differ), so it
 *   cannot be read in bulk;
 * - merged areas: MergeCells of the used range (false: none, one call);
 *   otherwise halves are asked again, and where a part is merged, MergeArea of
 *   its first cell gives the area (./wps-read.ts readMerges);
 * - formulas are not read: WPS has calculated them all, so a formula without
 *   a result does not occur, and the checks need only what the cells show.
 *
 * Rows and columns in the grid are absolute (row 0, col 0 is A1); the used
 * range may start anywhere.
 */
import { cellA1, parseRangeA1 } from '../../core/grid/a1';
import type { CellRange, SheetGrid } from '../../core/grid/grid';
import { formatWithNumberFormat } from '../../core/numbers/parse';
import { MARK_NAME_PREFIX } from '../office/fill';
import type { SheetMeta } from '../office/office-read';
import { toSheetGrid } from '../office/office-read';
import type { EtApplication, EtName, EtWorkbook, EtWorksheet } from './et';
import { XL_SHEET_VISIBLE } from './et';
import { columnRuns, rcKey, resolveUniform } from './uniform';
import { DATA_SHEET, EMPTY_DATA, type StoredData, readData } from './wps-store';

/** The hidden workbook name that refers to the 检查结果 sheet the add-in created (whatever it is called now). */
export const RESULT_NAME = '_juesuan_result';

/** A workbook name of the add-in as read: its name and RefersTo, and the object (to delete it by). */
export interface NameRead {
  readonly name: string;
  readonly formula: unknown;
  readonly item: EtName;
}

export interface WpsMeta {
  readonly workbook: EtWorkbook;
  /** Every worksheet but the data sheet, in order; id is the sheet's name. */
  readonly sheets: readonly SheetMeta[];
  /** The add-in's names (_juesuan_mark_…, _juesuan_result). */
  readonly names: readonly NameRead[];
  readonly structureProtected: boolean;
  /** The data sheet's content; EMPTY_DATA when there is none. */
  readonly data: StoredData;
  readonly dataSheetExists: boolean;
  /** The name of the add-in's 检查结果 sheet, when _juesuan_result refers to a sheet that exists. */
  readonly resultSheet: string | undefined;
  /** The sheets whose contents are protected (no comment is added there). */
  readonly contentsProtected: ReadonlySet<string>;
  /** The worksheet objects, by name (the data sheet's included). */
  readonly objects: ReadonlyMap<string, EtWorksheet>;
}

/** The workbook being checked: the active one. */
export function activeWorkbook(app: EtApplication): EtWorkbook {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new Error('没有打开的工作簿：请先打开要检查的工作簿。');
  return wb;
}

/** Whether a workbook name is one of the add-in's (names are compared without case). */
export function isOwnName(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith(MARK_NAME_PREFIX) || n === RESULT_NAME;
}

/** The sheet a name's RefersTo points at ("='检查结果'!$A:$A" → 检查结果); undefined for #REF! or anything else. */
export function referredSheet(formula: unknown): string | undefined {
  if (typeof formula !== 'string') return undefined;
  const f = formula.trim().replace(/^=/, '');
  if (f.toUpperCase().includes('#REF!')) return undefined;
  const i = f.lastIndexOf('!');
  if (i <= 0) return undefined;
  const sheet = f.slice(0, i);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) return sheet.slice(1, -1).replace(/''/g, "'");
  return sheet.includes("'") ? undefined : sheet;
}

/** The workbook's sheets, names, protection and the add-in's data (see the notes at the top). */
export function readMeta(app: EtApplication): WpsMeta {
  const workbook = activeWorkbook(app);
  const ws = workbook.Worksheets;
  const count = ws.Count;
  const sheets: SheetMeta[] = [];
  const contentsProtected = new Set<string>();
  let data: StoredData = EMPTY_DATA;
  let dataSheetExists = false;
  const objects = new Map<string, EtWorksheet>();
  for (let i = 1; i <= count; i++) {
    const sheet = ws.Item(i);
    const name = sheet.Name;
    objects.set(name, sheet);
    if (name === DATA_SHEET) {
      dataSheetExists = true;
      data = readData(sheet);
      continue;
    }
    const visible = sheet.Visible === XL_SHEET_VISIBLE;
    const prot = sheet.ProtectContents === true;
    if (prot) contentsProtected.add(name);
    const formatsWritable = !prot || sheet.Protection.AllowFormattingCells === true;
    sheets.push({ name, id: name, visible, formatsWritable });
  }
  const names: NameRead[] = [];
  const all = workbook.Names;
  const n = all.Count;
  for (let i = 1; i <= n; i++) {
    const item = all.Item(i);
    const name = item.Name;
    if (isOwnName(name)) names.push({ name, formula: item.RefersTo, item });
  }
  const resultRef = names.find((x) => x.name.toLowerCase() === RESULT_NAME);
  const referred = resultRef ? referredSheet(resultRef.formula) : undefined;
  const resultSheet = referred !== undefined && sheets.some((s) => s.name === referred) ? referred : undefined;
  return { workbook, sheets, names, structureProtected: workbook.ProtectStructure === true, data, dataSheetExists, resultSheet, contentsProtected, objects };
}

// ---------------------------------------------------------------------------
// Contents

/** "$A$1:$H$40", "$B$3" (what Address() gives) → the range; undefined otherwise. */
export function areaOfAddress(address: unknown): CellRange | undefined {
  if (typeof address !== 'string') return undefined;
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const first = a.split(',')[0]!.trim();
  return parseRangeA1(first.replace(/\$/g, ''));
}

export const rangeA1 = (a: CellRange): string => (a.top === a.bottom && a.left === a.right ? cellA1(a.top, a.left) : `${cellA1(a.top, a.left)}:${cellA1(a.bottom, a.right)}`);

/**
 * Error values as COM hands them over when a host gives a VBA error Variant
 * as its number (CVErr: 0x800A0000 + xlErr…). Should WPS pass errors that
 * way, the cell reads as the error's text, never as an amount.
 */
const COM_ERRORS: ReadonlyMap<number, string> = new Map([
  [-2146826281, '#DIV/0!'],
  [-2146826246, '#N/A'],
  [-2146826259, '#NAME?'],
  [-2146826288, '#NULL!'],
  [-2146826252, '#NUM!'],
  [-2146826265, '#REF!'],
  [-2146826273, '#VALUE!'],
]);

/** Value2 → rows × cols of scalars ('' for empty), `rows` × `cols` whatever came back. */
export function valueMatrix(v: unknown, rows: number, cols: number): (string | number | boolean)[][] {
  const get = (r: number, c: number): unknown => {
    if (rows === 1 && cols === 1 && !Array.isArray(v)) return v;
    const row = Array.isArray(v) ? (v as unknown[])[r] : undefined;
    return Array.isArray(row) ? row[c] : undefined;
  };
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: (string | number | boolean)[] = [];
    for (let c = 0; c < cols; c++) {
      const x = get(r, c);
      if (typeof x === 'number') line.push(COM_ERRORS.get(x) ?? x);
      else if (typeof x === 'string' || typeof x === 'boolean') line.push(x);
      else if (x instanceof Date) line.push(x.toISOString());
      else line.push('');
    }
    out.push(line);
  }
  return out;
}

/** Calls a sheet's contents took, by kind (for the tests and the README). */
export interface ReadCost {
  values: number;
  formats: number;
  merges: number;
}

/** A sheet's grid and merged areas (see the notes at the top). */
export function readSheet(sheet: EtWorksheet, name: string, cost?: ReadCost): { grid: SheetGrid; merges: CellRange[] } {
  const used = sheet.UsedRange;
  const area = areaOfAddress(used.Address());
  if (!area) return { grid: toSheetGrid(name, [], []), merges: [] };
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  const values = valueMatrix(used.Value2, rows, cols);
  if (cost) cost.values++;

  // Number formats of the cells holding numbers.
  const numeric: { row: number; col: number }[] = [];
  values.forEach((line, r) => line.forEach((v, c) => typeof v === 'number' && numeric.push({ row: area.top + r, col: area.left + c })));
  const formats = resolveUniform(columnRuns(numeric), (run) => {
    if (cost) cost.formats++;
    const f = sheet.Range(rangeA1(run)).NumberFormat;
    return typeof f === 'string' ? f : null;
  });
  const numberFormat = values.map((line, r) => line.map((_, c) => formats.get(rcKey(area.top + r, area.left + c)) ?? ''));
  const text = values.map((line, r) =>
    line.map((v, c) => (typeof v === 'number' ? formatWithNumberFormat(v, numberFormat[r]![c] || undefined) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v)),
  );
  const merges = readMerges(sheet, area, cost);
  return { grid: toSheetGrid(name, [{ area, values, text, numberFormat, formulas: [] }], merges), merges };
}

/**
 * The merged areas within `area` (see the notes at the top). A part whose
 * MergeCells is false has none; null (some cells merged, some not) halves
 * it; true (every cell merged) gives the areas by MergeArea of its first
 * cell not yet known, again until every cell is known. Should MergeCells
 * mean "some cell merged" instead, this is still right (MergeArea of a cell
 * outside any merged area is the cell itself), only slower.
 */
export function readMerges(sheet: EtWorksheet, area: CellRange, cost?: ReadCost): CellRange[] {
  const found: CellRange[] = [];
  const known = new Set<string>();
  const learn = (a: CellRange) => {
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) known.add(rcKey(r, c));
  };
  const firstUnknown = (p: CellRange): { row: number; col: number } | undefined => {
    for (let r = p.top; r <= p.bottom; r++) for (let c = p.left; c <= p.right; c++) if (!known.has(rcKey(r, c))) return { row: r, col: c };
    return undefined;
  };
  const visit = (p: CellRange): void => {
    const start = firstUnknown(p);
    if (!start) return;
    if (cost) cost.merges++;
    const m = sheet.Range(rangeA1(p)).MergeCells;
    if (m === true) {
      // Every cell merged: each MergeArea asked learns a whole area, nothing else need be asked.
      for (let c: { row: number; col: number } | undefined = start; c; c = firstUnknown(p)) {
        if (cost) cost.merges++;
        const a = areaOfAddress(sheet.Range(cellA1(c.row, c.col)).MergeArea.Address()) ?? { top: c.row, bottom: c.row, left: c.col, right: c.col };
        learn({ top: c.row, bottom: c.row, left: c.col, right: c.col });
        if (a.top !== a.bottom || a.left !== a.right) {
          if (!found.some((f) => f.top === a.top && f.left === a.left)) found.push(a);
          learn(a);
        }
      }
      return;
    }
    // false: no merged cell. Anything but null (some merged, some not) is taken as false.
    if (m !== null) return;
    if (p.bottom > p.top) {
      const mid = p.top + ((p.bottom - p.top) >> 1);
      visit({ ...p, bottom: mid });
      visit({ ...p, top: mid + 1 });
    } else if (p.right > p.left) {
      const mid = p.left + ((p.right - p.left) >> 1);
      visit({ ...p, right: mid });
      visit({ ...p, left: mid + 1 });
    }
  };
  visit(area);
  return found.sort((a, b) => a.top - b.top || a.left - b.left);
}

