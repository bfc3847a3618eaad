/**
 * The only place where A1 strings are made or read (as HyperFormula keeps
 * address conversion in one file).
 */
import type { CellRange, CellRef } from './grid';

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeA1(r: CellRange): string {
  return `${cellA1(r.top, r.left)}:${cellA1(r.bottom, r.right)}`;
}

/**
 * Excel's way of naming a sheet in a reference: bare when it is a plain
 * name, in single quotes (with ' doubled) when it has spaces, punctuation or
 * starts with a digit. CJK names without punctuation stay bare, as Excel writes them.
 */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20（）【】《》“”‘’、，。：；！？]/.test(name)) {
    return name;
  }
  return `'${name.replace(/'/g, "''")}'`;
}

export function refA1(ref: CellRef): string {
  return `${quoteSheetName(ref.sheet)}!${cellA1(ref.row, ref.col)}`;
}

/** Parses "B7" (optionally with $) into a 0-based position. */
export function parseCellA1(a1: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Parses "A1:F19" into a range. */
export function parseRangeA1(a1: string): CellRange | undefined {
  const [a, b] = a1.split(':');
  const p = a ? parseCellA1(a) : undefined;
  const q = b ? parseCellA1(b) : p;
  if (!p || !q) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Parses "'Sheet 1'!B7" or "公开01表!B7". */
export function parseRefA1(text: string): CellRef | undefined {
  const i = text.lastIndexOf('!');
  if (i < 0) return undefined;
  let sheet = text.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const p = parseCellA1(text.slice(i + 1));
  return p ? { sheet, ...p } : undefined;
}

/**
 * A defined name's reference ("'公开01表'!$A$1:$F$40", "=Sheet1!$B$2") as a
 * sheet and a range; undefined for anything else (#REF!, a constant, a
 * formula, several areas).
 */
export function parseSheetRange(refersTo: string): { sheet: string; range: CellRange } | undefined {
  const text = refersTo.trim().replace(/^=/, '');
  const i = text.lastIndexOf('!');
  if (i < 0 || text.includes(',')) return undefined;
  let sheet = text.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  else if (/['"()]/.test(sheet)) return undefined;
  const range = parseRangeA1(text.slice(i + 1));
  return sheet && range ? { sheet, range } : undefined;
}
