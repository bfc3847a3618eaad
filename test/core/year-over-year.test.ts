/**
 * check --previous: a line that moved by more than 10 % and 1 万元 from last
 * year, with no reason written, is a warning — once per 项 — and a reason in
 * 说明数据 or in the narrative silences it.
 */
import { checkWorkbook } from '../../src/core/check';
import { ArraySheet, type WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import { readTables } from '../../src/core/rules/table-values';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { writePlan } from '../../src/hosts/xlsx/write-plan';
import { seed000Grid } from '../fixtures';
import { evaluatePlan, fillPlan, resultsOf } from '../helpers/evaluate-plan';
import { withCell } from '../helpers/grid-edit';
import { compareWithPrevious } from '../../src/core/rules/year-over-year';

/** This year's workbook: last year's leaves again, but 2010302 一般行政管理事务's 项目支出 grown from 47.45 to 150.00. */
async function thisYear(): Promise<WorkbookGrid> {
  const last = seed000Grid();
  const tables = readTables(last, mapWorkbook(last));
  const plan = fillPlan(newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(last) }), (cell) => {
    if (!cell.slot) return undefined;
    if (cell.slot.row === 'code:2010302' && ['项目支出', '财政拨款收入'].includes(cell.slot.col)) return 150;
    const f = tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col);
    return f && !f.empty ? f.figure.fen / 1_000_000 : undefined;
  });
  return loadWorkbookGrid(await writePlan(plan, { resultOf: resultsOf(evaluatePlan(plan)) }));
}

const yoy = (grid: WorkbookGrid, previous: WorkbookGrid) => checkWorkbook(grid, undefined, { previous }).findings.filter((f) => f.rule === 'Y01' || f.rule === 'Y02');

/** The grid with a row typed at the end of 说明数据: “原因 …” in 项目, the reason in 文字. */
function withReasonRow(grid: WorkbookGrid, label: string, reason: string): WorkbookGrid {
  const inputs = grid.sheets.find((s) => s.name === '说明数据')!;
  const row = inputs.rowCount;
  return withCell(withCell(grid, { sheet: '说明数据', row, col: 0 }, label), { sheet: '说明数据', row, col: 2 }, reason);
}

/** The grid with a 情况说明 sheet of these paragraphs. */
const withNarrative = (grid: WorkbookGrid, lines: string[]): WorkbookGrid => ({
  sheets: [
    ...grid.sheets,
    new ArraySheet(
      '情况说明',
      ['一、收入支出决算总体情况说明', '2025年度收、支总计1922.78万元。', '四、财政拨款收入支出决算总体情况说明', '2025年度财政拨款收、支总计1922.78万元。', ...lines].map((t) => [{ value: t }]),
    ),
  ],
});

describe('year over year', () => {
  let now: WorkbookGrid;
  beforeAll(async () => {
    now = await thisYear();
  });

  test('without --previous nothing is compared', () => {
    expect(checkWorkbook(now).findings.filter((f) => f.rule === 'Y01')).toEqual([]);
  });

  test('the 项 that grew 216 % is one warning (not one per table, nor again for its 类); the totals moved under 10 % are not', () => {
    const found = yoy(now, seed000Grid());
    expect(found.map((f) => f.message)).toEqual([
      '公开05表 2010302 一般行政管理事务：本年 150.00 万元，上年 47.45 万元，增加 102.55 万元（增长 216.1%），变动超过 10% 且超过 1 万元，但没有写明原因。请在“说明数据”中加一行“原因 上年 2010302”写明原因，或在情况说明中说明。',
    ]);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.cells[0]).toMatch(/^公开05表!/);
  });

  test('a reason in 说明数据’s 原因 上年 row silences it; the 项’s budget-variance reason (原因 五(三)) does not', () => {
    expect(yoy(withReasonRow(now, '原因 上年 2010302', '本年新增征拆工作经费。'), seed000Grid())).toEqual([]);
    expect(yoy(withReasonRow(now, '原因 五(三) 2010302', '年中追加预算。'), seed000Grid())).toHaveLength(1);
    // A 原因 上年 row left with the placeholder is no reason.
    expect(yoy(withReasonRow(now, '原因 上年 2010302', '【请填写原因】'), seed000Grid())).toHaveLength(1);
  });

  test('the narrative silences it only where it compares with last year and gives a reason', () => {
    const section5 = (line: string) => withNarrative(now, ['五、一般公共预算财政拨款支出决算情况说明', '（三）一般公共预算财政拨款支出决算具体情况', line]);
    expect(yoy(section5('一般行政管理事务150万元，比上年增加102.55万元，主要原因是本年新增征拆工作经费。'), seed000Grid())).toEqual([]);
    // The 五(二) boilerplate (主要用于) and a budget-variance reason are not a year-over-year reason.
    expect(yoy(section5('主要用于以下方面：一般公共服务（类）448.41万元，其中一般行政管理事务150万元。'), seed000Grid())).toHaveLength(1);
    expect(yoy(section5('一般行政管理事务150万元，完成年初预算的120%，决算数大于年初预算数的主要原因是：年中追加。'), seed000Grid())).toHaveLength(1);
  });

  test('the same workbook against itself: nothing moved', () => {
    expect(yoy(now, now).filter((f) => f.rule === 'Y01')).toEqual([]);
  });

  test('a new workbook with no figures yet is told so once, not compared line by line', async () => {
    const blank = await loadWorkbookGrid(await writePlan(newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(seed000Grid()) })));
    expect(yoy(blank, seed000Grid()).map((f) => f.message)).toEqual(['本工作簿各表还没有数字，未与上年比较；填写后再检查。']);
  });

  test('last year’s workbook that cannot be last year’s (not earlier, another 部门) is said so (Y02)', () => {
    const tables = readTables(now, mapWorkbook(now));
    const said = (current: { year?: number; department?: string }, previousOf: { year?: number; department?: string }) =>
      compareWithPrevious(tables, tables, { current, previousOf }).filter((f) => f.rule === 'Y02').map((f) => f.message);
    expect(said({ year: 2025, department: '甲局' }, { year: 2024, department: '甲局' })).toEqual([]);
    expect(said({ year: 2025 }, { year: 2025 })).toEqual(['用来比较的上年工作簿写的是 2025 年度，不早于本工作簿的 2025 年度：请确认选对了文件。']);
    expect(said({ department: '甲局' }, { department: '乙中心' })).toEqual(['用来比较的上年工作簿是“乙中心”的，本工作簿是“甲局”的：请确认选对了文件。']);
  });
});
