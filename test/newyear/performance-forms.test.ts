/**
 * 新年度's 绩效自评 forms: one 项目支出绩效自评表 per project of last year's
 * workbook (the bundled sample, seed 000's five), formulas that HyperFormula
 * (standing in for Excel) calculates blank on a blank form, and — typed with
 * seed 000's published figures — the 执行率, 执行率得分 and 总分 seed 000
 * published; the checker reads the forms back and finds only seed 000's own slips.
 */
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import { OVERALL_SHEET, projectSheetName } from '../../src/core/newyear/performance-forms';
import type { PlanCell, PlanSheet, WorkbookPlan } from '../../src/core/newyear/plan';
import { FEN_PER_WAN } from '../../src/core/numbers/amount';
import { readPerformanceTables } from '../../src/core/performance/read';
import type { PerformanceTables, SelfEvaluationTable } from '../../src/core/performance/types';
import type { Finding } from '../../src/core/rules/finding';
import { readTables } from '../../src/core/rules/table-values';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { writePlan } from '../../src/hosts/xlsx/write-plan';
import { inflateWithFflate } from '../../src/hosts/xlsx/inflate';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { specToGrid, specToXlsx } from '../fixtures';
import { performanceSheet, seedText } from '../fixtures/performance';
import { sampleWorkbookSpec } from '../fixtures/sample';
import { evaluatePlan, resultsOf } from '../helpers/evaluate-plan';

const SEED_PROJECTS = ['拆违治违经费', '机关干部进小区工作队工作经费', '双碳资金', '城镇独生子女父母奖励', '2020年建宁大桥南北辅道项目'];
const DEPARTMENT = '株洲市天元区征地工作协调服务中心';

/** The bundled sample as `npm start` writes it, read as `juesuan new --from` reads it. */
async function sampleGrid(): Promise<WorkbookGrid> {
  return loadWorkbookGrid(await specToXlsx(sampleWorkbookSpec()));
}

/** Seed 000's 绩效自评 attachments, read by the product's own reader: the figures the forms are filled with. */
function seedPerformance(): PerformanceTables {
  return readPerformanceTables(specToGrid({ sheets: [performanceSheet(seedText('000'), { typed: true })] }));
}

const formSheets = (plan: WorkbookPlan) => plan.sheets.filter((s) => s.name === OVERALL_SHEET || s.name.startsWith('项目绩效-'));

// ---------------------------------------------------------------------------
// Finding cells of a form by what the accountant sees printed

type At = readonly [number, number];

function at(sheet: PlanSheet, test: (v: string) => boolean, after = -1): At {
  for (const [r, row] of [...sheet.cells].sort((a, b) => a[0] - b[0])) {
    if (r <= after) continue;
    for (const [c, cell] of [...row].sort((a, b) => a[0] - b[0])) if (cell.value !== undefined && test(String(cell.value))) return [r, c];
  }
  throw new Error(`nothing matches in ${sheet.name}`);
}
const labelled = (sheet: PlanSheet, text: string, after = -1) => at(sheet, (v) => v === text, after);

