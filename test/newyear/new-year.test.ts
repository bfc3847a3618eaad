/**
 * 新年度: the workbook `juesuan new` makes reads back, calculates (HyperFormula
 * standing in for Excel), reproduces last year's totals from its leaves, and
 * checks clean; last year's figures land in 说明数据 as 上年.
 */
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { overridesFromNames } from '../../src/core/mapping/saved-names';
import { readNarrativeInputs } from '../../src/core/narrative/inputs-sheet';
import { narrativeText } from '../../src/core/narrative/generate';
import { workbookNarrative } from '../../src/core/narrative/workbook';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import type { WorkbookPlan } from '../../src/core/newyear/plan';
import { type TableSet, readTables } from '../../src/core/rules/table-values';
import type { ProfileId } from '../../src/core/templates/types';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { writePlan } from '../../src/hosts/xlsx/write-plan';
import { inflateWithFflate } from '../../src/hosts/xlsx/inflate';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { seed000Grid, variantGrid, variants } from '../fixtures';
import { evaluatePlan, fillPlan, resultsOf } from '../helpers/evaluate-plan';

const nationalGrid = () => variantGrid(variants().find((v) => v.name === 'national')!);
const LAST_YEAR: Record<ProfileId, () => WorkbookGrid> = { 'hunan-2024': seed000Grid, 'national-2024': nationalGrid };

/** What the accountant types: last year's leaf figures, by the slot of each input cell. */
function fillWithLeaves(plan: WorkbookPlan, tables: TableSet): WorkbookPlan {
  return fillPlan(plan, (cell) => {
    if (!cell.slot) return undefined;
    const f = tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col);
    return f && !f.empty && f.invalidText === undefined ? f.figure.fen / 1_000_000 : undefined;
  });
}

async function filledWorkbook(profile: ProfileId) {
  const lastYear = LAST_YEAR[profile]();
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  const plan = newYearPlan({ year: 2025, profile, from: carryOver(lastYear) });
  const filled = fillWithLeaves(plan, tables);
  const evaluated = evaluatePlan(filled);
  const bytes = await writePlan(filled, { resultOf: resultsOf(evaluated) });
  return { plan, filled, evaluated, bytes, tables, grid: await loadWorkbookGrid(bytes) };
}

describe.each<ProfileId>(['hunan-2024', 'national-2024'])('新年度 %s', (profile) => {
  let made: Awaited<ReturnType<typeof filledWorkbook>>;
  beforeAll(async () => {
    made = await filledWorkbook(profile);
  });

  test('every formula calculates (no #REF!, no circular reference)', () => {
    const errors: string[] = [];
    for (const s of made.filled.sheets) {
      for (const [r, row] of s.cells) {
        for (const [c, cell] of row) {
          if (cell.formula === undefined) continue;
          const v = made.evaluated.value(s.name, r, c);
          // null: a reference to a blank input, which Excel shows as 0. Text only from a formula meant to
          // give text (the 绩效 forms' blank "" and 执行率 “99.32%”), never an error (#REF!, #DIV/0!, #CYCLE!).
          const text = typeof v === 'string' && typeof cell.blankResult === 'string' && !v.startsWith('#');
          if (typeof v !== 'number' && v !== null && !text) errors.push(`${s.name}!${r + 1},${c + 1} = ${String(v)} (${cell.formula})`);
        }
      }
    }
    expect(errors).toEqual([]);
  });

  test('filled with last year’s leaves, the totals are last year’s published totals (up to their 尾数误差)', () => {
    const mapping = mapWorkbook(made.grid);
    expect(mapping.missing).toEqual([]);
    const now = readTables(made.grid, mapping);
    const pairs: Array<[string, string, string]> = [
      ['summary', '收入总计', '金额'],
      ['summary', '本年支出合计', '金额'],
      ['summary', 'cls:201', '金额'],
      ['summary', 'cls:212', '金额'],
      ['summary', '年末结转和结余', '金额'],
      ['income', 'total', '本年收入合计'],
      ['expense', 'total', '基本支出'],
      ['expense', 'total', '项目支出'],
      ['fiscalSummary', '本年支出合计', '合计'],
      ['fiscalSummary', 'cls:208', '一般公共预算财政拨款'],
      ['fiscalSummary', '支出总计', '合计'],
      ['gpbExpense', 'total', '合计'],
      ['gpbBasic', '人员经费合计', '决算数'],
      ['gpbBasic', '公用经费合计', '决算数'],
      ['gpbBasic', 'code:302', '决算数'],
      ['threePublic', 'data', '决算.合计'],
      ['threePublic', 'data', '预算.公务用车购置及运行维护费'],
    ];
    for (const [role, row, col] of pairs) {
      const before = made.tables.get(role as never)!.get(row, col);
      const after = now.get(role as never)!.get(row, col);
      expect({ role, row, col, found: after !== undefined }).toEqual({ role, row, col, found: true });
      // Last year's totals were rounded from unrounded figures: a sum of rounded leaves may differ by a few 0.01.
      expect(Math.abs(after!.figure.fen - before!.figure.fen)).toBeLessThanOrEqual(20_000);
    }
  });

  test('the filled workbook checks clean: no error, no warning but rounding notes', () => {
    const result = checkWorkbook(made.grid);
    const serious = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    expect(serious.map((f) => `${f.rule} ${f.cells.join(',')} ${f.message}`)).toEqual([]);
  });

  test('the mapping is saved as names, read back by both readers, and needs no detection', async () => {
    const own = readXlsx(made.bytes, { inflate: inflateWithFflate });
    for (const grid of [made.grid, own]) {
      const saved = overridesFromNames(grid.rangeNames);
      expect(saved?.profile).toBe(profile);
      expect(Object.keys(saved?.ranges ?? {}).sort()).toEqual(made.plan.sheets.flatMap((s) => s.tables.map((t) => t.id)).sort());
      const m = mapWorkbook(grid);
      expect(Object.values(m.tables).every((t) => t.foundBy === 'user')).toBe(true);
    }
  });

  test('last year’s figures are 说明数据’s 上年 rows, and the 科目 rows are carried over', () => {
    const inputs = readNarrativeInputs(made.grid);
    const f = inputs.inputs.figures ?? {};
    const last = made.tables;
    expect(f['total.prior']).toBe(last.get('summary')!.get('收入总计', '金额')!.figure.fen);
    expect(f['gpb.prior']).toBe(last.get('gpbExpense')!.get('total', '合计')!.figure.fen);
    expect(f['sg.prior']).toBe(last.get('threePublic')!.get('data', '决算.合计')!.figure.fen);
    expect(f['sg.prior.running']).toBe(last.get('threePublic')!.get('data', '决算.公务用车运行维护费')!.figure.fen);
    expect(f['running.prior']).toBe(last.get('gpbBasic')!.get('公用经费合计', '决算数')!.figure.fen);
    expect(f['class.prior:212']).toBe(last.get('summary')!.get('cls:212', '金额')!.figure.fen);
    expect(inputs.inputs.year).toBe(2025);
    expect(inputs.findings).toEqual([]);
    const now = readTables(made.grid, mapWorkbook(made.grid));
    expect(now.get('expense')!.items.filter((i) => i.code.length === 7).map((i) => `${i.code} ${i.name}`)).toEqual(
      last.get('expense')!.items.filter((i) => i.code.length === 7).map((i) => `${i.code} ${i.name}`),
    );
  });
});

