/**
 * Calculates a new year's WorkbookPlan with a formula engine (HyperFormula),
 * as Excel would on opening it: the tests fill its input cells, read every
 * derived cell, and save the results as the cached values Excel would save.
 */
import { HyperFormula } from 'hyperformula';
import { ArraySheet, type GridCell, type WorkbookGrid } from '../../src/core/grid/grid';
import type { PlanCell, WorkbookPlan } from '../../src/core/newyear/plan';

export type Value = number | string | boolean | null;

export interface Evaluated {
  /** The calculated value of a cell; an Excel error comes back as its text (#REF!). */
  value(sheet: string, row: number, col: number): Value;
  /** The engine, for edits a user makes (insert a row, type a figure). */
  readonly engine: HyperFormula;
  sheetId(sheet: string): number;
}

/** Builds the engine from the plan, each input cell holding what `fill` gives it (else its planned value). */
export function evaluatePlan(plan: WorkbookPlan, fill: (cell: PlanCell, sheet: string, row: number, col: number) => number | undefined = () => undefined): Evaluated {
  const sheets: Record<string, Array<Array<string | number | null>>> = {};
  for (const s of plan.sheets) {
    const rows: Array<Array<string | number | null>> = [];
    for (const [r, row] of s.cells) {
      for (const [c, cell] of row) {
        (rows[r] ??= [])[c] = cell.formula !== undefined ? `=${cell.formula}` : cell.role === 'input' ? (fill(cell, s.name, r, c) ?? (typeof cell.value === 'number' ? cell.value : null)) : (cell.value ?? null);
      }
    }
    sheets[s.name] = Array.from({ length: rows.length }, (_, r) => Array.from({ length: rows[r]?.length ?? 0 }, (_, c) => rows[r]?.[c] ?? null));
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  const sheetId = (sheet: string) => {
    const id = hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    return id;
  };
  return {
    engine: hf,
    sheetId,
    value(sheet, row, col) {
      const id = sheetId(sheet);
      const v = hf.getCellValue({ sheet: id, row, col });
      if (v && typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
      return v as Value;
    },
  };
}

/** The plan with its input cells holding what `fill` gives them: what the accountant types. */
export function fillPlan(plan: WorkbookPlan, fill: (cell: PlanCell, sheet: string, row: number, col: number) => number | undefined): WorkbookPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({
      ...s,
      cells: new Map(
        [...s.cells].map(([r, row]) => [
          r,
          new Map(
            [...row].map(([c, cell]) => {
              if (cell.role !== 'input') return [c, cell];
              const v = fill(cell, s.name, r, c);
              return [c, v === undefined ? cell : { ...cell, value: v }];
            }),
          ),
        ]),
      ),
    })),
  };
}

/** What writePlan saves as each formula's cached value: the engine's result. */
export function resultsOf(ev: Evaluated): (sheet: string, row: number, col: number) => number | string | undefined {
  return (sheet, row, col) => {
    const v = ev.value(sheet, row, col);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  };
}

/**
 * The engine's sheets as the core's grid, as a file Excel saved would read:
 * each cell's calculated value with its formula. Merges are the plan's (the
 * rows a test inserts lie below every header).
 */
export function gridOf(plan: WorkbookPlan, ev: Evaluated): WorkbookGrid {
  const hf = ev.engine;
  return {
    sheets: plan.sheets.map((s) => {
      const id = ev.sheetId(s.name);
      const values = hf.getSheetValues(id);
      const formulas = hf.getSheetFormulas(id);
      const rows = values.map((row, r) =>
        row.map((v, c): GridCell | undefined => {
          const f = formulas[r]?.[c];
          const value = v === null || v === undefined ? (f ? 0 : null) : typeof v === 'object' ? String((v as { value: unknown }).value) : v;
          if (value === null && !f) return undefined;
          return { value: value as string | number | boolean | null, ...(f ? { formula: f.replace(/^=/, '') } : {}) };
        }),
      );
      return new ArraySheet(s.name, rows, s.merges);
    }),
  };
}
