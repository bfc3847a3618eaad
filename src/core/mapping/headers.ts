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
 * A header cell's text as the templates name it: “本年收入合计（万元）” and
 * “2024年度预算数” are 本年收入合计 and 预算数 (the unit and the year do not
 * change what the column is).
 */
function headerText(norm: string): string {
  return norm.replace(/\((?:单位[:：]?)?(?:人民币)?(?:万元|元|千元)\)$/, '').replace(/^(?:19|20)\d\d年度?(?=[^度])/, '');
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
    for (let c = left; c <= right; c++) line.push(headerText(view.shownNorm(r, c)));
    return line;
  });
  const merged = rows.map((r) => {
    const line: boolean[] = [];
    for (let c = left; c <= right; c++) line.push(view.mergeAt(r, c) !== undefined);
    return line;
  });
  // A column has children under it when some lower header row names both it and its left neighbour
  // (not only the next row: the national 三公 header puts 合计 two rows above its 预算数|决算数 pair).
  const namedBelow = (i: number, k: number) => {
    for (let j = i + 1; j < h.length; j++) if (h[j]![k] !== '' && h[j]![k - 1] !== '') return true;
    return false;
  };
  // A group named in a row above ends a lower group: 公务用车运行维护费 is not carried under 公务接待费.
  const written = h.map((line) => line.map((t) => t !== ''));
  const groupStartsAbove = (i: number, k: number) => {
    for (let j = 0; j < i; j++) if (written[j]![k]) return true;
    return false;
  };
  for (let i = h.length - 2; i >= 0; i--) {
    const line = h[i]!;
    for (let k = 1; k < line.length; k++) {
      if (line[k] === '' && line[k - 1] !== '' && !merged[i]![k - 1] && namedBelow(i, k) && !groupStartsAbove(i, k)) {
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

/** A 栏次 cell: 1, 12, or a lane with its formula (3=4+5, 1=2+3+6). */
const LANE_CELL = /^(\d{1,2})(?:=\d{1,2}(?:[+\-]\d{1,2})*)?$/;

/**
 * Is this row the 栏次 row? Labelled 栏次, or its numbers are the column
 * ordinals without the word: 1 2 3 … in order, a run of consecutive numbers
 * (the 决算 half of a table numbered 7 … 12), or every number from 1 to n in
 * another order (a 三公 table that pairs 预算数|决算数 under each item and keeps
 * the numbering of the two blocks: 1 7 2 8 …). No row of amounts is any of
 * these: a 合计 is never smaller than its parts.
 */
export function isLaneRow(view: SheetView, r: number, left: number, right: number): boolean {
  const cells = view.rowCells(r, left, right);
  if (cells.some((x) => x.norm === '栏次')) return true;
  if (cells.length < 3) return false;
  const nums: number[] = [];
  for (const c of cells) {
    const m = LANE_CELL.exec(c.norm);
    if (!m) return false;
    nums.push(Number(m[1]));
  }
  if (nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1)) return true;
  const sorted = [...nums].sort((a, b) => a - b);
  return sorted.every((n, i) => n === i + 1);
}

/** Columns by 栏次 number, from the 栏次 row: lane → col. */
export function lanesOf(view: SheetView, laneRow: number, left: number, right: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const cell of view.rowCells(laneRow, left, right)) {
    const m = LANE_CELL.exec(cell.norm);
    if (m) {
      const n = Number(m[1]);
      if (!out.has(n)) out.set(n, cell.col);
    }
  }
  return out;
}