/** Where each figure of a form goes: columns by their headers, rows by their labels. */
function layoutOf(sheet: PlanSheet) {
  const [fundsHeader] = labelled(sheet, '全年执行数');
  const fundsCol = (h: string) => labelled(sheet, h)[1];
  const [gridHeader] = labelled(sheet, '一级指标');
  const gridCol = (h: string) => labelled(sheet, h, gridHeader - 1)[1];
  const [totalRow] = labelled(sheet, '总分');
  const groupStarts = [...sheet.cells.keys()].filter((r) => r > gridHeader && r < totalRow && String(sheet.cells.get(r)?.get(gridCol('一级指标'))?.value ?? '').endsWith('分）')).sort((a, b) => a - b);
  return {
    fundsRow: (l: string) => labelled(sheet, l, fundsHeader)[0],
    initial: fundsCol('年初预算数'),
    full: fundsCol('全年预算数'),
    actual: fundsCol('全年执行数'),
    weight: fundsCol('分值'),
    rate: fundsCol('执行率'),
    score: fundsCol('得分'),
    /** The text cells under 预期目标 and 实际完成情况. */
    goals: { expected: [labelled(sheet, '预期目标')[0] + 1, labelled(sheet, '预期目标')[1]] as At, achieved: [labelled(sheet, '实际完成情况')[0] + 1, labelled(sheet, '实际完成情况')[1]] as At },
    grid: {
      level2: gridCol('二级指标'),
      level3: gridCol('三级指标'),
      target: gridCol('年度指标值'),
      achieved: gridCol('实际完成值'),
      weight: gridCol('分值'),
      score: gridCol('得分'),
      reason: gridCol('偏差原因分析及改进措施'),
    },
    /** The rows of a 一级指标, from its label down to the next one (or 总分). */
    groupRows(name: string): number[] {
      const i = groupStarts.findIndex((r) => String(sheet.cells.get(r)!.get(gridCol('一级指标'))!.value).startsWith(name));
      if (i < 0) throw new Error(`no ${name} in ${sheet.name}`);
      const end = groupStarts[i + 1] ?? totalRow;
      return Array.from({ length: end - groupStarts[i]! }, (_, k) => groupStarts[i]! + k);
    },
    totalRow,
    totalScore: gridCol('得分'),
  };
}

type Typed = Map<string, Map<string, string | number>>;

/** What the accountant types into a form, from a published form read by readPerformanceTables. */
function typeForm(sheet: PlanSheet, published: SelfEvaluationTable, into: Typed): void {
  const own = new Map<string, string | number>();
  into.set(sheet.name, own);
  const put = ([r, c]: At, v: string | number | undefined) => {
    if (v === undefined || v === '') return;
    const cell = sheet.cells.get(r)?.get(c);
    // Only what the form leaves to the accountant: never a formula, a label or a header.
    if (cell?.role !== 'input' && cell?.role !== 'text') throw new Error(`${sheet.name}!${r + 1},${c + 1} is ${cell?.role ?? 'empty'}, not typed`);
    own.set(`${r},${c}`, v);
  };
  const wan = (a: { figure: { fen: number } } | undefined) => (a ? a.figure.fen / FEN_PER_WAN : undefined);
  const L = layoutOf(sheet);
  const total = L.fundsRow('年度资金总额');
  if (published.kind === 'overall') {
    put([total, L.initial], wan(published.total?.initial));
    for (const b of published.byIncome) {
      const [r, c] = at(sheet, (v) => v.replace(/^其中[:：]/, '').replace(/[:：]$/, '') === b.label);
      put([r, c + 1], wan(b.amount));
    }
    const spending = (label: string, a: { figure: { fen: number } } | undefined) => {
      const [r, c] = at(sheet, (v) => v.replace(/^其中[:：]/, '').replace(/[:：]$/, '') === label);
      put([r, c + 1], wan(a));
    };
    spending('基本支出', published.basic);
    spending('项目支出', published.project);
  } else {
    const rows: ReadonlyArray<readonly [RegExp, string]> = [
      [/当年财政拨款/, '其中：当年财政拨款'],
      [/上年结转/, '上年结转金额'],
      [/其[它他]资金/, '其他资金'],
    ];
    for (const s of published.sources) {
      const row = L.fundsRow(rows.find(([re]) => re.test(s.label))![1]);
      put([row, L.initial], wan(s.initial));
      put([row, L.full], wan(s.full));
      put([row, L.actual], wan(s.actual));
    }
  }
  put([total, L.weight], published.total?.weight && published.total.weight.scaled / 10_000);
  put(L.goals.expected, published.goals.find((g) => !g.achieved)?.text);
  put(L.goals.achieved, published.goals.find((g) => g.achieved)?.text);
  const used = new Map<string, number>();
  for (const i of published.indicators) {
    const group = i.level1.replace(/\s*[(（].*$/, '');
    const k = used.get(group) ?? 0;
    used.set(group, k + 1);
    const row = L.groupRows(group)[k];
    if (row === undefined) throw new Error(`${sheet.name}: no room for ${group} #${k + 1}`);
    put([row, L.grid.level2], i.level2);
    put([row, L.grid.level3], i.level3);
    put([row, L.grid.target], i.target);
    put([row, L.grid.achieved], i.achieved);
    put([row, L.grid.weight], i.weight && i.weight.scaled / 10_000);
    put([row, L.grid.score], i.score && i.score.scaled / 10_000);
    put([row, L.grid.reason], i.reason);
  }
}

/** The plan with what was typed: inputs and texts take the values, everything else stays. */
function withTyped(plan: WorkbookPlan, typed: Typed): WorkbookPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((s) => {
      const own = typed.get(s.name);
      if (!own) return s;
      return { ...s, cells: new Map([...s.cells].map(([r, row]) => [r, new Map([...row].map(([c, cell]): [number, PlanCell] => [c, own.has(`${r},${c}`) ? { ...cell, value: own.get(`${r},${c}`)! } : cell]))])) };
    }),
  };
}

