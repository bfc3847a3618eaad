/**
 * 增删科目 in a workbook that is open: a 科目 row added to a 功能分类 list
 * (收入、支出、一般公共预算、政府性基金、国有资本经营 tables) in code order, and
 * the blank rows inside those lists removed, so that every total stays right.
 * The core only says what to do, as edits a host applies (Office.js: insert
 * entire rows, copy rows, write cells, delete rows); it never touches a file.
 *
 * Why it works. A 新年度 workbook sums its lists with SUMIFS over a span of
 * rows and a range of codes (./list-table.ts): Excel widens a span for rows
 * inserted below its first row and keeps it for rows deleted inside it. Two
 * places would fall outside:
 *
 * - above the list's first row (its first 科目, or the spare row of an empty
 *   list), where every span of the list starts: the rows go in below it, the
 *   first row is copied down, and the new 科目 is written into the first row;
 * - right below a 类 or 款 row (national layout), where that subtotal's span
 *   starts: the subtotal's spans are written again to start below it.
 *
 * A new row is a copy of a row of its kind (a 项 row, or a 类/款 row): it gets
 * its formats, the unlocked inputs and their data validation (input message,
 * two decimals); then every cell of it is written: the code and the name, the
 * typed figures blank, each derived cell the formula of the row it copies
 * moved to its own row. A workbook typed by hand has no formulas in its rows,
 * and the new row gets none: its totals are typed too.
 */
import { parseRangeA1, rangeA1 } from '../grid/a1';
import type { CellRange, SheetGrid, WorkbookGrid } from '../grid/grid';
import type { MappedTable, Mapping } from '../mapping/types';
import { readAmountText, readCode } from '../numbers/parse';
import { EXPENSE_CLASSES, KNOWN_KUAN } from '../templates/subjects';
import type { TableRole } from '../templates/types';
import { afterInsertRows, refersTo, refsOf, rewriteRefs, translateRows } from './formula-refs';
import { itemRange, sumIfsOver } from './list-table';

/** One cell written by an edit: a value (null: emptied) or a formula (without “=”). */
export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly value?: string | number | null;
  readonly formula?: string;
}

/**
 * Changes to one sheet, applied in this order: rows inserted (entire rows,
 * above 0-based `at`), rows copied whole (formats, data validation, values
 * and formulas with their relative references moved, as Excel's copy and
 * paste), cells written, rows deleted (entire rows, bottom up). Rows of
 * `copyRows` and `writes` count after the insertion; rows of `remove` are
 * those of the sheet as it was (an edit either inserts or removes).
 */
export interface RowEdit {
  readonly sheet: string;
  readonly insert?: { readonly at: number; readonly count: number };
  readonly copyRows?: ReadonlyArray<{ readonly from: number; readonly to: number }>;
  readonly writes: readonly CellWrite[];
  readonly remove?: readonly number[];
}

/** The tables of 功能分类 科目 rows a 科目 can be added to. */
export const LIST_ROLES: readonly TableRole[] = ['income', 'expense', 'gpbExpense', 'fund', 'soe'];

export interface AddedItem {
  readonly edits: readonly RowEdit[];
  readonly table: string;
  readonly sheet: string;
  /** The new 项 row, 0-based, once the edits are applied. */
  readonly row: number;
  /** The 类 and 款 rows added with it (national layout), by code. */
  readonly added: readonly string[];
  /** Of those, the ones the project has no name for: the user names them. */
  readonly unnamed: readonly string[];
  /** The new rows got their formulas (a 新年度 workbook); false: the list is typed by hand, its totals too. */
  readonly formulas: boolean;
  /** The list has no blank row at its end: the row went below the last 科目, where a total may not reach. */
  readonly checkTotals: boolean;
}

export interface RemovedRows {
  readonly edits: readonly RowEdit[];
  /** Rows removed, by table (0-based rows of the sheet as it was). */
  readonly removed: ReadonlyArray<{ readonly table: string; readonly sheet: string; readonly rows: readonly number[] }>;
}

export type EditResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: string };

const CLASS_CODES: ReadonlySet<string> = new Set(EXPENSE_CLASSES.map((c) => c.code));
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** The 功能分类 lists of a mapping, in table order, for a chooser. */
export function listTables(mapping: Mapping): Array<{ id: string; title: string; sheet: string }> {
  return Object.values(mapping.tables)
    .filter((t) => LIST_ROLES.includes(t.role) && t.layout === 'code-list')
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((t) => ({ id: t.id, title: t.title, sheet: t.sheet }));
}

