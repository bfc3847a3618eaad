/**
 * The WPS host: the add-in's DisclosureHost inside WPS 表格, on the ET object
 * model of the WPS 加载项 runtime (window.Application; ./et.ts says where each
 * member and each behaviour relied on is documented). It does what the Excel
 * host (../office/office-host.ts) does, and plans the marks with the same
 * code (../office/plan.ts), so that the same workbook gets the same marks.
 *
 * Calls into WPS are synchronous; each crosses from the page into WPS, so
 * none is made per cell where a range will do:
 *
 * - read(): per sheet a few calls for its name, visibility and protection,
 *   ONE call for all its values (Value2 of the used range), a few for the
 *   number formats of its numbers and its merged areas (./wps-read.ts);
 * - highlight(): the fills of the cells it will mark or restore (their
 *   patterns asked of runs of cells, ./uniform.ts), then the writes: the
 *   marks one range per run of cells of the same colour, a hidden name and a
 *   comment per marked cell, the 检查结果 sheet with one assignment of its
 *   values;
 * - clearHighlights(): the recorded cells' fills now, then the restores.
 *
 * What is changed, what is recorded: as in Excel. A mark is a solid fill of
 * the severity's colour on the finding's cells (a cell inside a merged area:
 * the area's first cell), and the reasons go into a comment (批注) of the
 * cell, starting with NOTE_MARK; a cell that has a comment of the user's
 * keeps it untouched and gets none (the reasons are on 检查结果). Nothing
 * else of a user's sheet is written: no value, no formula, no number format.
 * Every marked cell's own fill is recorded before the mark, in the workbook
 * (./wps-store.ts: a very hidden sheet), with a hidden workbook name
 * (_juesuan_mark_N, Names.Add(…, Visible = False)) that follows the cell when
 * rows or columns are inserted or deleted or the sheet is renamed. 清除标记
 * restores a cell only while it still shows exactly the mark (a fill the
 * user gave it since stays), and deletes only comments that start with
 * NOTE_MARK. Cells with a gradient fill are not marked, nor cells on sheets
 * protected against formatting; both are still listed on 检查结果.
 *
 * Failure safety, as in Excel: every call applies at once and nothing rolls
 * back, so the record covering every cell about to be touched is written
 * first, then the fills, names, comments and 检查结果, then the final record.
 *
 * The 检查结果 sheet is the one the hidden name _juesuan_result refers to
 * (it follows the sheet when renamed); a sheet called 检查结果 that the
 * add-in did not create is the user's and is never written or deleted: the
 * add-in's is then 检查结果(2), or the next free name.
 *
 * A workbook whose structure is protected: no sheet can be added, so neither
 * 检查结果 nor, the first time, the data sheet. Without the data sheet the
 * own fills could not be kept, so nothing is marked and the check says so
 * (the findings are in the pane); with it (protection added later), marks
 * are made without names, as in Excel.
 *
 * Adding a sheet makes it the active one: the sheet the user was on is made
 * active again, except that the ribbon's 一键检查 (showResultSheet) leaves
 * 检查结果 showing. ScreenUpdating is off while writing; DisplayAlerts is off
 * only around deleting a sheet (its confirmation).
 */
import { cellA1, quoteSheetName } from '../../core/grid/a1';
import type { CellRange, CellRef, WorkbookGrid } from '../../core/grid/grid';
import type { CheckResult } from '../../core/check';
import type { Narrative } from '../../core/narrative/types';
import { type DisclosureHost, type HostSnapshot, type SavedState } from '../host';
import { noteLine, planMarks } from '../marks';
import { NARRATIVE_COLUMN_WIDTH, NARRATIVE_SHEET, PREVIOUS_NARRATIVE_SHEET, TO_FILL_COLOR, narrativeLines } from '../narrative-sheet';
import { EMPTY_RECORD, type HighlightRecord, NO_FILL, type RecordedCell, type SavedFill, cellKey, isMarkName } from '../office/fill';
import type { CellAt } from '../office/office-read';
import { type MarkName, type Snapshot, freeResultName, highlightCells, planClear, planHighlight, recordedCells } from '../office/plan';
import type { EtApplication, EtInterior, EtNames, EtRange, EtWorkbook, EtWorksheet } from './et';
import { XL_PATTERN_NONE, XL_SHEET_VERY_HIDDEN, XL_TOP } from './et';
import { type InteriorProperty, readFill, writeInterior, writeMark } from './wps-fill';
import { RESULT_NAME, type ReadCost, type WpsMeta, activeWorkbook, rangeA1, readMeta, readSheet } from './wps-read';
import { writeResultSheet } from './wps-result';
import { DATA_SHEET, type StoredData, isEmptyData, writeData } from './wps-store';
import { columnRuns, rcKey, resolveUniform } from './uniform';

