/**
 * A workbook held in HyperFormula that row edits (src/core/newyear/row-edits.ts)
 * are applied to as Excel applies them: entire rows inserted (references
 * below move, spans widen), rows copied (relative references move with the
 * copy), cells written, rows deleted; the defined names and merged areas
 * move with their rows. It reads back as a WorkbookGrid with formulas and
 * calculated values, as the Office host reads a sheet.
 */
import { HyperFormula } from 'hyperformula';
import type { CellRange, GridCell, RangeName, WorkbookGrid } from '../../src/core/grid/grid';
import { ArraySheet } from '../../src/core/grid/grid';
import type { PlanCell, WorkbookPlan } from '../../src/core/newyear/plan';
import type { RowEdit } from '../../src/core/newyear/row-edits';
import { evaluatePlan } from './evaluate-plan';

/** A span after rows are inserted (count > 0) or deleted (count < 0) at `at`, as Excel moves a reference; null: all deleted. */
function moveSpan(lo: number, hi: number, at: number, count: number): [number, number] | null {
  if (count > 0) return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
  const del = -count;
  const newLo = lo < at ? lo : lo >= at + del ? lo - del : at;
  const newHi = hi < at ? hi : hi >= at + del ? hi - del : at - 1;
  return newHi < newLo ? null : [newLo, newHi];
}

export class EditBook {
  private constructor(
    readonly engine: HyperFormula,
    private names: RangeName[],
    private readonly merges: Map<string, CellRange[]>,
  ) {}

  /** A 新年度 workbook as made from the plan, its inputs holding what `fill` gives them. */
  static fromPlan(plan: WorkbookPlan, fill?: (cell: PlanCell, sheet: string, row: number, col: number) => number | undefined): EditBook {
    const ev = evaluatePlan(plan, fill);
    return new EditBook(ev.engine, plan.names.map((n) => ({ ...n })), new Map(plan.sheets.map((s) => [s.name, s.merges.map((m) => ({ ...m }))])));
  }

  /** A workbook read from a file or typed by hand (values, and formulas where it has them). */
  static fromGrid(grid: WorkbookGrid): EditBook {
    const sheets: Record<string, Array<Array<string | number | boolean | null>>> = {};
    for (const s of grid.sheets) {
      sheets[s.name] = Array.from({ length: s.rowCount }, (_, r) =>
        Array.from({ length: s.colCount }, (_, c) => {
          const cell = s.cell(r, c);
          if (!cell) return null;
          if (cell.formula !== undefined) return `=${cell.formula}`;
          // Text stays text (a code typed as text, "1,820.23"): HyperFormula would read "2010301" as a number.
          return typeof cell.value === 'string' ? `'${cell.value}` : cell.value;
        }),
      );
    }
    const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
    return new EditBook(hf, [...(grid.rangeNames ?? [])].map((n) => ({ ...n })), new Map(grid.sheets.map((s) => [s.name, s.merges.map((m) => ({ ...m }))])));
  }

  sheetId(sheet: string): number {
    const id = this.engine.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    return id;
  }

  value(sheet: string, row: number, col: number): number | string | boolean | null {
    const v = this.engine.getCellValue({ sheet: this.sheetId(sheet), row, col });
    if (v && typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
    return v as number | string | boolean | null;
  }

  formula(sheet: string, row: number, col: number): string | undefined {
    return this.engine.getCellFormula({ sheet: this.sheetId(sheet), row, col })?.slice(1);
  }

  /** What the accountant types into a cell. */
  set(sheet: string, row: number, col: number, value: number | string | null): void {
    this.engine.setCellContents({ sheet: this.sheetId(sheet), row, col }, [[value]]);
  }

  /** Rows inserted by hand (插入 → 整行): names and merges move, as in Excel. */
  insertRows(sheet: string, at: number, count: number): void {
    this.engine.addRows(this.sheetId(sheet), [at, count]);
    this.shift(sheet, at, count);
  }

  /** Rows deleted by hand: names and merges move, as in Excel. */
  deleteRows(sheet: string, at: number, count: number): void {
    this.engine.removeRows(this.sheetId(sheet), [at, count]);
    this.shift(sheet, at, -count);
  }

  /** The workbook as a host reads it: calculated values, formulas, merges and names. */
  grid(): WorkbookGrid {
    const sheets = this.engine.getSheetNames().map((name) => {
      const id = this.sheetId(name);
      const { height, width } = this.engine.getSheetDimensions(id);
      const rows: Array<Array<GridCell | undefined>> = [];
      for (let r = 0; r < height; r++) {
        const row: Array<GridCell | undefined> = [];
        for (let c = 0; c < width; c++) {
          const v = this.value(name, r, c);
          const f = this.formula(name, r, c);
          if (f === undefined && (v === null || v === '')) continue;
          // A formula reading a blank cell shows 0 in Excel (HyperFormula gives null).
          row[c] = { value: f !== undefined && v === null ? 0 : v, ...(f !== undefined ? { formula: f } : {}) };
        }
        rows.push(row);
      }
      return new ArraySheet(name, rows, this.merges.get(name) ?? []);
    });
    return { sheets, rangeNames: this.names.map((n) => ({ ...n, range: { ...n.range } })) };
  }

  /** Applies edits in the order a host does: insert, copy, write, delete bottom up. */
  apply(edits: readonly RowEdit[]): void {
    for (const e of edits) {
      const id = this.sheetId(e.sheet);
      if (e.insert) {
        this.engine.addRows(id, [e.insert.at, e.insert.count]);
        this.shift(e.sheet, e.insert.at, e.insert.count);
      }
      const width = Math.max(1, this.engine.getSheetDimensions(id).width);
      for (const c of e.copyRows ?? []) {
        this.engine.copy({ start: { sheet: id, row: c.from, col: 0 }, end: { sheet: id, row: c.from, col: width - 1 } });
        this.engine.paste({ sheet: id, row: c.to, col: 0 });
      }
      for (const w of e.writes) {
        this.engine.setCellContents({ sheet: id, row: w.row, col: w.col }, [[w.formula !== undefined ? `=${w.formula}` : (w.value ?? null)]]);
      }
      for (const r of [...(e.remove ?? [])].sort((a, b) => b - a)) {
        this.engine.removeRows(id, [r, 1]);
        this.shift(e.sheet, r, -1);
      }
    }
  }

  private shift(sheet: string, at: number, count: number): void {
    const move = (a: CellRange): CellRange | null => {
      const m = moveSpan(a.top, a.bottom, at, count);
      return m ? { ...a, top: m[0], bottom: m[1] } : null;
    };
    this.names = this.names.flatMap((n) => {
      if (n.sheet !== sheet) return [n];
      const range = move(n.range);
      return range ? [{ ...n, range }] : [];
    });
    this.merges.set(
      sheet,
      (this.merges.get(sheet) ?? []).map(move).filter((m): m is CellRange => m !== null),
    );
  }
}