test('a blank workbook (no last year) checks without error: every total is 0 until figures are typed', async () => {
  const plan = newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某县某某局' });
  const grid = await loadWorkbookGrid(await writePlan(plan));
  const result = checkWorkbook(grid);
  expect(result.mapping.missing).toEqual([]);
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
});

describe('adding a 科目 keeps every total right', () => {
  test('a list with no 科目 yet (a fund table): the first spare row typed, a row inserted above the second, both in 合计', () => {
    const plan = newYearPlan({ year: 2025, profile: 'hunan-2024' });
    const ev = evaluatePlan(plan);
    const id = ev.sheetId('公开07表');
    const s07 = plan.sheets.find((s) => s.name === '公开07表')!;
    const totalRow = [...s07.cells].find(([, row]) => row.get(1)?.value === '合计')![0];
    const spare = totalRow + 1;
    // 年初 | 本年收入 | 本年支出(小计 基本 项目) | 年末: the 本年收入 column is D.
    ev.engine.setCellContents({ sheet: id, row: spare, col: 0 }, [[2120899, '其他国有土地使用权出让收入安排的支出', null, 5]]);
    ev.engine.addRows(id, [spare + 1, 1]);
    ev.engine.setCellContents({ sheet: id, row: spare + 1, col: 0 }, [[2121099, '其他土地储备支出', null, 7]]);
    expect(ev.value('公开07表', totalRow, 3)).toBe(12);
  });

  test('a row inserted above the spare row of 支出决算表, typed in, is in 合计, in 01’s 类 and in 04 through 05', () => {
    const plan = newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(seed000Grid()) });
    const ev = evaluatePlan(plan);
    const hf = ev.engine;
    const find = (sheet: string, predicate: (v: unknown, r: number, c: number) => boolean): [number, number] => {
      const id = ev.sheetId(sheet);
      const { height, width } = hf.getSheetDimensions(id);
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) if (predicate(hf.getCellValue({ sheet: id, row: r, col: c }), r, c)) return [r, c];
      throw new Error(`not found in ${sheet}`);
    };
    // The spare row is the row after the last 项 (2210201 住房公积金) in 公开03表 and 公开05表.
    for (const sheet of ['公开03表', '公开05表']) {
      const [lastItem] = find(sheet, (v) => v === 2210201);
      const id = ev.sheetId(sheet);
      hf.addRows(id, [lastItem + 1, 1]); // insert above the spare row
      hf.setCellContents({ sheet: id, row: lastItem + 1, col: 0 }, [[2010350, '事业运行', null, 10, 2.5]]);
    }
    const [totalRow] = find('公开03表', (v) => v === '合计');
    expect(ev.value('公开03表', totalRow, 2)).toBeCloseTo(12.5, 6); // no figure typed but the new row's
    const [cls201] = find('公开01表', (v) => v === '一、一般公共服务支出');
    expect(ev.value('公开01表', cls201, 5)).toBeCloseTo(12.5, 6);
    const [fiscal201] = find('公开04表', (v) => v === '一、一般公共服务支出');
    expect(ev.value('公开04表', fiscal201, 6)).toBeCloseTo(12.5, 6);
    // 年末结转和结余 of 01 balances what came in (nothing typed) against what went out.
    const [closing] = find('公开01表', (v) => v === '年末结转和结余');
    expect(ev.value('公开01表', closing, 5)).toBeCloseTo(-12.5, 6);
  });
});

