/**
 * What a cell's stored value becomes in the grid, the same for every reader
 * of .xlsx (our own, exceljs) and of .xls: the value, the displayed text
 * under its number format, the format and the formula. Dates (a number
 * under a date format) are written yyyy-mm-dd, as exceljs gives them.
 */
import type { GridCell } from '../../core/grid/grid';
import { formatWithNumberFormat } from '../../core/numbers/parse';

export type Scalar = string | number | boolean | null;

export function gridCell(value: Scalar, formula: string | undefined, numFmt: string | undefined): GridCell {
  const text = typeof value === 'number' ? formatWithNumberFormat(value, numFmt) : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : (value ?? undefined);
  const out: { -readonly [K in keyof GridCell]: GridCell[K] } = { value };
  if (text !== undefined) out.text = text;
  if (numFmt !== undefined) out.numberFormat = numFmt;
  if (formula !== undefined) out.formula = formula;
  return out;
}

/** yyyy-mm-dd (with hh:mm:ss when there is a time of day) of a UTC instant. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const day = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || mi || s ? `${day} ${p(h)}:${p(mi)}:${p(s)}` : day;
}

/** A serial date → its text (1900 system, or 1904 when the workbook says so), rounded to the millisecond as exceljs does. */
export function serialDateText(serial: number, date1904: boolean): string {
  return dateText(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)));
}

/** A date format: y m d h s (or b) outside quotes and brackets (the test exceljs applies). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** Excel's built-in number formats by id (those with one code in every locale; the others depend on the locale and are left unnamed). */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Column letters → 0-based index (A → 0). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** 0-based column → letters. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B7" → { row: 6, col: 1 }; undefined when it is not a cell reference. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = CELL_REF.exec(ref);
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!.toUpperCase()) };
}

// A shared formula's other cells: the master's formula moved by the offset, relative references only
// (the rule exceljs applies, so that both readers give the same formula text).
const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CR = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(CANDIDATE, (whole: string, sheet: string | undefined, _s: string, addr: string, paren: string | undefined) => {
    if (paren) return whole;
    const m = CR.exec(addr);
    if (!m) return whole;
    const colDollar = m[1];
    const colStr = m[2]!.toUpperCase();
    const rowDollar = m[3];
    if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return whole;
    let col = columnIndex(colStr) + 1;
    let row = parseInt(m[4]!, 10);
    if (!colDollar) col += to.col - from.col;
    if (!rowDollar) row += to.row - from.row;
    return (sheet || '') + (colDollar || '') + columnName(col - 1) + (rowDollar || '') + row;
  });
}
