/**
 * A fake of the WPS 表格 (ET) object model as a WPS 加载项 sees it on
 * window.Application, faithful where the WPS host depends on it and failing
 * where WPS would refuse. Nobody on this project can run WPS: this fake is
 * written from the documentation, cited here, and where a behaviour is the
 * fake's own choice it says so.
 *
 * Sources
 * - The members and their kind (method or property, read-only or not):
 *   Kingsoft's declarations of the add-in API, npm et-jsapi-declare 2.5.0
 *   (lib.et.d.ts, index.d.ts, lib.kso.d.ts — "用C++代码静态分析的方法分析api实现
 *   得到的类型定义"), kept as ./wps-api-surface.json (scripts/wps-api-surface.mjs).
 *   A member not declared there throws a TypeError, as calling an undefined
 *   member does in WPS; a declared member the fake does not model throws
 *   "not modelled", so the fake cannot pass silently. Range.Address is a
 *   method there, and is one here.
 * - WPS's ET API reference, airsheet.wps.cn/docs/apiV2/excel/workbook/…:
 *   Range/属性/Value2 ("返回或设置单元格值"), Range/属性/Interior,
 *   DisplayFormat/属性/NumberFormat ("如果指定区域中的所有单元格不具有相同的数字
 *   格式，则此属性将返回 Null"), Range/方法/Value ("也可以用 Range.Value2 属性").
 * - The WPS 加载项 templates of the vendor toolkit, npm wpsjs 2.2.3
 *   (packages/@wps-jsapi/et: js/ribbon.js — window.Application.ActiveWorkbook,
 *   CreateTaskPane(url) returning a pane with ID and Visible, GetTaskPane(id),
 *   PluginStorage.setItem/getItem, ribbonUI.InvalidateControl; ribbon.xml —
 *   onLoad, onAction, getImage callbacks by global function name).
 * - Where those are silent, the Excel VBA object model that ET mirrors
 *   (learn.microsoft.com/office/vba/api/excel.*):
 *   · Range.Value: "For ranges whose first area contains more than one cell,
 *     Value returns a Variant containing a 2-dimensional array"; "Assigning a
 *     2-dim array to the Value property will copy the values to the range in
 *     one operation". Value2 "the only difference … doesn't use the Currency
 *     and Date data types". Here: rows of columns, 0-based; one cell: its
 *     value; an empty cell: `undefined` (how WPS hands an Empty Variant to
 *     JavaScript is not documented: FakeEtOptions.emptyValue tries null and
 *     ''). Writing a text that looks like a number into a cell not formatted
 *     as text stores a number; one starting with "=" a formula, as typing it.
 *   · Range.NumberFormat: "returns Null if all cells in the specified range
 *     don't have the same number format". Interior.Color/Pattern/…, Font and
 *     Range.Text behave the same way here (one value when the cells agree,
 *     null otherwise): Range.Text is never an array.
 *   · Range.MergeCells: true when every cell is in a merged area, false when
 *     none is, null for a mix; MergeArea: "If the specified range isn't in a
 *     merged range, this property returns the specified range" (asked of one
 *     cell here; of several it throws, the fake's choice).
 *   · Interior: Color is an RGB long (RGB(r,g,b) = r + g·256 + b·65536); a cell
 *     without fill reads Pattern xlPatternNone (−4142) and Color 16777215;
 *     setting Color on a cell without fill makes it solid; Pattern =
 *     xlPatternNone removes the fill.
 *   · Range.AddComment: one cell; a cell that already has a comment refuses
 *     (run-time error 1004 in Excel). Range.Comment: Nothing (null here)
 *     without one.
 *   · Names.Add(Name, RefersTo, Visible): Visible False hides the name. A
 *     name's RefersTo moves with inserted and deleted rows and columns and
 *     follows a renamed sheet, and reads #REF! once its cells or its sheet
 *     are gone. Names.Item(name) of a missing name fails.
 *   · Worksheets.Add(Before, After): the new sheet becomes the active sheet.
 *     Worksheet.Delete "displays a dialog box that prompts the user to confirm
 *     the deletion" unless Application.DisplayAlerts is False (counted here in
 *     `dialogs`). Range.Select works only on the active sheet; a hidden sheet
 *     cannot be activated; the last visible sheet cannot be hidden or deleted;
 *     hiding the active sheet activates the next visible one.
 *   · Protection: a protected sheet refuses values, comments and links, and
 *     formats unless Protection.AllowFormattingCells; a workbook whose
 *     structure is protected refuses adding, deleting, renaming and hiding
 *     sheets (names too: not verified, the host does not try).
 *   · Worksheet.Name: at most 31 characters, none of : \ / ? * [ ], unique
 *     without regard to case.
 * - Calls are synchronous in the WPS add-in runtime (the templates use the
 *   results at once). Every property read, property write and method call on
 *   a WPS object crosses into WPS, and is counted (`calls`, `log`).
 *
 * The workbook holds sheets of sparse cells { value, numberFormat, fill,
 * comment?, hyperlink?, font? } with merged areas, column formats, page setup
 * and frozen rows; workbook names; structure protection; the active sheet and
 * the selection. `reopen()` is the workbook saved, closed and opened again:
 * what a file keeps (cells, fills, comments, names, hidden sheets) and nothing
 * else (PluginStorage, task panes, the selection, the counters).
 *
 * A user's structural edits (insertRows, deleteRows, insertColumns,
 * deleteColumns, renameSheet, deleteSheet) move cells, comments, merged areas
 * and names as WPS does for what the fake holds.
 */
import { cellA1, columnIndex, columnLetters, parseRangeA1, quoteSheetName } from '../../src/core/grid/a1';
import type { CellRange } from '../../src/core/grid/grid';
import { cellParts, formatNumber, type WorkbookSpec } from '../fixtures';
import SURFACE from './wps-api-surface.json';

// ---------------------------------------------------------------------------
// The workbook

export interface EtFill {
  pattern: number;
  color: number;
  tint: number;
  patternColor: number;
  patternTint: number;
}

/** A cell without fill, as WPS reports it. */
export const NO_FILL: Readonly<EtFill> = { pattern: -4142, color: 16777215, tint: 0, patternColor: 0, patternTint: 0 };

