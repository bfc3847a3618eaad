/// <reference types="office-js" />
/**
 * The Office.js host: the add-in's DisclosureHost inside Excel.
 *
 * Design notes
 * ============
 *
 * Only what Microsoft documents, and only what the shipped office.js has. The
 * add-in serves office.js from the npm package @microsoft/office-js, whose
 * Excel code stops at ExcelApi 1.15, and the manifest asks for ExcelApi 1.9.
 * So every member used here is in 1.9 or below, except those listed in
 * GUARDED_EXCEL_APIS, each used only where isSetSupported says its set is
 * there; none is above 1.15 (test/hosts/office-api.test.ts checks both
 * against the packages). No call is made on a null object: the documented
 * *OrNullObject pattern is load, sync, test isNullObject, and nothing more.
 *
 * Round trips. Every context.sync() is a round trip to Excel (on the web, to
 * the server). Their number does not grow with the number of sheets:
 *
 * - read(): THREE syncs (./office-read.ts): the worksheet list, settings,
 *   names and protection; every used range's address; the used ranges'
 *   contents. The contents go in blocks that keep each sync within the
 *   payload budget (./payload.ts: Excel on the web refuses a request or a
 *   response over 5 MB), so a workbook with more than about 25,000 used
 *   cells takes one more sync for each further 25,000.
 * - highlight(): TWO syncs after read(): the current fills of exactly the
 *   cells it will mark or restore (a cell's fill is needed to put it back;
 *   a value loaded is readable only after its sync, so this cannot share the
 *   write's batch), then the writes. One more when it added names or created
 *   the 检查结果 sheet: NamedItem.visible = false set in the batch that adds
 *   the name is reported not to take effect (office-js issues 3878, 3949), so
 *   names are hidden in a later sync, which also records the new sheet's id
 *   (Excel gives it only in the response). Without a fresh read() before it
 *   (忽略 minutes later), one more at the start reads the workbook list and
 *   the record again: a fill changed in between is never recorded wrongly.
 * - clearHighlights(): THREE syncs: the workbook list and the record, the
 *   current fills of the recorded cells, the writes. One when there is
 *   nothing to undo.
 * - A check from the ribbon or the pane, on a workbook checked before: 3 + 2;
 *   the first time: 3 + 3. Very large workbooks or thousands of marks add
 *   syncs, never a failed one.
 * - editRows() (增删科目): TWO syncs whatever the number of edits and sheets:
 *   the protection of the sheets edited (whether protected, and with what
 *   options), then everything else in one batch: the protected ones
 *   unprotected first, the rows inserted, copied, written and deleted, and
 *   the sheets protected again with the options they had. Should that batch
 *   fail, two more syncs put the protection back where it came off (see
 *   editRows for the password case).
 *
 * What is changed, what is recorded. A mark is a solid fill of the severity's
 * colour (../highlight-style.ts) on the finding's cells; nothing else of a
 * user's sheet is written: no value, no formula, no number format, no font.
 * The record (workbook.settings RECORD_KEY, JSON of HighlightRecord) holds,
 * for every marked cell, the fill it had before the first mark: pattern
 * ('None' = no fill), color, tintAndShade, patternColor, patternTintAndShade;
 * the colour of the mark; and a hidden workbook name (_juesuan_mark_N) that
 * refers to the cell, so that inserting or deleting rows or columns, or
 * renaming the sheet, does not lose it (./plan.ts says how a recorded cell is
 * found again). A recorded cell is restored only while it still shows exactly
 * the mark: a fill the user gave it since stays. It lives in the workbook, not
 * in the browser, so it is saved, closed and reopened together with the marks
 * it describes, and it cannot disagree with them: a workbook closed without
 * saving loses both. A cell marked again keeps the original from the record
 * (never the mark's colour). Cells with a gradient fill are not marked
 * (Office.js cannot write gradients back), nor cells on sheets protected
 * against formatting (the write would fail the batch); both are still listed
 * on 检查结果.
 *
 * Failure safety. Excel applies a batch's commands in order and does not roll
 * back the ones before a failing command. So the highlight writes first a
 * record covering every cell it is about to touch (the old marks and the new
 * ones, each with its original fill and name, where the cell is now), then
 * the fills and names, then 检查结果, then the final record. Wherever it
 * stops (in whichever of its syncs), every changed cell is in the record,
 * and a cell not changed yet does not show its mark, so a later clear leaves
 * it alone. Should it stop before the names are hidden, they stay visible in
 * 名称管理器 until the next check or clear deletes or replaces them.
 *
 * The 检查结果 sheet is the only sheet whose values are written (created, or
 * cleared and rewritten). The add-in's sheet is the one whose worksheet.id
 * the record holds, whatever it is called now. It is neither read nor part of
 * the grid read() returns. A sheet called 检查结果 that the add-in did not
 * create is the user's: never written, cleared or deleted; the add-in's is
 * then 检查结果(2) (or the next free name).
 *
 * Theme colours: Office.js reports a fill as RGB plus tint; restoring writes
 * the same RGB and tint, so the cell looks the same, but it is no longer tied
 * to the theme (changing the workbook's theme later would not recolour it).
 */