/** The nine tables typed with the leaves of last year's (seed 000's) tables, as new-year.test.ts does. */
function typeNineTables(plan: WorkbookPlan, lastYear: WorkbookGrid): Typed {
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  const typed: Typed = new Map();
  for (const s of plan.sheets) {
    const own = new Map<string, number>();
    for (const [r, row] of s.cells) {
      for (const [c, cell] of row) {
        if (!cell.slot) continue;
        const f = tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col);
        if (f && !f.empty && f.invalidText === undefined) own.set(`${r},${c}`, f.figure.fen / FEN_PER_WAN);
      }
    }
    if (own.size) typed.set(s.name, own);
  }
  return typed;
}

/** Every formula of the forms that does not calculate: an Excel error, or a number where text was meant or the reverse. */
function formulaErrors(plan: WorkbookPlan): string[] {
  const ev = evaluatePlan(plan);
  const errors: string[] = [];
  for (const s of formSheets(plan)) {
    for (const [r, row] of s.cells) {
      for (const [c, cell] of row) {
        if (cell.formula === undefined) continue;
        const v = ev.value(s.name, r, c);
        if (!(typeof v === 'number' || (typeof v === 'string' && !v.startsWith('#')))) errors.push(`${s.name}!${r + 1},${c + 1} = ${String(v)} (${cell.formula})`);
      }
    }
  }
  return errors;
}

async function writtenAndRead(plan: WorkbookPlan) {
  const bytes = await writePlan(plan, { resultOf: resultsOf(evaluatePlan(plan)) });
  return { bytes, grid: await loadWorkbookGrid(bytes) };
}

const onForms = (plan: WorkbookPlan) => {
  const names = new Set(formSheets(plan).map((s) => s.name));
  return (f: Finding) => /^[PB]\d\d$/.test(f.rule) || f.cells.some((c) => names.has(c.slice(0, c.lastIndexOf('!')).replace(/^'|'$/g, '')));
};
const brief = (f: Finding) => `${f.rule} ${f.severity} ${f.tables[0] ?? ''}`;

// ---------------------------------------------------------------------------

