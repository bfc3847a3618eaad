/**
 * Seed 000's narrative (第三部分) generated from its own tables, with the
 * figures the tables lack (上年, 年初预算) and the reasons taken from the
 * published text as a 说明数据 sheet would hold them, compared section by
 * section with what the unit published. Every difference is a place where
 * the published text is wrong; they are listed here.
 */
import * as fs from 'node:fs';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { generateNarrative, narrativeText } from '../../src/core/narrative/generate';
import { HUNAN_2024_NARRATIVE } from '../../src/core/narrative/patterns/hunan-2024';
import type { Narrative } from '../../src/core/narrative/types';
import { readTables } from '../../src/core/rules/table-values';
import { readPerformanceTables } from '../../src/core/performance/read';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { performanceSheet, seedText } from '../fixtures/performance';
import { publishedReport, publishedSections } from '../fixtures/seed-narrative';
import { SEED000_PATH, layoutWorkbook, seed000, seed000Grid, specToGrid, toNationalLayout } from '../fixtures';
import { narrativePattern } from '../../src/core/narrative/patterns';
import { checkWorkbook } from '../../src/core/check';
import { inputsTemplateRows, readNarrativeInputs } from '../../src/core/narrative/inputs-sheet';

const wan = (x: string) => Math.round(Number(x) * 100) * 10_000;

import { SEED000_INPUTS as INPUTS, seed000InputsSheet as inputsSheet } from '../fixtures/seed000-inputs';

/** The published 第三部分, section by section, its paragraphs joined. */
const published = () => publishedSections(fs.readFileSync(SEED000_PATH, 'utf8'));

/** Seed 000's tables with its 绩效自评 attachments on a sheet of their own. */
function seed000WithPerformance(): WorkbookGrid {
  const spec = layoutWorkbook(seed000());
  return specToGrid({ sheets: [...spec.sheets, performanceSheet(seedText('000'), { typed: true })] });
}

function generated(): Narrative {
  const grid = seed000WithPerformance();
  return generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { ...INPUTS, performance: readPerformanceTables(grid) });
}

const joined = (n: Narrative, id: string) => n.sections.find((s) => s.id === id)!.paragraphs.map((p) => p.text).join('');

/** Where the published text is wrong, and what it should have said. */
const PUBLISHED_ERRORS: Record<string, Array<[string, string]>> = {
  // The colon after 以下方面 is missing in the publication.
  '五(二)': [['主要用于以下方面一般公共服务', '主要用于以下方面：一般公共服务']],
  // The 类 is named 一般公共服务（类） in items 1–2 but with 支出 (社会保障和就业支出（类）) in the others.
  '五(三)': [['一般公共服务（类）政府办公厅', '一般公共服务支出（类）政府办公厅']],
  // 截止 for 截至 (a date is reached: 截至2024年12月31日).
  '九(二)': [['截止2024年12月31日', '截至2024年12月31日']],
  // The 全年预算数 of the 整体支出绩效自评表 is 1832.63 (= 373.52 基本 + 1459.11 项目), not 1832.64.
  '十四(二)': [['全年预算数1832.64万元', '全年预算数1832.63万元']],
  // 人员经费 lists the 类 对个人和家庭的补助 beside its own 款; 公用经费 omits 办公设备购置 (4.20 万元, inside 131.27).
  六: [
    ['住房公积金、对个人和家庭的补助、医疗费补助', '住房公积金、医疗费补助'],
    ['其他交通费用、其他商品和服务支出。', '其他交通费用、其他商品和服务支出、办公设备购置。'],
  ],
};

