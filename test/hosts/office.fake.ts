/// <reference types="office-js" />
/**
 * A small fake of the Excel JavaScript API (Office.js), faithful where the
 * Office host depends on it, and failing where real Excel can fail:
 *
 * - only what the shipped library offers: a member the bundled office.js
 *   (@microsoft/office-js, see ./office-api.ts) does not define throws a
 *   TypeError, as calling it in Excel would; a member whose requirement set
 *   (its "[Api set: ExcelApi X]" in @types/office-js) is above the fake's
 *   apiVersion throws ApiNotFound. The default apiVersion is 1.9, the
 *   manifest's minimum; isSetSupported answers by it;
 * - objects are proxies: a method or a property set only queues a command;
 *   context.sync() runs the queue in order against the workbook, so a write
 *   that was queued and not synced is not in the workbook;
 * - a property can be read only after it was loaded AND synced; otherwise the
 *   read throws PropertyNotLoaded, as Office.js does (a value set locally on a
 *   proxy reads back, as in Office.js);
 * - a load is answered with the state at its place in the queue (a load
 *   queued before a write sees the value before the write);
 * - *OrNullObject methods give null objects, and only what Microsoft
 *   documents works on one: isNullObject, readable after a sync, and load()
 *   (the documented pattern loads properties, then tests isNullObject; the
 *   loaded values of a null object are never delivered). Anything else called
 *   on a null object (a method, a navigation property, a property set,
 *   passing it as an argument) fails the sync: no document says what Excel
 *   does then;
 * - a failing command rejects the sync; the commands before it stay applied
 *   (Excel does not roll a batch back), the loads of the batch are not
 *   delivered;
 * - the payload of every sync is counted, as Excel on the web counts it: the
 *   request (each command and each object path, with its arguments and the
 *   values it sets) and the response (the JSON of every value loaded). Either
 *   past payloadLimit (5 MB, Excel on the web's limit) fails the sync with
 *   RequestPayloadSizeLimitExceeded (nothing applied) or
 *   ResponsePayloadSizeLimitExceeded (commands applied, no value delivered).
 *   A range of more than 5,000,000 cells cannot be read at all;
 * - NamedItem.visible set in the same sync as the names.add that created the
 *   name does not take effect (reported in office-js issues 3878 and 3949);
 * - it counts syncs and logs each sync's payload.
 *
 * The workbook: sheets (each with an id that survives renaming) of 2-D arrays
 * of cells { value, text?, numberFormat, formula?, fill, hyperlink? } plus
 * merged areas, page layout, settings, workbook-level names, the selection,
 * sheet and structure protection. Only what the host uses is modelled; any
 * other member throws "not modelled", so the fake cannot silently pass.
 *
 * A user's structural edits (insertRows, deleteRows, insertColumns,
 * deleteColumns, renameSheet, deleteSheet) behave as in Excel for what the
 * fake holds: cells and merged areas move; a name's reference moves with its
 * cells, follows a renamed sheet, and becomes #REF! when its cells or its
 * sheet are deleted (a name's formula then reads "=Sheet!#REF!" or
 * "=#REF!…"). Rows inserted or deleted move the references of every formula
 * to that sheet, as Excel does (an end at or below an insertion moves down,
 * so a span widens for rows inserted below its first row; a span loses the
 * rows deleted, a reference to a deleted cell becomes #REF!); columns leave
 * formulas as they are (nothing the host does depends on it). The host
 * inserts and deletes entire rows (Range.insert/delete on "8:8"), copies
 * rows (Range.copyFrom, All or Formats: a formula's relative references move
 * with the copy), writes formulas, and unprotects and protects sheets
 * (WorksheetProtection.unprotect/protect; protect fails on a protected
 * sheet, as documented). A sheet protected with a password refuses
 * unprotect() without it (InvalidArgument, as reported for a wrong
 * password; what Excel answers to none is not documented).
 */
import { cellA1, columnIndex, columnLetters, parseRangeA1, quoteSheetName } from '../../src/core/grid/a1';
import type { CellRange } from '../../src/core/grid/grid';
import { rewriteRefs } from '../../src/core/newyear/formula-refs';
import { cellParts, formatNumber, type WorkbookSpec } from '../fixtures';
import { bundledSurface, bundledVersion, compareVersions, memberVersion } from './office-api';

// ---------------------------------------------------------------------------
// The workbook

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
  patternTintAndShade: number;
}

/** What Excel reports for a cell without fill. */
export const NO_FILL: Readonly<FakeFill> = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };

export interface FakeCell {
  value: string | number | boolean;
  /** The displayed text when it is not what the value and format give (e.g. "####"). */
  text?: string;
  numberFormat: string;
  /** Without "=". */
  formula?: string;
  fill: FakeFill;
  hyperlink?: Excel.RangeHyperlink;
  font?: { bold?: boolean; color?: string };
}

export interface FakeSheet {
  name: string;
  /** worksheet.id: fixed for the sheet's life, whatever its name. */
  readonly id: string;
  /** Sparse rows × columns, 0-based. */
  cells: (FakeCell | undefined)[][];
  merges: CellRange[];
  protected: boolean;
  allowFormatCells: boolean;
  /** The other WorksheetProtectionOptions of a protected sheet (allowInsertRows …); allowFormatCells is its own field. */
  protectionOptions: Partial<Excel.WorksheetProtectionOptions>;
  /** Protected with a password: unprotect() wants it. */
  password?: string;
  frozenRows: number;
  columnFormats: Map<number, Record<string, unknown>>;
  deleted: boolean;
  /** Worksheet.visibility: Visible, Hidden or VeryHidden. */
  visibility: string;
  pageLayout: { orientation: string; zoom: Excel.PageLayoutZoomOptions | undefined; printTitleRows: string | undefined };
}

/** A workbook-level defined name referring to a range (the only kind the host creates). */
export interface FakeName {
  name: string;
  sheet: FakeSheet;
  /** null: the cells it referred to were deleted (#REF!). */
  area: CellRange | null;
  visible: boolean;
  /** The sync whose names.add created it (0: defined by the user). */
  addedInSync: number;
}

export interface FakeWrite {
  readonly sheet: string;
  readonly address: string;
  readonly what: string;
}

export interface FakeOptions {
  /** The ExcelApi requirement set this Excel supports (default 1.9, the manifest's minimum). */
  readonly apiVersion?: string;
  /** Bytes of a request or a response past which a sync fails (default 5 MB, Excel on the web). */
  readonly payloadLimit?: number;
}

/** Excel on the web: "a payload size limit for requests and responses of 5MB". */
export const PAYLOAD_LIMIT = 5_000_000;