/** How the add-in's comments begin: only comments starting with it are ever replaced or deleted. */
export const NOTE_MARK = '【决算公开助手】';
/** A comment's reasons are cut here (the rest is on 检查结果). */
const NOTE_MAX_CHARS = 1_500;

/** What the user is told when nothing can be marked (structure protected, no data sheet yet). */
export const STRUCTURE_PROTECTED_MESSAGE =
  '工作簿结构受保护：无法添加“检查结果”工作表，也无法保存各单元格原有的底色，因此没有标色。问题已列在助手窗格中；撤销工作簿保护（审阅 → 撤销工作簿保护）后再检查即可标色。';

export interface WpsHostOptions {
  /** After marking, leave the 检查结果 sheet showing (the ribbon's 一键检查; the pane lists the findings itself). */
  readonly showResultSheet?: boolean;
}

export class WpsHost implements DisclosureHost {
  private readonly showResultSheet: boolean;
  /** Set by read(), consumed by the next highlight(). */
  private snapshot: { snap: Snapshot; meta: WpsMeta } | undefined;
  /** Merged areas by sheet name, from the last read(). */
  private merges: ReadonlyMap<string, readonly CellRange[]> = new Map();
  /** Whether the last highlight() left a 检查结果 sheet showing. */
  resultSheetShown = false;
  /** Calls the contents of the last read() took, by kind. */
  lastReadCost: ReadCost = { values: 0, formats: 0, merges: 0 };

  constructor(
    private readonly app: EtApplication,
    options: WpsHostOptions = {},
  ) {
    this.showResultSheet = options.showResultSheet ?? false;
  }

  async read(): Promise<HostSnapshot> {
    const meta = readMeta(this.app);
    const cost: ReadCost = { values: 0, formats: 0, merges: 0 };
    const sheets = [];
    const merges = new Map<string, CellRange[]>();
    for (const s of meta.sheets) {
      // The add-in's own 检查结果 is not the user's data: not read.
      if (s.name === meta.resultSheet) continue;
      const { grid, merges: m } = readSheet(meta.objects.get(s.name)!, s.name, cost);
      sheets.push(grid);
      merges.set(s.name, m);
    }
    this.lastReadCost = cost;
    this.merges = merges;
    const snap = snapshotOf(meta, merges);
    this.snapshot = { snap, meta };
    const grid: WorkbookGrid = { sheets };
    return { grid, state: snap.state };
  }

  async highlight(result: CheckResult, ignored: readonly string[]): Promise<void> {
    const fresh = this.snapshot;
    this.snapshot = undefined;
    this.resultSheetShown = false;
    const meta = fresh?.meta ?? readMeta(this.app);
    const base = fresh?.snap ?? snapshotOf(meta, this.merges);
    if (!meta.dataSheetExists && meta.structureProtected) throw new Error(STRUCTURE_PROTECTED_MESSAGE);
    const wb = meta.workbook;
    const snap: Snapshot = { ...base, fills: readFills(wb, highlightCells(result, ignored, base)) };
    const plan = planHighlight(result, ignored, snap);
    const notes = noteTexts(result, ignored, snap);

    this.writing(wb, (w) => {
      // The journal first: from here on, every cell this run may touch is in the record.
      w.store({ state: snap.state, record: plan.journal });
      w.restoreFills(plan.restore);
      w.removeNotes(plan.restore, meta);
      w.deleteNames(plan.deleteNames, meta);
      w.marks(plan.marks);
      w.addNames(plan.marks.flatMap((m) => (m.addName === undefined ? [] : [{ name: m.addName, sheet: m.sheet, address: m.address }])));
      w.notes(
        plan.marks.map((m) => ({ sheet: m.sheet, address: m.address, text: notes.get(cellKey(m.sheet, m.address)) })),
        meta,
      );
      let shown: EtWorksheet | undefined;
      if (snap.resultSheet) {
        const ws = wb.Worksheets.Item(snap.resultSheet.name);
        ws.UsedRange.Clear();
        writeResultSheet(this.app, ws, plan.listed, plan.ignoredCount, w.original);
        if (snap.resultSheet.visible) shown = ws;
      } else if (!snap.structureProtected) {
        const ws = w.addSheet(freeResultName(snap.sheets));
        wb.Names.Add(RESULT_NAME, `=${quoteSheetName(ws.Name)}!$A:$A`, false);
        writeResultSheet(this.app, ws, plan.listed, plan.ignoredCount, w.original);
        shown = ws;
      }
      w.store({ state: snap.state, record: plan.final });
      if (shown && this.showResultSheet) {
        shown.Activate();
        w.leaveActive();
      }
      this.resultSheetShown = shown !== undefined;
    });
  }

