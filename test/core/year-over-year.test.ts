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

const yoy = (grid: WorkbookGrid, previous: WorkbookGrid) => checkWorkbook(grid, undefined, { previous }).findings.filter((f) => f.rule === 'Y01');

describe('year over year', () => {
  let now: WorkbookGrid;
  beforeAll(async () => {
    now = await thisYear();
  });

  test('without --previous nothing is compared', () => {
    expect(checkWorkbook(now).findings.filter((f) => f.rule === 'Y01')).toEqual([]);
  });

  test('the 项 that grew 216 % is one warning (not one per table), its 类 another; the totals moved under 10 % are not', () => {
    const found = yoy(now, seed000Grid());
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    const item = found.filter((f) => f.message.includes('2010302'));
    expect(item).toHaveLength(1);
    expect(item[0]!.message).toContain('本年 150.00 万元，上年 47.45 万元，增加 102.55 万元（增长 216.1%），变动超过 10% 且超过 1 万元');
    expect(item[0]!.cells[0]).toMatch(/^公开05表!/);
    expect(found.some((f) => f.message.includes('一般公共服务支出'))).toBe(true);
    // 收支总计 1820.23 → 1922.78 is +5.6 %: below the threshold.
    expect(found.some((f) => f.message.includes('收支总计'))).toBe(false);
  });

  test('a reason written in 说明数据 for the 项 silences its warning, and only its', () => {
    const inputs = now.sheets.find((s) => s.name === '说明数据')!;
    let row = -1;
    for (let r = 0; r < inputs.rowCount; r++) if (String(inputs.cell(r, 0)?.value ?? '').replace(/\s+/g, '') === '原因五(三)2010302') row = r;
    expect(row).toBeGreaterThan(0);
    const explained = withCell(now, { sheet: '说明数据', row, col: 2 }, '本年新增征拆工作经费。');
    const found = yoy(explained, seed000Grid());
    expect(found.some((f) => f.message.includes('2010302'))).toBe(false);
    expect(found.some((f) => f.message.includes('一般公共服务支出'))).toBe(true);
  });

  test('a reason the narrative gives where it speaks of the 类 silences that 类’s warning', () => {
    const text = [
      '一、收入支出决算总体情况说明',
      '2025年度收、支总计1922.78万元。',
      '四、财政拨款收入支出决算总体情况说明',
      '2025年度财政拨款收、支总计1922.78万元。',
      '五、一般公共预算财政拨款支出决算情况说明',
      '（二）一般公共预算财政拨款支出决算结构情况',
      '一般公共服务支出448.41万元，主要原因是本年新增征拆工作经费。',
    ];
    const narrative = new ArraySheet('情况说明', text.map((t) => [{ value: t }]));
    const found = yoy({ sheets: [...now.sheets, narrative] }, seed000Grid());
    expect(found.some((f) => f.message.includes('一般公共服务支出'))).toBe(false);
    // The 项 is named nowhere in it: still a warning.
    expect(found.some((f) => f.message.includes('2010302'))).toBe(true);
  });

  test('the same workbook against itself: nothing moved', () => {
    expect(yoy(now, now)).toEqual([]);
  });
});