/** One sync's payload, as counted. */
export interface SyncPayload {
  readonly request: number;
  readonly response: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** A range larger than this is not iterated cell by cell (a whole sheet, whole columns). */
const MAX_ITERATED = 5_000_000;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const notLoaded = (name: string) =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

function emptyCell(): FakeCell {
  return { value: '', numberFormat: 'General', fill: { ...NO_FILL } };
}

function sameFill(a: FakeFill, b: FakeFill): boolean {
  return a.color === b.color && a.pattern === b.pattern && a.patternColor === b.patternColor && a.tintAndShade === b.tintAndShade && a.patternTintAndShade === b.patternTintAndShade;
}

function hasContent(c: FakeCell): boolean {
  return c.value !== '' || c.formula !== undefined;
}

function hasFormat(c: FakeCell): boolean {
  return c.numberFormat !== 'General' || !sameFill(c.fill, NO_FILL) || c.hyperlink !== undefined || c.font !== undefined;
}

function displayText(c: FakeCell): string {
  if (c.text !== undefined) return c.text;
  if (typeof c.value === 'number') {
    try {
      return formatNumber(c.value, c.numberFormat);
    } catch {
      return String(c.value);
    }
  }
  if (typeof c.value === 'boolean') return c.value ? 'TRUE' : 'FALSE';
  return c.value;
}

function areaA1(a: CellRange): string {
  if (a.top === 0 && a.bottom === MAX_ROWS - 1) return `${columnLetters(a.left)}:${columnLetters(a.right)}`;
  if (a.left === 0 && a.right === MAX_COLS - 1) return `${a.top + 1}:${a.bottom + 1}`;
  return a.top === a.bottom && a.left === a.right ? cellA1(a.top, a.left) : `${cellA1(a.top, a.left)}:${cellA1(a.bottom, a.right)}`;
}

function parseAddress(address: string): CellRange {
  const a = address.trim();
  const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(a);
  if (cols) return { top: 0, bottom: MAX_ROWS - 1, left: columnIndex(cols[1]!), right: columnIndex(cols[2]!) };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(a);
  if (rows) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: MAX_COLS - 1 };
  const r = parseRangeA1(a);
  if (!r || a.includes('!')) throw new FakeOfficeError('InvalidArgument', `fake Excel: bad address ${address}`);
  return r;
}

const sizeOf = (a: CellRange) => (a.bottom - a.top + 1) * (a.right - a.left + 1);

/** Where index i goes when `count` lines are inserted (> 0) or deleted (< 0) at `at`; undefined: deleted. */
function mapIndex(i: number, at: number, count: number): number | undefined {
  if (i < at) return i;
  if (count > 0) return i + count;
  return i >= at - count ? i + count : undefined;
}

/** A span [lo, hi] after the same edit, as Excel moves a reference: an insertion inside widens it, a deletion shrinks it; null when all of it is deleted. */
function moveSpan(lo: number, hi: number, at: number, count: number): [number, number] | null {
  if (count > 0) return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
  const del = -count;
  const newLo = lo < at ? lo : lo >= at + del ? lo - del : at;
  const newHi = hi < at ? hi : hi >= at + del ? hi - del : at - 1;
  return newHi < newLo ? null : [newLo, newHi];
}

/** A name's formula as Excel gives it: "=公开01表!$F$9", "='a b'!$A$1:$B$2", "=公开01表!#REF!", "=#REF!$F$9". */
function nameFormula(n: FakeName): string {
  const abs = (a: CellRange) => {
    const one = (r: number, c: number) => `$${columnLetters(c)}$${r + 1}`;
    return a.top === a.bottom && a.left === a.right ? one(a.top, a.left) : `${one(a.top, a.left)}:${one(a.bottom, a.right)}`;
  };
  if (n.sheet.deleted) return n.area ? `=#REF!${abs(n.area)}` : '=#REF!';
  return `=${quoteSheetName(n.sheet.name)}!${n.area ? abs(n.area) : '#REF!'}`;
}

