/// <reference types="office-js" />
/**
 * The Office.js host: the add-in's DisclosureHost inside Excel.
 *
 * Design notes
 * ============
 *
 * Round trips. Every context.sync() is a round trip to Excel (on the web, to
 * the server), so the number of syncs is fixed by design, not by the size of
 * the workbook:
 *
 * - read(): ONE sync. The sheets' names are not known before a sync, so the
 *   batch walks them blind: worksheets.getFirst(), then getNextOrNullObject()
 *   chained MAX_CHAINED_SHEETS − 1 times, queueing for each link its name,
 *   protection, used range (address, values, text, numberFormat, formulas),
 *   every cell's fill (getCellProperties) and merged areas. Past the last
 *   sheet the links are null objects: Excel propagates a null object to what
 *   is called on it (a null sheet's used range is null too; Microsoft's docs
 *   do not spell this out, chained getNextOrNullObject() loops rely on it,
 *   and the fallback below covers a host that would not), so they cost a few
 *   empty entries in the response. worksheets.getCount() in the same batch
 *   says how many links are real. The same batch loads the saved state and
 *   the highlight record (workbook.settings). A workbook with more sheets than
 *   MAX_CHAINED_SHEETS gets one more sync per MAX_CHAINED_SHEETS sheets,
 *   chained on from the last sheet read. Should the one batch fail (a host
 *   that does not propagate null objects, or Excel on the web's 5 MB response
 *   limit on a huge workbook), read() falls back to names first, then one
 *   batch per sheet.
 *
 * - highlight(): ONE sync after read(). A value loaded in a batch is only
 *   readable after that batch's sync, so a batch cannot both read a cell's
 *   fill and record it in the workbook. The fills are therefore read before:
 *   read() loads every used cell's fill in its own single batch (they are
 *   needed for at most a few thousand cells of a 决算 workbook), and
 *   highlight() consumes that snapshot: it knows each finding cell's fill
 *   without asking. A cell outside a sheet's used range (which includes
 *   formatted cells) has no fill of its own and is restored to none (a fill
 *   given to a whole row or column is the one case this misses: such a cell
 *   would come back unfilled). The snapshot is taken by read()
 *   and used by the next highlight() only; a highlight() without a fresh
 *   read() before it (忽略 minutes later, a new host) reads again first, so a
 *   fill changed in between is never recorded wrongly: two syncs then. The
 *   batch that creates the 检查结果 sheet (the first check, or the first
 *   after 清除标记) is followed by one more small sync that records the new
 *   sheet's id, which Excel gives only in the response.
 *
 * - clearHighlights(): at most TWO syncs: one reads the record, the names,
 *   the sheets' ids and protection and every used cell's current fill (the
 *   read() batch without values, text, formats or formulas, with the same
 *   fallback), one restores the cells, deletes the names and 检查结果.
 *
 * What is changed, what is recorded. A mark is a solid fill of the severity's
 * colour (../highlight-style.ts) on the finding's cells; nothing else of a
 * user's sheet is written: no value, no formula, no number format, no font.
 * The record (workbook.settings RECORD_KEY, JSON of HighlightRecord) holds,
 * for every marked cell, the fill it had before the first mark: pattern
 * ('None' = no fill), color, tintAndShade, patternColor, patternTintAndShade;
 * the colour of the mark; and a hidden workbook name (_juesuan_mark_N,
 * visible = false) that refers to the cell, so that inserting or deleting
 * rows or columns, or renaming the sheet, does not lose it (./plan.ts says
 * how a recorded cell is found again). A recorded cell is restored only while
 * it still shows exactly the mark: a fill the user gave it since stays.
 * It lives in the workbook, not in the browser, so it is saved, closed and
 * reopened together with the marks it describes, and it cannot disagree with
 * them: a workbook closed without saving loses both. A cell marked again keeps
 * the original from the record (never the mark's colour). Cells with a
 * gradient fill are not marked (Office.js cannot write gradients back), nor
 * cells on sheets protected against formatting (the write would fail the
 * batch); both are still listed on 检查结果.
 *
 * Failure safety. Excel applies a batch's commands in order and does not roll
 * back the ones before a failing command. So the highlight batch first writes
 * a record covering every cell it is about to touch (the old marks and the new
 * ones, each with its original fill and name, where the cell is now), then
 * the fills and names, then 检查结果, then the final record. Wherever it
 * stops, every changed cell is in the record, and a cell not changed yet
 * does not show its mark, so a later clear leaves it alone.
 *
 * The 检查结果 sheet is the only sheet whose values are written (created, or
 * cleared and rewritten). The add-in's sheet is the one whose worksheet.id
 * the record holds, whatever it is called now. It is left out of the grid
 * read() returns. A sheet called 检查结果 that the add-in did not create is
 * the user's: never written, cleared or deleted; the add-in's is then
 * 检查结果(2) (or the next free name).
 *
 * Theme colours: Office.js reports a fill as RGB plus tint; restoring writes
 * the same RGB and tint, so the cell looks the same, but it is no longer tied
 * to the theme (changing the workbook's theme later would not recolour it).
 */
