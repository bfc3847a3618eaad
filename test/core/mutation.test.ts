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
import { layoutWorkbook, seed000Grid, specToGrid, variantGrid, variants } from '../fixtures';
import { modelToDisclosure, sampleModel } from '../fixtures/generator';
import { fundWorkbooks } from '../fixtures/with-funds';
import { cellNumber, withCell } from '../helpers/grid-edit';

const workbooks: Array<[string, WorkbookGrid]> = [
  ['seed 000', seed000Grid()],
  ['seed 000 national', variantGrid(variants().find((v) => v.name === 'national')!)],
  ...fundWorkbooks(),
  // A generated unit that pays 职业年金 (30109 ↔ 2080506) and the other 项 seed 000 lacks.
  ['generated', specToGrid(layoutWorkbook(modelToDisclosure(sampleModel(12, { unitDecimals: 2, codes: ['2010301', '2080505', '2080506', '2101101', '2101103', '2210201'] }))))],
];

interface Case {
  readonly rule: string;
  readonly workbook: string;
  readonly grid: WorkbookGrid;
  readonly rel: Relation;
}

/**
 * For each rule definition (several share an id, e.g. X08 per column pair), the
 * first relation in any workbook whose checked side is one cell (else the first cell of it).
 */
function cases(): Map<string, Case> {
  const out = new Map<string, Case>();
  for (const [name, grid] of workbooks) {
    const tables = readTables(grid, mapWorkbook(grid));
    for (const [i, rule] of RULES.entries()) {
      const key = `${rule.id} #${i}`;
      if (out.has(key)) continue;
      const rel = listRelations(rule, tables).find((r) => r.lhs.cells.length === 1) ?? listRelations(rule, tables).find((r) => r.lhs.cells.length > 0);
      if (rel) out.set(key, { rule: rule.id, workbook: name, grid, rel });
    }
  }
  return out;
}

const all = cases();
const keys = RULES.map((r, i) => `${r.id} #${i}`);

test('every rule definition has a mutation case', () => {
  expect(keys.filter((k) => !all.has(k))).toEqual([]);
});

describe.each(keys.map((k) => [k]))('rule %s', (key) => {
  const c = all.get(key);
  const id = c?.rule ?? key.split(' ')[0]!;
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