const namesEqual = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** workbook.settings, each value as JSON (as Office stores them). */
  readonly settings = new Map<string, string>();
  /** workbook.names: workbook-level defined names, in the order added. */
  readonly names: FakeName[] = [];
  structureProtected = false;
  activeSheet = '';
  selection: { sheet: string; areas: CellRange[] } | undefined;
  syncCount = 0;
  /** The payload of every sync, in order (a refused one included). */
  readonly syncLog: SyncPayload[] = [];
  readonly writes: FakeWrite[] = [];
  /** Writes Excel accepted without effect (visible set in the batch that added the name). */
  readonly ignoredWrites: string[] = [];
  readonly apiVersion: string;
  readonly payloadLimit: number;

  constructor(o: FakeOptions = {}) {
    this.apiVersion = o.apiVersion ?? '1.9';
    this.payloadLimit = o.payloadLimit ?? PAYLOAD_LIMIT;
  }

  /** Office.context.requirements.isSetSupported as this Excel answers it. */
  readonly isSetSupported = (name: string, version?: string): boolean =>
    name === 'ExcelApi' && compareVersions(version ?? '1.1', this.apiVersion) <= 0;

  /** The largest request and response of the syncs so far. */
  maxPayload(): SyncPayload {
    return { request: Math.max(0, ...this.syncLog.map((p) => p.request)), response: Math.max(0, ...this.syncLog.map((p) => p.response)) };
  }

  /** A fake holding the spec's sheets: values and number formats as in specToXlsx, nothing filled. */
  static fromSpec(spec: WorkbookSpec, o?: FakeOptions): FakeExcel {
    const x = new FakeExcel(o);
    for (const s of spec.sheets) {
      const sheet = x.addSheet(s.name);
      sheet.merges = s.merges.map((m) => ({ ...m }));
      s.rows.forEach((row, r) =>
        row.forEach((c, col) => {
          if (s.merges.some((m) => r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && !(r === m.top && col === m.left))) return;
          const p = cellParts(c);
          if (!p) return;
          const cell = x.cellAt(sheet, r, col, true);
          cell.value = p.v;
          if (p.numFmt !== undefined) cell.numberFormat = p.numFmt;
        }),
      );
    }
    x.activeSheet = x.sheets[0]?.name ?? '';
    return x;
  }

  addSheet(name: string): FakeSheet {
    // Excel's ids are GUIDs in braces, unrelated to the name.
    const id = `{6C5C1E2A-0000-4000-8000-${String(this.sheets.length + 1).padStart(12, '0')}}`;
    const s: FakeSheet = {
      name,
      id,
      cells: [],
      merges: [],
      protected: false,
      allowFormatCells: false,
      protectionOptions: {},
      frozenRows: 0,
      columnFormats: new Map(),
      deleted: false,
      visibility: 'Visible',
      pageLayout: { orientation: 'Portrait', zoom: undefined, printTitleRows: undefined },
    };
    this.sheets.push(s);
    return s;
  }

  /** A sheet of the workbook (not a deleted one). */
  sheet(name: string): FakeSheet {
    const s = this.liveSheets().find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cellAt(sheet: FakeSheet, row: number, col: number, create: true): FakeCell;
  cellAt(sheet: FakeSheet, row: number, col: number, create?: false): FakeCell | undefined;
  cellAt(sheet: FakeSheet, row: number, col: number, create = false): FakeCell | undefined {
    let r = sheet.cells[row];
    if (!r) {
      if (!create) return undefined;
      sheet.cells[row] = r = [];
    }
    let c = r[col];
    if (!c && create) r[col] = c = emptyCell();
    return c;
  }

  /** A copy of the cell at "C7" (an empty cell when there is none). */
  cell(sheet: string, a1: string): FakeCell {
    const p = parseRangeA1(a1)!;
    return structuredClone(this.cellAt(this.sheet(sheet), p.top, p.left) ?? emptyCell());
  }

  // Direct edits, as a user would make them in Excel (no batch, no sync).
  setFill(sheet: string, a1: string, fill: Partial<FakeFill>): void {
    const p = parseRangeA1(a1)!;
    const c = this.cellAt(this.sheet(sheet), p.top, p.left, true);
    c.fill = { ...NO_FILL, ...fill };
  }

  setFormula(sheet: string, a1: string, formula: string): void {
    const p = parseRangeA1(a1)!;
    this.cellAt(this.sheet(sheet), p.top, p.left, true).formula = formula;
  }

  /** Inserts `count` rows before 1-based row `before` (as 插入 → 整行 does). */
  insertRows(sheet: string, before: number, count = 1): void {
    this.shift(this.sheet(sheet), 'row', before - 1, count);
  }

  /** Deletes `count` rows from 1-based row `first`. */
  deleteRows(sheet: string, first: number, count = 1): void {
    this.shift(this.sheet(sheet), 'row', first - 1, -count);
  }

  /** Inserts `count` columns before column `before` ("C"). */
  insertColumns(sheet: string, before: string, count = 1): void {
    this.shift(this.sheet(sheet), 'col', columnIndex(before), count);
  }

  /** Deletes `count` columns from column `first` ("C"). */
  deleteColumns(sheet: string, first: string, count = 1): void {
    this.shift(this.sheet(sheet), 'col', columnIndex(first), -count);
  }

  renameSheet(from: string, to: string): void {
    if (this.liveSheets().some((s) => s.name === to)) throw new Error(`sheet ${to} exists`);
    this.sheet(from).name = to; // names refer to the sheet, not to its name: they follow
  }

  /** The user deletes a sheet: names referring to it become #REF!. */
  deleteSheet(name: string): void {
    this.sheet(name).deleted = true;
  }

  /** The user gives a name (Formulas → Define Name). */
  defineName(name: string, sheet: string, a1: string, visible = true): void {
    this.names.push({ name, sheet: this.sheet(sheet), area: parseRangeA1(a1)!, visible, addedInSync: 0 });
  }

  /** Rows or columns at 0-based `at`: inserted (count > 0) or deleted (count < 0); cells, merges and names move (and, for rows, formulas' references). */
  shift(s: FakeSheet, axis: 'row' | 'col', at: number, count: number): void {
    if (axis === 'row') this.moveFormulaRows(s, at, count);
    const del = count < 0 ? -count : 0;
    const splice = (a: unknown[]) => {
      if (at >= a.length) return;
      if (del > 0) a.splice(at, del);
      else a.splice(at, 0, ...new Array<undefined>(count).fill(undefined));
    };
    if (axis === 'row') splice(s.cells);
    else {
      for (const row of s.cells) if (row) splice(row);
      const formats = new Map<number, Record<string, unknown>>();
      for (const [c, f] of s.columnFormats) {
        const m = mapIndex(c, at, count);
        if (m !== undefined) formats.set(m, f);
      }
      s.columnFormats.clear();
      for (const [c, f] of formats) s.columnFormats.set(c, f);
    }
    const move = (a: CellRange): CellRange | null => {
      const [lo, hi] = axis === 'row' ? [a.top, a.bottom] : [a.left, a.right];
      const moved = moveSpan(lo, hi, at, count);
      if (!moved) return null;
      return axis === 'row' ? { ...a, top: moved[0], bottom: moved[1] } : { ...a, left: moved[0], right: moved[1] };
    };
    s.merges = s.merges.map(move).filter((m): m is CellRange => m !== null && (m.top !== m.bottom || m.left !== m.right));
    for (const n of this.names) if (n.sheet === s && n.area) n.area = move(n.area);
  }

  /** Every formula's references to rows of `s` after rows are inserted (count > 0) or deleted (count < 0) at `at`, as Excel moves them. */
  private moveFormulaRows(s: FakeSheet, at: number, count: number): void {
    for (const home of this.liveSheets()) {
      for (const row of home.cells) {
        for (const c of row ?? []) {
          if (c?.formula === undefined) continue;
          c.formula = rewriteRefs(c.formula, (ref) => {
            if ((ref.sheet ?? home.name) !== s.name) return ref;
            const lo = Math.min(ref.start.row, ref.end?.row ?? ref.start.row);
            const hi = Math.max(ref.start.row, ref.end?.row ?? ref.start.row);
            const m = moveSpan(lo, hi, at, count);
            if (!m) return null;
            if (!ref.end) return { ...ref, start: { ...ref.start, row: m[0] } };
            const [a, b] = ref.start.row <= ref.end.row ? [ref.start, ref.end] : [ref.end, ref.start];
            return { ...ref, start: { ...a, row: m[0] }, end: { ...b, row: m[1] } };
          });
        }
      }
    }
  }

  /** Every cell's fill that is not "no fill", by "Sheet!A1". */
  fills(): Map<string, FakeFill> {
    const out = new Map<string, FakeFill>();
    for (const s of this.liveSheets()) {
      s.cells.forEach((row, r) =>
        row?.forEach((c, col) => {
          if (c && !sameFill(c.fill, NO_FILL)) out.set(`${s.name}!${cellA1(r, col)}`, { ...c.fill });
        }),
      );
    }
    return out;
  }

  /** Values and formulas of the sheets, for deep comparison. */
  contents(sheetNames?: readonly string[]): Record<string, Record<string, { value: unknown; formula?: string; numberFormat: string }>> {
    const out: Record<string, Record<string, { value: unknown; formula?: string; numberFormat: string }>> = {};
    for (const s of this.liveSheets()) {
      if (sheetNames && !sheetNames.includes(s.name)) continue;
      const cells: Record<string, { value: unknown; formula?: string; numberFormat: string }> = {};
      s.cells.forEach((row, r) =>
        row?.forEach((c, col) => {
          if (!c || (!hasContent(c) && c.numberFormat === 'General')) return;
          cells[cellA1(r, col)] = c.formula === undefined ? { value: c.value, numberFormat: c.numberFormat } : { value: c.value, formula: c.formula, numberFormat: c.numberFormat };
        }),
      );
      out[s.name] = cells;
    }
    return out;
  }

  /** Excel.run's stand-in: a new request context per batch. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    return batch(ctx.asExcel());
  };

  // --- used by the object model ---

  liveSheets(): FakeSheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  usedArea(s: FakeSheet, valuesOnly: boolean): CellRange | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    s.cells.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (c && (hasContent(c) || (!valuesOnly && hasFormat(c)))) take(r, col);
      }),
    );
    if (!valuesOnly) for (const m of s.merges) (take(m.top, m.left), take(m.bottom, m.right));
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  log(sheet: FakeSheet, area: CellRange, what: string): void {
    this.writes.push({ sheet: sheet.name, address: areaA1(area), what });
  }
}

// ---------------------------------------------------------------------------
// The object model

interface RangeT {
  readonly sheet: FakeSheet;
  readonly area: CellRange;
}
interface AreasT {
  readonly sheet: FakeSheet;
  readonly areas: readonly CellRange[];
}
interface SettingT {
  readonly key: string;
}

type Target = unknown;
type Args = readonly unknown[];

interface Scalar {
  get?: (t: Target, x: FakeExcel) => unknown;
  set?: (t: Target, v: unknown, x: FakeExcel) => void;
}
type Method =
  | { kind: 'object'; type: string; orNull?: boolean; run: (t: Target, args: Args, x: FakeExcel) => Target | undefined }
  | { kind: 'result'; run: (t: Target, args: Args, x: FakeExcel) => unknown }
  | { kind: 'void'; run: (t: Target, args: Args, x: FakeExcel) => void };
interface TypeDef {
  scalars?: Record<string, Scalar>;
  nav?: Record<string, { type: string; get: (t: Target) => Target }>;
  methods?: Record<string, Method>;
  items?: { type: string; get: (t: Target, x: FakeExcel) => Target[] };
}

function eachCell(t: RangeT, f: (r: number, c: number) => void): void {
  // "A range is limited to 5,000,000 cells for read operations."
  if (sizeOf(t.area) > MAX_ITERATED) throw new FakeOfficeError('InvalidArgument', `fake Excel: range ${areaA1(t.area)} too large for this operation`);
  for (let r = t.area.top; r <= t.area.bottom; r++) for (let c = t.area.left; c <= t.area.right; c++) f(r, c);
}

/** Cells of a (possibly huge) range that exist. */
function existingCells(t: RangeT, f: (c: FakeCell, r: number, col: number) => void): void {
  const a = t.area;
  t.sheet.cells.forEach((row, r) => {
    if (r < a.top || r > a.bottom || !row) return;
    row.forEach((c, col) => {
      if (c && col >= a.left && col <= a.right) f(c, r, col);
    });
  });
}

function matrix<T>(t: RangeT, x: FakeExcel, f: (c: FakeCell) => T): T[][] {
  const out: T[][] = [];
  eachCell(t, (r, c) => {
    const i = r - t.area.top;
    (out[i] ??= []).push(f(x.cellAt(t.sheet, r, c) ?? emptyCell()));
  });
  return out;
}

function writeMatrix(t: RangeT, x: FakeExcel, v: unknown, what: string, f: (c: FakeCell, v: unknown) => void): void {
  const rows = t.area.bottom - t.area.top + 1;
  const cols = t.area.right - t.area.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeOfficeError('InvalidArgument', `fake Excel: ${what} must be a ${rows}×${cols} array for ${areaA1(t.area)}`);
  }
  eachCell(t, (r, c) => f(x.cellAt(t.sheet, r, c, true), (v as unknown[][])[r - t.area.top]![c - t.area.left]));
  x.log(t.sheet, t.area, what);
}