import { cellA1 } from '../../core/grid/a1';
import type { CellRef, WorkbookGrid } from '../../core/grid/grid';
import type { CheckResult } from '../../core/check';
import { type DisclosureHost, EMPTY_STATE, type HostSnapshot, type SavedState } from '../host';
import { EMPTY_RECORD, type HighlightRecord, isMarkName, markFill, parseRecord, restoreFill, serializeRecord } from './fill';
import {
  type QueuedSheetRead,
  type ReadOptions,
  type SheetRead,
  collectEmptySheet,
  collectSheetRead,
  queueRangeRead,
  queueSheetHeader,
  queueSheetRead,
  splitAreas,
  stripSheet,
} from './office-read';
import { type MarkName, type Snapshot, freeResultName, planClear, planHighlight } from './plan';
import { POINTS_PER_CHAR, queueResultSheet } from './result-sheet';
import type { Narrative } from '../../core/narrative/types';
import { NARRATIVE_COLUMN_WIDTH, NARRATIVE_SHEET, PREVIOUS_NARRATIVE_SHEET, TO_FILL_COLOR, narrativeLines } from '../narrative-sheet';

/**
 * The ExcelApi set this host needs: getCellProperties, FillPattern and
 * RangeAreas (1.9); below that, hyperlinks, workbook protection and a name's
 * formula (1.7), getNextOrNullObject (1.5), settings, used ranges as null
 * objects and adding or deleting names (1.4), worksheet ids (1.1).
 * Merged areas (1.13) are optional: see OfficeHostOptions.mergedAreas.
 */
export const REQUIRED_EXCEL_API = '1.9';
/** Range.getMergedAreasOrNullObject. */
export const MERGED_AREAS_EXCEL_API = '1.13';

/** workbook.settings key of the SavedState (JSON). */
export const STATE_KEY = 'juesuan.state';
/** workbook.settings key of the HighlightRecord (JSON). */
export const RECORD_KEY = 'juesuan.highlights';

/**
 * How many sheets read() chains in its one batch. A 决算 workbook has the nine
 * tables and a few more (封面, 目录, 说明, 绩效): 60 leaves room for workbooks
 * that keep several years or several units side by side, while the request
 * stays small (the links past the last sheet are null objects, each a handful
 * of commands and an empty entry in the response). More sheets cost one sync
 * per 60, never a wrong result.
 */
export const MAX_CHAINED_SHEETS = 60;

/** At most this many cells are selected together (an address list Excel takes comfortably). */
const MAX_SELECTED_AREAS = 40;

/** Runs a batch: Excel.run in production, a fake in tests. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostOptions {
  /**
   * Read merged areas (ExcelApi 1.13). Default: what
   * Office.context.requirements.isSetSupported('ExcelApi', '1.13') says, false
   * outside Office. Without them the grid has no merges; the mapping still
   * works from the values, which sit on each merged area's first cell.
   */
  readonly mergedAreas?: boolean;
}

interface QueuedMeta {
  readonly state: Excel.Setting;
  readonly record: Excel.Setting;
  readonly protection: Excel.WorkbookProtection;
  readonly names: Excel.NamedItemCollection;
}