import { cellA1, parseSheetRange } from '../../core/grid/a1';
import type { CellWrite, RowEdit } from '../../core/newyear/row-edits';
import type { CellRange, CellRef, WorkbookGrid } from '../../core/grid/grid';
import type { CheckResult } from '../../core/check';
import { type DisclosureHost, EMPTY_STATE, type HostSnapshot, type SavedState } from '../host';
import { EMPTY_RECORD, type HighlightRecord, isMarkName, markFill, parseRecord, restoreFill, serializeRecord } from './fill';
import { type SheetMeta, type WorkbookMeta, collectMeta, collectUsedAreas, queueMeta, queueUsedRanges, readContents, readFills, splitAreas, stripSheet } from './office-read';
import { COMMAND_BYTES, SyncBudget, jsonBytes } from './payload';
import { type MarkName, type Snapshot, freeResultName, highlightCells, planClear, planHighlight, recordedCells } from './plan';
import { POINTS_PER_CHAR, queueResultSheet } from './result-sheet';
import type { Narrative } from '../../core/narrative/types';
import { NARRATIVE_COLUMN_WIDTH, NARRATIVE_SHEET, PREVIOUS_NARRATIVE_SHEET, TO_FILL_COLOR, narrativeLines } from '../narrative-sheet';

/**
 * The ExcelApi set this host needs (the manifest's MinVersion): getCellProperties,
 * FillPattern, getSelectedRanges, PageLayout, Range.copyFrom (1.9); below that,
 * hyperlinks, workbook protection, a name's formula and a sheet's
 * protect/unprotect (1.7), settings, used ranges as null objects and adding or
 * deleting names (1.4), sheet protection options and visibility (1.2), the
 * rest, inserting and deleting rows among it (1.1).
 */
export const REQUIRED_EXCEL_API = '1.9';
/** Range.getMergedAreasOrNullObject. */
export const MERGED_AREAS_EXCEL_API = '1.13';

/**
 * Members above REQUIRED_EXCEL_API that the host uses, each only where
 * Office.context.requirements.isSetSupported('ExcelApi', version) is true.
 * Nothing else above 1.9 may be used (test/hosts/office-api.test.ts).
 */
export const GUARDED_EXCEL_APIS: Readonly<Record<string, string>> = {
  'Range.getMergedAreasOrNullObject': MERGED_AREAS_EXCEL_API,
};

/** workbook.settings key of the SavedState (JSON). */
export const STATE_KEY = 'juesuan.state';
/** workbook.settings key of the HighlightRecord (JSON). */
export const RECORD_KEY = 'juesuan.highlights';

