/**
 * The A1 references inside an Excel formula, found and rewritten: what a
 * row edit needs to say which formula a new row gets (a row formula copied
 * from a neighbour) and where an existing formula points after rows are
 * inserted. Strings ("<=2019999") are never touched; function names that
 * look like cells (LOG10, ATAN2) are not references; a reference keeps the
 * sheet prefix it was written with.
 */
import { columnIndex, columnLetters } from '../grid/a1';

/** One end of a reference: 0-based, with its $ flags. */
export interface RefPoint {
  readonly row: number;
  readonly col: number;
  readonly rowAbs: boolean;
  readonly colAbs: boolean;
}

/** A cell (C9) or a rectangle (C9:C17), with the sheet it names (undefined: the formula's own sheet). */
export interface FormulaRef {
  readonly sheet?: string;
  readonly start: RefPoint;
  readonly end?: RefPoint;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;

function point(text: string): RefPoint | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[2]!);
  const row = Number(m[4]) - 1;
  if (col > 16_383 || row < 0 || row > 1_048_575) return undefined;
  return { colAbs: m[1] === '$', col, rowAbs: m[3] === '$', row };
}

const pointText = (p: RefPoint) => `${p.colAbs ? '$' : ''}${columnLetters(p.col)}${p.rowAbs ? '$' : ''}${p.row + 1}`;

/** A character that may continue a name, a cell or a sheet name written without quotes. */
const wordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_.$\u00C0-\uFFFF]/.test(ch);

/**
 * Rewrites every A1 reference of a formula (written without “=”) through
 * `f`: what it returns replaces the reference (its sheet prefix kept);
 * null writes #REF!, as Excel does for a reference whose cells are gone.
 */
export function rewriteRefs(formula: string, f: (ref: FormulaRef) => FormulaRef | null): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i]!;
    if (ch === '"') {
      // A string literal, "" inside it an escaped quote.
      let j = i + 1;
      while (j < n && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let sheet: string | undefined;
    let prefix = '';
    let j = i;
    if (ch === "'") {
      // 'a sheet'!A1
      let k = i + 1;
      while (k < n && !(formula[k] === "'" && formula[k + 1] !== "'")) k += formula[k] === "'" ? 2 : 1;
      if (formula[k + 1] !== '!') {
        out += formula.slice(i, k + 1);
        i = k + 1;
        continue;
      }
      sheet = formula.slice(i + 1, k).replace(/''/g, "'");
      prefix = formula.slice(i, k + 2);
      j = k + 2;
    } else if (wordChar(ch) && !wordChar(formula[i - 1])) {
      let k = i;
      while (k < n && wordChar(formula[k])) k++;
      if (formula[k] === '!') {
        sheet = formula.slice(i, k);
        prefix = formula.slice(i, k + 1);
        j = k + 1;
      }
    } else {
      out += ch;
      i++;
      continue;
    }
    // The reference after the prefix (or at i): a cell, maybe “:” and another.
    let k = j;
    while (k < n && wordChar(formula[k])) k++;
    const first = point(formula.slice(j, k));
    if (!first || formula[k] === '(') {
      out += formula.slice(i, Math.max(k, i + 1));
      i = Math.max(k, i + 1);
      continue;
    }
    let end: RefPoint | undefined;
    let stop = k;
    if (formula[k] === ':') {
      let m = k + 1;
      while (m < n && wordChar(formula[m])) m++;
      end = point(formula.slice(k + 1, m));
      if (end) stop = m;
    }
    const ref: FormulaRef = { ...(sheet !== undefined ? { sheet } : {}), start: first, ...(end ? { end } : {}) };
    const next = f(ref);
    out += next === null ? `${prefix}#REF!` : `${prefix}${pointText(next.start)}${next.end ? `:${pointText(next.end)}` : ''}`;
    i = stop;
  }
  return out;
}

/** Every reference of a formula, in order. */
export function refsOf(formula: string): FormulaRef[] {
  const out: FormulaRef[] = [];
  rewriteRefs(formula, (r) => (out.push(r), r));
  return out;
}

/** Whether a reference points at `sheet`, for a formula that lives on `home`. */
export const refersTo = (ref: FormulaRef, home: string, sheet: string) => (ref.sheet ?? home) === sheet;

/**
 * A formula after `count` rows are inserted at 0-based `at` of `sheet`, as
 * Excel moves its references: every end at or below `at` moves down, so a
 * range is widened by rows inserted below its first row and moved by rows
 * inserted at or above it. `home` is the sheet the formula lives on.
 */
export function afterInsertRows(formula: string, home: string, sheet: string, at: number, count: number): string {
  if (count <= 0) return formula;
  const move = (p: RefPoint): RefPoint => (p.row >= at ? { ...p, row: p.row + count } : p);
  return rewriteRefs(formula, (r) => (refersTo(r, home, sheet) ? { ...r, start: move(r.start), ...(r.end ? { end: move(r.end) } : {}) } : r));
}

/**
 * A formula copied `rows` rows down (up when negative): its relative row
 * references move with it, absolute ones stay; undefined when a reference
 * would leave the sheet.
 */
export function translateRows(formula: string, rows: number): string | undefined {
  let off = false;
  const out = rewriteRefs(formula, (r) => {
    const move = (p: RefPoint): RefPoint => {
      if (p.rowAbs) return p;
      if (p.row + rows < 0) off = true;
      return { ...p, row: p.row + rows };
    };
    return { ...r, start: move(r.start), ...(r.end ? { end: move(r.end) } : {}) };
  });
  return off ? undefined : out;
}
