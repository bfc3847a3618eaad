/**
 * The host-neutral view of a workbook that the core reads.
 *
 * Hosts (exceljs for .xlsx files, Office.js inside Excel) turn their own cell
 * objects into this one shape, so the mapping and the rules never see a host
 * API. Rows and columns are 0-based and absolute (row 0, col 0 is A1), as in
 * HyperFormula's SimpleCellAddress; A1 strings only appear in ./a1.ts.
 */

/** One cell as the host sees it. */
export interface GridCell {
  /**
   * The stored value: a number when Excel holds a number, a string when it
   * holds text (including numbers typed as text), a boolean, or null.
   * For a formula, the cached result.
   */
  readonly value: string | number | boolean | null;
  /**
   * The displayed text, as Excel shows it with its number format
   * ("1,820.23" for 1820.23 formatted "#,##0.00"). Empty or absent when the
   * host does not know it; the core then falls back on `value`.
   */
  readonly text?: string;
  /** The number format code when the host knows it ("#,##0.00", "General"). */
  readonly numberFormat?: string;
  /** The formula without "=", when the cell has one. Never evaluated by the core. */
  readonly formula?: string;
}

/** A rectangle of cells, inclusive, 0-based. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetGrid {
  readonly name: string;
  /** Number of rows that may hold content (last used row + 1). */
  readonly rowCount: number;
  /** Number of columns that may hold content (last used column + 1). */
  readonly colCount: number;
  /** The cell at (row, col), or undefined when empty. A merged area's value sits on its top-left cell only. */
  cell(row: number, col: number): GridCell | undefined;
  /** Merged areas of the sheet. */
  readonly merges: readonly CellRange[];
}

/** A workbook-level defined name that refers to a range of one sheet (others are not read): see a1.ts parseRangeName. */
export interface RangeName {
  readonly name: string;
  readonly sheet: string;
  /** One cell is a range of one cell. */
  readonly range: CellRange;
}

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
  /** The workbook's defined names of ranges, where the host reads them (the add-in saves its mapping in some). */
  readonly rangeNames?: readonly RangeName[];
}

/** A cell address inside the core. */
export interface CellRef {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/**
 * A SheetGrid over plain arrays, for tests and for hosts that read a whole
 * used range at once (Office.js returns values and text as 2-D arrays).
 */
export class ArraySheet implements SheetGrid {
  readonly rowCount: number;
  readonly colCount: number;
  constructor(
    readonly name: string,
    private readonly rows: ReadonlyArray<ReadonlyArray<GridCell | undefined>>,
    readonly merges: readonly CellRange[] = [],
  ) {
    this.rowCount = rows.length;
    this.colCount = rows.reduce((m, r) => Math.max(m, r.length), 0);
  }
  cell(row: number, col: number): GridCell | undefined {
    return this.rows[row]?.[col];
  }
}

/**
 * A SheetGrid over per-row arrays that may have holes (rows and cells a host
 * never reported), with its extent given: what the exceljs and Office.js hosts build.
 */
export class SparseSheet implements SheetGrid {
  constructor(
    readonly name: string,
    private readonly rows: ReadonlyArray<ReadonlyArray<GridCell | undefined> | undefined>,
    readonly merges: readonly CellRange[],
    readonly rowCount: number,
    readonly colCount: number,
  ) {}
  cell(row: number, col: number): GridCell | undefined {
    return this.rows[row]?.[col];
  }
}

/** Builds an ArraySheet from raw values: a string or number per cell, null/undefined for empty. */
export function sheetFromValues(
  name: string,
  values: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  merges: readonly CellRange[] = [],
): ArraySheet {
  return new ArraySheet(
    name,
    values.map((row) => row.map((v) => (v === null || v === undefined || v === '' ? undefined : { value: v }))),
    merges,
  );
}