describe('seed 000’s narrative from its tables', () => {
  const n = generated();
  const pub = published();
  test.each(['一', '二', '三', '四', '五(一)', '五(二)', '五(三)', '六', '七', '八', '九(一)', '九(二)', '十', '十一', '十二', '十三', '十四(一)', '十四(二)', '十四(三)'])('section %s reads as published, but for the published errors', (id) => {
    let expected = pub.get(id)!;
    expect(expected).toBeDefined();
    for (const [wrong, right] of PUBLISHED_ERRORS[id] ?? []) {
      expect(expected).toContain(wrong);
      expected = expected.split(wrong).join(right);
    }
    expect(joined(n, id)).toBe(expected);
  });

  test('without 说明数据 nothing is invented: placeholders ask for what the tables lack', () => {
    const grid = seed000Grid();
    const bare = generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { year: 2024 });
    const text = narrativeText(bare);
    expect(text).toContain('2024年度收、支总计1820.23万元。与上年相比，【请填写：上年收支总计');
    expect(text).not.toMatch(/增加\d|增长\d/);
    expect(text).toContain('1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为【请填写：2010301 行政运行年初预算数】万元'.split('。')[0]!);
    // Sections the tables settle need nothing.
    expect(bare.sections.find((s) => s.id === '二')!.paragraphs.every((p) => p.missing.length === 0)).toBe(true);
  });
});

describe('the 说明数据 sheet', () => {
  const spec = layoutWorkbook(seed000());
  const grid = specToGrid({ sheets: [...spec.sheets, inputsSheet()] });

  test('is read into the figures and reasons the narrative needs', () => {
    const r = readNarrativeInputs(grid);
    expect(r.sheet).toBe('说明数据');
    expect(r.findings).toEqual([]);
    expect(r.inputs.figures).toEqual(INPUTS.figures);
    expect(r.inputs.reasons).toEqual(INPUTS.reasons);
  });

  test('does not disturb the check of the tables, and a value that is not a number is reported', () => {
    expect(checkWorkbook(grid).summary).toEqual(checkWorkbook(seed000Grid()).summary);
    const bad = inputsSheet();
    bad.rows.push(['上年收支总计', '约五百', null], ['上年利润', 3, null]);
    const r = checkWorkbook(specToGrid({ sheets: [...spec.sheets, bad] }));
    expect(r.findings.filter((f) => f.rule === 'N01').map((f) => [f.severity, f.cells[0]])).toEqual([
      ['error', `说明数据!B${bad.rows.length - 1}`],
      ['warning', `说明数据!A${bad.rows.length}`],
    ]);
  });

  test('filled from the published text, it regenerates the published sections', () => {
    const n = generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { year: 2024, ...readNarrativeInputs(grid).inputs });
    expect(joined(n, '一')).toBe(joined(generated(), '一'));
    expect(joined(n, '五(三)')).toBe(joined(generated(), '五(三)'));
    expect(joined(n, '十一')).toBe(joined(generated(), '十一'));
  });

  test('a blank template lists every figure and reason the narrative asks for', () => {
    const rows = inputsTemplateRows(readTables(grid, mapWorkbook(grid)));
    expect(rows[0]).toEqual(['项目', '数值', '文字']);
    expect(rows.map((r) => r[0])).toContain('年初预算 2101103 公务员医疗补助');
    expect(rows.map((r) => r[0])).toContain('原因 五(三) 2120399');
  });
});

/** Seed 000's published 第三部分 as a sheet of paragraphs, as an accountant pastes it from Word. */
function writtenSheet(edit?: (lines: string[]) => string[], name = '第三部分'): import('../fixtures').SheetSpec {
  const text = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const part = text.slice(start, text.indexOf('十五、其他', start));
  let lines = part.split('\n').map((l) => l.trim()).filter(Boolean);
  if (edit) lines = edit(lines);
  return { name, rows: lines.map((l) => [l]), merges: [] };
}