  async clearHighlights(): Promise<void> {
    this.snapshot = undefined;
    this.resultSheetShown = false;
    const meta = readMeta(this.app);
    const base = snapshotOf(meta, this.merges);
    const wb = meta.workbook;
    const snap: Snapshot = { ...base, fills: readFills(wb, recordedCells(base)) };
    const plan = planClear(snap);
    if (plan.nothing) {
      // Nothing marked; a data sheet left with nothing in it goes.
      if (meta.dataSheetExists && isEmptyData(meta.data)) this.writing(wb, (w) => w.deleteSheet(DATA_SHEET));
      return;
    }
    this.writing(wb, (w) => {
      // Where the cells are now, first: should this stop half way, a second clear finds them there.
      if (plan.journal) w.store({ state: snap.state, record: plan.journal });
      w.restoreFills(plan.restore);
      w.removeNotes(plan.restore, meta);
      w.deleteNames(plan.deleteNames, meta);
      if (plan.deleteSheet !== undefined) {
        w.deleteSheet(plan.deleteSheet);
        w.deleteNames(meta.names.filter((n) => n.name.toLowerCase() === RESULT_NAME).map((n) => n.name), meta);
      }
      // The record goes last: should this stop before, a second clear sees what is still marked.
      const rest: StoredData = { state: snap.state, record: plan.final ?? EMPTY_RECORD };
      if (isEmptyData(rest)) w.deleteSheet(DATA_SHEET);
      else w.store(rest);
    });
  }

  /**
   * Selects (and scrolls to) a finding's cells: the smallest range holding
   * all its cells on the sheet of its first cell. The sheet is activated
   * first: a range can be selected only on the active sheet.
   */
  async select(refs: readonly CellRef[]): Promise<void> {
    const first = refs[0];
    if (!first) return;
    const same = refs.filter((r) => r.sheet === first.sheet);
    const area = {
      top: Math.min(...same.map((r) => r.row)),
      bottom: Math.max(...same.map((r) => r.row)),
      left: Math.min(...same.map((r) => r.col)),
      right: Math.max(...same.map((r) => r.col)),
    };
    const ws = activeWorkbook(this.app).Worksheets.Item(first.sheet);
    ws.Activate();
    ws.Range(rangeA1(area)).Select();
  }

  async selection(): Promise<{ sheet: string; range: string } | undefined> {
    try {
      const sel = this.app.Selection as EtRange | null | undefined;
      if (!sel || typeof sel !== 'object') return undefined;
      const address = sel.Address(false, false);
      const sheet = sel.Worksheet.Name;
      // Several areas selected: the first one (a table is one rectangle).
      const first = typeof address === 'string' ? address.split(',')[0]!.trim() : '';
      return first === '' ? undefined : { sheet, range: first.replace(/\$/g, '') };
    } catch {
      // A chart or a shape is selected (no Address), or a cell is being edited.
      return undefined;
    }
  }