/** Estimated request bytes of one cell's restore (up to five fill properties) or mark (fill, name). */
const CELL_WRITE_BYTES = 6 * COMMAND_BYTES;

/** Runs a batch: Excel.run in production, a fake in tests. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostOptions {
  /**
   * Office.context.requirements.isSetSupported. Default: the global Office's;
   * outside Office, nothing above REQUIRED_EXCEL_API is supported. Without
   * ExcelApi 1.13 the grid has no merged areas; the mapping still works from
   * the values, which sit on each merged area's first cell.
   */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /**
   * After marking, activate the 检查结果 sheet, whose first row states the
   * counts (the ribbon's 一键检查; the pane lists the findings itself).
   */
  readonly showResultSheet?: boolean;
}

function officeIsSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported(name, version) ?? false;
  } catch {
    return false;
  }
}

/** The SavedState in a setting's value; anything malformed gives the empty state rather than an error. */
export function parseState(value: unknown): SavedState {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return EMPTY_STATE;
    }
  }
  if (!v || typeof v !== 'object') return EMPTY_STATE;
  const o = v as { overrides?: unknown; ignored?: unknown };
  const overrides = o.overrides && typeof o.overrides === 'object' ? (o.overrides as SavedState['overrides']) : {};
  const ignored = Array.isArray(o.ignored) ? o.ignored.filter((x): x is string => typeof x === 'string') : [];
  return { overrides, ignored };
}

export class OfficeHost implements DisclosureHost {
  private readonly mergedAreas: boolean;
  private readonly showResultSheet: boolean;
  /** Set by read(), consumed by the next highlight(). */
  private snapshot: Snapshot | undefined;
  /** Merged areas by sheet id, from the last read(): where a cell inside one is marked. */
  private merges: ReadonlyMap<string, readonly CellRange[]> = new Map();
  /** Whether the last highlight() left a 检查结果 sheet showing (with showResultSheet: activated). */
  resultSheetShown = false;

  constructor(
    private readonly run: BatchRunner,
    options: OfficeHostOptions = {},
  ) {
    const supported = options.isSetSupported ?? officeIsSetSupported;
    this.mergedAreas = supported('ExcelApi', MERGED_AREAS_EXCEL_API);
    this.showResultSheet = options.showResultSheet ?? false;
  }

  async read(): Promise<HostSnapshot> {
    const { meta, grids, requests } = await this.run(async (ctx) => {
      const meta = await readMeta(ctx);
      const resultId = parseRecord(meta.settings.get(RECORD_KEY)).resultSheet;
      // The add-in's own 检查结果 sheet (by id, whatever its name) is not the user's data: not read.
      const sheets = meta.sheets.filter((s) => s.id !== resultId);
      const used = queueUsedRanges(ctx.workbook, sheets);
      await ctx.sync();
      const areas = collectUsedAreas(used);
      const requests = sheets.map((s, i) => ({ meta: s, area: areas[i] }));
      const grids = await readContents(ctx, requests, this.mergedAreas);
      return { meta, grids, requests };
    });
    this.merges = new Map(requests.map((r, i) => [r.meta.id, grids[i]!.merges]));
    this.snapshot = snapshotOf(meta, this.merges);
    // The workbook's names of ranges: a workbook made by 新年度 keeps its mapping in them.
    const rangeNames = meta.names.flatMap((n) => {
      const at = typeof n.formula === 'string' ? parseSheetRange(n.formula) : undefined;
      return at ? [{ name: n.name, ...at }] : [];
    });
    const grid: WorkbookGrid = { sheets: grids, rangeNames };
    return { grid, state: this.snapshot.state };
  }

  /** Opens a new workbook made from bytes (新年度) in a new Excel window: ExcelApi 1.8's createWorkbook. */
  async openWorkbook(bytes: Uint8Array): Promise<void> {
    if (!officeIsSetSupported('ExcelApi', '1.8')) throw new Error('此版本的 Excel 不能由加载项新建工作簿（需要 ExcelApi 1.8）。');
    await Excel.createWorkbook(toBase64(bytes));
  }

