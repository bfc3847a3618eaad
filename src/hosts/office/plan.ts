/// <reference types="office-js" />
/**
 * What highlight() and clearHighlights() write, decided from a snapshot of
 * the workbook (pure: no Office.js call, tested with plain data).
 *
 * Where a marked cell is now. The record names each marked cell by its
 * address at the time of the mark, and by a hidden workbook name referring to
 * it (MARK_NAME_PREFIX…). Excel keeps a name's reference pointing at the same
 * cell when rows or columns are inserted or deleted above or left of it, and
 * when its sheet is renamed; a name whose cell was deleted refers to #REF!.
 * So a recorded cell is found, in this order:
 *
 * - its name exists and refers to a cell: that cell;
 * - its name refers to #REF! (the cell, its row or column, or its sheet was
 *   deleted): nowhere; the entry is dropped, nothing is written;
 * - its name is missing (a record from a batch that stopped before the name
 *   was added, a user who deleted the name, a workbook whose structure is
 *   protected, where no names are added) or unreadable: the recorded address.
 *
 * And a cell is only ever restored while it still shows exactly the colour
 * the add-in wrote there (showsMark). A cell the user filled in the meantime
 * keeps the user's fill, and an untracked address that now holds some other
 * cell (rows inserted, name missing) is left alone unless it happens to show
 * that very mark colour.
 */
import { cellA1, parseCellA1 } from '../../core/grid/a1';
import type { CellRange, CellRef } from '../../core/grid/grid';
import type { CheckResult } from '../../core/check';
import type { Severity } from '../../core/rules/types';
import { SEVERITY_RANK } from '../highlight-style';
import { type SavedState, findingKey } from '../host';
import { type HighlightRecord, MARK_NAME_PREFIX, type RecordedCell, type SavedFill, canRestore, cellKey, showsMark } from './fill';
import type { CellAt, SheetMeta } from './office-read';
import { markColor } from './result-sheet';

/** One of the add-in's workbook names as read: its name and formula ("=公开01表!$F$9", "=#REF!"). */
export interface MarkName {
  readonly name: string;
  readonly formula: unknown;
}

/** Everything the reads learnt, what the plans below are made from. */
export interface Snapshot {
  readonly sheets: readonly SheetMeta[];
  readonly byName: ReadonlyMap<string, SheetMeta>;
  /**
   * Merged areas by sheet id, from the last read of the contents: a finding
   * cell inside one is marked at the area's top-left cell, the one Excel shows.
   */
  readonly merges: ReadonlyMap<string, readonly CellRange[]>;
  readonly state: SavedState;
  readonly record: HighlightRecord;
  /** The record setting exists (it may hold nothing usable). */
  readonly recordExists: boolean;
  /** The add-in's workbook names (MARK_NAME_PREFIX…), by lower-case name. */
  readonly names: ReadonlyMap<string, MarkName>;
  /** The sheet whose id the record holds: the 检查结果 sheet the add-in created. */
  readonly resultSheet: SheetMeta | undefined;
  /** The workbook's structure is protected: no sheet can be added or deleted. */
  readonly structureProtected: boolean;
  /**
   * The fills read for this plan, by cellKey(sheet, "C7"): the cells to mark
   * and the recorded cells where they are now (cellsToRead says which).
   */
  readonly fills: ReadonlyMap<string, SavedFill>;
}

/** A cell on a sheet, by name and A1 address ("C7"). */
interface Place {
  readonly sheet: string;
  readonly address: string;
}

/**
 * A name's formula → the cell it refers to; 'gone' when it refers to #REF!;
 * undefined when it is not a plain one-cell reference this code can read.
 */
