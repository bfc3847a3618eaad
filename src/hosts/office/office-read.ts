/// <reference types="office-js" />
/**
 * Reading a workbook through Office.js with documented behaviour only, in a
 * fixed number of round trips:
 *
 * 1. the workbook: the worksheet collection (name, id, visibility, protection),
 *    the add-in's settings, the workbook's structure protection and names —
 *    collection loads, no object that may not exist;
 * 2. every sheet's used range (values only: stray formatting does not count),
 *    by getUsedRangeOrNullObject with its address loaded, the documented way
 *    to ask for something that may be absent (isNullObject after the sync);
 * 3. the used ranges' values, displayed text, number formats and formulas, in
 *    blocks of rows that keep each sync under the payload budget (./payload.ts):
 *    one sync for a workbook of the usual size, one more for each further
 *    ~25,000 cells of a very large one. A block Excel still refuses as too
 *    large is read again in halves. Merged areas (ExcelApi 1.13, only where
 *    isSetSupported says so) come with the first block.
 *
 * Cell formats are not read here: the marks need the fill of only the cells
 * they change, which readFills() reads when the marks are known.
 *
 * Office.js returns a range as 2-D arrays anchored at its top-left cell; the
 * grid is absolute (row 0, col 0 is A1), so every block is shifted by its
 * offset.
 */
import { cellA1, parseRangeA1 } from '../../core/grid/a1';
import { type CellRange, type GridCell, type SheetGrid, SparseSheet } from '../../core/grid/grid';
import { FILL_PROPERTIES, type SavedFill, cellKey, savedFillOf } from './fill';
import { COMMAND_BYTES, CONTENT_BYTES_PER_CELL, FILL_BYTES_PER_CELL, SYNC_BUDGET, SyncBudget, isPayloadError } from './payload';

/** A sheet as the first sync sees it. */
export interface SheetMeta {
  readonly name: string;
  /** worksheet.id: stays the same when the sheet is renamed. */
  readonly id: string;
  /** Visibility 'Visible' (a hidden sheet cannot be activated or selected). */
  readonly visible: boolean;
  /** Whether Office lets the add-in change cell formats on this sheet. */
  readonly formatsWritable: boolean;
}

/** A workbook-level name as read: its name and formula ("=公开01表!$F$9", "=#REF!"). */
export interface NameRead {
  readonly name: string;
  readonly formula: unknown;
}

/** Everything the first sync learns. */
export interface WorkbookMeta {
  readonly sheets: readonly SheetMeta[];
  /** The add-in's settings by key (values as Office gives them back). */
  readonly settings: ReadonlyMap<string, unknown>;
  readonly names: readonly NameRead[];
  readonly structureProtected: boolean;
}

interface QueuedMeta {
  readonly sheets: Excel.WorksheetCollection;
  readonly settings: Excel.SettingCollection;
  readonly protection: Excel.WorkbookProtection;
  readonly names: Excel.NamedItemCollection;
}

/** Sync 1: queues the collections (see the notes at the top). */
export function queueMeta(wb: Excel.Workbook): QueuedMeta {
  wb.worksheets.load('items/name, items/id, items/visibility, items/protection/protected, items/protection/options');
  wb.settings.load('items/key, items/value');
  wb.protection.load('protected');
  wb.names.load('items/name, items/formula');
  return { sheets: wb.worksheets, settings: wb.settings, protection: wb.protection, names: wb.names };
}

/** After sync 1. */
export function collectMeta(q: QueuedMeta): WorkbookMeta {
  const sheets = q.sheets.items.map((s) => ({
    name: s.name,
    id: s.id,
    visible: s.visibility === 'Visible',
    formatsWritable: !s.protection.protected || s.protection.options.allowFormatCells === true,
  }));
  return {
    sheets,
    settings: new Map(q.settings.items.map((s) => [s.key, s.value as unknown])),
    names: q.names.items.map((n) => ({ name: n.name, formula: n.formula as unknown })),
    structureProtected: q.protection.protected,
  };
}

/** Sync 2: every sheet's used range (values only), as an address or a null object. */
export function queueUsedRanges(wb: Excel.Workbook, sheets: readonly SheetMeta[]): Excel.Range[] {
  return sheets.map((s) => {
    const used = wb.worksheets.getItem(s.id).getUsedRangeOrNullObject(true);
    used.load('address');
    return used;
  });
}

/** After sync 2: each sheet's used range, undefined for an empty sheet. */
export function collectUsedAreas(used: readonly Excel.Range[]): (CellRange | undefined)[] {
  return used.map((u) => {
    if (u.isNullObject) return undefined;
    const area = areaOfAddress(u.address);
    if (!area) throw new Error(`无法识别区域地址：${u.address}`);
    return area;
  });
}