export interface EtCell {
  value: string | number | boolean;
  numberFormat: string;
  /** A formula without "=" (written by someone typing "=…"; the fake does not calculate). */
  formula?: string;
  fill: EtFill;
  comment?: { text: string };
  hyperlink?: { address: string; subAddress: string; screenTip: string; text: string };
  font?: { bold?: boolean; color?: number };
}

export interface EtSheetModel {
  name: string;
  cells: (EtCell | undefined)[][];
  merges: CellRange[];
  /** xlSheetVisible −1, xlSheetHidden 0, xlSheetVeryHidden 2. */
  visible: number;
  protectContents: boolean;
  allowFormattingCells: boolean;
  columnFormats: Map<number, Record<string, unknown>>;
  pageSetup: Record<string, unknown>;
  frozenRows: number;
  deleted: boolean;
}

export interface EtNameModel {
  name: string;
  sheet: EtSheetModel;
  /** null: its cells were deleted (#REF!). */
  area: CellRange | null;
  /** A reference to whole columns ("$A:$A"). */
  columns: boolean;
  visible: boolean;
}

export interface FakeEtOptions {
  /** What Value2 gives for an empty cell (undocumented; default undefined). */
  readonly emptyValue?: null | undefined | '';
}

export class FakeEtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WpsError';
  }
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** A range larger than this is not iterated cell by cell. */
const MAX_ITERATED = 5_000_000;

const sizeOf = (a: CellRange) => (a.bottom - a.top + 1) * (a.right - a.left + 1);
const sameFill = (a: EtFill, b: EtFill) => a.pattern === b.pattern && a.color === b.color && a.tint === b.tint && a.patternColor === b.patternColor && a.patternTint === b.patternTint;
const emptyCell = (): EtCell => ({ value: '', numberFormat: 'General', fill: { ...NO_FILL } });
const hasContent = (c: EtCell) => c.value !== '' || c.formula !== undefined;
const hasFormat = (c: EtCell) => c.numberFormat !== 'General' || !sameFill(c.fill, NO_FILL) || c.comment !== undefined || c.hyperlink !== undefined || c.font !== undefined;
const rgb = (r: number, g: number, b: number) => r + g * 256 + b * 65536;
export { rgb };

function displayText(c: EtCell): string {
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

function areaA1(a: CellRange, absolute = true): string {
  const $ = absolute ? '$' : '';
  if (a.top === 0 && a.bottom === MAX_ROWS - 1) return `${$}${columnLetters(a.left)}:${$}${columnLetters(a.right)}`;
  const one = (r: number, c: number) => `${$}${columnLetters(c)}${$}${r + 1}`;
  return a.top === a.bottom && a.left === a.right ? one(a.top, a.left) : `${one(a.top, a.left)}:${one(a.bottom, a.right)}`;
}

function parseAddress(address: unknown): CellRange {
  if (typeof address !== 'string') throw new FakeEtError(`fake ET: Range(${String(address)}): an A1 address is expected`);
  const a = address.trim().replace(/\$/g, '');
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(a);
  if (cols) return { top: 0, bottom: MAX_ROWS - 1, left: columnIndex(cols[1]!), right: columnIndex(cols[2]!) };
  const r = a.includes('!') || a.includes(',') ? undefined : parseRangeA1(a);
  if (!r || r.bottom >= MAX_ROWS || r.right >= MAX_COLS) throw new FakeEtError(`fake ET: Range("${address}"): not an address`);
  return r;
}

/** Where index i goes when `count` lines are inserted (> 0) or deleted (< 0) at `at`; undefined: deleted. */
function mapIndex(i: number, at: number, count: number): number | undefined {
  if (i < at) return i;
  if (count > 0) return i + count;
  return i >= at - count ? i + count : undefined;
}

/** A span after the same edit, as a reference moves: null when all of it is deleted. */
function moveSpan(lo: number, hi: number, at: number, count: number): [number, number] | null {
  if (count > 0) return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
  const del = -count;
  const newLo = lo < at ? lo : lo >= at + del ? lo - del : at;
  const newHi = hi < at ? hi : hi >= at + del ? hi - del : at - 1;
  return newHi < newLo ? null : [newLo, newHi];
}

const namesEqual = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A deep copy of plain data (arrays with holes kept; structuredClone is missing under jsdom). */
function clone<T>(v: T): T {
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    v.forEach((x, i) => (out[i] = clone(x)));
    return out as T;
  }
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, clone(x)])) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

/** One crossing into WPS. */
export interface EtCall {
  readonly type: string;
  readonly member: string;
  readonly kind: 'get' | 'set' | 'call';
  /** The sheet a Range, Interior, Font or Worksheet belongs to. */
  readonly sheet?: string;
  /** A Range's size in cells. */
  readonly cells?: number;
}

export class FakeEt {
  readonly sheets: EtSheetModel[] = [];
  readonly names: EtNameModel[] = [];
  structureProtected = false;
  /** ActiveWorkbook is null (no workbook open). */
  noWorkbook = false;
  activeSheet: EtSheetModel | undefined;
  selection: { sheet: EtSheetModel; area: CellRange } | 'shape' | undefined;
  screenUpdating = true;
  displayAlerts = true;
  /** Confirmation dialogs WPS would have shown (a sheet deleted with DisplayAlerts on). */
  dialogs = 0;
  calls = 0;
  readonly log: EtCall[] = [];
  readonly pluginStorage = new Map<string, string>();
  readonly taskPanes: { id: number; url: string; visible: boolean; dock: number; width: number }[] = [];
  readonly emptyValue: null | undefined | '';
  private sheetCounter = 0;

  constructor(o: FakeEtOptions = {}) {
    this.emptyValue = o.emptyValue;
  }

  /** A fake holding the spec's sheets: values and number formats as in specToXlsx, nothing filled. */
  static fromSpec(spec: WorkbookSpec, o?: FakeEtOptions): FakeEt {
    const x = new FakeEt(o);
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
    x.activeSheet = x.sheets[0];
    return x;
  }

  addSheet(name: string): EtSheetModel {
    const s: EtSheetModel = {
      name,
      cells: [],
      merges: [],
      visible: -1,
      protectContents: false,
      allowFormattingCells: false,
      columnFormats: new Map(),
      pageSetup: {},
      frozenRows: 0,
      deleted: false,
    };
    this.sheets.push(s);
    this.activeSheet ??= s;
    return s;
  }