export function nameReference(formula: unknown): Place | 'gone' | undefined {
  if (typeof formula !== 'string') return undefined;
  const f = formula.trim().replace(/^=/, '');
  if (f.toUpperCase().includes('#REF!')) return 'gone';
  const i = f.lastIndexOf('!');
  if (i <= 0) return undefined;
  let sheet = f.slice(0, i);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  else if (sheet.includes("'")) return undefined;
  const p = parseCellA1(f.slice(i + 1));
  return p ? { sheet, address: cellA1(p.row, p.col) } : undefined;
}

/** A recorded cell found where it is now, still showing the add-in's mark. */
interface Marked extends Place {
  /** The entry, with sheet and address where the cell is now. */
  readonly entry: RecordedCell;
  readonly row: number;
  readonly col: number;
}

interface Classified {
  /** Cells showing their mark: to restore (or to keep marked). */
  readonly marked: readonly Marked[];
  /** Cells that cannot be reached now (sheet missing or protected against formatting): kept in the record. */
  readonly unreachable: readonly RecordedCell[];
  /** Cells deleted, or showing something other than their mark: dropped from the record, never written. */
  readonly dropped: readonly RecordedCell[];
}

/** The fill read for a cell; every cell a plan looks at was read first (cellsToRead). */
function fillAt(snap: Snapshot, sheet: string, address: string): SavedFill {
  const f = snap.fills.get(cellKey(sheet, address));
  if (!f) throw new Error(`单元格格式未读取：${sheet}!${address}`);
  return f;
}

/** A recorded cell where it is now, on a sheet whose formats the add-in may change. */
interface Located extends Place {
  readonly entry: RecordedCell;
  readonly row: number;
  readonly col: number;
}

/** Where each recorded cell is now (see the notes at the top); no fill needed yet. */
function locateRecord(snap: Snapshot): { located: Located[]; unreachable: RecordedCell[]; dropped: RecordedCell[] } {
  const tracked: { entry: RecordedCell; at: Place }[] = [];
  const untracked: { entry: RecordedCell; at: Place }[] = [];
  const dropped: RecordedCell[] = [];
  for (const c of snap.record.cells) {
    const n = c.name === undefined ? undefined : snap.names.get(c.name.toLowerCase());
    if (n) {
      const at = nameReference(n.formula);
      if (at === 'gone') dropped.push(c);
      else tracked.push({ entry: { ...c, name: n.name }, at: at ?? c });
    } else {
      const { name: _missing, ...entry } = c; // the name is gone: the entry is untracked from now on
      untracked.push({ entry, at: c });
    }
  }
  const located: Located[] = [];
  const unreachable: RecordedCell[] = [];
  // Tracked cells first: where a name says a marked cell now is, an untracked entry's stale address cannot claim it.
  for (const { entry, at } of [...tracked, ...untracked]) {
    const moved: RecordedCell = { ...entry, sheet: at.sheet, address: at.address };
    const s = snap.byName.get(at.sheet);
    const p = parseCellA1(at.address);
    if (s === snap.resultSheet && s !== undefined) dropped.push(moved); // the add-in's own sheet: never a user's cell
    else if (!s || !p || !s.formatsWritable) unreachable.push(moved); // sheet gone, renamed (untracked) or protected: kept for a later clear
    else located.push({ entry: moved, sheet: at.sheet, address: at.address, row: p.row, col: p.col });
  }
  return { located, unreachable, dropped };
}

/** The recorded cells where they are now: whose fills a plan needs. */
export function recordedCells(snap: Snapshot): CellAt[] {
  return locateRecord(snap).located.map(({ sheet, row, col }) => ({ sheet, row, col }));
}

/** Where each recorded cell is now, and whether it still shows its mark (see the notes at the top). */
export function classifyRecord(snap: Snapshot): Classified {
  const { located, unreachable, dropped } = locateRecord(snap);
  const marked: Marked[] = [];
  const claimed = new Set<string>();
  for (const l of located) {
    const key = cellKey(l.sheet, l.address);
    if (claimed.has(key) || !showsMark(fillAt(snap, l.sheet, l.address), l.entry.mark)) dropped.push(l.entry);
    else {
      claimed.add(key);
      marked.push(l);
    }
  }
  return { marked, unreachable, dropped };
}

