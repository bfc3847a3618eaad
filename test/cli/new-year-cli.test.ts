/**
 * juesuan new and check --previous on real files: the new workbook is made
 * from last year's, never over a file without --force, checks clean, and a
 * year-over-year comparison warns of what moved without a reason.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { seed000Xlsx, specToXlsx } from '../fixtures';
import { sampleWorkbookSpec } from '../fixtures/sample';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-new-'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

let lastYear: string;
beforeAll(async () => {
  lastYear = path.join(dir, '2024年决算公开.xlsx');
  fs.writeFileSync(lastYear, await seed000Xlsx());
});

test('new --from makes the workbook, says what it carried, and refuses to write over it without --force', async () => {
  const out = path.join(dir, '2025.xlsx');
  const before = fs.readFileSync(lastYear);
  const r = await run(['new', '--year', '2025', '--from', lastYear, '--out', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('已生成 2025 年度工作簿');
  expect(r.out).toContain('株洲市天元区征地工作协调服务中心');
  expect(r.out).toContain('支出功能分类科目 9 个');
  // The input is only read.
  expect(fs.readFileSync(lastYear).equals(before)).toBe(true);
  const again = await run(['new', '--year', '2025', '--from', lastYear, '--out', out]);
  expect(again.code).toBe(2);
  expect(again.err).toContain('已存在，未覆盖');
  expect((await run(['new', '--year', '2025', '--from', lastYear, '--out', out, '--force'])).code).toBe(0);
  // The blank new workbook checks without error (every total 0 until figures are typed).
  const check = await run(['check', out]);
  expect(check.code).toBe(0);
  expect(check.out).toContain('工作簿中保存的模板');
});

test('new asks for the year when last year’s workbook does not say it, and never writes over its --from', async () => {
  const r = await run(['new', '--from', lastYear, '--out', path.join(dir, 'x.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('请用 --year 指定新年度');
  const over = await run(['new', '--year', '2025', '--from', lastYear, '--out', lastYear, '--force']);
  expect(over.code).toBe(2);
  expect(over.err).toContain('不能写到上年度工作簿本身');
  // The sample says its year (2024): a new year that is not later is refused.
  // Built here, not read from assets/ (a build product, absent on a fresh checkout).
  const sample = path.join(dir, '决算公开样例-2024.xlsx');
  fs.writeFileSync(sample, await specToXlsx(sampleWorkbookSpec()));
  const early = await run(['new', '--year', '2024', '--from', sample, '--out', path.join(dir, 'early.xlsx')]);
  expect(early.code).toBe(2);
  expect(early.err).toContain('--year 2024 不晚于上年度工作簿的年度（2024 年度）：新年度应为 2025。');
  const late = await run(['new', '--year', '2027', '--from', sample, '--out', path.join(dir, 'late.xlsx')]);
  expect(late.code).toBe(0);
  expect(late.out).toContain('上年度工作簿为 2024 年度，比新年度早 3 年');
  const wrong = await run(['new', '--year', '2025', '--out', path.join(dir, 'x.xls')]);
  expect(wrong.code).toBe(2);
  expect(wrong.err).toContain('应以 .xlsx 结尾');
});

test('check --previous: a new workbook still blank is told so once; the file itself as last year’s is refused; two workbooks at once are refused', async () => {
  const blank = path.join(dir, 'blank-2025.xlsx');
  expect((await run(['new', '--year', '2025', '--from', lastYear, '--out', blank])).code).toBe(0);
  const moved = await run(['check', blank, '--previous', lastYear]);
  expect(moved.code).toBe(0); // warnings only
  expect(moved.out).toContain('本工作簿各表还没有数字，未与上年比较');
  const self = await run(['check', lastYear, '--previous', lastYear]);
  expect(self.code).toBe(2);
  expect(self.err).toContain('--previous 给出的是被检查的文件本身');
  const two = await run(['check', blank, lastYear, '--previous', lastYear]);
  expect(two.code).toBe(2);
  expect(two.err).toContain('--previous 一次与一个工作簿比较');
});