describe('carried from the bundled sample (seed 000, five projects)', () => {
  let lastYear: WorkbookGrid;
  let plan: WorkbookPlan;
  beforeAll(async () => {
    lastYear = await sampleGrid();
    plan = newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(lastYear) });
  });

  test('the overall form and one project form per project, after the nine tables, 说明数据 still last', () => {
    const names = plan.sheets.map((s) => s.name);
    expect(names.slice(9)).toEqual([OVERALL_SHEET, ...SEED_PROJECTS.map((p) => `项目绩效-${p}`), '说明数据']);
    for (const [i, s] of formSheets(plan).slice(1).entries()) {
      expect(s.cells.get(labelled(s, '项目支出名称')[0])?.get(1)?.value).toBe(SEED_PROJECTS[i]);
      expect(s.cells.get(labelled(s, '主管部门')[0])?.get(1)?.value).toBe(DEPARTMENT);
      expect(s.cells.get(labelled(s, '实施单位')[0])?.get(labelled(s, '实施单位')[1] + 1)?.value).toBe(DEPARTMENT);
    }
  });

  test('blank, every formula calculates to a blank (no #DIV/0!), and the checker reads six forms and says nothing of them', async () => {
    expect(formulaErrors(plan)).toEqual([]);
    const ev = evaluatePlan(plan);
    for (const s of formSheets(plan)) {
      for (const [r, row] of s.cells) for (const [c, cell] of row) if (cell.formula !== undefined) expect({ at: `${s.name}!${r + 1},${c + 1}`, v: ev.value(s.name, r, c) }).toEqual({ at: `${s.name}!${r + 1},${c + 1}`, v: '' });
    }
    const { grid } = await writtenAndRead(plan);
    const perf = readPerformanceTables(grid);
    expect(perf.overall?.sheet).toBe(OVERALL_SHEET);
    expect(perf.overall?.year).toBe(2025);
    expect(perf.projects.map((p) => p.name)).toEqual(SEED_PROJECTS);
    expect(checkWorkbook(grid).findings.filter(onForms(plan)).map(brief)).toEqual([]);
  });

  describe('typed with seed 000’s published 绩效 figures', () => {
    let typedPlan: WorkbookPlan;
    let grid: WorkbookGrid;
    let bytes: Uint8Array;
    const published = seedPerformance();
    beforeAll(async () => {
      const typed = typeNineTables(plan, lastYear);
      const forms = formSheets(plan);
      typeForm(forms[0]!, published.overall!, typed);
      published.projects.forEach((p, i) => typeForm(forms[i + 1]!, p, typed));
      typedPlan = withTyped(plan, typed);
      ({ bytes, grid } = await writtenAndRead(typedPlan));
    });

    test('every formula calculates', () => {
      expect(formulaErrors(typedPlan)).toEqual([]);
    });

    test('执行率, 执行率得分 and 总分 are the ones seed 000 published, form by form', () => {
      const mine = readPerformanceTables(grid);
      const figures = (t: SelfEvaluationTable | undefined) => ({
        name: t?.name,
        full: t?.total?.full?.figure.fen,
        actual: t?.total?.actual?.figure.fen,
        rate: t?.total?.rate && [t.total.rate.scaled, t.total.rate.decimals],
        score: t?.total?.score?.scaled,
        totalWeight: t?.totalWeight?.scaled,
        totalScore: t?.totalScore?.scaled,
        indicators: t?.indicators.length,
      });
      expect(figures(mine.overall)).toEqual({ ...figures(published.overall), name: DEPARTMENT });
      // The printed points of each 一级指标 are read (so P04 compares them with the weights typed under them).
      expect(mine.overall?.groups.map((g) => [g.name, g.points])).toEqual([
        ['产出指标', 40],
        ['效益指标', 20],
        ['满意度指标', 10],
        ['成本指标', 20],
      ]);
      expect(mine.overall?.total?.rate?.text).toBe('99.32%');
      expect(mine.overall?.totalScore?.scaled).toBe(929_300);
      expect(mine.projects.map(figures)).toEqual(published.projects.map(figures));
      // 双碳资金: 0.46 of 5 is 9.20 %, scoring 0.92 — the 0.92 its report mistook for what was spent.
      expect(mine.projects[2]?.total?.rate?.text).toBe('9.20%');
      expect(mine.projects[2]?.total?.score?.scaled).toBe(9_200);
    });

    test('the checker finds seed 000’s own slips on the forms and nothing else', () => {
      expect(checkWorkbook(grid).findings.filter(onForms(typedPlan)).map(brief).sort()).toEqual(
        [
          // 1407 万元 of this year's appropriation typed as 上年结转 (notes §5.8).
          'P08 error 项目支出绩效自评表（2020年建宁大桥南北辅道项目）',
          // Points lost without a reason (§5.10).
          'P06 warning 整体支出绩效自评表',
          'P06 warning 整体支出绩效自评表',
          'P06 warning 项目支出绩效自评表（机关干部进小区工作队工作经费）',
          'P06 warning 项目支出绩效自评表（机关干部进小区工作队工作经费）',
          // 2027年劳务派遣人员 (§5.11), two years past even the new form's 2025.
          'P09 warning 项目支出绩效自评表（拆违治违经费）',
        ].sort(),
      );
    });

    test('corrected as the accountant would (1407 as 当年财政拨款, reasons written, 2024 for 2027), the workbook checks clean', async () => {
      const typed = typeNineTables(plan, lastYear);
      const forms = formSheets(plan);
      const reasoned = (t: SelfEvaluationTable): SelfEvaluationTable => ({
        ...t,
        goals: t.goals.map((g) => ({ ...g, text: g.text.replace('2027年', '2024年') })),
        indicators: t.indicators.map((i) => (i.score && i.weight && i.score.scaled < i.weight.scaled && !i.reason ? { ...i, reason: '原因：任务受外部条件影响未全部完成。措施：加强协调，提前谋划。' } : i)),
      });
      typeForm(forms[0]!, reasoned(published.overall!), typed);
      published.projects.forEach((p, i) => {
        const sources = p.sources.map((s) => (/上年结转/.test(s.label) ? { ...s, label: '当年财政拨款' } : /当年财政拨款/.test(s.label) ? { ...s, label: '上年结转' } : s));
        typeForm(forms[i + 1]!, reasoned(p.name === '2020年建宁大桥南北辅道项目' ? { ...p, sources } : p), typed);
      });
      const corrected = withTyped(plan, typed);
      const { grid: clean } = await writtenAndRead(corrected);
      const serious = checkWorkbook(clean).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      expect(serious.map((f) => `${f.rule} ${f.cells.join(',')} ${f.message}`)).toEqual([]);
      // The forms were read, not skipped: the 1407 is now this year's appropriation.
      const bridge = readPerformanceTables(clean).projects[4]!;
      expect(bridge.sources.map((s) => [s.label, s.actual?.figure.fen])).toEqual([
        ['当年财政拨款', 1_407_000_000],
        ['上年结转金额', 0],
        ['其他资金', 0],
      ]);
    });

    test('our own .xlsx reader (the CLI’s) reads the same forms with the same figures', () => {
      const own = readPerformanceTables(readXlsx(bytes, { inflate: inflateWithFflate }));
      const viaExceljs = readPerformanceTables(grid);
      const key = (t: SelfEvaluationTable | undefined) => [t?.name, t?.total?.full?.figure.fen, t?.total?.rate?.text, t?.total?.score?.scaled, t?.totalScore?.scaled];
      expect([own.overall, ...own.projects].map(key)).toEqual([viaExceljs.overall, ...viaExceljs.projects].map(key));
    });
  });
});