/** Fresh mark names: MARK_NAME_PREFIX + a number no name of the workbook uses. */
function nameMaker(existing: ReadonlyMap<string, MarkName>): () => string {
  let n = 0;
  return () => {
    let name: string;
    do name = `${MARK_NAME_PREFIX}${++n}`;
    while (existing.has(name.toLowerCase()));
    return name;
  };
}

/** Names of the add-in that no entry of `kept` uses any more. */
function unusedNames(snap: Snapshot, kept: readonly RecordedCell[]): string[] {
  const used = new Set(kept.flatMap((c) => (c.name === undefined ? [] : [c.name.toLowerCase()])));
  return [...snap.names.values()].filter((n) => !used.has(n.name.toLowerCase())).map((n) => n.name);
}

/** The name for a new 检查结果 sheet (shared with the annotated copy). */
export { freeResultName } from '../result-table';

// ---------------------------------------------------------------------------
// highlight()

export interface MarkWrite extends Place {
  readonly mark: string;
  /** A name to add for the cell in this batch (a cell marked for the first time). */
  readonly addName?: string;
}

export interface HighlightPlan {
  /** Written first: every cell the batch touches, where it is now, with its original fill. */
  readonly journal: HighlightRecord;
  /** Written last: the cells marked after the batch (and earlier marks that could not be restored now). */
  readonly final: HighlightRecord;
  /** Earlier marks to take off, where they are now. */
  readonly restore: readonly RecordedCell[];
  /** Cells to mark. */
  readonly marks: readonly MarkWrite[];
  /** The add-in's names no longer needed (marks taken off, cells deleted or re-filled by the user). */
  readonly deleteNames: readonly string[];
  /** The findings listed on 检查结果 (not ignored), in the result's order. */
  readonly listed: CheckResult['findings'];
  readonly ignoredCount: number;
}

/** The cell Excel shows for a ref: a merged area's top-left cell for any cell inside it. */
function shownCell(ref: CellRef, merges: readonly CellRange[]): { row: number; col: number } {
  const m = merges.find((a) => ref.row >= a.top && ref.row <= a.bottom && ref.col >= a.left && ref.col <= a.right);
  return m ? { row: m.top, col: m.left } : { row: ref.row, col: ref.col };
}

interface Target extends Place {
  readonly row: number;
  readonly col: number;
  readonly severity: Severity;
}

/** The cells a check marks, each with its most severe finding (ignored findings and unwritable sheets left out). */
function highlightTargets(result: CheckResult, ignored: readonly string[], snap: Snapshot): Map<string, Target> {
  const skip = new Set(ignored);
  const targets = new Map<string, Target>();
  for (const f of result.findings) {
    if (skip.has(findingKey(f))) continue;
    for (const ref of f.refs) {
      const s = snap.byName.get(ref.sheet);
      if (!s || s === snap.resultSheet || !s.formatsWritable) continue;
      const { row, col } = shownCell(ref, snap.merges.get(s.id) ?? []);
      const address = cellA1(row, col);
      const key = cellKey(ref.sheet, address);
      const t = targets.get(key);
      if (!t || SEVERITY_RANK[f.severity] < SEVERITY_RANK[t.severity]) targets.set(key, { sheet: ref.sheet, address, row, col, severity: f.severity });
    }
  }
  return targets;
}

/** The cells whose fills planHighlight needs: those it marks and the recorded ones. */
export function highlightCells(result: CheckResult, ignored: readonly string[], snap: Snapshot): CellAt[] {
  return [...[...highlightTargets(result, ignored, snap).values()].map(({ sheet, row, col }) => ({ sheet, row, col })), ...recordedCells(snap)];
}