  async highlight(result: CheckResult, ignored: readonly string[]): Promise<void> {
    const fresh = this.snapshot;
    // Consumed: after the marks the snapshot no longer describes the workbook.
    this.snapshot = undefined;
    this.resultSheetShown = false;
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const base = fresh ?? snapshotOf(await readMeta(ctx), this.merges);
      const snap: Snapshot = { ...base, fills: await readFills(ctx, highlightCells(result, ignored, base)) };
      const plan = planHighlight(result, ignored, snap);
      const budget = new SyncBudget(ctx);
      const sheets = new SheetCache(wb);

      // The journal first: from here on, every cell this batch may touch is in the record.
      const journal = serializeRecord(plan.journal);
      await budget.spend(COMMAND_BYTES + jsonBytes(journal));
      wb.settings.add(RECORD_KEY, journal);
      for (const c of plan.restore) {
        await budget.spend(CELL_WRITE_BYTES);
        restoreFill(sheets.get(c.sheet).getRange(c.address).format.fill, c.original);
      }
      for (const n of plan.deleteNames) {
        await budget.spend(COMMAND_BYTES);
        wb.names.getItem(n).delete();
      }
      const added: string[] = [];
      for (const m of plan.marks) {
        await budget.spend(CELL_WRITE_BYTES);
        const cell = sheets.get(m.sheet).getRange(m.address);
        if (m.addName !== undefined) {
          wb.names.add(m.addName, cell); // hidden in the next sync (see the notes at the top)
          added.push(m.addName);
        }
        markFill(cell.format.fill, m.mark);
      }
      let created: Excel.Worksheet | undefined;
      let shown: Excel.Worksheet | undefined;
      if (snap.resultSheet) {
        const ws = wb.worksheets.getItem(snap.resultSheet.id);
        await budget.spend(COMMAND_BYTES);
        ws.getRange().clear();
        await queueResultSheet(ws, plan.listed, plan.ignoredCount, budget);
        if (snap.resultSheet.visible) shown = ws;
      } else if (!snap.structureProtected) {
        // A sheet of that name the add-in did not create is the user's: 检查结果(2) then.
        await budget.spend(COMMAND_BYTES);
        created = wb.worksheets.add(freeResultName(snap.sheets));
        created.load('id');
        await queueResultSheet(created, plan.listed, plan.ignoredCount, budget);
        shown = created;
      }
      if (shown && this.showResultSheet) shown.activate();
      const final = serializeRecord(plan.final);
      await budget.spend(COMMAND_BYTES + jsonBytes(final));
      if (plan.final.cells.length > 0 || plan.final.resultSheet !== undefined) wb.settings.add(RECORD_KEY, final);
      else wb.settings.getItem(RECORD_KEY).delete(); // added above in this batch, so it exists
      await budget.flush();
      this.resultSheetShown = shown !== undefined;

      if (added.length > 0 || created) {
        // The names added above are hidden now, in a later sync than the one that added them;
        // and a sheet's id is known only after the batch that adds it. Should this not happen, the
        // new sheet is not recorded and so is never cleared or deleted (the safe side), and the names
        // stay visible until the next check or clear replaces or deletes them.
        for (const n of added) {
          await budget.spend(2 * COMMAND_BYTES);
          wb.names.getItem(n).visible = false;
        }
        if (created) {
          const withSheet = serializeRecord({ ...plan.final, resultSheet: created.id });
          await budget.spend(COMMAND_BYTES + jsonBytes(withSheet));
          wb.settings.add(RECORD_KEY, withSheet);
        }
        await budget.flush();
      }
    });
  }

  async clearHighlights(): Promise<void> {
    this.snapshot = undefined;
    this.resultSheetShown = false;
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const base = snapshotOf(await readMeta(ctx), this.merges);
      const cells = recordedCells(base);
      const snap: Snapshot = { ...base, fills: await readFills(ctx, cells) };
      const plan = planClear(snap);
      if (plan.nothing) return; // nothing to undo: one sync
      const budget = new SyncBudget(ctx);
      const sheets = new SheetCache(wb);
      // Where the cells are now, first: should the batch stop, a second clear finds them there.
      if (plan.journal) {
        const journal = serializeRecord(plan.journal);
        await budget.spend(COMMAND_BYTES + jsonBytes(journal));
        wb.settings.add(RECORD_KEY, journal);
      }
      for (const c of plan.restore) {
        await budget.spend(CELL_WRITE_BYTES);
        restoreFill(sheets.get(c.sheet).getRange(c.address).format.fill, c.original);
      }
      for (const n of plan.deleteNames) {
        await budget.spend(COMMAND_BYTES);
        wb.names.getItem(n).delete();
      }
      await budget.spend(2 * COMMAND_BYTES);
      if (plan.deleteSheet !== undefined) wb.worksheets.getItem(plan.deleteSheet).delete();
      // The record goes last: should the batch stop before, a second clear sees what is still marked.
      if (plan.final) wb.settings.add(RECORD_KEY, serializeRecord(plan.final));
      else if (snap.recordExists) wb.settings.getItem(RECORD_KEY).delete();
      await budget.flush();
    });
  }

  /**
   * Selects (and scrolls to) a finding's cells: the smallest range holding
   * all its cells on the sheet of its first cell (one cell when it has one),
   * with Range.select() (ExcelApi 1.1). Selecting several separate cells
   * would need RangeAreas.select(), ExcelApi 1.18, which the shipped office.js
   * does not define.
   */
  async select(refs: readonly CellRef[]): Promise<void> {
    const first = refs[0];
    if (!first) return;
    const same = refs.filter((r) => r.sheet === first.sheet);
    const top = Math.min(...same.map((r) => r.row));
    const bottom = Math.max(...same.map((r) => r.row));
    const left = Math.min(...same.map((r) => r.col));
    const right = Math.max(...same.map((r) => r.col));
    const address = top === bottom && left === right ? cellA1(top, left) : `${cellA1(top, left)}:${cellA1(bottom, right)}`;
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(first.sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
  }

  async selection(): Promise<{ sheet: string; range: string } | undefined> {
    try {
      return await this.run(async (ctx) => {
        const areas = ctx.workbook.getSelectedRanges();
        areas.load('address');
        areas.worksheet.load('name');
        await ctx.sync();
        // Several areas selected: the first one (a table is one rectangle).
        const first = splitAreas(areas.address)[0];
        return first === undefined ? undefined : { sheet: areas.worksheet.name, range: stripSheet(first) };
      });
    } catch {
      // A chart or a shape is selected, or a cell is being edited: no range to offer.
      return undefined;
    }
  }

  /**
   * Writes the narrative to a 情况说明 sheet: one paragraph per row (text
   * format, so nothing becomes a formula), headings bold, rows left to fill
   * highlighted. A 情况说明 sheet already there is kept as 情况说明(上一稿).
   * Two syncs: which sheets exist, then everything else.
   */
  async writeNarrative(n: Narrative): Promise<string> {
    // The workbook gains a sheet: a snapshot read before no longer describes it.
    this.snapshot = undefined;
    const lines = narrativeLines(n);
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const current = sheets.getItemOrNullObject(NARRATIVE_SHEET);
      const previous = sheets.getItemOrNullObject(PREVIOUS_NARRATIVE_SHEET);
      // isNullObject is known after the sync of any load.
      current.load('name');
      previous.load('name');
      // A protected workbook structure makes Excel refuse the rename or the add (AccessDenied): the pane says so.
      await ctx.sync();
      if (!current.isNullObject) {
        if (!previous.isNullObject) previous.delete();
        current.name = PREVIOUS_NARRATIVE_SHEET;
      }
      const ws = sheets.add(NARRATIVE_SHEET);
      const all = ws.getRange(`A1:A${lines.length}`);
      all.numberFormat = lines.map(() => ['@']);
      all.values = lines.map((l) => [l.text]);
      const column = ws.getRange('A:A').format;
      column.columnWidth = NARRATIVE_COLUMN_WIDTH * POINTS_PER_CHAR;
      column.wrapText = true;
      column.verticalAlignment = 'Top';
      lines.forEach((l, i) => {
        if (!l.bold && !l.toFill) return;
        const cell = ws.getRange(`A${i + 1}`);
        if (l.bold) cell.format.font.bold = true;
        if (l.toFill) cell.format.fill.color = `#${TO_FILL_COLOR}`;
      });
      ws.activate();
      await ctx.sync();
      return NARRATIVE_SHEET;
    });
  }

  /**
   * 增删科目: the row edits, in two syncs (see the notes at the top). Entire
   * rows are inserted and deleted (Range.insert/delete, ExcelApi 1.1), so that
   * every formula's spans move as when the accountant inserts a row by hand;
   * rows are copied with Range.copyFrom (ExcelApi 1.9: formats, the unlocked
   * inputs and their data validation, formulas with their relative references
   * moved); cells are written as formulas (a value, or "=…"), emptied with
   * clear(Contents), which keeps their formats.
   *
   * Protection. A sheet protected without a password (as 新年度 protects its
   * sheets) is unprotected in the same batch, before anything else, and
   * protected again at its end with the options it had (allowInsertRows …).
   * A sheet protected with a password cannot be: Office.js offers no way to
   * know it before (isPasswordProtected is ExcelApiOnline only), so its
   * unprotect() fails the batch; every unprotect comes before any edit, so
   * nothing has changed but the protection of the sheets before it, which is
   * put back, and the user is told which sheet to unprotect.
   */
  async editRows(edits: readonly RowEdit[]): Promise<void> {
    // The rows move: a snapshot read before no longer says where the cells are.
    this.snapshot = undefined;
    if (edits.length === 0) return;
    const names = [...new Set(edits.map((e) => e.sheet))];
    await this.run(async (ctx) => {
      const sheets = new Map(names.map((n) => [n, ctx.workbook.worksheets.getItem(n)] as const));
      for (const ws of sheets.values()) ws.protection.load('protected, options');
      await ctx.sync();
      const locked = names.flatMap((n) => {
        const p = sheets.get(n)!.protection;
        return p.protected ? [{ name: n, protection: p, options: p.options }] : [];
      });
      for (const l of locked) l.protection.unprotect();
      for (const e of edits) queueEdit(sheets.get(e.sheet)!, e);
      for (const l of locked) l.protection.protect(l.options);
      try {
        await ctx.sync();
      } catch (e) {
        // Put back the protection that came off, then say why the batch stopped.
        for (const l of locked) l.protection.load('protected');
        await ctx.sync();
        const stillLocked = locked.filter((l) => l.protection.protected);
        for (const l of locked) if (!l.protection.protected) l.protection.protect(l.options);
        await ctx.sync();
        // The unprotects come first: a sheet still protected is one whose unprotect failed, for its password.
        const first = stillLocked[0];
        if (first) throw new Error(`工作表“${first.name}”设有密码保护，加载项不能在其中插入或删除行。请先在“审阅 → 撤消工作表保护”中输入密码解除保护，再增删科目。工作簿没有任何改动。`);
        throw e;
      }
    });
  }

  async saveState(state: SavedState): Promise<void> {
    await this.run(async (ctx) => {
      ctx.workbook.settings.add(STATE_KEY, JSON.stringify(state));
      await ctx.sync();
    });
  }
}