// ---------------------------------------------------------------------------
// Reading a list

/**
 * A cell that shows no figure: nothing, a zero (typed, or a formula's on a
 * blank row: 本年支出合计 = 0), or a blank's placeholder (-, —, 0.00).
 */
function emptyCell(sheet: SheetGrid, r: number, c: number): boolean {
  const cell = sheet.cell(r, c);
  if (!cell) return true;
  const v = cell.value;
  if (v === null || v === 0 || v === '') return true;
  if (typeof v !== 'string') return false;
  const n = readAmountText(v);
  return n === 'empty' || (n !== undefined && !/[1-9]/.test(n.intDigits + n.fracDigits));
}

const inMerge = (merges: readonly CellRange[], r: number) => merges.some((m) => m.top <= r && m.bottom >= r && m.bottom > m.top);

/** No code, no name, no figure, anywhere on the row (a row is inserted and deleted whole). */
function blankRow(sheet: SheetGrid, r: number): boolean {
  if (inMerge(sheet.merges, r)) return false;
  for (let c = 0; c < sheet.colCount; c++) if (!emptyCell(sheet, r, c)) return false;
  return true;
}

interface CodeRow {
  readonly row: number;
  readonly code: string;
}

/** Where a list's rows are, as the mapping found them. */
interface ListView {
  readonly table: MappedTable;
  readonly sheet: SheetGrid;
  /** 科目 rows, top to bottom. */
  readonly codes: readonly CodeRow[];
  readonly totalRow: number | undefined;
  /** The row every total's span starts at: the first 科目, or the spare row of an empty list. */
  readonly start: number | undefined;
  /** The rows after the last 科目 (before the 合计 or the notes): blank ones are spare rows. */
  readonly tail: readonly number[];
  /** Blank rows among the 科目 (not after the last). */
  readonly inner: readonly number[];
  readonly nested: boolean;
}

function listView(grid: WorkbookGrid, mapping: Mapping, table: MappedTable): ListView | string {
  const sheet = grid.sheets.find((s) => s.name === table.sheet);
  if (!sheet) return `找不到工作表“${table.sheet}”`;
  const codes = [...table.items].sort((a, b) => a.row - b.row).map((i) => ({ row: i.row, code: i.code }));
  const totalRow = table.totals.find((t) => t.key === 'total')?.row;
  const noteRows = table.notes.map((n) => n.row);
  const blank = (r: number) => blankRow(sheet, r);
  const nested = codes.some((c) => c.code.length < 7) || (codes.length === 0 && mapping.profile === 'national-2024');
  if (codes.length > 0) {
    const first = codes[0]!.row;
    const last = codes[codes.length - 1]!.row;
    const after = [totalRow, ...noteRows].filter((r): r is number => r !== undefined && r > last);
    const end = after.length > 0 ? Math.min(...after) : table.bottom + 1;
    const codeRows = new Set(codes.map((c) => c.row));
    const from = totalRow !== undefined && totalRow < first ? totalRow + 1 : first;
    const inner: number[] = [];
    for (let r = from; r < last; r++) if (!codeRows.has(r) && blank(r)) inner.push(r);
    const tail: number[] = [];
    for (let r = last + 1; r < end; r++) tail.push(r);
    return { table, sheet, codes, totalRow, start: first, tail, inner, nested };
  }
  // An empty list: its spare row under the 合计 (合计 first), or the blank rows above it (合计 last).
  if (totalRow === undefined) return { table, sheet, codes, totalRow, start: undefined, tail: [], inner: [], nested };
  const tail: number[] = [];
  for (let r = totalRow + 1; r <= table.bottom && !noteRows.includes(r) && blank(r); r++) tail.push(r);
  if (tail.length === 0) {
    for (let r = totalRow - 1; r > table.top && r !== table.laneRow && blank(r); r--) tail.unshift(r);
  }
  return { table, sheet, codes, totalRow, start: tail[0], tail, inner: [], nested };
}

/** The spare row: the first blank row after the last 科目 (the one new 科目 go above). */
const spareOf = (v: ListView) => v.tail.find((r) => blankRow(v.sheet, r));