  /**
   * Writes the narrative to a 情况说明 sheet: one paragraph per row, as text,
   * headings bold, rows left to fill highlighted. A 情况说明 sheet already
   * there is kept as 情况说明(上一稿) (replacing an older one).
   */
  async writeNarrative(n: Narrative): Promise<string> {
    this.snapshot = undefined;
    const lines = narrativeLines(n);
    const wb = activeWorkbook(this.app);
    if (wb.ProtectStructure === true) throw new Error('工作簿结构受保护，无法添加“情况说明”工作表。请撤销工作簿保护后再试。');
    const meta = readMeta(this.app);
    this.writing(wb, (w) => {
      const names = meta.sheets.map((s) => s.name);
      if (names.includes(NARRATIVE_SHEET)) {
        if (names.includes(PREVIOUS_NARRATIVE_SHEET)) w.deleteSheet(PREVIOUS_NARRATIVE_SHEET);
        wb.Worksheets.Item(NARRATIVE_SHEET).Name = PREVIOUS_NARRATIVE_SHEET;
      }
      const ws = w.addSheet(NARRATIVE_SHEET);
      const all = ws.Range(`A1:A${lines.length}`);
      all.NumberFormat = '@';
      all.Value2 = lines.map((l) => [l.text]);
      const column = ws.Range('A:A');
      column.ColumnWidth = NARRATIVE_COLUMN_WIDTH;
      column.WrapText = true;
      column.VerticalAlignment = XL_TOP;
      const rows = (pick: (l: (typeof lines)[number]) => boolean) => columnRuns(lines.flatMap((l, i) => (pick(l) ? [{ row: i, col: 0 }] : [])));
      for (const r of rows((l) => l.bold)) ws.Range(rangeA1(r)).Font.Bold = true;
      for (const r of rows((l) => l.toFill)) writeMark(ws.Range(rangeA1(r)).Interior, `#${TO_FILL_COLOR}`);
      ws.Activate();
      w.leaveActive();
    });
    return NARRATIVE_SHEET;
  }

  async saveState(state: SavedState): Promise<void> {
    this.snapshot = undefined;
    const meta = readMeta(this.app);
    if (!meta.dataSheetExists && meta.structureProtected) throw new Error('工作簿结构受保护，无法在工作簿中保存设置。请撤销工作簿保护后再试。');
    this.writing(meta.workbook, (w) => w.store({ state, record: meta.data.record }));
  }

  /** Runs the writes with ScreenUpdating off, then puts back the sheet that was active. */
  private writing(wb: EtWorkbook, f: (w: Writer) => void): void {
    const app = this.app;
    const updating = app.ScreenUpdating;
    app.ScreenUpdating = false;
    const w = new Writer(app, wb);
    try {
      f(w);
    } finally {
      try {
        w.reactivate();
      } finally {
        app.ScreenUpdating = updating !== false;
      }
    }
  }
}

/** The writes of one operation, on one workbook. */
class Writer {
  /** The sheet active when the operation began (made active again at the end). */
  readonly original: EtWorksheet | undefined;
  private readonly originalName: string | undefined;
  private keepActive = false;
  /** Sheets deleted by this operation (the active one may be among them: nothing to go back to then). */
  private readonly deleted = new Set<string>();
  private readonly sheets = new Map<string, EtWorksheet>();
  private dataSheet: EtWorksheet | undefined;

  constructor(
    private readonly app: EtApplication,
    private readonly wb: EtWorkbook,
  ) {
    const active = app.ActiveSheet ?? undefined;
    this.original = active;
    this.originalName = active ? active.Name : undefined;
  }

  sheet(name: string): EtWorksheet {
    let ws = this.sheets.get(name);
    if (!ws) this.sheets.set(name, (ws = this.wb.Worksheets.Item(name)));
    return ws;
  }

  /** A new sheet after the last one (it becomes the active sheet, as Worksheets.Add does). */
  addSheet(name: string): EtWorksheet {
    const all = this.wb.Worksheets;
    const ws = all.Add(undefined, all.Item(all.Count));
    ws.Name = name;
    this.sheets.set(name, ws);
    return ws;
  }

  deleteSheet(name: string): void {
    const ws = name === DATA_SHEET ? this.findData() : this.sheet(name);
    if (!ws) return;
    const alerts = this.app.DisplayAlerts;
    this.app.DisplayAlerts = false;
    try {
      ws.Delete();
    } finally {
      this.app.DisplayAlerts = alerts !== false;
    }
    this.sheets.delete(name);
    this.deleted.add(name);
    if (name === DATA_SHEET) this.dataSheet = undefined;
  }

  /** The data sheet, if the workbook has one (looked up by walking the sheets: Item(name) of a missing sheet fails). */
  private findData(): EtWorksheet | undefined {
    if (this.dataSheet) return this.dataSheet;
    const all = this.wb.Worksheets;
    const n = all.Count;
    for (let i = n; i >= 1; i--) {
      const ws = all.Item(i);
      if (ws.Name === DATA_SHEET) return (this.dataSheet = ws);
    }
    return undefined;
  }