/** Sync 1 of every operation: the workbook's sheets, settings, protection and names. */
async function readMeta(ctx: Excel.RequestContext): Promise<WorkbookMeta> {
  const q = queueMeta(ctx.workbook);
  await ctx.sync();
  return collectMeta(q);
}

function snapshotOf(meta: WorkbookMeta, merges: ReadonlyMap<string, readonly CellRange[]>): Snapshot {
  const recordValue = meta.settings.get(RECORD_KEY);
  const record: HighlightRecord = recordValue === undefined ? EMPTY_RECORD : parseRecord(recordValue);
  const stateValue = meta.settings.get(STATE_KEY);
  const names = new Map<string, MarkName>();
  for (const n of meta.names) if (isMarkName(n.name)) names.set(n.name.toLowerCase(), { name: n.name, formula: n.formula });
  const byName = new Map<string, SheetMeta>(meta.sheets.map((s) => [s.name, s]));
  return {
    sheets: meta.sheets,
    byName,
    merges,
    state: stateValue === undefined ? EMPTY_STATE : parseState(stateValue),
    record,
    recordExists: recordValue !== undefined,
    names,
    resultSheet: record.resultSheet === undefined ? undefined : meta.sheets.find((s) => s.id === record.resultSheet),
    structureProtected: meta.structureProtected,
    fills: new Map(),
  };
}