function mergedAreasSupported(): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported('ExcelApi', MERGED_AREAS_EXCEL_API) ?? false;
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
  private readonly readOptions: ReadOptions;
  /** Set by read(), consumed by the next highlight(). */
  private snapshot: Snapshot | undefined;

  constructor(
    private readonly run: BatchRunner,
    options: OfficeHostOptions = {},
  ) {
    this.readOptions = { mergedAreas: options.mergedAreas ?? mergedAreasSupported() };
  }

  async read(): Promise<HostSnapshot> {
    const snap = await this.readSnapshot(this.readOptions);
    this.snapshot = snap;
    // The add-in's own 检查结果 sheet (by id, whatever its name) is not the user's data.
    const grid: WorkbookGrid = { sheets: snap.sheets.filter((s) => s !== snap.resultSheet).map((s) => s.grid) };
    return { grid, state: snap.state };
  }

  async highlight(result: CheckResult, ignored: readonly string[]): Promise<void> {
    const snap = this.snapshot ?? (await this.readSnapshot(this.readOptions));
    // Consumed: after the marks the snapshot no longer describes the workbook.
    this.snapshot = undefined;
    const plan = planHighlight(result, ignored, snap);
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = new SheetCache(wb);
      // The journal first: from here on, every cell this batch may touch is in the record.
      wb.settings.add(RECORD_KEY, serializeRecord(plan.journal));
      for (const c of plan.restore) restoreFill(sheets.get(c.sheet).getRange(c.address).format.fill, c.original);
      for (const n of plan.deleteNames) wb.names.getItem(n).delete();
      for (const m of plan.marks) {
        const cell = sheets.get(m.sheet).getRange(m.address);
        if (m.addName !== undefined) wb.names.add(m.addName, cell).visible = false;
        markFill(cell.format.fill, m.mark);
      }
      let created: Excel.Worksheet | undefined;
      if (snap.resultSheet) {
        const ws = wb.worksheets.getItem(snap.resultSheet.id);
        ws.getRange().clear();
        queueResultSheet(ws, plan.listed, plan.ignoredCount);
      } else if (!snap.structureProtected) {
        // A sheet of that name the add-in did not create is the user's: 检查结果(2) then.
        created = wb.worksheets.add(freeResultName(snap.sheets));
        created.load('id');
        queueResultSheet(created, plan.listed, plan.ignoredCount);
      }
      if (plan.final.cells.length > 0 || plan.final.resultSheet !== undefined) wb.settings.add(RECORD_KEY, serializeRecord(plan.final));
      else wb.settings.getItem(RECORD_KEY).delete(); // added above in this batch, so it exists
      await ctx.sync();
      if (created) {
        // A sheet's id is known only after the batch that adds it: one more sync, the first time only.
        // Should it not happen, the new sheet is not recorded and so is never cleared or deleted: the safe side.
        wb.settings.add(RECORD_KEY, serializeRecord({ ...plan.final, resultSheet: created.id }));
        await ctx.sync();
      }
    });
  }

  async clearHighlights(): Promise<void> {
    this.snapshot = undefined;
    // The fills as they are now (no values needed), the record, the names, the sheets' ids and protection.
    const snap = await this.readSnapshot({ mergedAreas: false, contents: false });
    const plan = planClear(snap);
    if (plan.nothing) return; // nothing to undo: one sync
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = new SheetCache(wb);
      // Where the cells are now, first: should the batch stop, a second clear finds them there.
      if (plan.journal) wb.settings.add(RECORD_KEY, serializeRecord(plan.journal));
      for (const c of plan.restore) restoreFill(sheets.get(c.sheet).getRange(c.address).format.fill, c.original);
      for (const n of plan.deleteNames) wb.names.getItem(n).delete();
      if (plan.deleteSheet !== undefined) wb.worksheets.getItem(plan.deleteSheet).delete();
      // The record goes last: should the batch stop before, a second clear sees what is still marked.
      if (plan.final) wb.settings.add(RECORD_KEY, serializeRecord(plan.final));
      else if (snap.recordExists) wb.settings.getItem(RECORD_KEY).delete();
      await ctx.sync();
    });
  }

  async select(refs: readonly CellRef[]): Promise<void> {
    const first = refs[0];
    if (!first) return;
    const addresses = [...new Set(refs.filter((r) => r.sheet === first.sheet).map((r) => cellA1(r.row, r.col)))].slice(0, MAX_SELECTED_AREAS);
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(first.sheet);
      ws.activate();
      // RangeAreas (ExcelApi 1.9, within REQUIRED_EXCEL_API) selects several cells at once.
      if (addresses.length > 1) ws.getRanges(addresses.join(',')).select();
      else ws.getRange(cellA1(first.row, first.col)).select();
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

  async saveState(state: SavedState): Promise<void> {
    await this.run(async (ctx) => {
      ctx.workbook.settings.add(STATE_KEY, JSON.stringify(state));
      await ctx.sync();
    });
  }

  // -------------------------------------------------------------------------
  // Reading

  private async readSnapshot(o: ReadOptions): Promise<Snapshot> {
    try {
      return await this.readChained(o);
    } catch (chainedError) {
      try {
        return await this.readByName(o);
      } catch {
        throw chainedError;
      }
    }
  }

  /** The one-batch read (see the notes at the top). */
  private readChained(o: ReadOptions): Promise<Snapshot> {
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const meta = queueMeta(wb);
      const count = wb.worksheets.getCount();
      let queued = queueChain(wb.worksheets.getFirst(), o);
      await ctx.sync();
      const sheets: SheetRead[] = [];
      const total = count.value;
      for (;;) {
        const real = queued.slice(0, total - sheets.length);
        for (const q of real) sheets.push(collectSheetRead(q));
        if (sheets.length >= total || real.length === 0) break;
        // More sheets than one chain: go on from the last sheet read.
        queued = queueChain(wb.worksheets.getItem(sheets[sheets.length - 1]!.id).getNextOrNullObject(), o);
        await ctx.sync();
      }
      return snapshotOf(meta, sheets);
    });
  }

  /**
   * The fallback read: names and used-range addresses first, then one batch
   * per non-empty sheet, on ranges known to exist. Only plain loads and
   * getItem of existing sheets: nothing here depends on null objects.
   */
  private readByName(o: ReadOptions): Promise<Snapshot> {
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const meta = queueMeta(wb);
      wb.worksheets.load('items/name');
      await ctx.sync();
      const heads = wb.worksheets.items.map((s) => {
        const ws = wb.worksheets.getItem(s.name);
        queueSheetHeader(ws);
        const used = ws.getUsedRangeOrNullObject(false);
        used.load('address');
        return { ws, used };
      });
      await ctx.sync();
      const sheets: SheetRead[] = [];
      for (const { ws, used } of heads) {
        if (used.isNullObject) {
          sheets.push(collectEmptySheet(ws));
          continue;
        }
        const q = queueRangeRead(ws, ws.getRange(stripSheet(used.address)), o);
        await ctx.sync();
        sheets.push(collectSheetRead(q));
      }
      return snapshotOf(meta, sheets);
    });
  }
}