  /** Writes the add-in's data, creating the (very hidden) data sheet the first time. */
  store(d: StoredData): void {
    let ws = this.findData();
    if (!ws) {
      ws = this.addSheet(DATA_SHEET);
      ws.Visible = XL_SHEET_VERY_HIDDEN;
      this.dataSheet = ws;
    }
    writeData(ws, d);
  }

  /** Restores recorded fills, one range per run of cells (in a column) with the same original. */
  restoreFills(cells: readonly RecordedCell[]): void {
    for (const { sheet, runs, value } of groupRuns(cells.map((c) => ({ sheet: c.sheet, address: c.address, value: c.original })))) {
      const ws = this.sheet(sheet);
      for (const r of runs) writeInterior(ws.Range(rangeA1(r)).Interior, value);
    }
  }

  marks(marks: readonly { sheet: string; address: string; mark: string }[]): void {
    for (const { sheet, runs, value } of groupRuns(marks.map((m) => ({ sheet: m.sheet, address: m.address, value: m.mark })))) {
      const ws = this.sheet(sheet);
      for (const r of runs) writeMark(ws.Range(rangeA1(r)).Interior, value);
    }
  }

  /** Deletes names of the add-in, by the objects read with them (no lookup by name). */
  deleteNames(names: readonly string[], meta: WpsMeta): void {
    if (names.length === 0) return;
    const byName = new Map(meta.names.map((n) => [n.name.toLowerCase(), n.item]));
    let all: EtNames | undefined;
    for (const n of names) {
      const item = byName.get(n.toLowerCase()) ?? (all ??= this.wb.Names).Item(n);
      item.Delete();
    }
  }

  /** Hidden names referring to newly marked cells (Names.Add with Visible = False). */
  addNames(names: readonly { name: string; sheet: string; address: string }[]): void {
    if (names.length === 0) return;
    const all = this.wb.Names;
    for (const n of names) {
      const p = /^([A-Z]+)(\d+)$/.exec(n.address);
      if (!p) continue;
      all.Add(n.name, `=${quoteSheetName(n.sheet)}!$${p[1]}$${p[2]}`, false);
    }
  }

  /** The add-in's comment on each marked cell (replacing an earlier one of the add-in's; a comment of the user's is left alone). */
  notes(cells: readonly { sheet: string; address: string; text: string | undefined }[], meta: WpsMeta): void {
    for (const c of cells) {
      if (c.text === undefined || meta.contentsProtected.has(c.sheet)) continue;
      const cell = this.sheet(c.sheet).Range(c.address);
      const existing = cell.Comment;
      if (existing) {
        if (!String(existing.Text()).startsWith(NOTE_MARK)) continue; // the user's
        existing.Delete();
      }
      cell.AddComment(c.text);
    }
  }

  /** Deletes the add-in's comments of cells whose marks come off. */
  removeNotes(cells: readonly RecordedCell[], meta: WpsMeta): void {
    for (const c of cells) {
      if (meta.contentsProtected.has(c.sheet)) continue;
      const existing = this.sheet(c.sheet).Range(c.address).Comment;
      if (existing && String(existing.Text()).startsWith(NOTE_MARK)) existing.Delete();
    }
  }

  /** The sheet made active by this operation stays so (the ribbon's 检查结果, a new 情况说明). */
  leaveActive(): void {
    this.keepActive = true;
  }

  /** Makes the sheet that was active at the start active again, if another one is now. */
  reactivate(): void {
    if (this.keepActive || !this.original || this.originalName === undefined || this.deleted.has(this.originalName)) return;
    const now = this.app.ActiveSheet;
    if (now && now.Name === this.originalName) return;
    this.original.Activate();
  }
}