function formatWrite(t: RangeT, x: FakeExcel, what: string, f: (c: FakeCell) => void): void {
  if (t.sheet.protected && !t.sheet.allowFormatCells) throw new FakeOfficeError('AccessDenied', `fake Excel: ${t.sheet.name} is protected`);
  eachCell(t, (r, c) => f(x.cellAt(t.sheet, r, c, true)));
  x.log(t.sheet, t.area, what);
}

function contentWrite(t: RangeT): void {
  if (t.sheet.protected) throw new FakeOfficeError('AccessDenied', `fake Excel: ${t.sheet.name} is protected`);
}

function uniform<T>(t: RangeT, x: FakeExcel, f: (c: FakeCell) => T): T | null {
  let first: T | undefined;
  let same = true;
  eachCell(t, (r, c) => {
    const v = f(x.cellAt(t.sheet, r, c) ?? emptyCell());
    if (first === undefined) first = v;
    else if (v !== first) same = false;
  });
  return same ? (first ?? null) : null;
}

const fillScalar = (key: keyof FakeFill, normalize: (v: unknown) => FakeFill[keyof FakeFill]): Scalar => ({
  get: (t, x) => uniform(t as RangeT, x, (c) => c.fill[key]),
  set: (t, v, x) =>
    formatWrite(t as RangeT, x, `fill.${key}`, (c) => {
      const fill = { ...c.fill, [key]: normalize(v) };
      // As in Excel: a colour given to a cell without fill makes it a solid fill.
      if (key === 'color' && c.fill.pattern === 'None') fill.pattern = 'Solid';
      c.fill = fill;
    }),
});
const hex = (v: unknown) => String(v).toUpperCase();

function address(sheet: FakeSheet, a: CellRange): string {
  return `${quoteSheetName(sheet.name)}!${areaA1(a)}`;
}

function liveSheet(s: FakeSheet): FakeSheet {
  if (s.deleted) throw new FakeOfficeError('ItemNotFound', `fake Excel: sheet ${s.name} was deleted`);
  return s;
}

