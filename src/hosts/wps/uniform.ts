/**
 * Reading a cell property for many cells in few calls, where the object model
 * gives one value for a whole range when its cells agree and null when they
 * differ (Range.NumberFormat, Interior.Pattern: VBA "returns Null if all
 * cells in the specified range don't have the same number format"; WPS's ET
 * reference says the same of DisplayFormat.NumberFormat).
 *
 * The cells wanted are asked for in runs of consecutive rows within one
 * column (a column of amounts usually shares one format). A run whose cells
 * differ is asked again without its first cell (the usual case: a 栏次 number
 * above a column of amounts, or a header), and when that does not agree
 * either, it is halved and each half asked again. A run that agrees costs one
 * call; a run of n cells with k different stretches about 2·k·log2(n/k).
 */
import type { CellRange } from '../../core/grid/grid';

/** A cell by 0-based row and column. */
export interface Cell {
  readonly row: number;
  readonly col: number;
}

/** Runs of consecutive rows in one column, by column then row (a run never crosses a cell not wanted). */
export function columnRuns(cells: readonly Cell[]): CellRange[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: CellRange[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.left === c.col && last.bottom === c.row - 1) out[out.length - 1] = { ...last, bottom: c.row };
    else if (!(last && last.left === c.col && last.bottom >= c.row)) out.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
  }
  return out;
}

/**
 * The property for every cell of `runs`: `ask(range)` gives the range's value
 * when its cells agree, null (or undefined) when they differ. A single cell
 * that still answers null gets undefined.
 */
export function resolveUniform<T>(runs: readonly CellRange[], ask: (range: CellRange) => T | null | undefined): Map<string, T | undefined> {
  const out = new Map<string, T | undefined>();
  const set = (r: CellRange, v: T | undefined) => {
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.set(rcKey(row, col), v);
  };
  const visit = (r: CellRange, peel: boolean): void => {
    const v = ask(r);
    if (v !== null && v !== undefined) return set(r, v);
    if (r.top === r.bottom && r.left === r.right) return set(r, undefined);
    if (peel && r.left === r.right && r.bottom - r.top >= 2) {
      const rest = { ...r, top: r.top + 1 };
      const w = ask(rest);
      visit({ ...r, bottom: r.top }, false);
      if (w !== null && w !== undefined) return set(rest, w);
      return halves(rest); // known to differ: halved without asking again
    }
    halves(r);
  };
  const halves = (r: CellRange): void => {
    if (r.bottom > r.top) {
      const mid = r.top + ((r.bottom - r.top) >> 1);
      visit({ ...r, bottom: mid }, false);
      visit({ ...r, top: mid + 1 }, false);
    } else {
      const mid = r.left + ((r.right - r.left) >> 1);
      visit({ ...r, right: mid }, false);
      visit({ ...r, left: mid + 1 }, false);
    }
  };
  for (const r of runs) visit(r, true);
  return out;
}

export const rcKey = (row: number, col: number): string => `${row},${col}`;