describe('表文核对: a written narrative against the tables', () => {
  const spec = layoutWorkbook(seed000());
  const withText = (sheet: import('../fixtures').SheetSpec) => checkWorkbook(specToGrid({ sheets: [...spec.sheets, inputsSheet(), sheet] }));

  test('seed 000’s published narrative: its figures agree; its 截止 for 截至 and the 类 listed beside its 款 in 六 are found, and nothing else', () => {
    const r = withText(writtenSheet());
    const text = r.findings.filter((f) => /^T/.test(f.rule));
    // 公用经费 主要包括 leaves out 办公设备购置 (4.20 of 131.27): “主要” allows that; only a large part left out is said.
    expect(text.map((f) => f.rule)).toEqual(['T05', 'T03']);
    expect(text[0]!.severity).toBe('warning');
    expect(text[0]!.message).toContain('截止2024年12月31日');
    expect(text[1]!.message).toContain('人员经费');
    expect(text[1]!.message).toContain('对个人和家庭的补助是类级科目');
    // The tables' own findings are unchanged.
    expect(r.summary.error).toBe(0);
  });

  test('a figure retyped wrong (1820.32 for 1820.23), a wrong share, with stray spaces as PDF copies leave them', () => {
    const r = withText(
      writtenSheet((lines) =>
        lines.map((l) =>
          l.startsWith('2024年度收入合计')
            ? l.replace('财政拨款收入1820.23万元', '财政拨款收入1820.32 万元')
            : l.startsWith('2024年度支出合计')
              ? l.replace('占20.1%', '占20.2 %')
              : l,
        ),
      ),
    );
    const t01 = r.findings.filter((f) => f.rule === 'T01');
    expect(t01.map((f) => [f.expected, f.actual])).toEqual([
      [1820.23, 1820.32],
      [20.1, 20.2],
    ]);
    expect(t01[0]!.message).toContain('财政拨款收入1820.32 万元');
    expect(t01[0]!.cells[0]).toMatch(/^第三部分!A\d+$/);
    expect(r.summary.error).toBe(2);
  });
});

test('a national-layout workbook gets the national template’s wording', () => {
  const grid = specToGrid(layoutWorkbook(toNationalLayout(seed000())));
  const mapping = mapWorkbook(grid);
  expect(mapping.profile).toBe('national-2024');
  const n = generateNarrative(readTables(grid, mapping), narrativePattern(mapping.profile), { year: 2024, figures: { 'total.prior': wan('531.62') } });
  const text = narrativeText(n);
  expect(text).toContain('收入支出总计1820.23万元。与2023年度相比，收入支出总计增加1288.61万元，增长242.4%。主要原因：【请填写原因】。');
  expect(text).toContain('本年收入合计1820.23万元，其中：财政拨款收入1820.23万元，占100%');
  expect(text).toContain('一般公共服务支出（类）345.86万元，占19%');
  expect(text).toContain('2024年度无政府性基金预算财政拨款收入和支出。');
  // 七 “三公”, grouped as the national template does; 完成预算的X% only where there was a budget.
  expect(text).toContain('“三公”经费财政拨款支出年初预算为3.5万元，支出决算为3.49万元，完成预算的99.7%，其中：因公出国（境）费支出决算为0万元；公务用车购置及运行维护费支出决算为3.49万元，完成预算的99.7%；公务接待费支出决算为0万元。2024年度“三公”经费支出决算数与预算数基本持平。');
  expect(text).toContain('“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；公务用车购置及运行维护费支出决算3.49万元，占100%；公务接待费支出决算0万元，占0%。');
  expect(text).toContain('2024年度“三公”经费财政拨款支出决算数比2023年度【请填写：上年“三公”经费支出');
  // 十 and 十一(二)(三): what the 绩效 tables and 说明数据 do not hold stays asked for.
  expect(text).toContain('绩效自评的2024年度项目【请填写：开展绩效评价的项目个数】个');
  expect(text).toContain('（二）政府采购支出情况');
  expect(text).toContain('部级领导干部用车【请填写：副部（省）级及以上领导用车数】辆');
});

test('national 十 预算绩效管理情况 counts the project tables, their budgets, average score and grades', () => {
  const spec = layoutWorkbook(toNationalLayout(seed000()));
  const grid = specToGrid({ sheets: [...spec.sheets, performanceSheet(seedText('000'), { typed: true })] });
  const mapping = mapWorkbook(grid);
  const n = generateNarrative(readTables(grid, mapping), narrativePattern(mapping.profile), { year: 2024, performance: readPerformanceTables(grid), figures: { 'perf.targetCount': 5 } });
  const ten = n.sections.find((s) => s.id === '十')!.paragraphs[0]!.text;
  // Five project tables: 44 + 3 + 5 + 0.11 + 1407 = 1459.11 万元; scores 100, 94.97, 90.92, 100, 100 → 97.18, all 优.
  expect(ten).toContain('编报绩效目标的2024年度项目5个');
  expect(ten).toContain('绩效自评的2024年度项目5个，涉及预算金额1459.11万元，平均得分97.18分（其中，绩效评级为“优”的项目5个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。');
  expect(inputsTemplateRows(readTables(grid, mapping), 'national-2024').map((r) => r[0])).toContain('绩效跟踪评价的项目数');
});

