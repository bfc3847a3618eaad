/**
 * The task pane's host on the browser page: the workbook is an .xlsx file the
 * user opened, read with exceljs; marks are drawn on the rendered sheets
 * (and go into the annotated copy the user downloads). The state the Excel
 * add-in keeps in the workbook is kept here for the page's lifetime.
 */
import type { CheckResult } from '../core/check';
import { parseRangeA1, rangeA1 } from '../core/grid/a1';
import type { CellRef, WorkbookGrid } from '../core/grid/grid';
import { type DisclosureHost, EMPTY_STATE, type HostSnapshot, type SavedState } from '../hosts/host';
import { noteLine, planMarks } from '../hosts/marks';
import { type CellMark, type WorkbookView, markKey } from './workbook-view';

export class BrowserHost implements DisclosureHost {
  private state: SavedState = EMPTY_STATE;
  /** The last check, for the annotated copy. */
  lastResult?: CheckResult;

  constructor(
    private readonly view: WorkbookView,
    private readonly grid: WorkbookGrid,
  ) {}

  async read(): Promise<HostSnapshot> {
    return { grid: this.grid, state: this.state };
  }

  get savedState(): SavedState {
    return this.state;
  }

  async highlight(result: CheckResult, ignored: readonly string[]): Promise<void> {
    this.lastResult = result;
    const mergeAt = (ref: CellRef) => this.grid.sheets.find((s) => s.name === ref.sheet)?.merges.find((m) => ref.row >= m.top && ref.row <= m.bottom && ref.col >= m.left && ref.col <= m.right);
    const marks = new Map<string, Map<string, CellMark>>();
    for (const mark of planMarks(result.findings, ignored, mergeAt)) {
      let sheet = marks.get(mark.ref.sheet);
      if (!sheet) marks.set(mark.ref.sheet, (sheet = new Map()));
      sheet.set(markKey(mark.ref.row, mark.ref.col), { severity: mark.severity, reasons: mark.findings.map(noteLine) });
    }
    this.view.update({ marks });
  }

  async clearHighlights(): Promise<void> {
    this.lastResult = undefined;
    this.view.update({ marks: new Map() });
  }

  async select(refs: readonly CellRef[]): Promise<void> {
    const first = refs[0];
    if (!first) return;
    this.view.update({ activeSheet: first.sheet, focus: { refs, at: Date.now() } });
  }

  async selection(): Promise<{ sheet: string; range: string } | undefined> {
    const s = this.view.current.selection;
    if (!s) return undefined;
    return { sheet: s.sheet, range: rangeA1(s) };
  }

  async saveState(state: SavedState): Promise<void> {
    this.state = state;
  }

  /** For tests and the page: set the selection from an A1 range. */
  selectRange(sheet: string, range: string): void {
    const r = parseRangeA1(range);
    if (r) this.view.update({ selection: { sheet, ...r } });
  }
}