describe('the narrative of the new year', () => {
  test.each<ProfileId>(['hunan-2024', 'national-2024'])('%s: once the new figures are typed, every 与上年相比 figure is there (nothing left to look up in last year’s workbook)', async (profile) => {
    const lastYear = LAST_YEAR[profile]();
    const tables = readTables(lastYear, mapWorkbook(lastYear));
    // This year: last year's leaves, with 2120399's 项目支出 down from 1,407.00 to 1,000.00.
    const plan = fillPlan(newYearPlan({ year: 2025, profile, from: carryOver(lastYear) }), (cell) => {
      if (!cell.slot) return undefined;
      if (cell.slot.row === 'code:2120399' && ['项目支出', '财政拨款收入'].includes(cell.slot.col)) return 1000;
      const f = tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col);
      return f && !f.empty && f.invalidText === undefined ? f.figure.fen / 1_000_000 : undefined;
    });
    const grid = await loadWorkbookGrid(await writePlan(plan, { resultOf: resultsOf(evaluatePlan(plan)) }));
    const text = narrativeText(workbookNarrative(grid, mapWorkbook(grid)));
    // No placeholder asks for a 上年 figure (without --from there are 7 to 10) …
    expect(text.match(/【[^】]*上年[^】]*】/g) ?? []).toEqual([]);
    // … and the comparisons are computed: 1820.23 → 1413.23 is 407 less, 22.4 % down.
    expect(text).toMatch(/减少407(\.00)?万元，下降22\.4%/);
  });
});

test('the unit the 绩效 forms name is carried to next year’s forms (when --unit is not given)', async () => {
  const thisYear = await loadWorkbookGrid(await writePlan(newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某县某某局', unit: '某某县某某中心' })));
  const from = carryOver(thisYear);
  expect(from.unit).toBe('某某县某某中心');
  expect(from.department).toBe('某某县某某局');
  expect(from.year).toBe(2025);
  const next = newYearPlan({ year: 2026, profile: 'hunan-2024', from });
  const overall = next.sheets.find((s) => s.name === '整体支出绩效自评表')!;
  const texts = [...overall.cells.values()].flatMap((row) => [...row.values()].map((c) => c.value));
  expect(texts).toContain('某某县某某中心');
  expect(texts).toContain('2026年度部门（单位）整体支出绩效自评表');
});

describe('what an accountant changes in the new workbook', () => {
  const lastYear = () => carryOver(seed000Grid());
  const texts = (plan: WorkbookPlan, sheet: string) => [...plan.sheets.find((s) => s.name === sheet)!.cells.values()].flatMap((row) => [...row.values()]);

  test('a 科目’s code and name stay open on the protected sheet (renamed, or copied into an inserted row); subtotals and totals do not', () => {
    const plan = newYearPlan({ year: 2025, profile: 'national-2024', from: lastYear() });
    const cells = texts(plan, '支出决算表');
    const item = cells.find((c) => c.value === 2010301)!;
    expect(item.open).toBe(true);
    expect(cells.find((c) => c.value === '行政运行')!.open).toBe(true);
    expect(cells.find((c) => c.value === 201)!.open).toBeUndefined();
    expect(cells.find((c) => c.value === '合计')!.open).toBeUndefined();
  });

  test('本表无数据 is printed under a fund table only when it is likely to stay empty', () => {
    const note = (plan: WorkbookPlan) => texts(plan, '公开07表').some((c) => String(c.value ?? '').includes('本表无数据'));
    expect(note(newYearPlan({ year: 2025, profile: 'hunan-2024' }))).toBe(true);
    expect(note(newYearPlan({ year: 2025, profile: 'hunan-2024', from: lastYear() }))).toBe(true);
    const withFund = { ...lastYear(), items: { ...lastYear().items, fund: [{ code: '2120899', name: '其他国有土地使用权出让收入安排的支出' }] } };
    expect(note(newYearPlan({ year: 2025, profile: 'hunan-2024', from: withFund }))).toBe(false);
  });

  test('an 经济分类 款 of last year whose 类 the profile does not print keeps its row, under its 类', () => {
    const from = { ...lastYear(), economic: [...lastYear().economic, { code: '31204', name: '对企业资本性支出' }] };
    const codes = texts(newYearPlan({ year: 2025, profile: 'hunan-2024', from }), '公开06表').map((c) => c.value);
    expect(codes).toContain(31204);
    expect(codes).toContain(312);
  });
});
