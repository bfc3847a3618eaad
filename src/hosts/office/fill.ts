/// <reference types="office-js" />
/**
 * A cell's own fill as Office.js reports it, kept so that a mark can be taken
 * off again exactly, and the record of the marks kept inside the workbook.
 *
 * No Office.js value is touched at import time (only types), so tests run the
 * module under Node with a fake Excel.
 */

/**
 * Everything Office.js exposes about a cell's background (ExcelApi 1.9):
 * pattern 'None' is "no fill" (Office reports its color as #FFFFFF, so the
 * color alone cannot tell a white fill from none).
 */
export interface SavedFill {
  readonly pattern: string;
  readonly color?: string;
  readonly tintAndShade?: number;
  readonly patternColor?: string;
  readonly patternTintAndShade?: number;
}

export const NO_FILL: SavedFill = { pattern: 'None' };

/** What getCellProperties is asked for: exactly the fields restoreFill() writes back. */
export const FILL_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

/** The fill of one getCellProperties() cell. */
export function savedFillOf(p: Excel.CellProperties | undefined): SavedFill {
  const f = p?.format?.fill;
  if (!f) return NO_FILL;
  // pattern comes with getCellProperties (both ExcelApi 1.9); should it be missing, Office's #FFFFFF is its "no fill".
  const pattern = f.pattern ?? (f.color && f.color.toUpperCase() !== '#FFFFFF' ? 'Solid' : 'None');
  if (pattern === 'None') return NO_FILL;
  const out: { -readonly [K in keyof SavedFill]: SavedFill[K] } = { pattern };
  if (typeof f.color === 'string') out.color = f.color;
  if (typeof f.tintAndShade === 'number') out.tintAndShade = f.tintAndShade;
  if (typeof f.patternColor === 'string') out.patternColor = f.patternColor;
  if (typeof f.patternTintAndShade === 'number') out.patternTintAndShade = f.patternTintAndShade;
  return out;
}

/**
 * Gradient fills can be read but not written through Office.js ("LinearGradient
 * and RectangularGradient are not supported" for RangeFill.pattern), so a cell
 * that has one is never marked: its fill could not be put back.
 */
export function canRestore(f: SavedFill): boolean {
  return f.pattern !== 'LinearGradient' && f.pattern !== 'RectangularGradient';
}

/** Queues the writes that give a cell (or range) the saved fill, every saved field, in an order where no write undoes an earlier one. */
export function restoreFill(fill: Excel.RangeFill, f: SavedFill): void {
  if (f.pattern === 'None') {
    fill.clear();
    return;
  }
  // color first: on a cell without fill it also switches the pattern to Solid, which the pattern write then corrects.
  if (f.color !== undefined) fill.color = f.color;
  if (f.tintAndShade !== undefined) fill.tintAndShade = f.tintAndShade;
  fill.pattern = f.pattern as Excel.FillPattern;
  if (f.patternColor !== undefined) fill.patternColor = f.patternColor;
  if (f.patternTintAndShade !== undefined) fill.patternTintAndShade = f.patternTintAndShade;
}

/** Queues a mark: a plain solid fill of the colour, whatever pattern or tint the cell had. */
export function markFill(fill: Excel.RangeFill, color: string): void {
  fill.clear();
  fill.color = color;
}

/**
 * Whether a cell's current fill is exactly what markFill(color) leaves: a
 * solid fill of that colour without tint. A cell that shows anything else was
 * re-filled by the user after the mark (or never got it): it must not be
 * "restored". An empty `color` (a record entry without its mark) matches
 * nothing.
 */
export function showsMark(current: SavedFill, color: string): boolean {
  return (
    color !== '' &&
    current.pattern === 'Solid' &&
    typeof current.color === 'string' &&
    current.color.toUpperCase() === color.toUpperCase() &&
    (current.tintAndShade ?? 0) === 0
  );
}

// ---------------------------------------------------------------------------
// The record in workbook.settings

/** One cell whose fill the add-in changed. */
export interface RecordedCell {
  /** Where the cell was when the record was written. */
  readonly sheet: string;
  /** A1 address of the cell on its sheet, without the sheet ("C7"). */
  readonly address: string;
  /** The colour the add-in wrote: the cell is restored only while it still shows exactly this. */
  readonly mark: string;
  /** The fill the cell had before the add-in first marked it. */
  readonly original: SavedFill;
  /**
   * The hidden workbook name (MARK_NAME_PREFIX…) that refers to the cell.
   * Excel moves a name's reference when rows or columns are inserted or
   * deleted, or the sheet is renamed, so the name says where the cell is now.
   */
  readonly name?: string;
}

export interface HighlightRecord {
  readonly version: 1;
  readonly cells: readonly RecordedCell[];
  /** worksheet.id of the 检查结果 sheet the add-in created (whatever its name). */
  readonly resultSheet?: string;
}

/** Prefix of the hidden workbook names that track marked cells. */
export const MARK_NAME_PREFIX = '_juesuan_mark_';

/** Whether a workbook name is one of the add-in's (Excel compares names without case). */
export function isMarkName(name: string): boolean {
  return name.toLowerCase().startsWith(MARK_NAME_PREFIX);
}

export const EMPTY_RECORD: HighlightRecord = { version: 1, cells: [] };

export function cellKey(sheet: string, address: string): string {
  return `${sheet}\u0000${address}`;
}

function isFill(v: unknown): v is SavedFill {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.pattern === 'string' &&
    (o.color === undefined || typeof o.color === 'string') &&
    (o.tintAndShade === undefined || typeof o.tintAndShade === 'number') &&
    (o.patternColor === undefined || typeof o.patternColor === 'string') &&
    (o.patternTintAndShade === undefined || typeof o.patternTintAndShade === 'number')
  );
}

/**
 * The record from a setting's value (a JSON string as written by
 * serializeRecord; an object is accepted too). Entries that do not have the
 * expected shape are dropped rather than failing the whole record: a cell
 * that cannot be restored must not keep the others from being restored.
 */
export function parseRecord(value: unknown): HighlightRecord {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return EMPTY_RECORD;
    }
  }
  if (!v || typeof v !== 'object' || !Array.isArray((v as { cells?: unknown }).cells)) return EMPTY_RECORD;
  const cells: RecordedCell[] = [];
  for (const c of (v as { cells: unknown[] }).cells) {
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    if (typeof o.sheet !== 'string' || typeof o.address !== 'string' || !isFill(o.original)) continue;
    // Only a plain cell address can be written back (anything else would fail the whole batch).
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(o.address)) continue;
    const cell: { -readonly [K in keyof RecordedCell]: RecordedCell[K] } = { sheet: o.sheet, address: o.address, mark: typeof o.mark === 'string' ? o.mark : '', original: o.original };
    if (typeof o.name === 'string' && isMarkName(o.name)) cell.name = o.name;
    cells.push(cell);
  }
  const resultSheet = (v as { resultSheet?: unknown }).resultSheet;
  return typeof resultSheet === 'string' && resultSheet !== '' ? { version: 1, cells, resultSheet } : { version: 1, cells };
}

export function serializeRecord(r: HighlightRecord): string {
  return JSON.stringify(r);
}