/** Cells grouped by sheet and value, each group in runs of consecutive rows of one column. */
function groupRuns<T>(cells: readonly { sheet: string; address: string; value: T }[]): { sheet: string; value: T; runs: CellRange[] }[] {
  const groups = new Map<string, { sheet: string; value: T; cells: { row: number; col: number }[] }>();
  for (const c of cells) {
    const p = /^([A-Z]+)(\d+)$/.exec(c.address);
    if (!p) continue;
    const key = `${c.sheet}\u0000${JSON.stringify(c.value)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sheet: c.sheet, value: c.value, cells: [] }));
    g.cells.push({ row: Number(p[2]) - 1, col: colIndex(p[1]!) });
  }
  return [...groups.values()].map((g) => ({ sheet: g.sheet, value: g.value, runs: columnRuns(g.cells) }));
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The fills of the given cells (by cellKey(sheet, "C7")). A cell on its own
 * is asked directly (its Interior's Pattern, and Color and TintAndShade when
 * it has a fill). Runs of cells one above the other are asked as ranges:
 * Interior.Pattern of the run (a column of cells without fill is one call),
 * then, for the cells with a fill, Color and TintAndShade the same way (a
 * column of marks of one colour is one call each).
 */
export function readFills(wb: EtWorkbook, cells: readonly CellAt[]): Map<string, SavedFill> {
  const out = new Map<string, SavedFill>();
  const bySheet = new Map<string, { row: number; col: number }[]>();
  for (const c of cells) {
    const list = bySheet.get(c.sheet) ?? [];
    if (!list.some((o) => o.row === c.row && o.col === c.col)) list.push({ row: c.row, col: c.col });
    bySheet.set(c.sheet, list);
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  for (const [sheet, list] of bySheet) {
    const ws = wb.Worksheets.Item(sheet);
    const interior = (r: CellRange) => ws.Range(rangeA1(r)).Interior;
    const runs = columnRuns(list);
    const long = runs.filter((r) => r.bottom > r.top);
    const inRuns = list.filter((c) => long.some((r) => c.col === r.left && c.row >= r.top && c.row <= r.bottom));
    const patterns = resolveUniform(long, (r) => num(interior(r).Pattern));
    const filled = inRuns.filter((c) => patterns.get(rcKey(c.row, c.col)) !== XL_PATTERN_NONE);
    const colors = resolveUniform(columnRuns(filled), (r) => num(interior(r).Color));
    const tints = resolveUniform(columnRuns(filled), (r) => num(interior(r).TintAndShade));
    for (const c of list) {
      const k = rcKey(c.row, c.col);
      const address = cellA1(c.row, c.col);
      const known: Partial<Record<InteriorProperty, number | undefined>> = { Pattern: patterns.get(k), Color: colors.get(k), TintAndShade: tints.get(k) };
      let cell: EtInterior | undefined;
      // Whatever is not known from a run is asked of the cell (one Interior for all its properties).
      out.set(cellKey(sheet, address), readFill((name) => known[name] ?? (cell ??= ws.Range(address).Interior)[name]));
    }
  }
  return out;
}

/** The comment text of every cell to mark: its findings' reasons, most severe first. */
function noteTexts(result: CheckResult, ignored: readonly string[], snap: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  const mergeAt = (ref: CellRef) => {
    const s = snap.byName.get(ref.sheet);
    return (s ? snap.merges.get(s.id) : undefined)?.find((m) => ref.row >= m.top && ref.row <= m.bottom && ref.col >= m.left && ref.col <= m.right);
  };
  for (const p of planMarks(result.findings, ignored, mergeAt)) {
    const lines = p.findings.map(noteLine);
    let text = `${NOTE_MARK}\n${lines.join('\n')}`;
    if (text.length > NOTE_MAX_CHARS) text = `${text.slice(0, NOTE_MAX_CHARS - 30)}…（其余见“检查结果”工作表）`;
    out.set(cellKey(p.ref.sheet, cellA1(p.ref.row, p.ref.col)), text);
  }
  return out;
}

/** What the plans of ../office/plan.ts are made from, from what readMeta() read. */
function snapshotOf(meta: WpsMeta, merges: ReadonlyMap<string, readonly CellRange[]>): Snapshot {
  const names = new Map<string, MarkName>();
  for (const n of meta.names) if (isMarkName(n.name)) names.set(n.name.toLowerCase(), { name: n.name, formula: n.formula });
  const byName = new Map(meta.sheets.map((s) => [s.name, s]));
  const record: HighlightRecord = meta.data.record;
  return {
    sheets: meta.sheets,
    byName,
    merges,
    state: meta.data.state,
    record,
    recordExists: meta.dataSheetExists && (record.cells.length > 0 || record.resultSheet !== undefined),
    names,
    resultSheet: meta.resultSheet === undefined ? undefined : byName.get(meta.resultSheet),
    structureProtected: meta.structureProtected,
    fills: new Map(),
  };
}
