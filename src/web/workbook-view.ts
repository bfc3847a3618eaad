/**
 * The state of the rendered workbook on the browser page: which sheet is
 * shown, which cells carry a mark (and why), what the user selected, and
 * which cells to bring into view. The BrowserHost writes it; the sheet
 * viewer renders it.
 */
import type { CellRef, WorkbookGrid } from '../core/grid/grid';
import type { Severity } from '../core/rules/types';

export interface CellMark {
  readonly severity: Severity;
  readonly reasons: readonly string[];
}

export interface ViewState {
  readonly grid?: WorkbookGrid;
  readonly fileName?: string;
  readonly activeSheet?: string;
  /** Marks by "row:col" per sheet name. */
  readonly marks: ReadonlyMap<string, ReadonlyMap<string, CellMark>>;
  /** The user's selection: a rectangle on the active sheet. */
  readonly selection?: { readonly sheet: string; readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
  /** Cells to bring into view and flash (a finding the user clicked). */
  readonly focus?: { readonly refs: readonly CellRef[]; readonly at: number };
}

export class WorkbookView {
  private state: ViewState = { marks: new Map() };
  private readonly listeners = new Set<() => void>();

  get current(): ViewState {
    return this.state;
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  update(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

export const markKey = (row: number, col: number) => `${row}:${col}`;