/** Where codes and names are written: one code column (its name beside it, or in the same cell), never split 类 | 款 | 项. */
function codeColumns(v: ListView): { code: number; name: number | undefined } | string {
  const t = v.table;
  const split = '此表的科目编码分列填写（类/款/项），请手工插入行。';
  // Split columns announce themselves in the header (类 款 项 side by side), as the mapping reads them.
  const headerEnd = Math.min(v.start ?? t.bottom, v.totalRow ?? t.bottom, t.bottom);
  for (let r = t.top; r < headerEnd; r++) {
    for (let c = t.left; c + 2 <= t.right; c++) {
      const text = (k: number) => String(v.sheet.cell(r, k)?.value ?? '').replace(/\s/g, '');
      if (text(c) === '类' && text(c + 1) === '款' && text(c + 2) === '项') return split;
    }
  }
  // A 项 row shows where its whole code is.
  const item = t.items.find((i) => i.code.length === 7) ?? t.items[0];
  if (item) {
    for (let c = t.left; c <= Math.max(t.left, item.nameCol); c++) {
      if (readCode(v.sheet.cell(item.row, c))?.code === item.code) return { code: c, name: item.nameCol === c ? undefined : item.nameCol };
    }
    return split;
  }
  const amountCols = new Set(t.columns.map((c) => c.col));
  return { code: t.left, name: amountCols.has(t.left + 1) ? undefined : t.left + 1 };
}

/** Rows a formula elsewhere points at by themselves (not as part of a longer span): deleting one would leave #REF!. */
function pinnedRows(grid: WorkbookGrid, sheetName: string): { single: Set<number>; spans: Array<[number, number]> } {
  const single = new Set<number>();
  const spans: Array<[number, number]> = [];
  for (const s of grid.sheets) {
    for (let r = 0; r < s.rowCount; r++) {
      for (let c = 0; c < s.colCount; c++) {
        const f = s.cell(r, c)?.formula;
        if (f === undefined) continue;
        for (const ref of refsOf(f)) {
          if (!refersTo(ref, s.name, sheetName)) continue;
          const top = Math.min(ref.start.row, ref.end?.row ?? ref.start.row);
          const bottom = Math.max(ref.start.row, ref.end?.row ?? ref.start.row);
          // A row's formulas that point at the row itself go with it.
          if (top === bottom && !(s.name === sheetName && top === r)) single.add(top);
          else if (top !== bottom) spans.push([top, bottom]);
        }
      }
    }
  }
  return { single, spans };
}

// ---------------------------------------------------------------------------
// 删除空行

/**
 * The blank rows of every mapped 功能分类 list (no code, no name, no figure):
 * those among the 科目 go, and of those after the last 科目 one stays, the
 * last (the spare row a 新年度 workbook's totals reach to). A row that a
 * formula points at by itself is kept, and so is the last row of a span
 * that would otherwise lose all its rows.
 */
export function blankRowsEdits(grid: WorkbookGrid, mapping: Mapping): EditResult<RemovedRows> {
  const removed: Array<{ table: string; sheet: string; rows: number[] }> = [];
  const bySheet = new Map<string, Set<number>>();
  for (const t of Object.values(mapping.tables)) {
    if (!LIST_ROLES.includes(t.role) || t.layout !== 'code-list') continue;
    const v = listView(grid, mapping, t);
    if (typeof v === 'string') return fail(v);
    // The spare rows: the blank rows right after the last 科目 (a blank row under a line the list does not know stays).
    const stop = v.tail.findIndex((r) => !blankRow(v.sheet, r));
    const spares = stop < 0 ? v.tail : v.tail.slice(0, stop);
    // One spare row stays; two in a list with no 科目, whose range would otherwise be one row that nothing inserted by hand joins.
    const keep = t.items.some((it) => it.code.length === 7) ? 1 : 2;
    const rows = [...v.inner, ...spares.slice(0, Math.max(0, spares.length - keep))];
    if (rows.length === 0) continue;
    const set = bySheet.get(t.sheet) ?? new Set<number>();
    for (const r of rows) set.add(r);
    bySheet.set(t.sheet, set);
    removed.push({ table: t.id, sheet: t.sheet, rows });
  }
  const edits: RowEdit[] = [];
  for (const [sheet, set] of bySheet) {
    const { single, spans } = pinnedRows(grid, sheet);
    for (const r of single) set.delete(r);
    for (const [top, bottom] of spans) {
      let all = true;
      for (let r = top; r <= bottom && all; r++) if (!set.has(r)) all = false;
      if (all) set.delete(bottom);
    }
    if (set.size > 0) edits.push({ sheet, writes: [], remove: [...set].sort((a, b) => a - b) });
  }
  const kept = new Map(edits.map((e) => [e.sheet, new Set(e.remove)]));
  const out = removed.map((x) => ({ ...x, rows: x.rows.filter((r) => kept.get(x.sheet)?.has(r)) })).filter((x) => x.rows.length > 0);
  return { ok: true, edits, removed: out };
}

