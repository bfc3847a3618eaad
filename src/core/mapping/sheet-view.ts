/**
 * A read-only view of one sheet for recognising tables: normalised text per
 * cell (computed once), merged areas looked up by cell, and the texts a
 * header cell shows through its merge.
 */
import type { CellRange, GridCell, SheetGrid } from '../grid/grid';
import { normalizeText } from '../numbers/parse';

export class SheetView {
  private readonly normCache = new Map<number, string>();
  private readonly mergeIndex = new Map<number, CellRange>();
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;

  constructor(readonly sheet: SheetGrid) {
    this.name = sheet.name;
    this.rowCount = sheet.rowCount;
    this.colCount = sheet.colCount;
    for (const m of sheet.merges) {
      // Large merges (a whole-width banner) are indexed cell by cell; sheets
      // of disclosure tables are small enough for that.
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) this.mergeIndex.set(r * 16384 + c, m);
    }
  }

  cell(r: number, c: number): GridCell | undefined {
    return this.sheet.cell(r, c);
  }

  /** The text a reader sees in the cell itself ('' when empty). */
  text(r: number, c: number): string {
    const cell = this.sheet.cell(r, c);
    if (!cell) return '';
    if (cell.text !== undefined && cell.text !== '') return cell.text;
    if (cell.value === null || cell.value === undefined) return '';
    return String(cell.value);
  }

  /** Normalised text of the cell itself. */
  norm(r: number, c: number): string {
    const k = r * 16384 + c;
    let v = this.normCache.get(k);
    if (v === undefined) {
      v = normalizeText(this.text(r, c));
      this.normCache.set(k, v);
    }
    return v;
  }

  mergeAt(r: number, c: number): CellRange | undefined {
    return this.mergeIndex.get(r * 16384 + c);
  }

  /** Normalised text shown at (r, c): a merged area shows its master's text in every cell. */
  shownNorm(r: number, c: number): string {
    const m = this.mergeAt(r, c);
    return m ? this.norm(m.top, m.left) : this.norm(r, c);
  }

  isEmptyRow(r: number, left: number, right: number): boolean {
    for (let c = left; c <= right; c++) if (this.norm(r, c) !== '') return false;
    return true;
  }

  /** Non-empty cells of a row within [left, right]. */
  rowCells(r: number, left: number, right: number): Array<{ col: number; norm: string; text: string }> {
    const out: Array<{ col: number; norm: string; text: string }> = [];
    for (let c = left; c <= right; c++) {
      const n = this.norm(r, c);
      if (n !== '') out.push({ col: c, norm: n, text: this.text(r, c) });
    }
    return out;
  }
}

/** Strips ordinal prefixes an accountant puts before a row label: 一、 （一） 1. 1、 其中： */
export function stripOrdinal(norm: string): string {
  let v = ordinalCache.get(norm);
  if (v === undefined) {
    v = stripOrdinalUncached(norm);
    if (ordinalCache.size > 20_000) ordinalCache.clear();
    ordinalCache.set(norm, v);
  }
  return v;
}
const ordinalCache = new Map<string, string>();

function stripOrdinalUncached(norm: string): string {
  let s = norm;
  for (;;) {
    const t = s
      .replace(/^[一二三四五六七八九十百]+[、.．,，]/, '')
      .replace(/^\([一二三四五六七八九十百\d]+\)/, '')
      .replace(/^\d+[、.．)]/, '')
      .replace(/^其中[:：]?/, '')
      .replace(/^[:：、.]/, '');
    if (t === s) return s;
    s = t;
  }
}

/** 注：… 说明：… lines that close a table. */
export function isNoteText(norm: string): boolean {
  return /^(注|说明|备注|填表人|单位负责人|制表人|审核人)/.test(norm);
}

/** The 单位 line: 单位：万元 / 金额单位：元. */
export function readUnitText(norm: string): '万元' | '元' | undefined {
  // Anywhere in the cell: “部门：X    单位：元”, “收入支出决算总表 单位：万元”.
  const m = /(?:金额)?单位[:：]?(?:人民币)?(万元|元|千元)/.exec(norm);
  if (!m) return undefined;
  return m[1] === '元' ? '元' : m[1] === '万元' ? '万元' : undefined;
}

/** The 部门 line: 部门：X / 单位名称：X / 编制单位：X / 预算单位：X. */
export function readDepartmentText(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  const m = /^(?:部门|单位名称|编制单位|预算单位|部门名称|填报单位|单位)(?:名称)?[:：](.+)$/.exec(t);
  if (!m) return undefined;
  const name = m[1]!.replace(/(单位|金额单位)[:：].*$/, '').trim();
  if (name === '' || /^(人民币)?(万元|元|千元)/.test(name)) return undefined;
  return name;
}
