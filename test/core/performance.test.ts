/**
 * The 绩效自评 tables: read from the seeds' own attachments (as pasted text
 * and as a typed workbook), checked within themselves and against the nine
 * tables. Each seed's known errors are found, and nothing else.
 */
import { checkWorkbook, type Finding } from '../../src/core';
import { readPerformanceTables } from '../../src/core/performance/read';
import { seed000Spec, specToGrid, type CellSpec, type SheetSpec, type WorkbookSpec } from '../fixtures';
import { performanceSheet, seedText } from '../fixtures/performance';

const isPerformance = (f: Finding) => /^[PB]\d\d$/.test(f.rule);
const brief = (f: Finding) => `${f.rule} ${f.severity} ${f.cells[0]}`;

function seed000WithPerformance(typed: boolean, edit?: (s: SheetSpec) => void): WorkbookSpec {
  const spec = seed000Spec();
  const sheet = performanceSheet(seedText('000'), { typed });
  edit?.(sheet);
  spec.sheets.push(sheet);
  return spec;
}

/** The row of the sheet whose cells include `text`, 1-based as Excel numbers it. */
function rowOf(sheet: SheetSpec, text: string, after = 0): number {
  const i = sheet.rows.findIndex((r, k) => k >= after && r.some((c) => (typeof c === 'string' ? c : typeof c === 'object' && c ? String(c.v) : '') .includes(text)));
  if (i < 0) throw new Error(`no row with ${text}`);
  return i;
}

function setCell(sheet: SheetSpec, row: number, col: number, v: CellSpec): void {
  while (sheet.rows[row]!.length <= col) sheet.rows[row]!.push('');
  sheet.rows[row]![col] = v;
}

describe.each([
  ['as pasted text', false],
  ['typed in Excel', true],
])('seed 000 绩效自评 tables %s', (_, typed) => {
  const grid = specToGrid(seed000WithPerformance(typed));

  test('reads the overall table, the five project tables and the 基础数据表', () => {
    const perf = readPerformanceTables(grid);
    expect(perf.overall?.total?.full?.figure.fen).toBe(1_832_630_000);
    expect(perf.overall?.total?.rate?.scaled).toBe(9932);
    expect(perf.overall?.basic?.figure.fen).toBe(365_670_000);
    expect(perf.overall?.indicators).toHaveLength(11);
    expect(perf.overall?.groups.map((g) => [g.name, g.points])).toEqual([
      ['产出指标', 40],
      ['效益指标', 20],
      ['满意度指标', 10],
      ['成本指标', 20],
    ]);
    expect(perf.projects.map((p) => p.name)).toEqual(['拆违治违经费', '机关干部进小区工作队工作经费', '双碳资金', '城镇独生子女父母奖励', '2020年建宁大桥南北辅道项目']);
    expect(perf.projects.map((p) => p.total?.actual?.figure.fen)).toEqual([43_990_000, 2_990_000, 460_000, 110_000, 1_407_000_000]);
    // The 拆违治违经费 table has no 偏差原因 column; the others have.
    expect(perf.projects.map((p) => p.hasReasonColumn)).toEqual([false, true, true, true, true]);
    expect(perf.basics?.staff?.rate?.scaled).toBe(14500);
    expect(perf.basics?.projects.map((p) => p.label)).toEqual(['机关干部进小区工作队工作经费', '拆违治违经费', '双碳资金', '城镇独生子女父母奖励', '2020年建宁大桥南北辅道项目']);
  });

  test('finds the seed’s errors and nothing else', () => {
    const found = checkWorkbook(grid).findings.filter(isPerformance);
    const sheet = performanceSheet(seedText('000'));
    const r = (text: string, after = 0) => rowOf(sheet, text, after) + 1;
    expect(found.map(brief).sort()).toEqual(
      [
        // 1407 万元 called 上年结转 while 公开01表 has no 年初结转和结余 (notes §5.8).
        `P08 error 绩效自评表!E${r('上年结转金额', rowOf(sheet, '2020年建宁大桥南北辅道项目', 40))}`,
        // Points lost without a reason (§5.10).
        `P06 warning 绩效自评表!H${r('集体项目交地面积')}`,
        `P06 warning 绩效自评表!H${r('用地单位满意指数')}`,
        `P06 warning 绩效自评表!H${r('小区自治能力提升度')}`,
        `P06 warning 绩效自评表!H${r('居民满意度')}`,
        // 2027年劳务派遣人员 in a 2024 table (§5.11).
        `P09 warning 绩效自评表!E${r('2027年')}`,
        // 基础数据表 项目支出 1454.55 vs 公开03表 1454.56 (§5.5).
        `B04 rounding 绩效自评表!E${r('项目支出：')}`,
      ].sort(),
    );
    const carried = found.find((f) => f.rule === 'P08')!;
    expect(carried.message).toContain('2020年建宁大桥南北辅道项目');
    expect(carried.message).toContain('当年财政拨款');
    expect(carried.tables).toContain('公开01表');
    // Both ends are named: the project's 上年结转 and 公开01表's (blank) 年初结转和结余.
    expect(carried.cells.filter((c) => c.startsWith('公开01表!'))).toHaveLength(1);
    expect(carried.expected).toBe(0);
  });
});