// ---------------------------------------------------------------------------
// Contents

/** The properties a block is loaded with: values (formula results), text as shown, formats, formulas. */
const CONTENT_PROPERTIES = ['values', 'text', 'numberFormat', 'formulas'];

/** Cells per block: a block alone stays within the budget. */
export const MAX_BLOCK_CELLS = Math.floor((SYNC_BUDGET - COMMAND_BYTES) / CONTENT_BYTES_PER_CELL);

/** Bytes budgeted for one sheet's merged areas (a few dozen addresses). */
const MERGES_BYTES = 4_000;

interface Block {
  /** Index into the sheets being read. */
  readonly sheet: number;
  readonly area: CellRange;
  values?: unknown[][];
  text?: string[][];
  numberFormat?: unknown[][];
  formulas?: unknown[][];
}

const cellsOf = (a: CellRange) => (a.bottom - a.top + 1) * (a.right - a.left + 1);
const rangeAddress = (a: CellRange) => `${cellA1(a.top, a.left)}:${cellA1(a.bottom, a.right)}`;

/** A used range cut into blocks of whole rows of at most MAX_BLOCK_CELLS cells (one row at least). */
export function blocksOf(area: CellRange, maxCells = MAX_BLOCK_CELLS): CellRange[] {
  const width = area.right - area.left + 1;
  const rows = Math.max(1, Math.floor(maxCells / width));
  const out: CellRange[] = [];
  for (let top = area.top; top <= area.bottom; top += rows) out.push({ ...area, top, bottom: Math.min(area.bottom, top + rows - 1) });
  return out;
}

const blockBytes = (b: Block) => COMMAND_BYTES + cellsOf(b.area) * CONTENT_BYTES_PER_CELL;

/** Halves of a group that Excel refused as too large; undefined when it is one row already. */
function split(group: Block[]): Block[][] | undefined {
  if (group.length > 1) return [group.slice(0, group.length >> 1), group.slice(group.length >> 1)];
  const b = group[0]!;
  if (b.area.top === b.area.bottom) return undefined;
  const mid = b.area.top + ((b.area.bottom - b.area.top) >> 1);
  return [[{ sheet: b.sheet, area: { ...b.area, bottom: mid } }], [{ sheet: b.sheet, area: { ...b.area, top: mid + 1 } }]];
}

export interface ContentsRequest {
  readonly meta: SheetMeta;
  /** The used range; undefined: an empty sheet. */
  readonly area: CellRange | undefined;
}

/**
 * Sync 3 and on: the contents of every used range, as grids (in the order
 * given), and their merged areas when asked. Returns the grids.
 */
export async function readContents(context: Excel.RequestContext, requests: readonly ContentsRequest[], mergedAreas: boolean): Promise<SheetGrid[]> {
  const wb = context.workbook;
  const blocks: Block[] = requests.flatMap((r, sheet) => (r.area ? blocksOf(r.area).map((area) => ({ sheet, area })) : []));
  if (blocks.length === 0) return requests.map((r) => toSheetGrid(r.meta.name, [], []));
  const worksheets = requests.map((r) => wb.worksheets.getItem(r.meta.id));

  // Merged areas of each non-empty used range (the ranges exist; the areas may not: a null object, loaded and tested).
  let merges: (Excel.RangeAreas | undefined)[] = [];
  const queueMerges = () => {
    merges = requests.map((r, i) => {
      if (!r.area) return undefined;
      const m = worksheets[i]!.getRange(rangeAddress(r.area)).getMergedAreasOrNullObject();
      m.load('address');
      return m;
    });
  };
  const mergesBytes = mergedAreas ? requests.filter((r) => r.area).length * (COMMAND_BYTES + MERGES_BYTES) : 0;

  /** Reads a group of blocks in one sync (the merged areas too, when asked); the blocks read, split ones as their halves. */
  const loadGroup = async (group: Block[], withMerges: boolean): Promise<Block[]> => {
    if (withMerges) queueMerges();
    const proxies = group.map((b) => {
      const r = worksheets[b.sheet]!.getRange(rangeAddress(b.area));
      r.load(CONTENT_PROPERTIES);
      return r;
    });
    try {
      await context.sync();
    } catch (e) {
      const halves = isPayloadError(e) ? split(group) : undefined;
      if (!halves) throw e;
      // "If you hit a limit error, retry with a smaller block size."
      const read: Block[] = [];
      for (const [k, h] of halves.entries()) read.push(...(await loadGroup(h, withMerges && k === 0)));
      return read;
    }
    group.forEach((b, k) => {
      const r = proxies[k]!;
      b.values = r.values;
      b.text = r.text;
      b.numberFormat = r.numberFormat;
      b.formulas = r.formulas;
    });
    return group;
  };

  const read: Block[] = [];
  let group: Block[] = [];
  let bytes = mergesBytes;
  let withMerges = mergedAreas;
  for (const b of blocks) {
    if (group.length > 0 && bytes + blockBytes(b) > SYNC_BUDGET) {
      read.push(...(await loadGroup(group, withMerges)));
      group = [];
      bytes = 0;
      withMerges = false;
    }
    group.push(b);
    bytes += blockBytes(b);
  }
  read.push(...(await loadGroup(group, withMerges)));
  return requests.map((r, i) => {
    const m = merges[i];
    const areas = m && !m.isNullObject ? parseAreas(m.address) : [];
    return toSheetGrid(r.meta.name, collectPieces(read, i), areas);
  });
}

