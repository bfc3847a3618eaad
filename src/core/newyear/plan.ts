/**
 * Next year's workbook as data: every sheet a grid of cells that say what
 * they are (a title, a header, a figure the accountant types, a formula the
 * template derives), with merges, widths, frozen header rows and the table
 * each sheet holds. A host writes it (src/hosts/xlsx/write-plan.ts); the
 * core never touches a file. Formulas are Excel's, in A1 with sheet names.
 */
import { cellA1, columnLetters } from '../grid/a1';
import type { CellRange, RangeName } from '../grid/grid';
import type { ProfileId, TableRole } from '../templates/types';

export type CellRole =
  | 'title' // the table's title, across its width
  | 'meta' // 公开NN表, 单位：万元, 部门：…
  | 'header' // column and group headers
  | 'lane' // the 栏次 row, 行次 numbers
  | 'label' // row labels, 科目 names
  | 'code' // 科目编码
  | 'input' // a figure the accountant types (unlocked, validated)
  | 'text' // text the accountant types (unlocked)
  | 'formula' // a figure the template derives (locked)
  | 'total' // a derived total row's figure (locked, bold)
  | 'note'; // 注：… under the table

/** Which figure of which table an input cell holds: the keys the core's TableValues use (row 'code:2010301', column '财政拨款收入'). */
export interface Slot {
  readonly table: TableRole;
  readonly row: string;
  readonly col: string;
}

export interface PlanCell {
  readonly role: CellRole;
  readonly value?: string | number;
  /** Without “=”. */
  readonly formula?: string;
  /**
   * A formula's result while every input is blank, saved as the cached value
   * so that the new workbook checks (all zeros) before Excel has calculated it.
   */
  readonly blankResult?: number | string;
  /** An input figure's place in its table. */
  readonly slot?: Slot;
  /**
   * Left open on the protected sheet though the template wrote it: a 科目's
   * code and name (the 科目表 changes; a row inserted copies the row above,
   * and must be typeable).
   */
  readonly open?: boolean;
  /**
   * What an input accepts: an amount ≥ 0 (default), a signed amount (balances,
   * 结余分配), a 7-digit 功能分类 code, a count, a 绩效 score (分值, 得分:
   * ≥ 0, two decimals), or free text.
   */
  readonly validation?: 'amount' | 'signed' | 'code' | 'count' | 'score' | 'none';
  /** What the accountant is asked to type (data validation's input message), when the default for the validation does not say enough. */
  readonly prompt?: string;
}

/** What every table prints around its grid: the title, 公开NN表 (Hunan), 部门 and 单位, the notes under it; and its sheet. */
export interface TableHead {
  readonly sheet: string;
  /** The profile's table id (公开03表), also the name its range is saved under. */
  readonly id: string;
  readonly title: string;
  /** 公开NN表, printed above the table (Hunan). */
  readonly label?: string;
  readonly department: string;
  readonly notes: readonly string[];
}

/** A table's place, saved in the workbook as a defined name so that the next check needs no detection. */
export interface PlanTable {
  readonly id: string;
  readonly range: CellRange;
}

export interface PlanSheet {
  readonly name: string;
  /** row → col → cell. */
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, PlanCell>>;
  readonly merges: readonly CellRange[];
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** Rows kept on screen above the figures (title and headers). */
  readonly freezeRows: number;
  readonly landscape: boolean;
  /** Formulas are locked and the sheet protected (no password): inputs stay open. */
  readonly protect: boolean;
  readonly tables: readonly PlanTable[];
  /** The ruled grid of each table (header and body): every cell gets its border, blank ones too. */
  readonly frames: readonly CellRange[];
}

export interface WorkbookPlan {
  readonly profile: ProfileId;
  readonly year: number;
  readonly sheets: readonly PlanSheet[];
  /** Defined names to save: the mapping (see mapping/saved-names.ts). */
  readonly names: readonly RangeName[];
}