test('表文核对: a direction word that contradicts the figures (减少 where they rose) is an error', () => {
  const spec = layoutWorkbook(seed000());
  const written = writtenSheet((lines) => lines.map((l) => (l.startsWith('2024年度收、支总计') ? l.replace('增加1288.61万元，增长242.4%', '减少1288.61万元，下降242.4%') : l)), '情况说明');
  const r = checkWorkbook(specToGrid({ sheets: [...spec.sheets, inputsSheet(), written] }));
  const t04 = r.findings.filter((f) => f.rule === 'T04');
  expect(t04.map((f) => f.message)).toEqual([
    expect.stringContaining('写作“减少”，按表中数字应为“增加”'),
    expect.stringContaining('写作“下降”，按表中数字应为“增长”'),
  ]);
  expect(t04[0]!.cells[0]).toMatch(/^情况说明!A\d+$/);
});

test('表文核对: a year copied from last year’s narrative is an error', () => {
  const spec = layoutWorkbook(seed000());
  const written = writtenSheet((lines) => lines.map((l) => (l.startsWith('2024年度收入合计') ? l.replace('2024年度', '2023年度') : l.replace('截止2024年12月31日', '截至2023年12月31日'))), '情况说明');
  const r = checkWorkbook(specToGrid({ sheets: [...spec.sheets, inputsSheet(), written] }));
  const t05 = r.findings.filter((f) => f.rule === 'T05' && f.severity === 'error').map((f) => f.message);
  expect(t05).toEqual([expect.stringContaining('写“2023年度”，本套决算是2024年度的'), expect.stringContaining('“截至2023年12月31日”，应为截至2024年12月31日')]);
});

test('表文核对: 完成年初预算的X% against a budget of 0, and a reason left unwritten', () => {
  const spec = layoutWorkbook(seed000());
  const written = writtenSheet((lines) => lines.map((l) =>
      l.startsWith('年初预算为0万元，支出决算为0.11万元')
        ? '年初预算为0万元，支出决算为0.11万元，完成年初预算的100%，决算数大于年初预算数的主要原因是：增加退休人员城镇独生子女父母奖励金。'
        : l.startsWith('年初预算为305.66万元')
          ? '年初预算为305.66万元，支出决算为298.41万元，完成年初预算的97.6%，决算数小于年初预算数的主要原因是：。'
          : l,
    ), '情况说明');
  const r = checkWorkbook(specToGrid({ sheets: [...spec.sheets, inputsSheet(), written] }));
  expect(r.findings.filter((f) => f.rule === 'T06').map((f) => f.severity)).toEqual(['error']);
  expect(r.findings.filter((f) => f.rule === 'T07').map((f) => f.message)).toEqual([expect.stringContaining('模板要求写明原因')]);
});


test('表文核对 on the whole published text (第三部分 to the 绩效自评报告): 十四’s 1832.64 and the report’s 0.92 for 双碳资金 are found', () => {
  const text = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const whole = text.slice(start, text.indexOf('2024年度部门（单位）整体支出绩效评价基础数据表', start));
  const lines = whole.split('\n').map((l) => l.trim()).filter(Boolean);
  const spec = layoutWorkbook(seed000());
  const grid = specToGrid({ sheets: [...spec.sheets, inputsSheet(), performanceSheet(seedText('000'), { typed: true }), { name: '公开文本', rows: lines.map((l) => [l]), merges: [] }] });
  const found = checkWorkbook(grid).findings.filter((f) => /^T/.test(f.rule));
  expect(found.map((f) => f.rule).sort()).toEqual(['T01', 'T03', 'T05', 'T08', 'T08']);
  const t01 = found.find((f) => f.rule === 'T01')!;
  expect([t01.actual, t01.expected]).toEqual([1832.64, 1832.63]);
  const t08 = found.filter((f) => f.rule === 'T08');
  expect(t08.map((f) => [f.actual, f.expected])).toEqual([
    [0.92, 0.46],
    [0.92, 0.46],
  ]);
  expect(t08[0]!.message).toContain('“双碳资金”实际支出写作 0.92 万元');
  expect(t08[0]!.message).toContain('执行率得分');
  expect(t08[0]!.tables).toEqual(['项目支出绩效自评表（双碳资金）']);
  // The report's other restatements (44/43.99, 1407/1407, 整体支出 1820.23, 项目支出 1454.55) agree.
  const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
  expect(t08.map((f) => f.cells[0])).toEqual([`公开文本!A${lineOf('3.年中追加项目“双碳资金”')}`, `公开文本!A${lineOf('项目支出 0.92 万元')}`]);
});