describe('the execution rate and its score agree with the checker (P01, P02) whatever the figures', () => {
  // [全年预算数, 全年执行数]: under, at and over budget, nothing spent (typed 0, or not typed at all: 0 %, not full marks),
  // rates that round up at the third decimal.
  const cases: ReadonlyArray<readonly [number, number | null]> = [
    [5, 0.46],
    [3, 2.99],
    [44, 43.99],
    [1832.63, 1820.23],
    [10, 12.5],
    [7, 0],
    [7, null],
    [3, 1],
    [0.11, 0.11],
    [6, 0.01],
  ];
  const blankPlan = newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某局' });
  test.each(cases)('全年预算数 %p, 全年执行数 %p', async (full, actual) => {
    // The project form alone: the rules compared here read nothing else.
    const form = formSheets(blankPlan)[1]!;
    const L = layoutOf(form);
    const row = L.fundsRow('其中：当年财政拨款');
    const typed: Typed = new Map([[form.name, new Map([[`${row},${L.full}`, full], ...(actual === null ? [] : [[`${row},${L.actual}`, actual] as const])])]]);
    const { grid } = await writtenAndRead(withTyped({ ...blankPlan, sheets: [form], names: [] }, typed));
    const t = readPerformanceTables(grid).projects[0]!;
    expect(t.total?.rate).toBeDefined();
    expect(t.total?.score).toBeDefined();
    const rateFindings = checkWorkbook(grid).findings.filter((f) => f.rule === 'P01' || f.rule === 'P02');
    expect(rateFindings.map((f) => f.message)).toEqual([]);
    // And the score is what the template's rule says: 10 × min(执行率, 100%), to two decimals.
    expect(t.total!.score!.scaled / 10_000).toBeCloseTo(Math.round((10 * Math.min(actual ?? 0, full) * 100) / full) / 100, 6);
  });
});

