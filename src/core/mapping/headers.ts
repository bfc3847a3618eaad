/**
 * Reading a multi-row header: which texts stand above each column, whether
 * the header cells are merged (as Excel files have them) or not (as tables
 * pasted from a PDF or typed by hand have them).
 */
import type { ColumnSpec } from '../templates/types';
import type { SheetView } from './sheet-view';

export interface ColumnHeader {
  readonly col: number;
  /** Normalised texts above the column, top to bottom, without repeats. */
  readonly texts: readonly string[];
  /** The lowest text: the column's own name. */
  readonly leaf: string;
  /** The leaf as written, for reports. */
  readonly display: string;
}

/**
 * For each column of [left, right], the texts of header rows `rows`.
 * A parent header that is not merged is written once, over its first child:
 * it is carried right over the empty cells whose row below has children,
 * bottom-up so that nested groups (预算数 › 公务用车购置及运行维护费 › 小计)
 * extend level by level.
 */
export function readColumnHeaders(view: SheetView, rows: readonly number[], left: number, right: number): ColumnHeader[] {
  // “本年收入合计（万元）”: the unit in a header does not change the column's name.
  const h = rows.map((r) => {
    const line: string[] = [];
    for (let c = left; c <= right; c++) line.push(view.shownNorm(r, c).replace(/\((?:单位[:：]?)?(?:人民币)?(?:万元|元|千元)\)$/, ''));
    return line;
  });
  const merged = rows.map((r) => {
    const line: boolean[] = [];
    for (let c = left; c <= right; c++) line.push(view.mergeAt(r, c) !== undefined);
    return line;
  });
  for (let i = h.length - 2; i >= 0; i--) {
    const line = h[i]!;
    const below = h[i + 1]!;
    for (let k = 1; k < line.length; k++) {
      if (line[k] === '' && line[k - 1] !== '' && !merged[i]![k - 1] && below[k] !== '' && below[k - 1] !== '') {
        line[k] = line[k - 1]!;
      }
    }
  }
  const out: ColumnHeader[] = [];
  for (let k = 0; k <= right - left; k++) {
    const texts: string[] = [];
    let leaf = '';
    let leafRow = -1;
    h.forEach((line, i) => {
      const t = line[k]!;
      if (t !== '') {
        if (!texts.includes(t)) texts.push(t);
        leaf = t;
        leafRow = i;
      }
    });
    const c = left + k;
    let display = '';
    if (leafRow >= 0) {
      const r = rows[leafRow]!;
      const m = view.mergeAt(r, c);
      display = (m ? view.text(m.top, m.left) : view.text(r, c)) || leaf;
    }
    out.push({ col: c, texts, leaf, display: display.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

function fits(spec: ColumnSpec, h: ColumnHeader): boolean {
  return spec.match.some((alt) => alt.every((t) => h.texts.includes(t)));
}

/**
 * Matches column specs to header columns: first in order (a table keeps
 * its columns' order, which tells apart the two 合计 of 预算数 and 决算数),
 * then anywhere for what is left.
 */
export function matchColumns(
  specs: readonly ColumnSpec[],
  headers: readonly ColumnHeader[],
): Map<string, ColumnHeader> {
  const out = new Map<string, ColumnHeader>();
  const used = new Set<number>();
  let from = 0;
  for (const spec of specs) {
    for (let i = from; i < headers.length; i++) {
      const h = headers[i]!;
      if (!used.has(h.col) && fits(spec, h)) {
        out.set(spec.key, h);
        used.add(h.col);
        from = i + 1;
        break;
      }
    }
  }
  for (const spec of specs) {
    if (out.has(spec.key)) continue;
    const h = headers.find((x) => !used.has(x.col) && fits(spec, x));
    if (h) {
      out.set(spec.key, h);
      used.add(h.col);
    }
  }
  return out;
}

/** Is this row the 栏次 row (栏次 label, or 1 2 3 … in order)? */
export function isLaneRow(view: SheetView, r: number, left: number, right: number): boolean {
  const cells = view.rowCells(r, left, right);
  if (cells.some((x) => x.norm === '栏次')) return true;
  const nums = cells.map((x) => x.norm);
  if (nums.length < 3) return false;
  return nums.every((n, i) => n === String(i + 1));
}

/** Columns by 栏次 number, from the 栏次 row: lane → col. */
export function lanesOf(view: SheetView, laneRow: number, left: number, right: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const cell of view.rowCells(laneRow, left, right)) {
    if (/^\d{1,2}$/.test(cell.norm)) {
      const n = Number(cell.norm);
      if (!out.has(n)) out.set(n, cell.col);
    }
  }
  return out;
}