describe('seed 001 (2022, 荷塘区): a standalone 绩效 workbook', () => {
  const sheet = performanceSheet(seedText('001'));
  const findings = checkWorkbook(specToGrid({ sheets: [sheet] })).findings.filter(isPerformance);
  const of = (rule: string) => findings.filter((f) => f.rule === rule);

  test('every error the notes list, with the slip named', () => {
    expect(findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(
      ['B01 warning', 'B03 warning', 'B06 error', 'B07 error', 'P01 error', 'P01 error', 'P02 error', 'P02 error', 'P06 warning'].sort(),
    );
    // 2109% = 2652.14 ÷ 125.73 (年初): the wrong denominator is named.
    const overallRate = of('P01').find((f) => f.tables[0] === '整体支出绩效自评表')!;
    expect(overallRate.message).toContain('2109%');
    expect(overallRate.message).toContain('年初预算数');
    expect(overallRate.message).toContain('应为 100%');
    // 61.53% for 8 ÷ 13 = 61.538…: cut off, not rounded.
    expect(of('B01')[0]!.message).toContain('61.54%');
    expect(of('B01')[0]!.message).toContain('截尾');
    // The 专项资金 row left blank over K1K2's 2500.
    expect(of('B03')[0]!.message).toContain('2,500.00');
  });

  test('rows shifted by the paste are read where they landed: no finding on the 时效指标 or 总分 rows', () => {
    const perf = readPerformanceTables(specToGrid({ sheets: [sheet] }));
    const project = perf.projects[0]!;
    expect(project.name).toBe('K1K2 金山储备地项目');
    expect(project.totalScore?.scaled).toBe(97 * 10_000);
    const timely = project.indicators.find((i) => i.level3 === '按时完成征收任务')!;
    expect([timely.weight?.scaled, timely.score?.scaled]).toEqual([10 * 10_000, 10 * 10_000]);
    expect(perf.overall?.byIncome[0]?.amount.figure.fen).toBe(2_652_140_000);
  });
});

describe('changes an accountant could make, each caught at its cell', () => {
  const run = (edit: (s: SheetSpec) => void) => checkWorkbook(specToGrid(seed000WithPerformance(true, edit))).findings.filter(isPerformance);
  const baseline = run(() => {}).map(brief);
  const added = (edit: (s: SheetSpec) => void) => run(edit).filter((f) => !baseline.includes(brief(f)));

  test('an execution rate typed wrong (99.23% for 99.32%)', () => {
    const f = added((s) => setCell(s, rowOf(s, '年度资金总额'), 6, { v: 0.9923, numFmt: '0.00%' }));
    expect(f.map((x) => `${x.rule} ${x.severity}`)).toEqual(['P01 error']);
    expect(f[0]!.message).toContain('99.32%');
  });

  test('an indicator scored above its weight, and the total then off', () => {
    const f = added((s) => setCell(s, rowOf(s, '征拆征收工作质量提升度'), 7, 12));
    expect(f.map((x) => `${x.rule} ${x.severity}`).sort()).toEqual(['P05 error', 'P05 error']);
  });

  test('a project’s sources no longer adding up', () => {
    const f = added((s) => setCell(s, rowOf(s, '当年财政拨款'), 4, 42.99));
    expect(f.map((x) => `${x.rule} ${x.severity}`)).toEqual(['P03 error']);
    expect(f[0]!.message).toContain('全年执行数');
  });

  test('a group’s points that do not add up', () => {
    const f = added((s) => setCell(s, rowOf(s, '产出指标'), 1, '产出指标 (50分)'));
    expect(f.map((x) => `${x.rule} ${x.severity}`)).toEqual(['P04 error']);
  });

  test('text where an amount belongs is reported (M02, as for the nine tables), not read as 0', () => {
    const edited = checkWorkbook(specToGrid(seed000WithPerformance(true, (s) => setCell(s, rowOf(s, '年度资金总额', rowOf(s, '拆违治违经费', 40)), 3, '四十四')))).findings;
    const bad = edited.find((x) => x.rule === 'M02')!;
    expect(bad.severity).toBe('error');
    expect(bad.message).toContain('四十四');
    expect(bad.message).toContain('全年预算数');
  });
});

describe('where the tables sit', () => {
  test('an untitled project table is found by its 项目支出名称 row', () => {
    const sheet = performanceSheet(seedText('000'), { typed: true });
    const from = rowOf(sheet, '项目支出名称');
    const rows = sheet.rows.slice(from, rowOf(sheet, '总分', from) + 1);
    const perf = readPerformanceTables(specToGrid({ sheets: [{ name: 'Sheet1', rows, merges: [] }] }));
    expect(perf.projects.map((p) => p.name)).toEqual(['拆违治违经费']);
    expect(perf.projects[0]!.total?.rate?.scaled).toBe(9998);
  });

  test('a list of attachments naming the tables is not taken for them', () => {
    const rows: CellSpec[][] = [['附件： 1. 部门整体支出绩效评价基础数据表'], ['2. 部门整体支出绩效自评表'], ['3. 项目支出绩效自评表']];
    const perf = readPerformanceTables(specToGrid({ sheets: [{ name: '说明', rows, merges: [] }] }));
    expect(perf).toEqual({ projects: [] });
  });

  test('the nine tables map the same with the 绩效 sheet beside them', () => {
    const withPerf = checkWorkbook(specToGrid(seed000WithPerformance(true))).findings.filter((f) => !isPerformance(f)).map(brief);
    const without = checkWorkbook(specToGrid(seed000Spec())).findings.map(brief);
    expect(withPerf).toEqual(without);
  });
});

describe('forms as accountants keep them: nothing is made up from a blank, a merge or a name', () => {
  const run = (edit: (s: SheetSpec) => void) => checkWorkbook(specToGrid(seed000WithPerformance(true, edit))).findings.filter(isPerformance);
  const baseline = run(() => {}).map(brief);
  const added = (edit: (s: SheetSpec) => void) => run(edit).filter((f) => !baseline.includes(brief(f)));

  test('an indicator not scored yet (得分 blank) beside a numeric 实际完成值 is read in place: only the total is short', () => {
    const f = added((s) => {
      const r = rowOf(s, '征拆征收工作质量提升度');
      setCell(s, r, 5, { v: 0.95, numFmt: '0%' });
      setCell(s, r, 7, '');
    });
    expect(f.map((x) => `${x.rule} ${x.severity}`)).toEqual(['P05 error']);
    expect(f[0]!.message).toContain('总分');
  });

  test('one reason merged over two rows serves both', () => {
    const spec = seed000WithPerformance(true, (s) => {
      const a = rowOf(s, '小区自治能力提升度');
      setCell(s, a, 8, '原因：小区情况复杂。措施：加强协调。');
      s.merges.push({ top: a, bottom: a + 1, left: 8, right: 8 });
    });
    const found = checkWorkbook(specToGrid(spec)).findings.filter((f) => f.rule === 'P06').map((f) => f.message);
    expect(found.some((m) => m.includes('小区自治能力提升度'))).toBe(false);
    expect(found.some((m) => m.includes('居民满意度'))).toBe(false);
  });

  test('projects under 专项资金 keep their own names (双碳专项资金, 机关办公经费)', () => {
    const f = added((s) => {
      setCell(s, rowOf(s, '双碳资金'), 0, '双碳专项资金');
      setCell(s, rowOf(s, '城镇独生子女父母奖励'), 0, '机关办公经费');
    });
    expect(f.filter((x) => x.rule === 'B03')).toEqual([]);
    const perf = readPerformanceTables(specToGrid(seed000WithPerformance(true, (s) => setCell(s, rowOf(s, '双碳资金'), 0, '双碳专项资金'))));
    expect(perf.basics?.projects.map((p) => p.label)).toContain('双碳专项资金');
    expect(perf.basics?.projects).toHaveLength(5);
  });

  test('next year named in the 预期目标, or in a report written the spring after, is not a slip', () => {
    const f = added((s) => {
      const r = rowOf(s, '2024年劳务派遣7人按时发放工资缴纳社保');
      setCell(s, r, 1, '2024年劳务派遣7人按时发放工资缴纳社保，2026年起纳入基本支出。');
      setCell(s, rowOf(s, '资金执行率99.67%'), 4, '资金执行率99.67%，2025年1月完成结算。');
    });
    expect(f).toEqual([]);
  });

  test('项目名称 (the national label) names the project; a rate left in General format is read to two decimals', () => {
    const perf = readPerformanceTables(
      specToGrid(
        seed000WithPerformance(true, (s) => {
          setCell(s, rowOf(s, '项目支出名称'), 0, '项目名称');
          setCell(s, rowOf(s, '年度资金总额'), 6, 1820.23 / 1832.63);
        }),
      ),
    );
    expect(perf.projects[0]!.name).toBe('拆违治违经费');
    expect(perf.overall?.total?.rate).toMatchObject({ scaled: 9932, decimals: 2 });
  });
});

test('the tables found without their titles: 财政供养人员情况, 按收入性质分 and 项目支出名称 are enough', () => {
  const sheet = performanceSheet(seedText('000'), { typed: true });
  const untitled = { ...sheet, rows: sheet.rows.filter((r) => !(typeof r[0] === 'string' && /^\d{4}年度.*(基础数据表|绩效自评表)$/.test(r[0]))) };
  expect(untitled.rows.length).toBe(sheet.rows.length - 7);
  const perf = readPerformanceTables(specToGrid({ sheets: [untitled] }));
  expect(perf.basics?.staff?.authorized?.scaled).toBe(20 * 10_000);
  expect(perf.overall?.total?.full?.figure.fen).toBe(1_832_630_000);
  expect(perf.overall?.indicators).toHaveLength(11);
  expect(perf.projects.map((p) => p.name)).toEqual(['拆违治违经费', '机关干部进小区工作队工作经费', '双碳资金', '城镇独生子女父母奖励', '2020年建宁大桥南北辅道项目']);
  // Without a title there is no year to read: P09 is not run, the rest is.
  const found = checkWorkbook(specToGrid({ sheets: [...seed000Spec().sheets, untitled] })).findings.filter(isPerformance).map((f) => `${f.rule} ${f.severity}`).sort();
  expect(found).toEqual(['B04 rounding', 'P06 warning', 'P06 warning', 'P06 warning', 'P06 warning', 'P08 error']);
});