export function planHighlight(result: CheckResult, ignored: readonly string[], snap: Snapshot): HighlightPlan {
  const skip = new Set(ignored);
  const listed = result.findings.filter((f) => !skip.has(findingKey(f)));
  const targets = highlightTargets(result, ignored, snap);

  const { marked, unreachable } = classifyRecord(snap);
  const earlier = new Map(marked.map((m) => [cellKey(m.sheet, m.address), m]));
  // Names are workbook items: left alone when the workbook's structure is protected (the colour check still guards).
  const useNames = !snap.structureProtected;
  const newName = nameMaker(snap.names);
  const marks: MarkWrite[] = [];
  const final: RecordedCell[] = [];
  for (const [key, t] of targets) {
    const before = earlier.get(key)?.entry;
    // A cell marked before keeps the fill recorded then: what it shows now is our mark.
    const original = before?.original ?? fillAt(snap, t.sheet, t.address);
    if (!canRestore(original)) continue;
    const mark = markColor(t.severity);
    const addName = before?.name === undefined && useNames ? newName() : undefined;
    const name = before?.name ?? addName;
    marks.push(addName === undefined ? { sheet: t.sheet, address: t.address, mark } : { sheet: t.sheet, address: t.address, mark, addName });
    final.push(name === undefined ? { sheet: t.sheet, address: t.address, mark, original } : { sheet: t.sheet, address: t.address, mark, original, name });
  }
  const markedNow = new Set(marks.map((m) => cellKey(m.sheet, m.address)));
  const restore = marked.filter((m) => !markedNow.has(cellKey(m.sheet, m.address))).map((m) => m.entry);
  final.push(...unreachable); // the sheet is gone or protected now: kept for a later clear
  const resultSheet = snap.resultSheet?.id;
  const record = (cells: RecordedCell[]): HighlightRecord => (resultSheet === undefined ? { version: 1, cells } : { version: 1, cells, resultSheet });
  return {
    journal: record([...final, ...restore]),
    final: record(final),
    restore,
    marks,
    deleteNames: useNames ? unusedNames(snap, final) : [],
    listed,
    ignoredCount: result.findings.length - listed.length,
  };
}

// ---------------------------------------------------------------------------
// clearHighlights()

export interface ClearPlan {
  /** Written first when there is a record: the entries where their cells are now (undefined: nothing to journal). */
  readonly journal: HighlightRecord | undefined;
  /** Cells to restore, where they are now. */
  readonly restore: readonly RecordedCell[];
  readonly deleteNames: readonly string[];
  /** worksheet.id of the add-in's 检查结果 sheet, to delete. */
  readonly deleteSheet: string | undefined;
  /** Written last; undefined: the record setting is deleted (if it exists). */
  readonly final: HighlightRecord | undefined;
  /** Nothing at all to write. */
  readonly nothing: boolean;
}

export function planClear(snap: Snapshot): ClearPlan {
  const { marked, unreachable } = classifyRecord(snap);
  const restore = marked.map((m) => m.entry);
  const keep = [...unreachable];
  const useNames = !snap.structureProtected;
  const deleteNames = useNames ? unusedNames(snap, keep) : [];
  const deleteSheet = snap.resultSheet && !snap.structureProtected ? snap.resultSheet.id : undefined;
  const keptSheet = snap.resultSheet && deleteSheet === undefined ? snap.resultSheet.id : undefined;
  const record = (cells: RecordedCell[]): HighlightRecord => (keptSheet === undefined ? { version: 1, cells } : { version: 1, cells, resultSheet: keptSheet });
  const final = keep.length > 0 || keptSheet !== undefined ? record(keep) : undefined;
  const journal = snap.record.cells.length > 0 ? record([...keep, ...restore]) : undefined;
  const nothing = restore.length === 0 && deleteNames.length === 0 && deleteSheet === undefined && !snap.recordExists;
  return { journal, restore, deleteNames, deleteSheet, final, nothing };
}