/** Queues the read of `first` and the MAX_CHAINED_SHEETS − 1 sheets after it. */
function queueChain(first: Excel.Worksheet, o: ReadOptions): QueuedSheetRead[] {
  const out: QueuedSheetRead[] = [];
  let ws = first;
  for (let i = 0; i < MAX_CHAINED_SHEETS; i++) {
    if (i > 0) ws = ws.getNextOrNullObject();
    out.push(queueSheetRead(ws, o));
  }
  return out;
}

function queueMeta(wb: Excel.Workbook): QueuedMeta {
  const state = wb.settings.getItemOrNullObject(STATE_KEY);
  state.load('value');
  const record = wb.settings.getItemOrNullObject(RECORD_KEY);
  record.load('value');
  wb.protection.load('protected');
  // Every workbook-level name (a collection load: no null objects); the add-in's are picked out after the sync.
  wb.names.load('items/name, items/formula');
  return { state, record, protection: wb.protection, names: wb.names };
}

function snapshotOf(meta: QueuedMeta, sheets: SheetRead[]): Snapshot {
  const record: HighlightRecord = meta.record.isNullObject ? EMPTY_RECORD : parseRecord(meta.record.value);
  const names = new Map<string, MarkName>();
  for (const n of meta.names.items) if (isMarkName(n.name)) names.set(n.name.toLowerCase(), { name: n.name, formula: n.formula });
  return {
    sheets,
    byName: new Map(sheets.map((s) => [s.name, s])),
    state: meta.state.isNullObject ? EMPTY_STATE : parseState(meta.state.value),
    record,
    recordExists: !meta.record.isNullObject,
    names,
    resultSheet: record.resultSheet === undefined ? undefined : sheets.find((s) => s.id === record.resultSheet),
    structureProtected: meta.protection.protected,
  };
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