test('表文核对: an amount restated in 元 where the tables are in 万元 is an error (T09)', () => {
  const spec = layoutWorkbook(seed000());
  const written = writtenSheet((lines) => lines.map((l) => (l.startsWith('2024年度收入合计') ? l.replace('财政拨款收入1820.23万元', '财政拨款收入1820.23元') : l)), '情况说明');
  const r = checkWorkbook(specToGrid({ sheets: [...spec.sheets, inputsSheet(), written] }));
  const t09 = r.findings.filter((f) => f.rule === 'T09');
  expect(t09.map((f) => f.message)).toEqual([expect.stringContaining('写作 1820.23元，表中金额单位为万元，应为 1820.23万元')]);
  expect(r.findings.filter((f) => f.rule === 'T01')).toEqual([]);
});

describe('seed 000’s 整体支出绩效自评报告 from its tables and 绩效自评 tables', () => {
  const n = generated();
  /** The published report by section (绩效一, 绩效二(一) …), its lines joined without spaces. */
  const { title, sections: published } = publishedReport(fs.readFileSync(SEED000_PATH, 'utf8'));
  const squash = (t: string) => t.replace(/\s+/g, '');
  /** Where the publication differs, and why. */
  const DIFFERENCES: Record<string, Array<[string, string]>> = {
    // The report lists the projects in an order of its own; the draft lists them as the project tables come.
    '绩效二(二)': [['机关干部进小区工作队工作经费、拆违治违经费、双碳资金、2020年建宁大桥南北辅道项目、城镇独生子女父母奖励', '拆违治违经费、机关干部进小区工作队工作经费、双碳资金、城镇独生子女父母奖励、2020年建宁大桥南北辅道项目']],
    // Published error: 双碳资金 spent 0.46 万元 (its table: 全年执行数 0.46, 4647元); 0.92 is its 执行率得分.
    '绩效六(二)': [
      ['实际支出0.92万元', '实际支出0.46万元'],
      ['项目支出0.92万元', '项目支出0.46万元'],
    ],
  };

  test('the title names the year and the unit', () => {
    expect(squash(n.report!.title)).toBe(title);
  });

  test.each(['绩效一', '绩效二(一)', '绩效二(二)', '绩效三', '绩效四', '绩效五', '绩效六(一)', '绩效六(二)', '绩效七', '绩效八', '绩效九', '绩效十'])('section %s reads as published, but for the differences listed', (id) => {
    let expected = published.get(id)!;
    expect(expected).toBeDefined();
    for (const [was, is] of DIFFERENCES[id] ?? []) {
      expect(expected).toContain(was);
      expected = expected.split(was).join(is);
    }
    const sec = n.report!.sections.find((s) => s.id === id)!;
    expect(squash(sec.paragraphs.map((p) => p.text).join(''))).toBe(expected);
  });

  test('without 绩效 tables there is no report, and without reasons only the reasons are left to write', () => {
    expect(generateNarrative(readTables(seed000Grid(), mapWorkbook(seed000Grid())), HUNAN_2024_NARRATIVE, { year: 2024 }).report).toBeUndefined();
    const grid = seed000WithPerformance();
    const bare = generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { year: 2024, performance: readPerformanceTables(grid) });
    const left = bare.report!.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n').match(/【[^】]*】/g) ?? [];
    // Reasons, and the unit's own account asked for by name (【请填写：单位主要职能】): never a figure.
    const asked = new Set(['【请填写原因】', ...Object.values(HUNAN_2024_NARRATIVE.report!.slotLabels!).map((l) => `【请填写：${l}】`)]);
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((x) => !asked.has(x))).toEqual([]);
    expect(bare.report!.sections.find((s) => s.id === '绩效二(一)')!.paragraphs[0]!.text).toBe('2024年基本支出365.67万元，为人员经费和日常公用经费。');
  });
});