export const input = (slot?: Slot, value?: number): PlanCell => ({ role: 'input', ...(slot ? { slot } : {}), ...(value === undefined ? {} : { value }) });
export const text = (value?: string): PlanCell => (value === undefined ? { role: 'text' } : { role: 'text', value });
export const formula = (f: string): PlanCell => ({ role: 'formula', formula: f });
export const total = (f: string): PlanCell => ({ role: 'total', formula: f });
export const header = (value: string): PlanCell => ({ role: 'header', value });
export const label = (value: string): PlanCell => ({ role: 'label', value });
export const code = (value: string | number): PlanCell => ({ role: 'code', value: typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value });
export const lane = (value: string | number): PlanCell => ({ role: 'lane', value });

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 11 → 十一, 20 → 二十, 26 → 二十六 (1..99), as the tables number their rows. */
export function chineseOrdinal(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] ?? '';
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[ones]}`;
}

/** A sheet's name in a formula, always quoted: Excel takes it so, and so does every engine that reads the file. */
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** An absolute reference to a cell, sheet-qualified when `from` is another sheet. */
export function ref(sheet: string, row: number, col: number, from?: string): string {
  const a1 = `$${columnLetters(col)}$${row + 1}`;
  return from === sheet ? a1 : `${quoted(sheet)}!${a1}`;
}

/** An absolute reference to a column's rows [top, bottom]. */
export function span(sheet: string, top: number, bottom: number, col: number, from?: string): string {
  const a1 = `$${columnLetters(col)}$${top + 1}:$${columnLetters(col)}$${bottom + 1}`;
  return from === sheet ? a1 : `${quoted(sheet)}!${a1}`;
}

/** A relative reference (for row formulas): C12. */
export const rel = (row: number, col: number) => cellA1(row, col);

/** Lays out one sheet row by row. */
export class SheetBuilder {
  private readonly rows = new Map<number, Map<number, PlanCell>>();
  private readonly merged: CellRange[] = [];
  private readonly tableList: PlanTable[] = [];
  private readonly frameList: CellRange[] = [];
  /** The first row of the ruled grid under the title block, until the notes. */
  private gridTop: number | undefined;
  /** The next row to write. */
  row = 0;

  constructor(
    readonly name: string,
    private readonly width: number,
  ) {}

  set(row: number, col: number, cell: PlanCell | undefined): void {
    if (!cell) return;
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = new Map()));
    r.set(col, cell);
  }

  /** Writes a row of cells from column `from` and moves on; returns its index. A string is a header. */
  line(cells: ReadonlyArray<PlanCell | string | null | undefined>, from = 0): number {
    const at = this.row++;
    cells.forEach((c, i) => this.set(at, from + i, typeof c === 'string' ? header(c) : (c ?? undefined)));
    return at;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merged.push({ top, left, bottom, right });
  }

  /** The title row across the table's width, then its meta lines (部门 left; 公开NN表 and 单位 right). */
  titleBlock(head: TableHead): void {
    const t = this.line([{ role: 'title', value: head.title }]);
    this.merge(t, 0, t, this.width - 1);
    if (head.label) this.set(this.line([]), this.width - 1, { role: 'meta', value: head.label });
    const m = this.line([{ role: 'meta', value: `部门：${head.department}` }]);
    this.set(m, this.width - 1, { role: 'meta', value: '单位：万元' });
    this.gridTop = this.row;
  }

  /** The notes under the table; the grid above them, from the title block down, is ruled. */
  notes(lines: readonly string[]): void {
    if (this.gridTop !== undefined && this.row > this.gridTop) this.frameList.push({ top: this.gridTop, left: 0, bottom: this.row - 1, right: this.width - 1 });
    this.gridTop = undefined;
    for (const n of lines) {
      const r = this.line([{ role: 'note', value: n }]);
      this.merge(r, 0, r, this.width - 1);
    }
  }

  table(id: string, top: number, bottom: number): void {
    this.tableList.push({ id, range: { top, left: 0, bottom, right: this.width - 1 } });
  }

  build(opts: { widths: readonly number[]; freezeRows: number; landscape?: boolean; protect?: boolean }): PlanSheet {
    return {
      name: this.name,
      cells: this.rows,
      merges: this.merged,
      widths: opts.widths,
      freezeRows: opts.freezeRows,
      landscape: opts.landscape ?? false,
      protect: opts.protect ?? true,
      tables: this.tableList,
      frames: this.frameList,
    };
  }
}