const TYPES: Record<string, TypeDef> = {
  Workbook: {
    nav: {
      worksheets: { type: 'WorksheetCollection', get: (t) => t },
      settings: { type: 'SettingCollection', get: (t) => t },
      protection: { type: 'WorkbookProtection', get: (t) => t },
      names: { type: 'NamedItemCollection', get: (t) => t },
    },
    methods: {
      getSelectedRanges: {
        kind: 'object',
        type: 'RangeAreas',
        run: (_t, _a, x) => {
          if (!x.selection) throw new FakeOfficeError('InvalidSelection', 'fake Excel: no range selected');
          return { sheet: x.sheet(x.selection.sheet), areas: x.selection.areas } satisfies AreasT;
        },
      },
    },
  },
  WorkbookProtection: { scalars: { protected: { get: (_t, x) => x.structureProtected } } },
  WorksheetCollection: {
    items: { type: 'Worksheet', get: (_t, x) => x.liveSheets() },
    methods: {
      getFirst: {
        kind: 'object',
        type: 'Worksheet',
        run: (_t, _a, x) => {
          const s = x.liveSheets()[0];
          if (!s) throw new FakeOfficeError('ItemNotFound', 'fake Excel: no sheet');
          return s;
        },
      },
      getCount: { kind: 'result', run: (_t, _a, x) => x.liveSheets().length },
      // By name or by id, as Excel's getItem(key).
      getItem: { kind: 'object', type: 'Worksheet', run: (_t, a, x) => x.liveSheets().find((s) => s.name === a[0] || s.id === a[0]) },
      getItemOrNullObject: { kind: 'object', type: 'Worksheet', orNull: true, run: (_t, a, x) => x.liveSheets().find((s) => s.name === a[0] || s.id === a[0]) },
      add: {
        kind: 'object',
        type: 'Worksheet',
        run: (_t, a, x) => {
          const name = String(a[0]);
          if (x.structureProtected) throw new FakeOfficeError('AccessDenied', 'fake Excel: workbook structure is protected');
          if (x.liveSheets().some((s) => s.name === name)) throw new FakeOfficeError('ItemAlreadyExists', `fake Excel: sheet ${name} exists`);
          const s = x.addSheet(name);
          x.writes.push({ sheet: name, address: '', what: 'add sheet' });
          return s;
        },
      },
    },
  },
  Worksheet: {
    scalars: {
      name: {
        get: (t) => liveSheet(t as FakeSheet).name,
        set: (t, v, x) => {
          if (x.structureProtected) throw new FakeOfficeError('AccessDenied', 'fake Excel: workbook structure is protected');
          if (x.liveSheets().some((s) => s.name === String(v))) throw new FakeOfficeError('ItemAlreadyExists', `fake Excel: sheet ${String(v)} exists`);
          const s = liveSheet(t as FakeSheet);
          x.writes.push({ sheet: s.name, address: '', what: `rename sheet to ${String(v)}` });
          s.name = String(v);
        },
      },
      id: { get: (t) => liveSheet(t as FakeSheet).id },
      visibility: { get: (t) => liveSheet(t as FakeSheet).visibility },
    },
    nav: {
      protection: { type: 'WorksheetProtection', get: (t) => t },
      freezePanes: { type: 'WorksheetFreezePanes', get: (t) => t },
      pageLayout: { type: 'PageLayout', get: (t) => t },
    },
    methods: {
      getNextOrNullObject: {
        kind: 'object',
        type: 'Worksheet',
        orNull: true,
        run: (t, _a, x) => {
          const live = x.liveSheets();
          return live[live.indexOf(liveSheet(t as FakeSheet)) + 1];
        },
      },
      getUsedRangeOrNullObject: {
        kind: 'object',
        type: 'Range',
        orNull: true,
        run: (t, a, x) => {
          const s = liveSheet(t as FakeSheet);
          const area = x.usedArea(s, a[0] === true);
          return area ? ({ sheet: s, area } satisfies RangeT) : undefined;
        },
      },
      getRange: {
        kind: 'object',
        type: 'Range',
        run: (t, a) => {
          const s = liveSheet(t as FakeSheet);
          const area = a[0] === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseAddress(String(a[0]));
          return { sheet: s, area } satisfies RangeT;
        },
      },
      getRanges: {
        kind: 'object',
        type: 'RangeAreas',
        run: (t, a) => ({ sheet: liveSheet(t as FakeSheet), areas: String(a[0]).split(',').map(parseAddress) }) satisfies AreasT,
      },
      activate: {
        kind: 'void',
        run: (t, _a, x) => {
          const s = liveSheet(t as FakeSheet);
          if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `fake Excel: ${s.name} is hidden`);
          x.activeSheet = s.name;
        },
      },
      delete: {
        kind: 'void',
        run: (t, _a, x) => {
          if (x.structureProtected) throw new FakeOfficeError('AccessDenied', 'fake Excel: workbook structure is protected');
          const s = liveSheet(t as FakeSheet);
          s.deleted = true;
          x.writes.push({ sheet: s.name, address: '', what: 'delete sheet' });
        },
      },
    },
  },
  WorksheetProtection: {
    scalars: {
      protected: { get: (t) => (t as FakeSheet).protected },
      options: { get: (t) => protectionOptions(t as FakeSheet) },
    },
    methods: {
      protect: {
        kind: 'void',
        run: (t, a, x) => {
          const s = liveSheet(t as FakeSheet);
          // "Protects a worksheet. Fails if the worksheet has already been protected."
          if (s.protected) throw new FakeOfficeError('InvalidOperation', `fake Excel: ${s.name} is already protected`);
          const { allowFormatCells, ...rest } = (a[0] ?? {}) as Excel.WorksheetProtectionOptions;
          s.protected = true;
          s.allowFormatCells = allowFormatCells === true;
          s.protectionOptions = rest;
          if (typeof a[1] === 'string' && a[1] !== '') s.password = a[1];
          x.writes.push({ sheet: s.name, address: '', what: 'protect' });
        },
      },
      unprotect: {
        kind: 'void',
        run: (t, a, x) => {
          const s = liveSheet(t as FakeSheet);
          if (!s.protected) return;
          if (s.password !== undefined && a[0] !== s.password) throw new FakeOfficeError('InvalidArgument', `fake Excel: ${s.name} is protected with a password`);
          s.protected = false;
          delete s.password;
          x.writes.push({ sheet: s.name, address: '', what: 'unprotect' });
        },
      },
    },
  },
  WorksheetFreezePanes: {
    methods: { freezeRows: { kind: 'void', run: (t, a) => void ((t as FakeSheet).frozenRows = Number(a[0] ?? 1)) } },
  },
  PageLayout: {
    scalars: {
      orientation: {
        get: (t) => (t as FakeSheet).pageLayout.orientation,
        set: (t, v) => {
          if (v !== 'Portrait' && v !== 'Landscape') throw new FakeOfficeError('InvalidArgument', `fake Excel: orientation ${String(v)}`);
          (t as FakeSheet).pageLayout.orientation = v;
        },
      },
      // Set as a whole PageLayoutZoomOptions object (its fields cannot be set one by one).
      zoom: {
        get: (t) => (t as FakeSheet).pageLayout.zoom ?? { scale: 100 },
        set: (t, v) => {
          if (!v || typeof v !== 'object') throw new FakeOfficeError('InvalidArgument', 'fake Excel: zoom must be a PageLayoutZoomOptions object');
          (t as FakeSheet).pageLayout.zoom = { ...(v as Excel.PageLayoutZoomOptions) };
        },
      },
    },
    methods: {
      setPrintTitleRows: {
        kind: 'void',
        run: (t, a) => {
          // "The range must span the entire row to be valid."
          if (typeof a[0] !== 'string' || !/^\$?\d+:\$?\d+$/.test(a[0])) throw new FakeOfficeError('InvalidArgument', `fake Excel: print title rows ${String(a[0])}`);
          (t as FakeSheet).pageLayout.printTitleRows = a[0];
        },
      },
    },
  },
  Range: {
    scalars: {
      address: { get: (t) => address((t as RangeT).sheet, (t as RangeT).area) },
      values: {
        get: (t, x) => matrix(t as RangeT, x, (c) => c.value),
        set: (t, v, x) => {
          contentWrite(t as RangeT);
          writeMatrix(t as RangeT, x, v, 'values', (c, val) => {
            delete c.text;
            // As in Excel: a string starting with "=" is a formula unless the cell is Text ("@").
            if (typeof val === 'string' && val.startsWith('=') && c.numberFormat !== '@') {
              c.formula = val.slice(1);
              c.value = '#UNCOMPUTED';
            } else {
              delete c.formula;
              c.value = val as FakeCell['value'];
            }
          });
        },
      },
      text: { get: (t, x) => matrix(t as RangeT, x, displayText) },
      numberFormat: {
        get: (t, x) => matrix(t as RangeT, x, (c) => c.numberFormat),
        set: (t, v, x) => writeMatrix(t as RangeT, x, v, 'numberFormat', (c, f) => void (c.numberFormat = String(f))),
      },
      formulas: {
        get: (t, x) => matrix(t as RangeT, x, (c) => (c.formula !== undefined ? `=${c.formula}` : c.value)),
        set: (t, v, x) => {
          contentWrite(t as RangeT);
          writeMatrix(t as RangeT, x, v, 'formulas', (c, val) => {
            delete c.text;
            // A string starting with "=" is a formula unless the cell is Text ("@"); "" empties the cell.
            if (typeof val === 'string' && val.startsWith('=') && c.numberFormat !== '@') {
              c.formula = val.slice(1);
              c.value = '#UNCOMPUTED';
            } else {
              delete c.formula;
              c.value = val === null || val === undefined ? '' : (val as FakeCell['value']);
            }
          });
        },
      },
      hyperlink: {
        get: (t, x) => uniform(t as RangeT, x, (c) => c.hyperlink ?? null),
        set: (t, v, x) => {
          contentWrite(t as RangeT);
          const link = v as Excel.RangeHyperlink;
          eachCell(t as RangeT, (r, col) => {
            const c = x.cellAt((t as RangeT).sheet, r, col, true);
            c.hyperlink = { ...link };
            if (link.textToDisplay !== undefined) c.value = link.textToDisplay;
          });
          x.log((t as RangeT).sheet, (t as RangeT).area, 'hyperlink');
        },
      },
    },
    nav: {
      format: { type: 'RangeFormat', get: (t) => t },
      worksheet: { type: 'Worksheet', get: (t) => (t as RangeT).sheet },
    },
    methods: {
      getCellProperties: {
        kind: 'result',
        run: (t, a, x) => {
          const want = (a[0] as Excel.CellPropertiesLoadOptions | undefined)?.format?.fill ?? {};
          return matrix(t as RangeT, x, (c) => {
            const fill: Record<string, unknown> = {};
            for (const k of Object.keys(want) as (keyof FakeFill)[]) if ((want as Record<string, boolean>)[k]) fill[k] = c.fill[k];
            return { format: { fill } } as Excel.CellProperties;
          });
        },
      },
      getMergedAreasOrNullObject: {
        kind: 'object',
        type: 'RangeAreas',
        orNull: true,
        run: (t) => {
          const { sheet, area } = t as RangeT;
          const areas = sheet.merges.filter((m) => m.top <= area.bottom && m.bottom >= area.top && m.left <= area.right && m.right >= area.left);
          return areas.length > 0 ? ({ sheet, areas } satisfies AreasT) : undefined;
        },
      },
      clear: {
        kind: 'void',
        run: (t, a, x) => {
          const r = t as RangeT;
          const applyTo = (a[0] as string | undefined) ?? 'All';
          if (applyTo === 'All' || applyTo === 'Contents') contentWrite(r);
          existingCells(r, (c) => {
            if (applyTo === 'All' || applyTo === 'Contents') {
              c.value = '';
              delete c.formula;
              delete c.text;
              delete c.hyperlink;
            }
            if (applyTo === 'All' || applyTo === 'Formats') {
              c.numberFormat = 'General';
              c.fill = { ...NO_FILL };
              delete c.font;
            }
          });
          x.log(r.sheet, r.area, `clear ${applyTo}`);
        },
      },
      insert: {
        kind: 'object',
        type: 'Range',
        run: (t, a, x) => {
          const r = t as RangeT;
          if (!entireRows(r) || a[0] !== 'Down') throw new Error('fake Excel: only entire rows inserted Down are modelled');
          const s = liveSheet(r.sheet);
          if (s.protected && s.protectionOptions.allowInsertRows !== true) throw new FakeOfficeError('AccessDenied', `fake Excel: ${s.name} is protected`);
          x.shift(s, 'row', r.area.top, r.area.bottom - r.area.top + 1);
          x.log(s, r.area, 'insert rows');
          return { sheet: s, area: r.area } satisfies RangeT;
        },
      },
      delete: {
        kind: 'void',
        run: (t, a, x) => {
          const r = t as RangeT;
          if (!entireRows(r) || a[0] !== 'Up') throw new Error('fake Excel: only entire rows deleted Up are modelled');
          const s = liveSheet(r.sheet);
          if (s.protected && s.protectionOptions.allowDeleteRows !== true) throw new FakeOfficeError('AccessDenied', `fake Excel: ${s.name} is protected`);
          x.log(s, r.area, 'delete rows');
          x.shift(s, 'row', r.area.top, -(r.area.bottom - r.area.top + 1));
        },
      },
      copyFrom: {
        kind: 'void',
        run: (t, a, x) => {
          const to = t as RangeT;
          const from = a[0] as RangeT;
          const type = (a[1] as string | undefined) ?? 'All';
          if (!from || typeof from !== 'object' || !('area' in from)) throw new Error('fake Excel: copyFrom of an address string is not modelled');
          if (!entireRows(to) || !entireRows(from) || from.sheet !== to.sheet) throw new Error('fake Excel: only entire rows of one sheet are copied in this fake');
          if (to.area.bottom - to.area.top !== from.area.bottom - from.area.top) throw new Error('fake Excel: copies of another height are not modelled');
          if (type !== 'All' && type !== 'Formats') throw new Error(`fake Excel: copyFrom ${type} is not modelled`);
          if (a[2] === true || a[3] === true) throw new Error('fake Excel: skipBlanks and transpose are not modelled');
          const s = liveSheet(to.sheet);
          if (type === 'All') contentWrite(to);
          else if (s.protected && !s.allowFormatCells) throw new FakeOfficeError('AccessDenied', `fake Excel: ${s.name} is protected`);
          const dr = to.area.top - from.area.top;
          // Read the source first: it may overlap the target.
          const source = new Map<number, Array<FakeCell | undefined>>();
          for (let r = from.area.top; r <= from.area.bottom; r++) source.set(r + dr, (s.cells[r] ?? []).map((c) => (c ? structuredClone(c) : undefined)));
          for (const [r, row] of source) {
            if (type === 'All') {
              // Paste All: the target row becomes the source row, formulas moved with it.
              s.cells[r] = row.map((c) => {
                if (!c || c.formula === undefined) return c;
                let off = false;
                const f = rewriteRefs(c.formula, (ref) => {
                  const move = (p: typeof ref.start) => (p.rowAbs ? p : p.row + dr < 0 ? ((off = true), p) : { ...p, row: p.row + dr });
                  return { ...ref, start: move(ref.start), ...(ref.end ? { end: move(ref.end) } : {}) };
                });
                return { ...c, formula: off ? '#REF!' : f };
              });
            } else {
              const target = (s.cells[r] ??= []);
              const width = Math.max(row.length, target.length);
              for (let c = 0; c < width; c++) {
                const src = row[c];
                const cell = x.cellAt(s, r, c, true);
                cell.numberFormat = src?.numberFormat ?? 'General';
                cell.fill = src ? { ...src.fill } : { ...NO_FILL };
                if (src?.font) cell.font = { ...src.font };
                else delete cell.font;
              }
            }
          }
          if (type === 'All') {
            // Merged areas inside the source rows are pasted too.
            const inside = s.merges.filter((m) => m.top >= from.area.top && m.bottom <= from.area.bottom);
            s.merges = s.merges.filter((m) => m.bottom < to.area.top || m.top > to.area.bottom).concat(inside.map((m) => ({ ...m, top: m.top + dr, bottom: m.bottom + dr })));
          }
          x.log(s, to.area, `copyFrom ${type}`);
        },
      },
      select: {
        kind: 'void',
        run: (t, _a, x) => {
          const r = t as RangeT;
          const s = liveSheet(r.sheet);
          if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `fake Excel: ${s.name} is hidden`);
          x.activeSheet = s.name;
          x.selection = { sheet: s.name, areas: [r.area] };
        },
      },
    },
  },
  RangeFormat: {
    nav: {
      fill: { type: 'RangeFill', get: (t) => t },
      font: { type: 'RangeFont', get: (t) => t },
    },
    scalars: {
      // Column formats: kept per column, never cell by cell (the ranges are whole columns).
      columnWidth: { set: (t, v, x) => colFormat(t as RangeT, x, 'columnWidth', v) },
      wrapText: { set: (t, v, x) => colFormat(t as RangeT, x, 'wrapText', v) },
      verticalAlignment: { set: (t, v, x) => colFormat(t as RangeT, x, 'verticalAlignment', v) },
    },
  },
  RangeFill: {
    scalars: {
      color: fillScalar('color', hex),
      pattern: fillScalar('pattern', String),
      patternColor: fillScalar('patternColor', hex),
      tintAndShade: fillScalar('tintAndShade', Number),
      patternTintAndShade: fillScalar('patternTintAndShade', Number),
    },
    methods: {
      clear: { kind: 'void', run: (t, _a, x) => formatWrite(t as RangeT, x, 'fill.clear', (c) => void (c.fill = { ...NO_FILL })) },
    },
  },
  RangeFont: {
    scalars: {
      bold: { set: (t, v, x) => formatWrite(t as RangeT, x, 'font.bold', (c) => void (c.font = { ...c.font, bold: Boolean(v) })) },
      color: { set: (t, v, x) => formatWrite(t as RangeT, x, 'font.color', (c) => void (c.font = { ...c.font, color: hex(v) })) },
    },
  },
  RangeAreas: {
    // No select(): that is ExcelApi 1.18, which the bundled office.js does not define.
    scalars: { address: { get: (t) => (t as AreasT).areas.map((a) => address((t as AreasT).sheet, a)).join(', ') } },
    nav: { worksheet: { type: 'Worksheet', get: (t) => (t as AreasT).sheet } },
  },
  NamedItemCollection: {
    items: { type: 'NamedItem', get: (_t, x) => [...x.names] },
    methods: {
      getItem: { kind: 'object', type: 'NamedItem', run: (_t, a, x) => x.names.find((n) => namesEqual(n.name, String(a[0]))) },
      add: {
        kind: 'object',
        type: 'NamedItem',
        run: (_t, a, x) => {
          const name = String(a[0]);
          const ref = a[1] as RangeT;
          // Not verified on Excel whether names can be added under structure protection; the host does not try.
          if (x.structureProtected) throw new FakeOfficeError('AccessDenied', 'fake Excel: names are not added while the structure is protected');
          if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || parseRangeA1(name)) throw new FakeOfficeError('InvalidArgument', `fake Excel: bad name ${name}`);
          if (x.names.some((n) => namesEqual(n.name, name))) throw new FakeOfficeError('ItemAlreadyExists', `fake Excel: name ${name} exists`);
          if (!ref || typeof ref !== 'object' || !('area' in ref)) throw new Error('fake Excel: names.add with a formula string is not modelled');
          const n: FakeName = { name, sheet: liveSheet(ref.sheet), area: { ...ref.area }, visible: true, addedInSync: x.syncCount };
          x.names.push(n);
          return n;
        },
      },
    },
  },
  NamedItem: {
    scalars: {
      name: { get: (t) => (t as FakeName).name },
      type: { get: (t) => (nameFormula(t as FakeName).includes('#REF!') ? 'Error' : 'Range') },
      formula: { get: (t) => nameFormula(t as FakeName) },
      visible: {
        get: (t) => (t as FakeName).visible,
        set: (t, v, x) => {
          const n = t as FakeName;
          // office-js issues 3878, 3949: set in the batch that adds the name, it does not take effect.
          if (n.addedInSync === x.syncCount) {
            x.ignoredWrites.push(`${n.name}.visible = ${String(v)}`);
            return;
          }
          n.visible = Boolean(v);
        },
      },
    },
    methods: {
      delete: {
        kind: 'void',
        run: (t, _a, x) => {
          const i = x.names.indexOf(t as FakeName);
          if (i < 0) throw new FakeOfficeError('ItemNotFound', 'fake Excel: name does not exist');
          x.names.splice(i, 1);
        },
      },
    },
  },
  SettingCollection: {
    items: { type: 'Setting', get: (_t, x) => [...x.settings.keys()].map((key) => ({ key }) satisfies SettingT) },
    methods: {
      getItem: { kind: 'object', type: 'Setting', run: (_t, a, x) => (x.settings.has(String(a[0])) ? ({ key: String(a[0]) } satisfies SettingT) : undefined) },
      getItemOrNullObject: {
        kind: 'object',
        type: 'Setting',
        orNull: true,
        run: (_t, a, x) => (x.settings.has(String(a[0])) ? ({ key: String(a[0]) } satisfies SettingT) : undefined),
      },
      add: {
        kind: 'object',
        type: 'Setting',
        run: (_t, a, x) => {
          x.settings.set(String(a[0]), JSON.stringify(a[1]));
          return { key: String(a[0]) } satisfies SettingT;
        },
      },
    },
  },
  Setting: {
    scalars: {
      key: { get: (t) => (t as SettingT).key },
      value: {
        get: (t, x) => {
          const v = x.settings.get((t as SettingT).key);
          if (v === undefined) throw new FakeOfficeError('ItemNotFound', `fake Excel: setting ${(t as SettingT).key} was deleted`);
          return JSON.parse(v) as unknown;
        },
      },
    },
    methods: {
      delete: {
        kind: 'void',
        run: (t, _a, x) => {
          if (!x.settings.delete((t as SettingT).key)) throw new FakeOfficeError('ItemNotFound', 'fake Excel: setting does not exist');
        },
      },
    },
  },
};

