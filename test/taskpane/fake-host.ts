/**
 * An in-memory DisclosureHost for pane tests: it serves a grid, records
 * what the pane asked of it, and keeps the saved state like a workbook would.
 */
import type { CheckResult } from '../../src/core/check';
import type { CellRef, WorkbookGrid } from '../../src/core/grid/grid';
import type { Narrative } from '../../src/core/narrative/types';
import { type DisclosureHost, EMPTY_STATE, type HostSnapshot, type SavedState } from '../../src/hosts/host';

export class RecordingHost implements DisclosureHost {
  state: SavedState = EMPTY_STATE;
  highlighted?: { result: CheckResult; ignored: readonly string[] };
  selected: CellRef[][] = [];
  currentSelection?: { sheet: string; range: string };
  reads = 0;
  failRead?: Error;

  constructor(public grid: WorkbookGrid) {}

  async read(): Promise<HostSnapshot> {
    this.reads++;
    if (this.failRead) throw this.failRead;
    return { grid: this.grid, state: this.state };
  }
  async highlight(result: CheckResult, ignored: readonly string[]): Promise<void> {
    this.highlighted = { result, ignored };
  }
  async clearHighlights(): Promise<void> {
    this.highlighted = undefined;
  }
  async select(refs: readonly CellRef[]): Promise<void> {
    this.selected.push([...refs]);
  }
  async selection(): Promise<{ sheet: string; range: string } | undefined> {
    return this.currentSelection;
  }
  async saveState(state: SavedState): Promise<void> {
    this.state = state;
  }
}

/** A host that can also write the narrative into its workbook, as Excel can. */
export class WritingHost extends RecordingHost {
  narrativeWritten?: Narrative;
  async writeNarrative(n: Narrative): Promise<string> {
    this.narrativeWritten = n;
    return '情况说明';
  }
}
