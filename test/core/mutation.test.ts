/**
 * Every rule, caught in the act: change one figure a relation depends on and
 * the rule fires, naming that cell; change it by more than the relation's
 * rounding tolerance and the verdict is the rule's own severity, not
 * 尾数误差. A meta-test fails if a rule has no case.
 */
import { checkWorkbook } from '../../src/core/check';
import { refA1 } from '../../src/core/grid/a1';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { RULES } from '../../src/core/rules/definitions';
import { type Relation, listRelations } from '../../src/core/rules/engine';
import { readTables } from '../../src/core/rules/table-values';
import { seed000Grid, variantGrid, variants } from '../fixtures';
import { fundWorkbooks } from '../fixtures/with-funds';
import { cellNumber, withCell } from '../helpers/grid-edit';

const workbooks: Array<[string, WorkbookGrid]> = [
  ['seed 000', seed000Grid()],
  ['seed 000 national', variantGrid(variants().find((v) => v.name === 'national')!)],
  ...fundWorkbooks(),
];

interface Case {
  readonly rule: string;
  readonly workbook: string;
  readonly grid: WorkbookGrid;
  readonly rel: Relation;
}

/** For each rule id, the first relation (in any workbook) whose checked side is one cell (else the first cell of it). */
function cases(): Map<string, Case> {
  const out = new Map<string, Case>();
  for (const [name, grid] of workbooks) {
    const tables = readTables(grid, mapWorkbook(grid));
    for (const rule of RULES) {
      if (out.has(rule.id)) continue;
      const rel = listRelations(rule, tables).find((r) => r.lhs.cells.length === 1) ?? listRelations(rule, tables).find((r) => r.lhs.cells.length > 0);
      if (rel) out.set(rule.id, { rule: rule.id, workbook: name, grid, rel });
    }
  }
  return out;
}

const all = cases();
const ids = [...new Set(RULES.map((r) => r.id))];

test('every rule has a mutation case', () => {
  expect(ids.filter((id) => !all.has(id))).toEqual([]);
});

describe.each(ids.map((id) => [id]))('rule %s', (id) => {
  const c = all.get(id);
  const run = c ? test : test.skip;

  run('fires and names the changed cell when a figure moves by 0.02', () => {
    const cell = c!.rel.lhs.cells[0]!.ref;
    const before = cellNumber(c!.grid, cell);
    const mutated = withCell(c!.grid, cell, Math.round((before + 0.02) * 100) / 100);
    const fired = checkWorkbook(mutated).findings.filter((f) => f.rule === id && f.cells.includes(refA1(cell)));
    expect(fired.length).toBeGreaterThan(0);
  });

  run('is the rule’s own severity, not 尾数误差, when the change exceeds the rounding tolerance', () => {
    const rel = c!.rel;
    const cell = rel.lhs.cells[0]!.ref;
    const before = cellNumber(c!.grid, cell);
    // Every printed figure of the relation may be off by 0.005 (the changed one is printed after the change).
    const printed = [...rel.lhs.cells, ...rel.rhs.cells].filter((x) => !x.empty).length + (rel.lhs.cells[0]!.empty ? 1 : 0);
    const slack = Math.abs(rel.lhs.fen - rel.rhs.fen) / 1e6 + printed * 0.005;
    const step = Math.ceil((slack + 0.01) * 100) / 100;
    const mutated = withCell(c!.grid, cell, Math.round((before + step) * 100) / 100);
    const fired = checkWorkbook(mutated).findings.filter((f) => f.rule === id && f.cells.includes(refA1(cell)));
    const rule = RULES.find((r) => r.id === id)!;
    expect(fired.map((f) => f.severity)).toContain(rule.severity);
  });
});