describe('the forms of a workbook made without last year’s', () => {
  test('one blank project form; the unit is --unit, else the department', () => {
    const own = newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某县某某局', unit: '某某县某某中心' });
    const forms = formSheets(own);
    expect(forms.map((s) => s.name)).toEqual([OVERALL_SHEET, '项目绩效-1']);
    const overall = forms[0]!;
    expect(overall.cells.get(labelled(overall, '预算部门名称')[0])?.get(2)?.value).toBe('某某县某某中心');
    const project = forms[1]!;
    expect(project.cells.get(labelled(project, '项目支出名称')[0])?.get(1)?.value).toBeUndefined();
    expect(project.cells.get(labelled(project, '主管部门')[0])?.get(1)?.value).toBe('某某县某某局');
    expect(project.cells.get(labelled(project, '实施单位')[0])?.get(labelled(project, '实施单位')[1] + 1)?.value).toBe('某某县某某中心');
    const noUnit = formSheets(newYearPlan({ year: 2025, profile: 'national-2024', department: '某某局' }));
    expect(noUnit[0]!.cells.get(labelled(noUnit[0]!, '预算部门名称')[0])?.get(2)?.value).toBe('某某局');
  });

  test('an indicator row inserted inside a group counts in 总分', () => {
    const plan = newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某局' });
    const form = formSheets(plan)[1]!;
    const L = layoutOf(form);
    const ev = evaluatePlan(plan);
    const id = ev.sheetId(form.name);
    const [firstOutput] = L.groupRows('产出指标');
    ev.engine.setCellContents({ sheet: id, row: firstOutput!, col: L.grid.score }, [[8]]);
    ev.engine.addRows(id, [firstOutput! + 1, 1]);
    ev.engine.setCellContents({ sheet: id, row: firstOutput! + 1, col: L.grid.weight }, [[10, 7.5]]);
    expect(ev.value(form.name, L.totalRow + 1, L.totalScore)).toBeCloseTo(15.5, 6);
  });

  test('scores are validated as points (≥ 0, two decimals) and the form is protected with its inputs open', async () => {
    const plan = newYearPlan({ year: 2025, profile: 'hunan-2024', department: '某某局' });
    const form = formSheets(plan)[1]!;
    const L = layoutOf(form);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writePlan(plan)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(form.name)!;
    const [row] = L.groupRows('效益指标');
    const scoreCell = ws.getCell(row! + 1, L.grid.score + 1);
    expect(scoreCell.dataValidation?.formulae?.[0]).toMatch(/ROUND\(.+,2\)/);
    expect(scoreCell.dataValidation?.promptTitle).toBe('分值、得分');
    expect(scoreCell.protection?.locked).toBe(false);
    const rateCell = ws.getCell(L.fundsRow('年度资金总额') + 1, L.rate + 1);
    expect(rateCell.formula).toContain('TEXT(');
    expect(rateCell.protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });
});

describe('project sheet names', () => {
  test('prefixed, without the characters Excel refuses, at most 31 characters, unique', () => {
    expect(projectSheetName('双碳资金', new Set())).toBe('项目绩效-双碳资金');
    expect(projectSheetName('[2025]道路:维修*项目?/一期\\', new Set())).toBe('项目绩效-2025道路维修项目一期');
    const long = '株洲市天元区二〇二五年度城乡社区公共设施维护和征地拆迁补偿专项资金项目';
    const first = projectSheetName(long, new Set());
    expect([...first]).toHaveLength(31);
    expect(long.startsWith(first.slice('项目绩效-'.length))).toBe(true);
    const second = projectSheetName(`${long}（二期）`, new Set([first]));
    expect(second).not.toBe(first);
    expect([...second].length).toBeLessThanOrEqual(31);
    expect(second.endsWith('(2)')).toBe(true);
    // Excel takes names that differ only in case as the same sheet.
    expect(projectSheetName('abc', new Set(['项目绩效-ABC']))).toBe('项目绩效-abc(2)');
    // An apostrophe may not end a sheet name.
    expect(projectSheetName("O'Neil'", new Set())).toBe("项目绩效-O'Neil");
  });
});