/** Whole rows ("8:9"): what the host inserts, copies and deletes. */
const entireRows = (t: RangeT) => t.area.left === 0 && t.area.right === MAX_COLS - 1;

/** WorksheetProtectionOptions as Excel reports them: every option, false unless allowed. */
function protectionOptions(s: FakeSheet): Excel.WorksheetProtectionOptions {
  const all: Excel.WorksheetProtectionOptions = {
    allowAutoFilter: false,
    allowDeleteColumns: false,
    allowDeleteRows: false,
    allowEditObjects: false,
    allowEditScenarios: false,
    allowFormatCells: false,
    allowFormatColumns: false,
    allowFormatRows: false,
    allowInsertColumns: false,
    allowInsertHyperlinks: false,
    allowInsertRows: false,
    allowPivotTables: false,
    allowSort: false,
  };
  return { ...all, ...s.protectionOptions, allowFormatCells: s.allowFormatCells };
}

function colFormat(t: RangeT, x: FakeExcel, key: string, v: unknown): void {
  for (let c = t.area.left; c <= t.area.right; c++) {
    const f = t.sheet.columnFormats.get(c) ?? {};
    f[key] = v;
    t.sheet.columnFormats.set(c, f);
  }
  x.log(t.sheet, t.area, key);
}

// ---------------------------------------------------------------------------
// What the shipped library offers

