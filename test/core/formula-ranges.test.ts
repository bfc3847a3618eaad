/**
 * F01: a 合计 whose formula leaves out a 科目 row says which row and why —
 * the row an accountant inserted just below the 合计, outside the range.
 */
import { checkWorkbook } from '../../src/core/check';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import { rowsNamedInColumn } from '../../src/core/rules/formula-ranges';
import { readTables } from '../../src/core/rules/table-values';
import { seed000Grid } from '../fixtures';
import { evaluatePlan, fillPlan, gridOf } from '../helpers/evaluate-plan';

function filled() {
  const last = seed000Grid();
  const tables = readTables(last, mapWorkbook(last));
  const plan = fillPlan(newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(last) }), (cell) => {
    const f = cell.slot ? tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col) : undefined;
    return f && !f.empty ? f.figure.fen / 1_000_000 : undefined;
  });
  return { plan, ev: evaluatePlan(plan) };
}

/** Inserts a 科目 row above `row` (0-based) of 公开03表 and types 基本支出 10. */
function insertInto03(row: number) {
  const { plan, ev } = filled();
  const id = ev.sheetId('公开03表');
  ev.engine.addRows(id, [row, 1]);
  ev.engine.setCellContents({ sheet: id, row, col: 0 }, [[2010101, '行政运行（新增）', null, 10]]);
  return checkWorkbook(gridOf(plan, ev));
}

test('the references a formula names in one column: ranges and cells of its own sheet, not criteria or other sheets', () => {
  expect(rowsNamedInColumn('SUMIFS($D$8:$D$17,$A$8:$A$17,">=2010000",$A$8:$A$17,"<=2019999")', '公开03表', 3)).toEqual([[7, 16]]);
  expect(rowsNamedInColumn("SUMIFS('公开05表'!$C$8:$C$17,'公开05表'!$A$8:$A$17,\">=1\")", '公开04表', 2)).toEqual([]);
  expect(rowsNamedInColumn('SUM(D8:D16)+D20', 'S', 3)).toEqual([[7, 15], [19, 19]]);
  expect(rowsNamedInColumn('SUM(D7,E7,F7)', 'S', 2)).toEqual([]);
});

test('a row inserted just below 合计 (outside every range) is named, with what it leaves out, beside the relation error', () => {
  // 公开03表: title, 公开03表, 部门, two header rows, 栏次, 合计 (row 6), the first 科目 at row 7.
  const r = insertInto03(7);
  const f01 = r.findings.filter((f) => f.rule === 'F01');
  expect(f01).toHaveLength(1);
  expect(f01[0]!.severity).toBe('warning');
  expect(f01[0]!.message).toContain('公开03表 合计行“基本支出”栏的公式 =SUMIFS($D$9:$D$18');
  expect(f01[0]!.message).toContain('没有包括第 8 行（2010101 行政运行（新增））');
  expect(f01[0]!.message).toContain('少算了 10.00 万元');
  expect(r.findings.some((f) => f.rule.startsWith('R06') && f.severity === 'error')).toBe(true);
});

test('a row inserted inside the range (above the spare row) is summed: no F01', () => {
  const { plan } = filled();
  const s03 = plan.sheets.find((s) => s.name === '公开03表')!;
  const lastItem = [...s03.cells].find(([, row]) => row.get(0)?.value === 2210201)![0];
  const r = insertInto03(lastItem + 1);
  expect(r.findings.filter((f) => f.rule === 'F01')).toEqual([]);
  // The 基本支出 合计 takes it in; the row itself has no 本年支出合计 formula (Excel does not fill one in), which R06 points at.
  expect(r.findings.some((f) => f.rule.startsWith('R06') && f.message.includes('“基本支出”栏'))).toBe(false);
  expect(r.findings.some((f) => f.rule === 'R06.row' && f.message.includes('2010101'))).toBe(true);
});

test('a workbook typed by hand (no formulas) has nothing for F01 to say', () => {
  expect(checkWorkbook(seed000Grid()).findings.filter((f) => f.rule === 'F01')).toEqual([]);
});
