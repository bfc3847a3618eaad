/**
 * Reasons survive regeneration: the words an accountant wrote into the
 * reason slots of a 情况说明 sheet are read back and kept when the narrative
 * is generated again — after the figures changed too.
 */
import * as fs from 'node:fs';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { readWrittenNarrative } from '../../src/core/narrative/check-text';
import { REASON_PLACEHOLDER, generateNarrative, narrativeText } from '../../src/core/narrative/generate';
import { HUNAN_2024_NARRATIVE } from '../../src/core/narrative/patterns/hunan-2024';
import { harvestReasons } from '../../src/core/narrative/reasons';
import { workbookNarrative } from '../../src/core/narrative/workbook';
import { readPerformanceTables } from '../../src/core/performance/read';
import { readTables } from '../../src/core/rules/table-values';
import { SEED000_PATH, layoutWorkbook, seed000, specToGrid, type SheetSpec } from '../fixtures';
import { performanceSheet, seedText } from '../fixtures/performance';
import { SEED000_INPUTS, seed000InputsSheet } from '../fixtures/seed000-inputs';

const tableSheets = () => [...layoutWorkbook(seed000()).sheets, performanceSheet(seedText('000'), { typed: true })];
const asSheet = (text: string, name = '情况说明'): SheetSpec => ({ name, rows: text.split('\n').filter(Boolean).map((l) => [l]), merges: [] });

/** The narrative with every reason of seed 000, as the add-in writes it to a sheet. */
function fullDraft(): string {
  const grid = specToGrid({ sheets: tableSheets() });
  return narrativeText(generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { ...SEED000_INPUTS, performance: readPerformanceTables(grid) }));
}

test('a 情况说明 sheet with the reasons written in: regenerating without them in 说明数据 gives the same text', () => {
  const draft = fullDraft();
  const grid = specToGrid({ sheets: [...tableSheets(), seed000InputsSheet({ withReasons: false, withYear: true }), asSheet(draft)] });
  const again = narrativeText(workbookNarrative(grid, mapWorkbook(grid)));
  expect(again).not.toContain(REASON_PLACEHOLDER);
  expect(again.split('\n')).toEqual(draft.split('\n'));
});

test('the figures change (上年 531.62 → 2000): the numbers and directions follow, the words stay', () => {
  const draft = fullDraft();
  const inputs = seed000InputsSheet({ withReasons: false, withYear: true });
  const row = inputs.rows.find((r) => r[0] === '上年收支总计')!;
  row[1] = 2000;
  const grid = specToGrid({ sheets: [...tableSheets(), inputs, asSheet(draft)] });
  const again = narrativeText(workbookNarrative(grid, mapWorkbook(grid)));
  expect(again).toContain('2024年度收、支总计1820.23万元。与上年相比，减少179.77万元，下降9%，主要是因为本年增加1407万元征拆款财政指标，上年无此种情况。');
  expect(again).not.toContain(REASON_PLACEHOLDER);
});

test('an accountant’s edit in the sheet wins over the older reason in 说明数据', () => {
  const draft = fullDraft().replace('主要原因是：厉行节约。', '主要原因是：压减会议和差旅开支。');
  expect(draft).toContain('压减会议和差旅开支');
  const grid = specToGrid({ sheets: [...tableSheets(), seed000InputsSheet({ withYear: true }), asSheet(draft)] });
  const again = narrativeText(workbookNarrative(grid, mapWorkbook(grid)));
  expect(again).toContain('主要原因是：压减会议和差旅开支。');
});