/**
 * Throws as calling `type.member` would in Excel with the bundled office.js:
 * a TypeError when the library does not define it, ApiNotFound when its
 * requirement set is above the Excel's.
 */
function checkMember(x: FakeExcel, type: string, member: string): void {
  const surface = bundledSurface();
  if (!surface.get(type)?.has(member)) {
    throw new TypeError(`fake Excel: Excel.${type}.${member} is not defined by the bundled office.js (@microsoft/office-js ${bundledVersion()})`);
  }
  const v = memberVersion(type, member);
  if (v === undefined || compareVersions(v, x.apiVersion) > 0) {
    throw new FakeOfficeError('ApiNotFound', `fake Excel: ${type}.${member} needs ExcelApi ${v ?? '?'}; this Excel supports ${x.apiVersion}`);
  }
}

// ---------------------------------------------------------------------------
// Payload, as Excel on the web counts it (the JSON of the request and of the response)

/** One command in the request: its id, type, name, object path id and argument wrapper. */
const ACTION_BYTES = 100;
/** One object path in the request (how the object is reached: parent, method, arguments). */
const OBJECT_PATH_BYTES = 110;
/** One loaded value's wrapper in the response. */
const VALUE_BYTES = 20;

const jsonBytes = (v: unknown): number => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8'));

// ---------------------------------------------------------------------------
// Proxies and the request queue

/** What the fake knows about one proxy object. */
interface Node {
  readonly type: string;
  /** undefined: not resolved yet (its command has not run); null: a null object. */
  target: Target | null | undefined;
  /** isNullObject is readable (a sync ran after the object was resolved). */
  synced: boolean;
  readonly loaded: Map<string, unknown>;
  readonly local: Map<string, unknown>;
  readonly children: Map<string, object>;
  readonly resolve: () => Target | null;
  /** A collection's item proxies made by the running sync's loads (several "items/…" paths share them). */
  items?: { sync: number; proxies: object[] };
}

class FakeContext {
  private queue: Array<() => void> = [];
  /** Deliveries of the running sync: applied only when the whole batch succeeded. */
  private deliveries: Array<() => void> = [];
  private request = 0;
  private response = 0;
  private readonly nodes = new WeakMap<object, Node>();
  private readonly unsynced: Node[] = [];
  private readonly workbook: object;

  constructor(private readonly x: FakeExcel) {
    this.workbook = this.proxy('Workbook', () => x);
  }

  asExcel(): Excel.RequestContext {
    const sync = () => this.sync();
    return { workbook: this.workbook, sync } as unknown as Excel.RequestContext;
  }