/** The blocks of sheet `i` as read, in order. */
function collectPieces(blocks: readonly Block[], i: number): GridPiece[] {
  const out: GridPiece[] = [];
  for (const b of [...blocks].sort((p, q) => p.area.top - q.area.top)) {
    if (b.sheet !== i) continue;
    if (!b.values) throw new Error(`内容未读取：${rangeAddress(b.area)}`);
    out.push({ area: b.area, values: b.values, text: b.text ?? [], numberFormat: b.numberFormat ?? [], formulas: b.formulas ?? [] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fills of given cells

/** A cell whose fill is wanted: sheet name and 0-based row and column. */
export interface CellAt {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/**
 * The fills of the given cells (by cellKey(sheet, "C7")), read with
 * getCellProperties (ExcelApi 1.9) on runs of cells one above the other (a
 * column of marked totals is one range), in as many syncs as the budget
 * needs: one for a few thousand cells.
 */
export async function readFills(context: Excel.RequestContext, cells: readonly CellAt[]): Promise<Map<string, SavedFill>> {
  const out = new Map<string, SavedFill>();
  if (cells.length === 0) return out;
  const unique = new Map<string, CellAt>();
  for (const c of cells) unique.set(cellKey(c.sheet, cellA1(c.row, c.col)), c);
  const bySheet = new Map<string, CellAt[]>();
  for (const c of unique.values()) {
    const list = bySheet.get(c.sheet) ?? [];
    list.push(c);
    bySheet.set(c.sheet, list);
  }
  const budget = new SyncBudget(context);
  const queued: { sheet: string; run: CellRange; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  for (const [sheet, list] of bySheet) {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const run of verticalRuns(list)) {
      await budget.spend(COMMAND_BYTES + cellsOf(run) * FILL_BYTES_PER_CELL);
      queued.push({ sheet, run, props: ws.getRange(rangeAddress(run)).getCellProperties(FILL_PROPERTIES) });
    }
  }
  await budget.flush();
  for (const q of queued) {
    for (let r = q.run.top; r <= q.run.bottom; r++) out.set(cellKey(q.sheet, cellA1(r, q.run.left)), savedFillOf(q.props.value[r - q.run.top]?.[0]));
  }
  return out;
}

/** Cells in a run at most: a run alone stays well within the budget. */
const MAX_RUN_CELLS = 2_000;

/** Cells grouped into runs of consecutive rows in one column. */
function verticalRuns(cells: readonly CellAt[]): CellRange[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: CellRange[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.left === c.col && last.bottom === c.row - 1 && last.bottom - last.top + 1 < MAX_RUN_CELLS) out[out.length - 1] = { ...last, bottom: c.row };
    else out.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
  }
  return out;
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

type Matrix<T> = readonly (readonly T[])[];

/** One block of a sheet as read: its absolute range and the arrays anchored at its top-left cell. */
export interface GridPiece {
  readonly area: CellRange;
  readonly values: Matrix<unknown>;
  readonly text: Matrix<string>;
  readonly numberFormat: Matrix<unknown>;
  readonly formulas: Matrix<unknown>;
}

/**
 * The blocks of a sheet → its grid. An empty string value is an empty cell:
 * Excel calculates every formula, so a formula showing "" is a blank, not a
 * formula without a result. A number whose text is "####" (column too
 * narrow) keeps no text: the core then reads the value.
 */
export function toSheetGrid(name: string, pieces: readonly GridPiece[], merges: readonly CellRange[]): SheetGrid {
  const rows: Array<Array<GridCell | undefined> | undefined> = [];
  let rowCount = 0;
  let colCount = 0;
  for (const { area, values, text, numberFormat, formulas } of pieces) {
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
  }
  for (const m of merges) {
    if (m.bottom + 1 > rowCount) rowCount = m.bottom + 1;
    if (m.right + 1 > colCount) colCount = m.right + 1;
  }
  return new SparseSheet(name, rows, merges, rowCount, colCount);
}