// ---------------------------------------------------------------------------
// 添加科目

/** A 类's or 款's name: what the project knows, else none (the user names it). */
function subjectName(code: string): string | undefined {
  return code.length === 3 ? EXPENSE_CLASSES.find((c) => c.code === code)?.name : KNOWN_KUAN[code];
}

const isSumIfs = (f: string | undefined) => f !== undefined && /^\s*SUMIFS\(/i.test(f);

/**
 * A 科目 row added to list `tableId` (公开03表 …), in code order: above the
 * first 科目 whose code is greater (plain string order: 205 < 20502 <
 * 2050201 < 20503), else above the list's spare row, else below its last
 * 科目. In the national layout, its 类 and 款 rows come with it when the list
 * has none.
 */
export function addItemEdit(grid: WorkbookGrid, mapping: Mapping, tableId: string, code: string, name: string): EditResult<AddedItem> {
  code = code.trim();
  name = name.trim();
  const t = mapping.tables[tableId];
  if (!t) return fail(`工作簿中没有找到${tableId}。`);
  if (!LIST_ROLES.includes(t.role) || t.layout !== 'code-list') return fail(`${tableId}不是功能分类科目表，不能在其中添加科目。`);
  if (!/^\d{7}$/.test(code)) return fail('编码应为 7 位数字（项级科目，如 2010301）。');
  if (!CLASS_CODES.has(code.slice(0, 3))) return fail(`编码 ${code} 的前三位 ${code.slice(0, 3)} 不是支出功能分类的类。`);
  if (!name) return fail('请填写科目名称。');
  const v = listView(grid, mapping, t);
  if (typeof v === 'string') return fail(v);
  const cols = codeColumns(v);
  if (typeof cols === 'string') return fail(cols);
  const existing = v.codes.find((c) => c.code === code);
  if (existing) return fail(`科目 ${code} 已在${tableId}第 ${existing.row + 1} 行。`);
  if (v.start === undefined) return fail(`${tableId}中找不到科目行的位置（没有科目，也没有空白行），请手工插入行。`);

  // The rows to add, top to bottom: the missing 类 and 款 (national), then the 项.
  const have = new Set(v.codes.map((c) => c.code));
  const levels = v.nested ? [code.slice(0, 3), code.slice(0, 5)].filter((p) => !have.has(p)) : [];
  const newCodes = [...levels, code];
  const count = newCodes.length;
  const spare = spareOf(v);
  const above = v.codes.find((c) => c.code > newCodes[0]!);
  const lastCode = v.codes[v.codes.length - 1];
  const position = above?.row ?? spare ?? lastCode!.row + 1;
  const checkTotals = above === undefined && spare === undefined;
  // Above the list's first row the spans would not reach: insert below it and move it down.
  const first = position === v.start;
  const at = first ? position + 1 : position;
  const moved = (r: number) => (r >= at ? r + count : r);
  // The rows the new codes end up on.
  const rowsOf = newCodes.map((_, i) => (first ? position + i : at + i));
  const after = (first ? position : at) + count; // the row after the new ones

  const sheet = v.sheet;
  const hasFormula = (r: number) => {
    for (let c = 0; c < sheet.colCount; c++) if (sheet.cell(r, c)?.formula !== undefined) return true;
    return false;
  };
  // Templates (rows as they are now): a 项 row, and a 类/款 row of the same level.
  const items = v.codes.filter((c) => c.code.length === 7);
  const nearest = (rows: readonly CodeRow[]) => [...rows].sort((a, b) => Math.abs(a.row - position) - Math.abs(b.row - position))[0]?.row;
  const itemTemplate = nearest(items) ?? spare;
  const subtotalTemplate = (len: number) => nearest(v.codes.filter((c) => c.code.length === len)) ?? nearest(v.codes.filter((c) => c.code.length < 7));
  const formulas = [...v.codes.map((c) => c.row), ...(spare !== undefined ? [spare] : []), ...(v.totalRow !== undefined ? [v.totalRow] : [])].some(hasFormula);

  const copies: Array<{ from: number; to: number }> = [];
  if (first) copies.push({ from: position, to: position + count });
  const writes: CellWrite[] = [];
  const amountCols = new Set(t.columns.map((c) => c.col));
  const codeValue = (c: string): string | number => {
    const sample = t.items[0] ? sheet.cell(t.items[0].row, cols.code)?.value : undefined;
    return typeof sample === 'string' ? c : Number(c);
  };
  const unnamed: string[] = [];
  const itemName = name;

  newCodes.forEach((c, i) => {
    const row = rowsOf[i]!;
    const isItem = c.length === 7;
    // The row whose formats and formulas this one takes (as the sheet is now), and whether it is copied here.
    let source: number | undefined;
    if (first && row === position) source = position; // the first row keeps its own formats
    else {
      source = isItem ? itemTemplate : subtotalTemplate(c.length);
      if (source !== undefined) copies.push({ from: moved(source), to: row });
    }
    // A 类/款 without a row of its kind to copy takes its formulas from the 合计 row.
    const formulaSource = source !== undefined && (isItem || v.codes.some((x) => x.row === source && x.code.length < 7)) ? source : isItem ? undefined : v.totalRow;
    const [from, to] = itemRange(c);
    const groupFirst = row + 1;
    const groupLast = after;
    const rowName = isItem ? itemName : subjectName(c);
    if (!isItem && rowName === undefined) unnamed.push(c);
    const set = (col: number, w: Omit<CellWrite, 'row' | 'col'>) => writes.push({ row, col, ...w });
    set(cols.code, { value: cols.name === undefined ? `${c} ${rowName ?? ''}`.trim() : codeValue(c) });
    if (cols.name !== undefined) set(cols.name, { value: rowName ?? null });
    // Every other cell the copied row (or the row itself) holds: a formula moved here, a fresh SUMIFS, or blank.
    const seen = new Set([cols.code, ...(cols.name !== undefined ? [cols.name] : [])]);
    const fill = (col: number) => {
      if (seen.has(col)) return;
      seen.add(col);
      const src = formulaSource !== undefined ? sheet.cell(formulaSource, col) : undefined;
      const f = src?.formula;
      if (f !== undefined && amountCols.has(col) && !isItem && isSumIfs(f)) {
        set(col, { formula: sumIfsOver({ sheet: t.sheet, first: groupFirst, last: groupLast, codeCol: cols.code, amountCol: col }, from, to, t.sheet) });
        return;
      }
      if (f !== undefined && amountCols.has(col) && !isSumIfs(f)) {
        const own = rowFormula(f, t.sheet, formulaSource!, row, at, count);
        if (own !== undefined) {
          // The first row keeps its own row formulas: nothing to write.
          if (!(first && row === position && formulaSource === position)) set(col, { formula: own });
          return;
        }
      }
      const copied = source !== undefined ? sheet.cell(source, col) : undefined;
      if (copied !== undefined || src !== undefined || amountCols.has(col)) set(col, { value: null });
    };
    for (const col of [...amountCols].sort((a, b) => a - b)) fill(col);
    for (const r of [source, formulaSource]) {
      if (r === undefined) continue;
      for (let col = 0; col < sheet.colCount; col++) if (!emptyCell(sheet, r, col) || sheet.cell(r, col)?.formula !== undefined) fill(col);
    }
  });

  // Existing 类 and 款 above the new rows whose spans start at the insertion: they start below their own row again.
  const fixes: CellWrite[] = [];
  if (v.nested) {
    for (const anc of v.codes.filter((x) => x.code.length < 7 && code.startsWith(x.code))) {
      for (const col of amountCols) {
        const f = sheet.cell(anc.row, col)?.formula;
        if (!isSumIfs(f)) continue;
        const now = afterInsertRows(f!, t.sheet, t.sheet, at, count);
        const fixed = rewriteRefs(now, (r) => (r.end && refersTo(r, t.sheet, t.sheet) && r.start.row > anc.row + 1 ? { ...r, start: { ...r.start, row: moved(anc.row) + 1 } } : r));
        if (fixed !== now) fixes.push({ row: moved(anc.row), col, formula: fixed });
      }
    }
  }

  // Spans over the whole list (they hold its first row) that Excel would not widen to the new rows: a list of
  // one row (an empty list's spare row), or a row added below the last 科目. They are widened here, wherever they are.
  const cover: [number, number] = first ? [position, position + count] : [at, at + count - 1];
  const others = new Map<string, CellWrite[]>();
  let widened = false;
  for (const s of grid.sheets) {
    for (let r = 0; r < s.rowCount; r++) {
      for (let c = 0; c < s.colCount; c++) {
        const f = s.cell(r, c)?.formula;
        if (f === undefined || !refsOf(f).some((x) => x.end && refersTo(x, s.name, t.sheet))) continue;
        const now = afterInsertRows(f, s.name, t.sheet, at, count);
        const fixed = rewriteRefs(now, (x) => {
          if (!x.end || !refersTo(x, s.name, t.sheet)) return x;
          const [a, b] = x.start.row <= x.end.row ? [x.start, x.end] : [x.end, x.start];
          if (a.row > v.start! || b.row < v.start! || (a.row <= cover[0] && b.row >= cover[1])) return x;
          return { ...x, start: { ...a, row: Math.min(a.row, cover[0]) }, end: { ...b, row: Math.max(b.row, cover[1]) } };
        });
        if (fixed === now) continue;
        widened = true;
        if (s.name === t.sheet) fixes.push({ row: moved(r), col: c, formula: fixed });
        else others.set(s.name, [...(others.get(s.name) ?? []), { row: r, col: c, formula: fixed }]);
      }
    }
  }

  // The fixes first: a new row's own cells are written after them.
  const edit: RowEdit = { sheet: t.sheet, insert: { at, count }, ...(copies.length ? { copyRows: copies } : {}), writes: [...fixes, ...writes] };
  const edits = [edit, ...[...others].map(([sheetName, w]) => ({ sheet: sheetName, writes: w }))];
  return {
    ok: true,
    edits,
    table: tableId,
    sheet: t.sheet,
    row: rowsOf[rowsOf.length - 1]!,
    added: levels,
    unnamed,
    formulas,
    checkTotals: checkTotals && formulas && !widened,
  };
}

/**
 * A row formula (本年支出合计 = SUM(D9,E9,…), 年末 = 年初 + 收入 − 支出) of row
 * `source` as it reads on row `target` once `count` rows are inserted at
 * `at`: relative rows moved with the row, absolute ones kept. Only formulas
 * of the sheet's own cells: a formula that reads another sheet is not the
 * row's own arithmetic, and a copy would count another row's figure.
 */
function rowFormula(formula: string, sheet: string, source: number, target: number, at: number, count: number): string | undefined {
  if (refsOf(formula).some((r) => !refersTo(r, sheet, sheet))) return undefined;
  const now = afterInsertRows(formula, sheet, sheet, at, count);
  const sourceNow = source >= at ? source + count : source;
  return translateRows(now, target - sourceNow);
}

/**
 * Table ranges the user set by hand (用所选区域, saved as A1 text in the
 * workbook's settings) after the edits, as Excel would move a reference: rows
 * inserted below a range's first row widen it, rows above move it, rows
 * deleted inside shrink it. Names move by themselves; these do not.
 */
export function rangesAfterEdits<T extends { readonly sheet: string; readonly range: string }>(ranges: Readonly<Record<string, T>>, edits: readonly RowEdit[]): Record<string, T> {
  const out: Record<string, T> = { ...ranges };
  for (const [id, where] of Object.entries(ranges)) {
    let r = parseRangeA1(where.range);
    if (!r) continue;
    for (const e of edits.filter((x) => x.sheet === where.sheet)) {
      if (!r) break;
      if (e.insert) {
        const { at, count } = e.insert;
        r = { ...r, top: r.top >= at ? r.top + count : r.top, bottom: r.bottom >= at ? r.bottom + count : r.bottom };
      }
      for (const row of [...(e.remove ?? [])].sort((a, b) => b - a)) {
        if (!r) break;
        if (row < r.top) r = { ...r, top: r.top - 1, bottom: r.bottom - 1 };
        else if (row <= r.bottom) r = r.bottom > r.top ? { ...r, bottom: r.bottom - 1 } : undefined;
      }
    }
    if (r) out[id] = { ...where, range: rangeA1(r) };
  }
  return out;
}
