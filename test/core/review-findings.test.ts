/**
 * What a review of the checker on other units' disclosures found (built
 * outside the project, 平江县自然资源局 2024 in the national layout): each a
 * class, kept here in its smallest form. Tables: a fund table whose amounts
 * are whole numbers, a table carried over a page under “（续）”, a vertical 三公
 * table headed with years and last year's column, a 行次 column in a code
 * table. Text: last year's figures stated, numbers copied from a PDF with
 * spaces, the fund paragraph's 收入/支出, amounts in 元, shares moved to add to
 * 100%, vehicles that do not add up, 国内公务接待.
 */
import { checkWorkbook } from '../../src/core/check';
import { sheetFromValues, type WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { narrativeSheet } from '../../src/core/narrative/check-text';
import { readTables } from '../../src/core/rules/table-values';
import { layoutWorkbook, seed000, specToGrid, toNationalLayout } from '../fixtures';

const national = () => specToGrid(layoutWorkbook(toNationalLayout(seed000())));
const withSheet = (grid: WorkbookGrid, name: string, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): WorkbookGrid => ({
  sheets: [...grid.sheets.filter((s) => s.name !== name), sheetFromValues(name, rows)],
});
const textFindings = (grid: WorkbookGrid, lines: readonly string[]) =>
  checkWorkbook(grid, undefined, { narrative: narrativeSheet('情况说明', lines.join('\n')), narrativePart: true }).findings.filter((f) => /^T/.test(f.rule));

describe('tables', () => {
  test('a fund table whose amounts are whole numbers: no amount is taken for a 科目 code', () => {
    const grid = withSheet(national(), '公开08表', [
      ['政府性基金预算财政拨款收入支出决算表'],
      [null, null, null, null, null, null, null, '单位：万元'],
      ['项目', null, '年初结转和结余', '本年收入', '本年支出', null, null, '年末结转和结余'],
      ['功能分类科目编码', '科目名称', null, null, '合计', '基本支出', '项目支出', null],
      [null, '合计', 40, 300, 280, 0, 280, 60],
      ['212', '城乡社区支出', 40, 300, 280, 0, 280, 60],
      ['21208', '国有土地使用权出让收入安排的支出', 40, 300, 280, 0, 280, 60],
      ['2120801', '征地和拆迁补偿支出', 40, 300, 280, 0, 280, 60],
    ]);
    const m = mapWorkbook(grid);
    const t = m.tables['公开08表']!;
    expect(t.items.map((i) => i.code)).toEqual(['212', '21208', '2120801']);
    expect(t.columns.map((c) => c.key)).toEqual(['年初结转和结余', '本年收入', '合计', '基本支出', '项目支出', '年末结转和结余']);
    // Its own relations hold; only the 财政拨款总表 it is compared with (blank for funds in seed 000) differs.
    const own = checkWorkbook(grid).findings.filter((f) => /^R19/.test(f.rule) || f.rule === 'M04');
    expect(own).toEqual([]);
  });

  test('a table carried over a page under “收入决算表（续）” is one table', () => {
    const base = national();
    const income = base.sheets.find((s) => s.name === '公开02表')!;
    const rows: Array<Array<string | number | null>> = [];
    for (let r = 0; r < income.rowCount; r++) {
      const row: Array<string | number | null> = [];
      for (let c = 0; c < income.colCount; c++) {
        const v = income.cell(r, c)?.value;
        row.push(v === undefined ? null : (v as string | number | null));
      }
      rows.push(row);
      // The page breaks after the 5th row of figures: the title again with （续）, and the header.
      if (r === 8) rows.push(['收入决算表（续）'], rows[2]!.slice(), rows[3]!.slice());
    }
    const r = checkWorkbook(withSheet(base, '公开02表', rows));
    expect(r.findings.filter((f) => f.rule === 'M06')).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    expect(r.mapping.tables['公开02表']!.items.length).toBe(readTables(national(), mapWorkbook(national())).get('income')!.items.length);
  });

  test('a vertical 三公 table headed 2023年决算数 | 2024年预算数 | 2024年决算数 reads this year’s columns', () => {
    const grid = withSheet(national(), '公开07表', [
      ['财政拨款“三公”经费支出决算表'],
      [null, null, null, '单位：万元'],
      ['项目', '2023年决算数', '2024年预算数', '2024年决算数'],
      ['合计', 4, 3.5, 3.49],
      ['1.因公出国（境）费', null, null, null],
      ['2.公务用车购置及运行维护费', 4, 3.5, 3.49],
      ['  其中：公务用车购置费', null, null, null],
      ['        公务用车运行维护费', 4, 3.5, 3.39],
      ['3.公务接待费', null, null, null],
    ]);
    const r = checkWorkbook(grid);
    expect(r.mapping.tables['公开07表']).toBeDefined();
    // 运行维护费 typed 3.39 for 3.49: this year's 小计 no longer adds up.
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.cells[0]}`)).toEqual(['R21.vehicle 公开07表!D6']);
  });

  test('a 行次 column in a code table is no amount column', () => {
    const spec = layoutWorkbook(toNationalLayout(seed000()));
    const sheet = spec.sheets.find((s) => s.name === '公开03表')!;
    let n = 0;
    sheet.rows = sheet.rows.map((row, i) => {
      const text = (row[1] ?? '') as string;
      if (i === 1) return [row[0] ?? null, row[1] ?? null, '行次', ...row.slice(2)];
      const isData = typeof row[0] === 'string' && /^\d{3,7}$/.test(row[0]) ? true : text === '合计';
      return [row[0] ?? null, row[1] ?? null, isData ? ++n : null, ...row.slice(2)];
    });
    const r = checkWorkbook(specToGrid(spec));
    expect(r.findings.filter((f) => f.rule === 'M04').map((f) => f.message)).toEqual([]);
  });
});

describe('text', () => {
  test('last year’s figures stated: no error for their year or amount, and the growth rate is over them', () => {
    const found = textFindings(national(), [
      '一、收入支出决算总体情况说明',
      '2024年度收入支出总计1820.23万元。',
      '2023年度收入支出总计531.62万元，本年比上年增加1288.61万元，增长242.39%。',
      '比上年的531.62万元增加1288.61万元，增长242.39%。',
      '上年收入支出总计531.62万元，本年增加1288.61万元，增长242.39%。',
    ]);
    expect(found.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    const wrong = textFindings(national(), ['一、收入支出决算总体情况说明', '2024年度收入支出总计1820.23万元。2023年度收入支出总计531.62万元，本年比上年增加1288.61万元，增长224.39%。']);
    expect(wrong.map((f) => [f.rule, f.severity, f.expected])).toEqual([['T11', 'warning', 242.39]]);
  });

  test('numbers copied from a PDF with spaces (1, 820.23 万元; 1 820.23万元) are read whole', () => {
    const lines = ['三、支出决算情况说明', '本年支出合计1, 820.23万元，其中：基本支出365.67万元，占20.09%；项目支出1 454.56万元，占79.91%。'];
    expect(textFindings(national(), lines).map((f) => f.message)).toEqual([]);
  });

  test('an amount in 元: the right one is a warning about the unit, the table’s digits with 元 an error', () => {
    const right = textFindings(national(), ['七、财政拨款“三公”经费支出决算情况说明', '（二）“三公”经费财政拨款支出决算具体情况说明', '2、公务用车购置及运行维护费支出34900元。']);
    expect(right.map((f) => [f.rule, f.severity])).toEqual([['T09', 'warning']]);
    const slip = textFindings(national(), ['七、财政拨款“三公”经费支出决算情况说明', '（二）“三公”经费财政拨款支出决算具体情况说明', '2、公务用车购置及运行维护费支出3.49元。']);
    expect(slip.map((f) => [f.rule, f.severity])).toEqual([['T09', 'error']]);
  });

  test('shares moved to make a list add up to 100% are 尾数误差; 国内公务接待 is the 公务接待费; 1.05万 is 万元', () => {
    // 345.86 … 20.55 of 1820.23: 19.0, 1.3, 1.3, 77.3, 1.1 add to 100.0 — with 77.3 raised to 77.4 and 1.3 cut to 1.2 they still do.
    const shares = textFindings(national(), [
      '五、一般公共预算财政拨款支出决算情况说明',
      '（二）一般公共预算财政拨款支出决算结构情况',
      '一般公共预算财政拨款支出1820.23万元，主要用于以下方面：一般公共服务支出（类）345.86万元，占19%；社会保障和就业支出（类）23.6万元，占1.2%；卫生健康支出（类）23.23万元，占1.3%；城乡社区支出（类）1407万元，占77.4%；住房保障支出（类）20.55万元，占1.1%。',
    ]);
    expect(shares.map((f) => [f.rule, f.severity])).toEqual([
      ['T01', 'rounding'],
      ['T01', 'rounding'],
    ]);
    const reception = textFindings(national(), ['七、财政拨款“三公”经费支出决算情况说明', '（二）“三公”经费财政拨款支出决算具体情况说明', '3、公务接待费支出0.35万。其中：国内公务接待支出0.35万元（含外宾接待支出0万元）。']);
    expect(reception.map((f) => [f.rule, f.severity, f.expected])).toEqual([
      ['T01', 'error', 0],
      ['T01', 'error', 0],
    ]);
  });

  test('vehicles that do not add up', () => {
    const found = textFindings(national(), ['十一、其他重要事项的情况说明', '（三）国有资产占用情况', '截至2024年12月31日，本部门2024年度共有车辆4辆，其中：执法执勤用车2辆、其他用车1辆。']);
    expect(found.map((f) => [f.rule, f.severity, f.actual, f.expected])).toEqual([['T10', 'error', 4, 3]]);
  });
});