/** Entire rows [top, bottom], 0-based, as Excel addresses them: "8:9". */
const rowsA1 = (top: number, bottom = top) => `${top + 1}:${bottom + 1}`;

/** Consecutive numbers as [first, last] runs. */
function runs(sorted: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Queues one RowEdit on its sheet: insert, copy, write, delete (bottom up).
 * Writes go by runs of adjacent cells of a row: emptied ones with
 * clear(Contents), the others as formulas (a number, a text, or "=…").
 */
function queueEdit(ws: Excel.Worksheet, e: RowEdit): void {
  if (e.insert && e.insert.count > 0) ws.getRange(rowsA1(e.insert.at, e.insert.at + e.insert.count - 1)).insert('Down');
  for (const c of e.copyRows ?? []) ws.getRange(rowsA1(c.to)).copyFrom(ws.getRange(rowsA1(c.from)), 'All');
  // The last write of a cell wins, as it would written one by one.
  const cells = new Map<string, CellWrite>();
  for (const w of e.writes) cells.set(`${w.row},${w.col}`, w);
  const byRow = new Map<number, CellWrite[]>();
  for (const w of cells.values()) byRow.set(w.row, [...(byRow.get(w.row) ?? []), w]);
  for (const [row, writes] of byRow) {
    const sorted = [...writes].sort((a, b) => a.col - b.col);
    let i = 0;
    const emptied = (w: CellWrite) => w.formula === undefined && (w.value ?? null) === null;
    while (i < sorted.length) {
      const blank = emptied(sorted[i]!);
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1]!.col === sorted[j]!.col + 1 && emptied(sorted[j + 1]!) === blank) j++;
      const range = ws.getRange(`${cellA1(row, sorted[i]!.col)}:${cellA1(row, sorted[j]!.col)}`);
      if (blank) range.clear('Contents');
      else range.formulas = [sorted.slice(i, j + 1).map((w) => (w.formula !== undefined ? `=${w.formula}` : (w.value as string | number)))];
      i = j + 1;
    }
  }
  for (const [top, bottom] of runs([...new Set(e.remove ?? [])].sort((a, b) => a - b)).reverse()) ws.getRange(rowsA1(top, bottom)).delete('Up');
}

/** One proxy per sheet name within a batch (fewer objects for Excel to resolve). */
class SheetCache {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  constructor(private readonly wb: Excel.Workbook) {}
  get(name: string): Excel.Worksheet {
    let ws = this.sheets.get(name);
    if (!ws) this.sheets.set(name, (ws = this.wb.worksheets.getItem(name)));
    return ws;
  }
}

/** Base64 of bytes, in blocks (String.fromCharCode of a whole workbook would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