  private async sync(): Promise<void> {
    await Promise.resolve();
    this.x.syncCount++;
    const queue = this.queue;
    const request = this.request;
    this.queue = [];
    this.request = 0;
    this.deliveries = [];
    this.response = 0;
    if (request > this.x.payloadLimit) {
      this.x.syncLog.push({ request, response: 0 });
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `fake Excel: a request of ${request} bytes`);
    }
    try {
      for (const op of queue) op(); // a throw rejects the sync; earlier commands stay applied
    } finally {
      this.x.syncLog.push({ request, response: this.response });
    }
    if (this.response > this.x.payloadLimit) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `fake Excel: a response of ${this.response} bytes`);
    }
    for (const d of this.deliveries) d();
    // Objects resolved in this batch answer isNullObject from now on; the others wait for the batch that uses them.
    for (const n of this.unsynced.splice(0)) {
      if (n.target !== undefined) n.synced = true;
      else this.unsynced.push(n);
    }
  }

  /** The target, resolving it now if its command has not run (navigation objects resolve lazily). */
  private targetOf(n: Node): Target | null {
    if (n.target === undefined) n.target = n.resolve();
    return n.target;
  }

  /** The target something is called on: a null object fails (no document says what Excel does). */
  private liveTarget(n: Node, what: string): Target {
    const t = this.targetOf(n);
    if (t === null) throw new FakeOfficeError('NullObjectCall', `fake Excel: ${what} called on a null object (undocumented)`);
    return t;
  }

  private proxy(type: string, resolve: () => Target | null, eager = false): object {
    const node: Node = { type, target: undefined, synced: false, loaded: new Map(), local: new Map(), children: new Map(), resolve };
    this.unsynced.push(node);
    const def = TYPES[type];
    if (!def) throw new Error(`fake Excel: type ${type} not modelled`);
    const self = this;
    const p: object = new Proxy(
      {},
      {
        get(_o, prop) {
          if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
          if (prop === 'isNullObject') {
            checkMember(self.x, type, prop);
            if (!node.synced) throw notLoaded('isNullObject');
            return node.target === null;
          }
          if (prop === 'context') return self.asExcel();
          if (prop === 'load') {
            checkMember(self.x, type, prop);
            return (what?: string | string[]) => (self.queueLoad(p, node, what), p);
          }
          if (prop === 'items' && def.items) {
            checkMember(self.x, type, prop);
            if (!node.loaded.has('items')) throw notLoaded('items');
            return node.loaded.get('items');
          }
          const nav = def.nav?.[prop];
          if (nav) {
            checkMember(self.x, type, prop);
            let child = node.children.get(prop);
            if (!child) {
              self.request += OBJECT_PATH_BYTES;
              child = self.proxy(nav.type, () => nav.get(self.liveTarget(node, `${type}.${prop}`)));
              node.children.set(prop, child);
            }
            return child;
          }
          const m = def.methods?.[prop];
          if (m) {
            checkMember(self.x, type, prop);
            return (...args: unknown[]) => self.call(node, type, prop, m, args);
          }
          const s = def.scalars?.[prop];
          if (s) {
            checkMember(self.x, type, prop);
            if (node.local.has(prop)) return node.local.get(prop);
            if (node.loaded.has(prop)) return node.loaded.get(prop);
            throw notLoaded(prop);
          }
          checkMember(self.x, type, prop); // a member the library lacks fails as such first
          throw new Error(`fake Excel: ${type}.${prop} is not modelled`);
        },
        set(_o, prop, value) {
          if (typeof prop === 'string') checkMember(self.x, type, prop);
          const s = typeof prop === 'string' ? def.scalars?.[prop] : undefined;
          if (!s?.set) throw new Error(`fake Excel: ${type}.${String(prop)} cannot be set`);
          node.local.set(prop as string, value);
          self.request += ACTION_BYTES + jsonBytes(value);
          self.queue.push(() => s.set!(self.liveTarget(node, `set ${type}.${String(prop)}`), value, self.x));
          return true;
        },
      },
    );
    this.nodes.set(p, node);
    // Objects returned by methods are resolved by a command of their own, at their place in the queue.
    if (eager) this.queue.push(() => void this.targetOf(node));
    return p;
  }

  /** An argument as the command sees it: a proxy (a Range passed to names.add) is its object. */
  private argument(a: unknown): unknown {
    const n = a !== null && typeof a === 'object' ? this.nodes.get(a) : undefined;
    if (!n) return a;
    const t = this.targetOf(n);
    if (t === null) throw new FakeOfficeError('NullObjectCall', 'fake Excel: a null object passed as an argument (undocumented)');
    return t;
  }

  private call(node: Node, type: string, name: string, m: Method, args: unknown[]): unknown {
    const argBytes = jsonBytes(args.map((a) => (a !== null && typeof a === 'object' && this.nodes.has(a) ? 0 : a)));
    if (m.kind === 'object') {
      this.request += OBJECT_PATH_BYTES + argBytes;
      return this.proxy(
        m.type,
        () => {
          const t = this.liveTarget(node, `${type}.${name}()`);
          const r = m.run(t, args.map((a) => this.argument(a)), this.x);
          if (r === undefined || r === null) {
            if (m.orNull) return null;
            throw new FakeOfficeError('ItemNotFound', `fake Excel: ${type}.${name}(${args.map((a) => JSON.stringify(a)).join(', ')}) found nothing`);
          }
          return r;
        },
        true,
      );
    }
    this.request += ACTION_BYTES + argBytes;
    if (m.kind === 'void') {
      // A proxy argument (the source of copyFrom) is its object when the command runs.
      this.queue.push(() => m.run(this.liveTarget(node, `${type}.${name}()`), args.map((a) => this.argument(a)), this.x));
      return undefined;
    }
    // A ClientResult: its value is delivered by the sync.
    let ready = false;
    let value: unknown;
    this.queue.push(() => {
      const v = m.run(this.liveTarget(node, `${type}.${name}()`), args, this.x);
      this.response += VALUE_BYTES + jsonBytes(v);
      this.deliveries.push(() => {
        value = v;
        ready = true;
      });
    });
    return {
      get value() {
        if (!ready) throw notLoaded('value');
        return value;
      },
    };
  }

  private queueLoad(p: object, node: Node, what: string | string[] | undefined): void {
    const paths = (Array.isArray(what) ? what : (what ?? '').split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (paths.length === 0) throw new Error('fake Excel: load() without property names is not modelled');
    for (const path of paths) this.checkPath(node.type, path.split('/'));
    this.request += ACTION_BYTES + jsonBytes(paths.join(','));
    this.queue.push(() => {
      for (const path of paths) this.loadPath(p, node, path.split('/'), true);
    });
  }

  /** Every member of a load path exists in the library and in this Excel's requirement sets. */
  private checkPath(type: string, path: string[]): void {
    const [head, ...rest] = path;
    const def = TYPES[type];
    checkMember(this.x, type, head!);
    if (rest.length === 0) return;
    if (head === 'items' && def?.items) this.checkPath(def.items.type, rest);
    else if (def?.nav?.[head!]) this.checkPath(def.nav[head!]!.type, rest);
    else throw new Error(`fake Excel: load path ${type}.${path.join('/')} not modelled`);
  }

  /**
   * Loads one path ("values", "format/fill/color", "items/protection/protected") on a proxy, now (inside the sync).
   * `direct`: the path starts at the object load() was called on, the one place a null object may be.
   */
  private loadPath(p: object, node: Node, path: string[], direct: boolean): void {
    const [head, ...rest] = path;
    const def = TYPES[node.type]!;
    const t = this.targetOf(node);
    if (t === null) {
      // Documented: load a null object's properties, then test isNullObject. Nothing is delivered.
      if (direct && rest.length === 0) return;
      throw new FakeOfficeError('NullObjectCall', `fake Excel: load through a null object (undocumented)`);
    }
    if (head === 'items' && def.items) {
      if (rest.length === 0) throw new Error('fake Excel: load("items") without a property is not modelled');
      if (node.items?.sync !== this.x.syncCount) {
        const items = def.items.get(t, this.x).map((it) => this.proxy(def.items!.type, () => it));
        node.items = { sync: this.x.syncCount, proxies: items };
        this.deliveries.push(() => node.loaded.set('items', items));
      }
      for (const item of node.items.proxies) this.loadPath(item, this.nodes.get(item)!, rest, false);
      return;
    }
    if (rest.length > 0) {
      const child = (p as Record<string, unknown>)[head!] as object; // navigation proxy
      this.loadPath(child, this.nodes.get(child)!, rest, false);
      return;
    }
    const s = def.scalars?.[head!];
    if (!s?.get) throw new Error(`fake Excel: ${node.type}.${head} cannot be loaded`);
    const v = structuredClone(s.get(t, this.x));
    this.response += VALUE_BYTES + jsonBytes(v);
    this.deliveries.push(() => node.loaded.set(head!, v));
  }
}