test('a 款 the project does not know is asked for once, and named from 说明数据 ever after', () => {
  // 公开05表 with 2210201 recoded as 2219901: 款 22199 is in no list the project keeps.
  const d = seed000();
  for (const t of d.tables) for (const row of t.body) for (let i = 0; i < row.length; i++) if (row[i] === '2210201') row[i] = '2219901';
  const spec = layoutWorkbook(d);
  const grid = specToGrid(spec);
  const tables = readTables(grid, mapWorkbook(grid));
  const bare = narrativeText(generateNarrative(tables, HUNAN_2024_NARRATIVE, { year: 2024 }));
  expect(bare).toContain('住房保障支出（类）【请填写：22199 款名称（在“说明数据”中填写一次“款名称 编码”，以后自动使用）】（款）住房公积金（项）');
  expect(inputsTemplateRows(tables).map((r) => r[0])).toContain('款名称 22199');
  const sheet = { name: '说明数据', rows: [['项目', '数值', '文字'], ['款名称 22199', null, '其他住房保障支出']], merges: [] };
  const withName = specToGrid({ sheets: [...spec.sheets, sheet] });
  const given = readNarrativeInputs(withName).inputs;
  expect(given.kuanNames).toEqual({ '22199': '其他住房保障支出' });
  expect(narrativeText(generateNarrative(tables, HUNAN_2024_NARRATIVE, { year: 2024, ...given }))).toContain('住房保障支出（类）其他住房保障支出（款）住房公积金（项）');
});

test('表文核对 of the 绩效自评报告: a later 项目支出 sentence is not taken for the last project’s', () => {
  const text = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const whole = text.slice(start, text.indexOf('2024年度部门（单位）整体支出绩效评价基础数据表', start));
  const lines = whole.split('\n').map((l) => l.trim()).filter(Boolean);
  const at = lines.findIndex((l) => l.startsWith('七、存在的问题及原因分析'));
  lines.splice(at + 1, 0, '项目支出 1454.56 万元，全部按计划使用。');
  const spec = layoutWorkbook(seed000());
  const grid = specToGrid({ sheets: [...spec.sheets, inputsSheet(), performanceSheet(seedText('000'), { typed: true }), { name: '公开文本', rows: lines.map((l) => [l]), merges: [] }] });
  const t08 = checkWorkbook(grid).findings.filter((f) => f.rule === 'T08');
  expect(t08.map((f) => f.actual)).toEqual([0.92, 0.92]);
});

describe('a draft from tables that were not all found asks in words, never with an internal name', () => {
  const placeholders = (text: string) => [...text.matchAll(/【请填写：([^】]*)】/g)].map((m) => m[1]!);

  test.each(['hunan-2024', 'national-2024'] as const)('%s, with none of the nine tables', (profile) => {
    const text = narrativeText(generateNarrative(new Map(), narrativePattern(profile), { year: 2024 }));
    const asked = placeholders(text);
    expect(asked.length).toBeGreaterThan(10);
    // Every placeholder is Chinese words (“本年收入合计（取自收入决算表，未找到）”), never “income”.
    expect(asked.filter((l) => !/[\u4e00-\u9fff]/.test(l))).toEqual([]);
    // No sentence is left with nothing after its colon (“其中：。”).
    expect(text).not.toMatch(/[：:][。；]/);
  });

  test('national layout without its 收入决算表: only that table’s figures are asked for', () => {
    const spec = layoutWorkbook(toNationalLayout(seed000()));
    const grid = specToGrid({ sheets: spec.sheets.filter((s) => s.name !== '公开02表') });
    const mapping = mapWorkbook(grid);
    expect(mapping.missing).toEqual(['公开02表']);
    const text = narrativeText(generateNarrative(readTables(grid, mapping), narrativePattern(mapping.profile), { year: 2024 }));
    expect(text).toContain('本年收入合计【请填写：本年收入合计（取自收入决算表，未找到）】万元，其中：【请填写：各项收入及其占比（取自收入决算表，未找到）】。');
    expect(text).toContain('本年支出合计1820.23万元');
  });
});
