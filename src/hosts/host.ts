/**
 * The one small interface the task pane and the ribbon commands talk to,
 * whatever holds the workbook: Excel through Office.js, or an .xlsx file
 * opened in the browser page through exceljs. The core never sees it.
 */
import type { CheckResult } from '../core/check';
import type { CellRef, WorkbookGrid } from '../core/grid/grid';
import type { MappingOverrides } from '../core/mapping/types';
import type { Finding } from '../core/rules/finding';
import type { Narrative } from '../core/narrative/types';
import type { RowEdit } from '../core/newyear/row-edits';

/** What the add-in keeps inside the workbook between sessions. */
export interface SavedState {
  /** Table ranges the user set by hand, and a profile the user named. */
  readonly overrides: MappingOverrides;
  /** Findings the user acknowledged (忽略), by findingKey(). */
  readonly ignored: readonly string[];
}

export const EMPTY_STATE: SavedState = { overrides: {}, ignored: [] };

/** What a host reads for a check: the grid and the saved state. */
export interface HostSnapshot {
  readonly grid: WorkbookGrid;
  readonly state: SavedState;
}

export interface DisclosureHost {
  /** Reads every sheet and the saved state (Office: three context.sync() round trips, more only for very large sheets). */
  read(): Promise<HostSnapshot>;
  /**
   * Marks the cells of the findings in place, by severity, with the reason
   * readable at the cell, removing any earlier marks first (Office: two
   * context.sync() round trips after read(), three the first time). Never
   * changes a value or a formula.
   */
  highlight(result: CheckResult, ignored: readonly string[]): Promise<void>;
  /** Removes every mark, restoring each cell's own format exactly. */
  clearHighlights(): Promise<void>;
  /** Selects (and scrolls to) the cells of a finding. */
  select(refs: readonly CellRef[]): Promise<void>;
  /** The current selection as a sheet and an A1 range, for 用所选区域. */
  selection(): Promise<{ sheet: string; range: string } | undefined>;
  /** Saves the state in the workbook. */
  saveState(state: SavedState): Promise<void>;
  /**
   * Writes the narrative to a 情况说明 sheet of the workbook, keeping one
   * there already as 情况说明(上一稿); returns the sheet's name. Absent where
   * the workbook is a file the user downloads (the browser page puts the
   * draft into the annotated copy instead).
   */
  writeNarrative?(n: Narrative): Promise<string>;
  /**
   * Opens a new workbook made from .xlsx bytes (新年度) in the application.
   * Absent where the pane hands the user a download instead (the browser page).
   */
  openWorkbook?(bytes: Uint8Array): Promise<void>;
  /**
   * Applies row edits (增删科目, ../core/newyear/row-edits.ts) to the open
   * workbook, in order: entire rows inserted, rows copied, cells written,
   * rows deleted; a protected sheet is unprotected for them and protected
   * again as it was. A sheet protected with a password is refused in Chinese
   * and nothing is changed. Absent where the workbook is a file (the browser
   * page): the pane then offers no 增删科目.
   */
  editRows?(edits: readonly RowEdit[]): Promise<void>;
}

/**
 * A finding's identity for 忽略: the rule, its cells and its figures. A
 * finding acknowledged stays acknowledged after a re-check as long as the
 * numbers are the same; when a figure changes it shows again.
 */
export function findingKey(f: Finding): string {
  return [f.rule, f.cells.join(','), f.expected ?? '', f.actual ?? ''].join('|');
}