  liveSheets(): EtSheetModel[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  sheet(name: string): EtSheetModel {
    const s = this.liveSheets().find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cellAt(sheet: EtSheetModel, row: number, col: number, create: true): EtCell;
  cellAt(sheet: EtSheetModel, row: number, col: number, create?: false): EtCell | undefined;
  cellAt(sheet: EtSheetModel, row: number, col: number, create = false): EtCell | undefined {
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
  cell(sheet: string, a1: string): EtCell {
    const p = parseRangeA1(a1)!;
    return clone(this.cellAt(this.sheet(sheet), p.top, p.left) ?? emptyCell());
  }

  // --- what a user does in WPS (no call counted) ---

  setFill(sheet: string, a1: string, fill: Partial<EtFill>): void {
    const p = parseRangeA1(a1)!;
    this.cellAt(this.sheet(sheet), p.top, p.left, true).fill = { ...NO_FILL, ...fill };
  }

  setValue(sheet: string, a1: string, value: string | number): void {
    const p = parseRangeA1(a1)!;
    this.cellAt(this.sheet(sheet), p.top, p.left, true).value = value;
  }

  addUserComment(sheet: string, a1: string, text: string): void {
    const p = parseRangeA1(a1)!;
    this.cellAt(this.sheet(sheet), p.top, p.left, true).comment = { text };
  }

  insertRows(sheet: string, before: number, count = 1): void {
    this.shift(this.sheet(sheet), 'row', before - 1, count);
  }

  deleteRows(sheet: string, first: number, count = 1): void {
    this.shift(this.sheet(sheet), 'row', first - 1, -count);
  }

  insertColumns(sheet: string, before: string, count = 1): void {
    this.shift(this.sheet(sheet), 'col', columnIndex(before), count);
  }

  deleteColumns(sheet: string, first: string, count = 1): void {
    this.shift(this.sheet(sheet), 'col', columnIndex(first), -count);
  }

  renameSheet(from: string, to: string): void {
    if (this.liveSheets().some((s) => namesEqual(s.name, to))) throw new Error(`sheet ${to} exists`);
    this.sheet(from).name = to;
  }

  /** The user deletes a sheet: names referring to it become #REF!. */
  deleteSheet(name: string): void {
    const s = this.sheet(name);
    s.deleted = true;
    if (this.activeSheet === s) this.activeSheet = this.liveSheets().find((x) => x.visible === -1);
  }

  defineName(name: string, sheet: string, a1: string, visible = true): void {
    this.names.push({ name, sheet: this.sheet(sheet), area: parseRangeA1(a1)!, columns: false, visible });
  }

  private shift(s: EtSheetModel, axis: 'row' | 'col', at: number, count: number): void {
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
    for (const n of this.names) if (n.sheet === s && n.area && !(n.columns && axis === 'row')) n.area = move(n.area);
  }

  // --- inspection ---

  /** Every cell's fill that is not "no fill", by "Sheet!A1" (live sheets). */
  fills(): Map<string, EtFill> {
    const out = new Map<string, EtFill>();
    for (const s of this.liveSheets()) {
      s.cells.forEach((row, r) =>
        row?.forEach((c, col) => {
          if (c && !sameFill(c.fill, NO_FILL)) out.set(`${s.name}!${cellA1(r, col)}`, { ...c.fill });
        }),
      );
    }
    return out;
  }

  /** Comments, by "Sheet!A1". */
  comments(): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of this.liveSheets()) s.cells.forEach((row, r) => row?.forEach((c, col) => c?.comment && out.set(`${s.name}!${cellA1(r, col)}`, c.comment.text)));
    return out;
  }

  /** Values, formulas and number formats of the sheets, for deep comparison. */
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

  /** The workbook saved, closed and opened again (see the notes at the top). */
  reopen(o?: FakeEtOptions): FakeEt {
    const x = new FakeEt(o ?? { emptyValue: this.emptyValue });
    const bySheet = new Map<EtSheetModel, EtSheetModel>();
    for (const s of this.liveSheets()) {
      const copy: EtSheetModel = clone(s);
      x.sheets.push(copy);
      bySheet.set(s, copy);
    }
    for (const n of this.names) {
      const sheet = bySheet.get(n.sheet);
      // A name whose sheet is gone is saved as a #REF! name.
      x.names.push({ ...n, sheet: sheet ?? { ...n.sheet }, area: sheet ? n.area && { ...n.area } : null });
    }
    x.structureProtected = this.structureProtected;
    x.activeSheet = this.activeSheet && bySheet.get(this.activeSheet);
    return x;
  }

  /** Calls matching a filter. */
  count(f: (c: EtCall) => boolean): number {
    return this.log.filter(f).length;
  }

  /** The window.Application object of the add-in runtime. */
  get application(): unknown {
    return this.wrap('Application', this);
  }

  // --- used by the object model ---

  usedArea(s: EtSheetModel): CellRange | undefined {
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
    s.cells.forEach((row, r) => row?.forEach((c, col) => c && (hasContent(c) || hasFormat(c)) && take(r, col)));
    for (const m of s.merges) (take(m.top, m.left), take(m.bottom, m.right));
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  newSheetName(): string {
    for (;;) {
      const name = `Sheet${++this.sheetCounter}`;
      if (!this.liveSheets().some((s) => namesEqual(s.name, name))) return name;
    }
  }

  private readonly proxies = new WeakMap<object, { type: string; target: unknown }>();

  /** The proxy of a WPS object: every member access goes through TYPES. */
  wrap(type: string, target: unknown): object {
    const def = TYPES[type];
    if (!def) throw new Error(`fake ET: type ${type} not modelled`);
    const surface = surfaceOf(type);
    const x = this;
    const sheetOf = (): string | undefined => (def.sheetOf ? def.sheetOf(target)?.name : undefined);
    const p: object = new Proxy(
      {},
      {
        get(_o, prop) {
          if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
          const kind = surface.get(prop);
          if (kind === undefined) throw new TypeError(`fake ET: ${type}.${prop} is not in the WPS API (et-jsapi-declare 2.5.0)`);
          if (kind === 'method') {
            const m = def.methods?.[prop];
            if (!m) throw new Error(`fake ET: ${type}.${prop}() is not modelled`);
            return (...args: unknown[]) => {
              x.count1({ type, member: prop, kind: 'call', sheet: sheetOf(), cells: def.cellsOf?.(target) });
              return m(target, args.map((a) => x.unwrap(a)), x);
            };
          }
          const g = def.get?.[prop];
          if (!g) throw new Error(`fake ET: ${type}.${prop} is not modelled`);
          x.count1({ type, member: prop, kind: 'get', sheet: sheetOf(), cells: def.cellsOf?.(target) });
          return g(target, x);
        },
        set(_o, prop, value) {
          if (typeof prop === 'symbol') return false;
          const kind = surface.get(prop);
          if (kind === undefined) throw new TypeError(`fake ET: ${type}.${prop} is not in the WPS API (et-jsapi-declare 2.5.0)`);
          if (kind !== 'property') throw new TypeError(`fake ET: ${type}.${prop} cannot be set (${kind})`);
          const s = def.set?.[prop];
          if (!s) throw new Error(`fake ET: setting ${type}.${prop} is not modelled`);
          x.count1({ type, member: prop, kind: 'set', sheet: sheetOf(), cells: def.cellsOf?.(target) });
          s(target, x.unwrap(value), x);
          return true;
        },
      },
    );
    this.proxies.set(p, { type, target });
    return p;
  }

  private unwrap(v: unknown): unknown {
    if (v !== null && typeof v === 'object') {
      const w = this.proxies.get(v);
      if (w) return w;
    }
    return v;
  }

  private count1(c: EtCall): void {
    this.calls++;
    this.log.push(c);
  }
}

// ---------------------------------------------------------------------------
// The object model

const KIND = SURFACE.interfaces as Record<string, Record<string, 'method' | 'property' | 'readonly'>>;

/** Fake type → the interfaces of et-jsapi-declare it answers for. */
const INTERFACES: Record<string, string[]> = {
  Application: ['Et.Application', 'WPS.AddonRoot'],
  Workbook: ['Et.Workbook'],
  Sheets: ['Et.Sheets'],
  Worksheet: ['Et.Worksheet'],
  Range: ['Et.Range'],
  Interior: ['Et.Interior'],
  Font: ['Et.Font'],
  Comment: ['Et.Comment'],
  Names: ['Et.Names'],
  Name: ['Et.Name'],
  Hyperlinks: ['Et.Hyperlinks'],
  PageSetup: ['Et.PageSetup'],
  Window: ['Et.Window'],
  Protection: ['Et.Protection'],
  TaskPane: ['WPS.CustomTaskpane'],
  PluginStorage: ['WPS.PluginStorage'],
  RibbonUi: ['WPS.RibbonUi'],
};

const surfaces = new Map<string, Map<string, 'method' | 'property' | 'readonly'>>();
function surfaceOf(type: string): Map<string, 'method' | 'property' | 'readonly'> {
  let s = surfaces.get(type);
  if (!s) {
    s = new Map();
    for (const i of INTERFACES[type] ?? []) for (const [k, v] of Object.entries(KIND[i] ?? {})) if (!s.has(k)) s.set(k, v);
    surfaces.set(type, s);
  }
  return s;
}

interface RangeT {
  readonly sheet: EtSheetModel;
  readonly area: CellRange;
}
interface Wrapped {
  readonly type: string;
  readonly target: unknown;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each type's target is its own shape */
type Getter = (t: any, x: FakeEt) => unknown;
type Setter = (t: any, v: unknown, x: FakeEt) => void;
type MethodImpl = (t: any, args: unknown[], x: FakeEt) => unknown;
interface TypeDef {
  get?: Record<string, Getter>;
  set?: Record<string, Setter>;
  methods?: Record<string, MethodImpl>;
  sheetOf?: (t: any) => EtSheetModel | undefined;
  cellsOf?: (t: any) => number | undefined;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function live(s: EtSheetModel): EtSheetModel {
  if (s.deleted) throw new FakeEtError(`fake ET: sheet ${s.name} was deleted`);
  return s;
}

function eachCell(t: RangeT, f: (r: number, c: number) => void): void {
  if (sizeOf(t.area) > MAX_ITERATED) throw new FakeEtError(`fake ET: range ${areaA1(t.area)} too large for this operation`);
  for (let r = t.area.top; r <= t.area.bottom; r++) for (let c = t.area.left; c <= t.area.right; c++) f(r, c);
}

/** One value for the range when its cells agree, null otherwise. */
function uniform<T>(t: RangeT, x: FakeEt, f: (c: EtCell) => T): T | null {
  let first: T | undefined;
  let same = true;
  eachCell(t, (r, c) => {
    const v = f(x.cellAt(live(t.sheet), r, c) ?? emptyCell());
    if (first === undefined) first = v;
    else if (v !== first) same = false;
  });
  return same ? (first ?? null) : null;
}

function formatWrite(t: RangeT, x: FakeEt, f: (c: EtCell) => void): void {
  const s = live(t.sheet);
  if (s.protectContents && !s.allowFormattingCells) throw new FakeEtError(`fake ET: ${s.name} is protected`);
  eachCell(t, (r, c) => f(x.cellAt(s, r, c, true)));
}

function contentWrite(t: RangeT): EtSheetModel {
  const s = live(t.sheet);
  if (s.protectContents) throw new FakeEtError(`fake ET: ${s.name} is protected`);
  return s;
}

function structureWrite(x: FakeEt): void {
  if (x.structureProtected) throw new FakeEtError('fake ET: the workbook structure is protected');
}

function isMerged(s: EtSheetModel, r: number, c: number): boolean {
  return s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
}

function oneCell(t: RangeT, what: string): void {
  if (t.area.top !== t.area.bottom || t.area.left !== t.area.right) throw new FakeEtError(`fake ET: ${what} of ${areaA1(t.area)}: one cell is expected`);
}

/** A value written to a cell, as WPS stores what is typed (numbers and formulas unless the cell is text). */
function store(c: EtCell, v: unknown): void {
  delete c.formula;
  if (v === '' || v === null || v === undefined) {
    c.value = '';
    return;
  }
  if (typeof v === 'string' && c.numberFormat !== '@') {
    if (v.startsWith('=')) {
      c.formula = v.slice(1);
      c.value = '';
      return;
    }
    if (/^-?\d+(\.\d+)?$/.test(v.trim())) {
      c.value = Number(v);
      return;
    }
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') c.value = v;
  else throw new FakeEtError(`fake ET: cannot store ${String(v)}`);
}

function colFormat(t: RangeT, key: string, v: unknown): void {
  if (!(t.area.top === 0 && t.area.bottom === MAX_ROWS - 1)) throw new Error(`fake ET: ${key} on ${areaA1(t.area)} (not whole columns) is not modelled`);
  for (let c = t.area.left; c <= t.area.right; c++) {
    const f = t.sheet.columnFormats.get(c) ?? {};
    f[key] = v;
    t.sheet.columnFormats.set(c, f);
  }
}

const fillGet = (key: keyof EtFill) => (t: RangeT, x: FakeEt) => uniform(t, x, (c) => c.fill[key]);
const fillSet = (key: keyof EtFill) => (t: RangeT, v: unknown, x: FakeEt) =>
  formatWrite(t, x, (c) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FakeEtError(`fake ET: Interior.${key} = ${String(v)}`);
    if (key === 'pattern') {
      if (v === 4000 || v === 4001) throw new FakeEtError('fake ET: a gradient is set through Interior.Gradient, not Pattern');
      c.fill = v === NO_FILL.pattern ? { ...NO_FILL } : { ...c.fill, pattern: v };
      return;
    }
    const fill = { ...c.fill, [key]: v };
    // A colour given to a cell without fill makes it solid.
    if (key === 'color' && c.fill.pattern === NO_FILL.pattern) fill.pattern = 1;
    c.fill = fill;
  });

/** A name's RefersTo as WPS gives it. */
function nameFormula(n: EtNameModel): string {
  const abs = (a: CellRange) => (n.columns ? `$${columnLetters(a.left)}:$${columnLetters(a.right)}` : areaA1(a));
  if (n.sheet.deleted) return n.area ? `=#REF!${abs(n.area)}` : '=#REF!';
  return `=${quoteSheetName(n.sheet.name)}!${n.area ? abs(n.area) : '#REF!'}`;
}

function sheetByIndex(x: FakeEt, index: unknown): EtSheetModel {
  const live = x.liveSheets();
  const s = typeof index === 'number' ? live[index - 1] : live.find((w) => namesEqual(w.name, String(index)));
  if (!s) throw new FakeEtError(`fake ET: Worksheets.Item(${JSON.stringify(index)}): no such sheet`);
  return s;
}

function validSheetName(x: FakeEt, name: unknown, self?: EtSheetModel): string {
  if (typeof name !== 'string' || name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new FakeEtError(`fake ET: ${String(name)} is not a valid sheet name`);
  if (x.liveSheets().some((s) => s !== self && namesEqual(s.name, name))) throw new FakeEtError(`fake ET: a sheet named ${name} exists`);
  return name;
}

function nextVisible(x: FakeEt, except: EtSheetModel): EtSheetModel | undefined {
  return x.liveSheets().find((s) => s !== except && s.visible === -1);
}

function parseRefersTo(x: FakeEt, refersTo: unknown): { sheet: EtSheetModel; area: CellRange; columns: boolean } {
  if (typeof refersTo !== 'string' || !refersTo.startsWith('=')) throw new FakeEtError(`fake ET: RefersTo ${String(refersTo)}`);
  const f = refersTo.slice(1);
  const i = f.lastIndexOf('!');
  if (i <= 0) throw new FakeEtError(`fake ET: RefersTo ${refersTo} (a sheet reference is expected)`);
  let sheetName = f.slice(0, i);
  if (sheetName.startsWith("'")) {
    if (!sheetName.endsWith("'")) throw new FakeEtError(`fake ET: RefersTo ${refersTo}`);
    sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  } else if (/[^A-Za-z0-9_.\u00C0-\uFFFF]/.test(sheetName) || quoteSheetName(sheetName) !== sheetName) {
    throw new FakeEtError(`fake ET: RefersTo ${refersTo}: the sheet name must be quoted`);
  }
  const sheet = x.liveSheets().find((s) => s.name === sheetName);
  if (!sheet) throw new FakeEtError(`fake ET: RefersTo ${refersTo}: no sheet ${sheetName}`);
  const ref = f.slice(i + 1);
  if (!/^\$[A-Z]+(\$\d+)?(:\$[A-Z]+(\$\d+)?)?$/.test(ref)) throw new FakeEtError(`fake ET: RefersTo ${refersTo}: absolute references only in this fake`);
  const area = parseAddress(ref);
  return { sheet, area, columns: !/\d/.test(ref) };
}

const TYPES: Record<string, TypeDef> = {
  Application: {
    get: {
      ActiveWorkbook: (_t, x) => (x.noWorkbook ? null : x.wrap('Workbook', x)),
      ActiveSheet: (_t, x) => (x.noWorkbook || !x.activeSheet ? null : x.wrap('Worksheet', x.activeSheet)),
      ActiveWindow: (_t, x) => (x.noWorkbook ? null : x.wrap('Window', x)),
      Selection: (_t, x) => {
        if (!x.selection) return null;
        if (x.selection === 'shape') return { Name: '图表 1' }; // a shape: no Address
        return x.wrap('Range', { sheet: x.selection.sheet, area: x.selection.area } satisfies RangeT);
      },
      ScreenUpdating: (_t, x) => x.screenUpdating,
      DisplayAlerts: (_t, x) => x.displayAlerts,
      PluginStorage: (_t, x) => x.wrap('PluginStorage', x),
      ribbonUI: (_t, x) => x.wrap('RibbonUi', x),
    },
    set: {
      ScreenUpdating: (_t, v, x) => void (x.screenUpdating = Boolean(v)),
      DisplayAlerts: (_t, v, x) => void (x.displayAlerts = Boolean(v)),
    },
    methods: {
      CreateTaskPane: (_t, a, x) => {
        if (typeof a[0] !== 'string') throw new FakeEtError('fake ET: CreateTaskPane(url)');
        const pane = { id: x.taskPanes.length + 1000, url: a[0], visible: false, dock: 2, width: 0 };
        x.taskPanes.push(pane);
        return x.wrap('TaskPane', pane);
      },
      GetTaskPane: (_t, a, x) => {
        const pane = x.taskPanes.find((p) => p.id === Number(a[0]));
        if (!pane) throw new FakeEtError(`fake ET: no task pane ${String(a[0])}`);
        return x.wrap('TaskPane', pane);
      },
    },
  },
  TaskPane: {
    get: {
      ID: (t: { id: number }) => t.id,
      Visible: (t: { visible: boolean }) => t.visible,
      DockPosition: (t: { dock: number }) => t.dock,
      Width: (t: { width: number }) => t.width,
    },
    set: {
      Visible: (t: { visible: boolean }, v) => void (t.visible = Boolean(v)),
      DockPosition: (t: { dock: number }, v) => void (t.dock = Number(v)),
      Width: (t: { width: number }, v) => void (t.width = Number(v)),
    },
  },
  PluginStorage: {
    methods: {
      setItem: (_t, a, x) => void x.pluginStorage.set(String(a[0]), String(a[1])),
      getItem: (_t, a, x) => x.pluginStorage.get(String(a[0])) ?? null,
      removeItem: (_t, a, x) => void x.pluginStorage.delete(String(a[0])),
    },
  },
  RibbonUi: {
    methods: { Invalidate: () => undefined, InvalidateControl: () => undefined },
  },
  Workbook: {
    get: {
      Name: () => '决算公开.xlsx',
      Worksheets: (_t, x) => x.wrap('Sheets', x),
      Names: (_t, x) => x.wrap('Names', x),
      ProtectStructure: (_t, x) => x.structureProtected,
    },
  },
  Sheets: {
    get: { Count: (_t, x) => x.liveSheets().length },
    methods: {
      Item: (_t, a, x) => x.wrap('Worksheet', sheetByIndex(x, a[0])),
      Add: (_t, a, x) => {
        structureWrite(x);
        const before = a[0] as Wrapped | undefined;
        const after = a[1] as Wrapped | undefined;
        const s = x.addSheet(x.newSheetName());
        x.sheets.pop();
        const anchor = (w: Wrapped | undefined) => (w && w.type === 'Worksheet' ? live(w.target as EtSheetModel) : undefined);
        const b = anchor(before);
        const af = anchor(after);
        if (before !== undefined && !b) throw new FakeEtError('fake ET: Add(Before): a worksheet is expected');
        if (after !== undefined && !af) throw new FakeEtError('fake ET: Add(, After): a worksheet is expected');
        const at = af ? x.sheets.indexOf(af) + 1 : b ? x.sheets.indexOf(b) : x.activeSheet ? x.sheets.indexOf(x.activeSheet) : x.sheets.length;
        x.sheets.splice(at, 0, s);
        x.activeSheet = s;
        return x.wrap('Worksheet', s);
      },
    },
  },
  Worksheet: {
    sheetOf: (t: EtSheetModel) => t,
    get: {
      Name: (t: EtSheetModel) => live(t).name,
      Visible: (t: EtSheetModel) => live(t).visible,
      ProtectContents: (t: EtSheetModel) => live(t).protectContents,
      Protection: (t: EtSheetModel, x) => x.wrap('Protection', live(t)),
      UsedRange: (t: EtSheetModel, x) => x.wrap('Range', { sheet: live(t), area: x.usedArea(t) ?? { top: 0, left: 0, bottom: 0, right: 0 } } satisfies RangeT),
      Hyperlinks: (t: EtSheetModel, x) => x.wrap('Hyperlinks', live(t)),
      PageSetup: (t: EtSheetModel, x) => x.wrap('PageSetup', live(t)),
    },
    set: {
      Name: (t: EtSheetModel, v, x) => {
        structureWrite(x);
        live(t).name = validSheetName(x, v, t);
      },
      Visible: (t: EtSheetModel, v, x) => {
        structureWrite(x);
        const s = live(t);
        if (v !== -1 && v !== 0 && v !== 2 && v !== true && v !== false) throw new FakeEtError(`fake ET: Visible = ${String(v)}`);
        const n = v === true ? -1 : v === false ? 0 : (v as number);
        if (n !== -1 && !nextVisible(x, s)) throw new FakeEtError('fake ET: the last visible sheet cannot be hidden');
        s.visible = n;
        if (n !== -1 && x.activeSheet === s) x.activeSheet = nextVisible(x, s);
      },
    },
    methods: {
      Range: (t: EtSheetModel, a, x) => {
        if (a.length !== 1) throw new Error('fake ET: Worksheet.Range(Cell1, Cell2) is not modelled');
        return x.wrap('Range', { sheet: live(t), area: parseAddress(a[0]) } satisfies RangeT);
      },
      Activate: (t: EtSheetModel, _a, x) => {
        const s = live(t);
        if (s.visible !== -1) throw new FakeEtError(`fake ET: ${s.name} is hidden and cannot be activated`);
        x.activeSheet = s;
      },
      Delete: (t: EtSheetModel, _a, x) => {
        structureWrite(x);
        const s = live(t);
        if (s.visible === -1 && !nextVisible(x, s)) throw new FakeEtError('fake ET: the last visible sheet cannot be deleted');
        if (x.displayAlerts) x.dialogs++; // "displays a dialog box that prompts the user to confirm the deletion"
        s.deleted = true;
        if (x.activeSheet === s) x.activeSheet = nextVisible(x, s);
        if (x.selection !== 'shape' && x.selection?.sheet === s) x.selection = undefined;
      },
    },
  },
  Protection: {
    get: { AllowFormattingCells: (t: EtSheetModel) => t.allowFormattingCells },
  },
  Range: {
    sheetOf: (t: RangeT) => t.sheet,
    cellsOf: (t: RangeT) => sizeOf(t.area),
    get: {
      Value2: (t: RangeT, x) => {
        const s = live(t.sheet);
        const v = (r: number, c: number) => {
          const cell = x.cellAt(s, r, c);
          return cell && cell.value !== '' ? cell.value : x.emptyValue;
        };
        if (sizeOf(t.area) === 1) return v(t.area.top, t.area.left);
        const out: unknown[][] = [];
        eachCell(t, (r, c) => (out[r - t.area.top] ??= []).push(v(r, c)));
        return out;
      },
      Text: (t: RangeT, x) => uniform(t, x, displayText),
      NumberFormat: (t: RangeT, x) => uniform(t, x, (c) => c.numberFormat),
      MergeCells: (t: RangeT) => {
        let some = false;
        let all = true;
        eachCell(t, (r, c) => (isMerged(t.sheet, r, c) ? (some = true) : (all = false)));
        return all ? true : some ? null : false;
      },
      MergeArea: (t: RangeT, x) => {
        oneCell(t, 'MergeArea');
        const m = live(t.sheet).merges.find((a) => t.area.top >= a.top && t.area.top <= a.bottom && t.area.left >= a.left && t.area.left <= a.right);
        return x.wrap('Range', { sheet: t.sheet, area: m ? { ...m } : t.area } satisfies RangeT);
      },
      Interior: (t: RangeT, x) => x.wrap('Interior', t),
      Font: (t: RangeT, x) => x.wrap('Font', t),
      Worksheet: (t: RangeT, x) => x.wrap('Worksheet', live(t.sheet)),
      Comment: (t: RangeT, x) => {
        oneCell(t, 'Comment');
        const c = x.cellAt(live(t.sheet), t.area.top, t.area.left);
        return c?.comment ? x.wrap('Comment', { sheet: t.sheet, row: t.area.top, col: t.area.left }) : null;
      },
    },
    set: {
      Value2: (t: RangeT, v, x) => {
        const s = contentWrite(t);
        const rows = t.area.bottom - t.area.top + 1;
        const cols = t.area.right - t.area.left + 1;
        if (Array.isArray(v)) {
          // The fake's choice: the array must match the range (Excel would fill the rest with #N/A).
          if (v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) throw new FakeEtError(`fake ET: Value2 of ${areaA1(t.area)} must be a ${rows}×${cols} array`);
          eachCell(t, (r, c) => store(x.cellAt(s, r, c, true), (v as unknown[][])[r - t.area.top]![c - t.area.left]));
        } else eachCell(t, (r, c) => store(x.cellAt(s, r, c, true), v));
      },
      NumberFormat: (t: RangeT, v, x) => {
        if (typeof v !== 'string') throw new FakeEtError('fake ET: NumberFormat takes one format code');
        formatWrite(t, x, (c) => void (c.numberFormat = v));
      },
      ColumnWidth: (t: RangeT, v) => colFormat(t, 'columnWidth', v),
      WrapText: (t: RangeT, v) => colFormat(t, 'wrapText', v),
      VerticalAlignment: (t: RangeT, v) => colFormat(t, 'verticalAlignment', v),
    },
    methods: {
      Address: (t: RangeT, a) => {
        live(t.sheet);
        const absolute = a[0] !== false && a[1] !== false;
        return areaA1(t.area, absolute);
      },
      AddComment: (t: RangeT, a, x) => {
        oneCell(t, 'AddComment');
        const s = contentWrite(t);
        const c = x.cellAt(s, t.area.top, t.area.left, true);
        if (c.comment) throw new FakeEtError(`fake ET: ${s.name}!${areaA1(t.area, false)} already has a comment`);
        c.comment = { text: a[0] === undefined ? '' : String(a[0]) };
        return x.wrap('Comment', { sheet: s, row: t.area.top, col: t.area.left });
      },
      Select: (t: RangeT, _a, x) => {
        const s = live(t.sheet);
        if (x.activeSheet !== s) throw new FakeEtError("fake ET: Select: the range's sheet is not the active sheet");
        x.selection = { sheet: s, area: t.area };
      },
      Clear: (t: RangeT, _a, x) => {
        contentWrite(t);
        const a = t.area;
        t.sheet.cells.forEach((row, r) => {
          if (r < a.top || r > a.bottom || !row) return;
          row.forEach((_c, col) => {
            if (col >= a.left && col <= a.right) row[col] = undefined;
          });
        });
        void x;
      },
      ClearContents: (t: RangeT, _a, x) => {
        contentWrite(t);
        const a = t.area;
        t.sheet.cells.forEach((row, r) => {
          if (r < a.top || r > a.bottom || !row) return;
          row.forEach((c, col) => {
            if (c && col >= a.left && col <= a.right) {
              c.value = '';
              delete c.formula;
            }
          });
        });
        void x;
      },
    },
  },
  Interior: {
    sheetOf: (t: RangeT) => t.sheet,
    cellsOf: (t: RangeT) => sizeOf(t.area),
    get: {
      Pattern: fillGet('pattern'),
      Color: fillGet('color'),
      TintAndShade: fillGet('tint'),
      PatternColor: fillGet('patternColor'),
      PatternTintAndShade: fillGet('patternTint'),
    },
    set: {
      Pattern: fillSet('pattern'),
      Color: fillSet('color'),
      TintAndShade: fillSet('tint'),
      PatternColor: fillSet('patternColor'),
      PatternTintAndShade: fillSet('patternTint'),
    },
  },
  Font: {
    sheetOf: (t: RangeT) => t.sheet,
    set: {
      Bold: (t: RangeT, v, x) => formatWrite(t, x, (c) => void (c.font = { ...c.font, bold: Boolean(v) })),
      Color: (t: RangeT, v, x) => formatWrite(t, x, (c) => void (c.font = { ...c.font, color: Number(v) })),
    },
  },
  Comment: {
    methods: {
      Text: (t: { sheet: EtSheetModel; row: number; col: number }, a, x) => {
        const c = x.cellAt(live(t.sheet), t.row, t.col);
        if (!c?.comment) throw new FakeEtError('fake ET: the comment was deleted');
        if (a[0] !== undefined) throw new Error('fake ET: Comment.Text(text) (writing) is not modelled');
        return c.comment.text;
      },
      Delete: (t: { sheet: EtSheetModel; row: number; col: number }, _a, x) => {
        const s = live(t.sheet);
        if (s.protectContents) throw new FakeEtError(`fake ET: ${s.name} is protected`);
        const c = x.cellAt(s, t.row, t.col);
        if (!c?.comment) throw new FakeEtError('fake ET: the comment was deleted');
        delete c.comment;
      },
    },
  },
  Hyperlinks: {
    sheetOf: (t: EtSheetModel) => t,
    methods: {
      Add: (t: EtSheetModel, a, x) => {
        const anchor = a[0] as Wrapped | undefined;
        if (!anchor || anchor.type !== 'Range') throw new FakeEtError('fake ET: Hyperlinks.Add(Anchor): a Range is expected');
        const r = anchor.target as RangeT;
        if (r.sheet !== t) throw new FakeEtError('fake ET: Hyperlinks.Add: the anchor is on another sheet');
        oneCell(r, 'Hyperlinks.Add');
        const s = contentWrite(r);
        const c = x.cellAt(s, r.area.top, r.area.left, true);
        const [, address, subAddress, screenTip, text] = a as [unknown, unknown, unknown, unknown, unknown];
        c.hyperlink = { address: String(address ?? ''), subAddress: String(subAddress ?? ''), screenTip: String(screenTip ?? ''), text: String(text ?? '') };
        if (text !== undefined) c.value = String(text);
        return null;
      },
    },
  },
  PageSetup: {
    sheetOf: (t: EtSheetModel) => t,
    get: {
      Orientation: (t: EtSheetModel) => t.pageSetup.Orientation ?? 1,
      Zoom: (t: EtSheetModel) => t.pageSetup.Zoom ?? 100,
      FitToPagesWide: (t: EtSheetModel) => t.pageSetup.FitToPagesWide ?? 1,
      FitToPagesTall: (t: EtSheetModel) => t.pageSetup.FitToPagesTall ?? 1,
      PrintTitleRows: (t: EtSheetModel) => t.pageSetup.PrintTitleRows ?? '',
    },
    set: {
      Orientation: (t: EtSheetModel, v) => {
        if (v !== 1 && v !== 2) throw new FakeEtError(`fake ET: Orientation = ${String(v)}`);
        t.pageSetup.Orientation = v;
      },
      Zoom: (t: EtSheetModel, v) => void (t.pageSetup.Zoom = v),
      FitToPagesWide: (t: EtSheetModel, v) => void (t.pageSetup.FitToPagesWide = v),
      FitToPagesTall: (t: EtSheetModel, v) => void (t.pageSetup.FitToPagesTall = v),
      PrintTitleRows: (t: EtSheetModel, v) => {
        if (typeof v !== 'string' || !/^\$\d+:\$\d+$/.test(v)) throw new FakeEtError(`fake ET: PrintTitleRows = ${String(v)}`);
        t.pageSetup.PrintTitleRows = v;
      },
    },
  },
  Window: {
    // The active window shows the active sheet: its panes are that sheet's.
    get: {
      SplitRow: (_t, x) => x.activeSheet?.frozenRows ?? 0,
      SplitColumn: () => 0,
      FreezePanes: (_t, x) => (x.activeSheet?.frozenRows ?? 0) > 0,
    },
    set: {
      SplitRow: (_t, v, x) => {
        const s = x.activeSheet;
        if (s) (s as EtSheetModel & { pendingSplit?: number }).pendingSplit = Number(v);
      },
      SplitColumn: (_t, v) => {
        if (v !== 0) throw new Error('fake ET: SplitColumn other than 0 is not modelled');
      },
      FreezePanes: (_t, v, x) => {
        const s = x.activeSheet as (EtSheetModel & { pendingSplit?: number }) | undefined;
        if (!s) return;
        s.frozenRows = v ? (s.pendingSplit ?? 0) : 0;
      },
    },
  },
  Names: {
    get: { Count: (_t, x) => x.names.length },
    methods: {
      Item: (_t, a, x) => {
        const n = typeof a[0] === 'number' ? x.names[a[0] - 1] : x.names.find((m) => namesEqual(m.name, String(a[0])));
        if (!n) throw new FakeEtError(`fake ET: Names.Item(${JSON.stringify(a[0])}): no such name`);
        return x.wrap('Name', n);
      },
      Add: (_t, a, x) => {
        const [name, refersTo, visible] = a;
        // Not verified in WPS whether names can be added under structure protection; the host does not try.
        structureWrite(x);
        if (typeof name !== 'string' || !/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/.test(name) || parseRangeA1(name)) throw new FakeEtError(`fake ET: ${String(name)} is not a valid name`);
        const ref = parseRefersTo(x, refersTo);
        const n: EtNameModel = { name, sheet: ref.sheet, area: ref.area, columns: ref.columns, visible: visible !== false };
        const i = x.names.findIndex((m) => namesEqual(m.name, name));
        // Excel: adding a name that exists redefines it.
        if (i >= 0) x.names[i] = n;
        else x.names.push(n);
        return x.wrap('Name', n);
      },
    },
  },
  Name: {
    get: {
      Name: (t: EtNameModel) => t.name,
      RefersTo: (t: EtNameModel) => nameFormula(t),
      Visible: (t: EtNameModel) => t.visible,
    },
    set: { Visible: (t: EtNameModel, v) => void (t.visible = Boolean(v)) },
    methods: {
      Delete: (t: EtNameModel, _a, x) => {
        const i = x.names.indexOf(t);
        if (i < 0) throw new FakeEtError('fake ET: the name was deleted');
        x.names.splice(i, 1);
      },
    },
  },
};

/** Every member the fake models is declared in et-jsapi-declare with the same kind (checked by the tests). */
export function modelledMembers(): { type: string; member: string; kind: 'get' | 'set' | 'method'; declared: string | undefined }[] {
  const out: { type: string; member: string; kind: 'get' | 'set' | 'method'; declared: string | undefined }[] = [];
  for (const [type, def] of Object.entries(TYPES)) {
    const s = surfaceOf(type);
    for (const m of Object.keys(def.get ?? {})) out.push({ type, member: m, kind: 'get', declared: s.get(m) });
    for (const m of Object.keys(def.set ?? {})) out.push({ type, member: m, kind: 'set', declared: s.get(m) });
    for (const m of Object.keys(def.methods ?? {})) out.push({ type, member: m, kind: 'method', declared: s.get(m) });
  }
  return out;
}