test('the published narrative pasted as a sheet gives back the reasons it was written with', () => {
  const text = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const published = text.slice(start, text.indexOf('十五、其他', start));
  const grid = specToGrid({ sheets: [...tableSheets(), asSheet(published, '第三部分')] });
  const tables = readTables(grid, mapWorkbook(grid));
  const drafted = generateNarrative(tables, HUNAN_2024_NARRATIVE, { ...SEED000_INPUTS, reasons: {}, plainSlots: true, performance: readPerformanceTables(grid) });
  const got = harvestReasons(drafted, readWrittenNarrative(grid)!.sections);
  // Every reason of the seed comes back word for word, but where the published text itself differs from the slot's frame:
  // 十四(二)'s closing paragraph is split by the PDF (综合 / 效果。), read here as two paragraphs.
  // The 绩效自评报告's reasons are not in 第三部分 (see the next test).
  const expected = Object.fromEntries(Object.entries(SEED000_INPUTS.reasons).filter(([k]) => k !== '十四(二):综上' && !k.startsWith('绩效')));
  for (const [k, v] of Object.entries(expected)) expect([k, got[k]]).toEqual([k, v]);
});

test('the whole published text, 绩效自评报告 included, gives back the report’s reasons too', () => {
  const text = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const whole = text.slice(start, text.indexOf('附件： 1. 部门整体支出绩效评价基础数据表', start));
  const grid = specToGrid({ sheets: [...tableSheets(), asSheet(whole, '公开文本')] });
  const drafted = generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { ...SEED000_INPUTS, reasons: {}, plainSlots: true, performance: readPerformanceTables(grid) });
  const written = readWrittenNarrative(grid)!;
  const got = harvestReasons(drafted, written.sections, written.reportSections);
  const squash = (t: string | undefined) => t?.replace(/\s+/g, '');
  for (const [k, v] of Object.entries(SEED000_INPUTS.reasons).filter(([k]) => k.startsWith('绩效'))) expect([k, squash(got[k])]).toEqual([k, squash(v)]);
});

test('a slot left as 【请填写原因】 or empty gives nothing, and nothing is invented', () => {
  const grid0 = specToGrid({ sheets: tableSheets() });
  const tables = readTables(grid0, mapWorkbook(grid0));
  const performance = readPerformanceTables(grid0);
  // The sheet as the add-in writes it: reasons asked for as 【请填写原因】, other slots by what they want (【请填写：单位主要职能】).
  const shown = generateNarrative(tables, HUNAN_2024_NARRATIVE, { year: 2024, performance });
  expect(narrativeText(shown)).toContain('单位主要职能：【请填写：单位主要职能】');
  const written = readWrittenNarrative(specToGrid({ sheets: [...tableSheets(), asSheet(narrativeText(shown))] }))!;
  const drafted = generateNarrative(tables, HUNAN_2024_NARRATIVE, { year: 2024, performance, reasons: {}, plainSlots: true });
  expect(harvestReasons(drafted, written.sections, written.reportSections)).toEqual({});
});

test('a paragraph full of figures, spaced as a PDF copy leaves it, is read back (with its spaces) or left alone, never stuck', () => {
  const draft = fullDraft();
  const spaced = draft.split('\n').map((l) => (l.startsWith('截至2024年12月31日，本部门共有车辆') ? l.replace(/(\d+)/g, ' $1 ') : l));
  const grid0 = specToGrid({ sheets: tableSheets() });
  const drafted = generateNarrative(readTables(grid0, mapWorkbook(grid0)), HUNAN_2024_NARRATIVE, { ...SEED000_INPUTS, reasons: {}, plainSlots: true, performance: readPerformanceTables(grid0) });
  const read = (lines: string[]) => harvestReasons(drafted, readWrittenNarrative(specToGrid({ sheets: [...tableSheets(), asSheet(lines.join('\n'))] }))!.sections);
  expect(read(spaced)['其他用车用途']).toBe('征地拆迁业务用车');
  // Words added after the last figure: the paragraph no longer matches its draft, and that is found out at once.
  const changed = spaced.map((l) => (l.includes('其他用车') && l.startsWith('截至') ? l.replace(/。$/, '，无其他资产。') : l));
  expect(read(changed)['其他用车用途']).toBeUndefined();
  // A reason with spaces of its own keeps them.
  const withSpaces = draft.replace('主要原因是：厉行节约。', '主要原因是：压减 A 类会议。');
  expect(read(withSpaces.split('\n'))['五(三):2010301']).toBe('压减 A 类会议');
});
