/**
 * How much of seed 000's published narrative the generator reproduces: every
 * numeric slot (an amount or a percentage) of 第三部分 一–十四, section by
 * section, against the draft generated from the seed's tables — once from the
 * tables alone, once with the 说明数据 sheet filled from the seed's own text and
 * its 绩效自评 tables. Prints the share reproduced exactly, and every slot that
 * is not, with what the draft says instead.
 *
 *   npm run narrative-slots
 */
import * as fs from 'node:fs';
import { mapWorkbook } from '../src/core/mapping/detect';
import { generateNarrative } from '../src/core/narrative/generate';
import { HUNAN_2024_NARRATIVE } from '../src/core/narrative/patterns/hunan-2024';
import type { Narrative } from '../src/core/narrative/types';
import { readPerformanceTables } from '../src/core/performance/read';
import { readTables } from '../src/core/rules/table-values';
import { SEED000_PATH, layoutWorkbook, seed000, specToGrid } from '../test/fixtures';
import { performanceSheet, seedText } from '../test/fixtures/performance';
import { SEED000_INPUTS } from '../test/fixtures/seed000-inputs';
import { numericSlots, publishedReport, publishedSections } from '../test/fixtures/seed-narrative';

/** Slots of `want` found in `got`, each used once; the rest, with the draft's slots left over. */
function compare(want: string[], got: string[]): { same: number; missed: string[]; instead: string[] } {
  const pool = [...got];
  const missed: string[] = [];
  let same = 0;
  for (const w of want) {
    const i = pool.indexOf(w);
    if (i >= 0) {
      pool.splice(i, 1);
      same++;
    } else missed.push(w);
  }
  return { same, missed, instead: pool };
}

function report(label: string, draft: Narrative, published: Map<string, string>, sections = draft.sections): number {
  let total = 0;
  let same = 0;
  const lines: string[] = [];
  for (const [id, text] of published) {
    if (id === '十五') continue;
    const want = numericSlots(text);
    const sec = sections.filter((s) => s.id === id || s.id.startsWith(`${id}(`));
    const got = numericSlots(sec.flatMap((s) => s.paragraphs.map((p) => p.text)).join(''));
    const c = compare(want, got);
    total += want.length;
    same += c.same;
    lines.push(`  ${id.padEnd(6, '　')} ${String(c.same).padStart(3)} / ${String(want.length).padEnd(3)}${c.missed.length ? `  未重现：${c.missed.join('、')}${c.instead.length ? `（初稿为 ${c.instead.join('、')}）` : ''}` : ''}`);
  }
  const share = total ? (100 * same) / total : 0;
  process.stdout.write(`${label}：${same} / ${total} 个数字原样重现（${share.toFixed(1)}%）\n${lines.join('\n')}\n\n`);
  return share;
}

function main(): void {
  const published = publishedSections(fs.readFileSync(SEED000_PATH, 'utf8'));
  const spec = layoutWorkbook(seed000());
  const grid = specToGrid({ sheets: [...spec.sheets, performanceSheet(seedText('000'), { typed: true })] });
  const tables = readTables(grid, mapWorkbook(grid));
  process.stdout.write('种子 000 第三部分（一至十四）中的金额与百分比，与由表生成的初稿逐节比较\n\n');
  report('仅凭九张表', generateNarrative(tables, HUNAN_2024_NARRATIVE, { year: 2024 }), published);
  const full = generateNarrative(tables, HUNAN_2024_NARRATIVE, { ...SEED000_INPUTS, performance: readPerformanceTables(grid) });
  report('九张表 + 说明数据 + 绩效自评表', full, published);
  // The 整体支出绩效自评报告 (第五部分 附件), section by section.
  const reportSections = publishedReport(fs.readFileSync(SEED000_PATH, 'utf8')).sections;
  report('整体支出绩效自评报告（九张表 + 说明数据 + 绩效自评表）', full, reportSections, full.report?.sections ?? []);
  process.stdout.write('未重现的数字即公开文本与表不符之处（见 test/core/narrative.test.ts 的 PUBLISHED_ERRORS）。\n');
}

main();
