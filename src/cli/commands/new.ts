/**
 * juesuan new: next year's workbook — the profile's tables with every total a
 * formula, 说明数据 with last year's figures as 上年, the mapping saved as
 * names. With --from, last year's 科目 rows, projects, 部门 and year carry over.
 */
import { writeFile } from 'node:fs/promises';
import { newYearPlan } from '../../core/newyear/build';
import { type CarryOver, carryOver } from '../../core/newyear/carry-over';
import { WorkbookReadError } from '../../hosts/exceljs/errors';
import { readWorkbookFile } from '../../hosts/exceljs/read-file';
import { writePlan } from '../../hosts/xlsx/write-plan';
import { ArgsError, parseArgs } from '../args';
import { type Command, PROFILE_OPTION, YEAR_OPTION, profileOf, refuseOutput, yearOf } from './common';

const OPTIONS = {
  '--year': YEAR_OPTION,
  '--profile': PROFILE_OPTION,
  '--from': { value: true, missing: '--from 后面应给出上年度的工作簿，如 --from 2024年决算公开.xlsx。' },
  '--dept': { value: true, missing: '--dept 后面应给出部门名称。' },
  '--unit': { value: true, missing: '--unit 后面应给出单位名称。' },
  '--out': { value: true, missing: '--out 后面应给出新工作簿的文件名，如 --out 2025年决算公开.xlsx。' },
  '--force': {},
};

export const USE_NEW = '用法：juesuan new --year 2025 [--profile hunan-2024|national-2024] [--from 上年工作簿.xlsx] [--dept 部门名称] [--unit 单位名称] --out 2025年决算公开.xlsx';

export const newCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  if (a.files.length > 0) throw new ArgsError(`juesuan new 不读取其他文件：上年度的工作簿请用 --from 给出（收到“${a.files.join('”“')}”）。\n${USE_NEW}`);
  const out = a.values.get('--out');
  if (out === undefined) throw new ArgsError(`请用 --out 指定新工作簿的文件名。\n${USE_NEW}`);
  const fromFile = a.values.get('--from');
  const refused = await refuseOutput('--out', out, {
    inputs: fromFile ? [fromFile] : [],
    force: a.flags.has('--force'),
    extension: /\.xlsx$/i,
    expected: '.xlsx',
    example: '2025年决算公开.xlsx',
    inputWhat: '上年度工作簿',
  });
  if (refused) {
    io.stderr(refused + '\n');
    return 2;
  }
  let from: CarryOver | undefined;
  if (fromFile) {
    try {
      from = carryOver(await readWorkbookFile(fromFile));
    } catch (e) {
      io.stderr((e instanceof WorkbookReadError ? e.message : `无法读取上年度工作簿：${fromFile}（${e instanceof Error ? e.message : String(e)}）`) + '\n');
      return 2;
    }
  }
  const year = yearOf(a) ?? (from?.year !== undefined ? from.year + 1 : undefined);
  if (year !== undefined && from?.year !== undefined && year <= from.year) {
    throw new ArgsError(`--year ${year} 不晚于上年度工作簿的年度（${from.year} 年度）：新年度应为 ${from.year + 1}。\n${USE_NEW}`);
  }
  if (year === undefined) {
    throw new ArgsError(from ? `上年度工作簿中没有写明年度，请用 --year 指定新年度，如 --year 2025。\n${USE_NEW}` : `请用 --year 指定新年度，如 --year 2025。\n${USE_NEW}`);
  }
  const profile = profileOf(a) ?? from?.profile ?? 'hunan-2024';
  const department = a.values.get('--dept');
  const unit = a.values.get('--unit');
  const plan = newYearPlan({ year, profile, ...(department ? { department } : {}), ...(unit ? { unit } : {}), ...(from ? { from } : {}) });
  try {
    await writeFile(out, await writePlan(plan), { flag: a.flags.has('--force') ? 'w' : 'wx' });
  } catch (e) {
    io.stderr(`无法写出新工作簿：${out}（${e instanceof Error ? e.message : String(e)}）\n`);
    return 2;
  }
  io.stdout(describe(out, year, profile, plan.sheets.length, from, department) + '\n');
  return 0;
};

/** What was made and what was carried, in a few lines for the accountant. */
function describe(out: string, year: number, profile: string, sheets: number, from: CarryOver | undefined, dept: string | undefined): string {
  const lines = [`已生成 ${year} 年度工作簿：${out}（${profile}，${sheets} 张工作表；合计、小计均为公式，只需填写明细金额）`];
  if (from) {
    const items = from.items.expense?.length ?? 0;
    const priors = Object.keys(from.priors).length;
    lines.push(`  沿用上年：${dept ?? from.department ?? '（未识别部门名称）'}，支出功能分类科目 ${items} 个，经济分类科目 ${from.economic.length} 个，“说明数据”上年数 ${priors} 项${from.projects.length ? `，绩效项目 ${from.projects.length} 个` : ''}。`);
    if (!dept && !from.department) lines.push('  注意：上年度工作簿中没有识别到部门名称，各表的“部门：”一行是空的；可用 --dept 指定。');
    if (from.year !== undefined && year > from.year + 1) lines.push(`  注意：上年度工作簿为 ${from.year} 年度，比新年度早 ${year - from.year} 年；“与上年相比”各句将与 ${from.year} 年度比较。`);
    for (const n of from.notes) lines.push(`  注意：${n}`);
  } else if (!dept) {
    lines.push('  各表的“部门：”一行是空的；可用 --dept 指定部门名称。');
  }
  lines.push('  工作表已保护（无密码，审阅 → 撤消工作表保护 可解除）；公式单元格锁定，填写单元格可直接输入。');
  return lines.join('\n');
}
