/**
 * 绩效 findings (P01–P10, B01–B08) that compare figures say which figures, in
 * `juesuan check --json` as for the nine tables: expected, actual and
 * difference as numbers — a rate as a percentage number, a score in points,
 * with `unit` saying so — as the check-json contract requires of every
 * /^[RXPB]\d/ finding that is not a warning.
 *
 * The workbook is the bundled sample (nine tables, 说明数据, the 绩效自评
 * tables of seed 000 with their own P08 slip) with an accountant's slips typed
 * into its 绩效 tables: a rate, an execution score, a group's points, a score
 * above its weight, a total one cent off, a staffing ratio.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { type CellSpec, type SheetSpec, specToXlsx } from '../fixtures';
import { sampleWorkbookSpec } from '../fixtures/sample';

const root = path.join(__dirname, '..', '..');
const contract = path.join(root, 'test', 'contract', 'check-json.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-perf-json-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'rounding';
  message: string;
  messageEn: string;
  expected: number | null;
  actual: number | null;
  difference: number | null;
  unit?: string;
  cells: string[];
}

const text = (c: CellSpec | undefined) => (c === null || c === undefined ? '' : typeof c === 'object' ? String(c.v) : String(c));

/** The index of the first row at or after `from` whose cells include `label`. */
function rowOf(s: SheetSpec, label: string, from = 0): number {
  const i = s.rows.findIndex((r, k) => k >= from && r.some((c) => text(c).trim() === label));
  if (i < 0) throw new Error(`no row ${label} after ${from}`);
  return i;
}

function set(s: SheetSpec, row: number, col: number, v: CellSpec): void {
  const r = s.rows[row]!;
  while (r.length <= col) r.push('');
  r[col] = v;
}

/** The sample with slips in its 绩效 tables (column numbers are the sheet's, 0-based). */
function slippedSample() {
  const spec = sampleWorkbookSpec();
  const s = spec.sheets.find((x) => x.name === '绩效自评表')!;
  // 整体支出绩效自评表: 执行率 98.32% for 1820.23 ÷ 1832.63 = 99.32%; 执行率得分 9.5 for 9.93 (so 总分 is off too).
  const overall = rowOf(s, '年度资金总额', rowOf(s, '2024年度部门（单位）整体支出绩效自评表'));
  set(s, overall, 6, { v: 0.9832, numFmt: '0.00%' });
  set(s, overall, 7, 9.5);
  // 产出指标 marked 50 points over indicators of 40.
  set(s, rowOf(s, '产出指标 (40分)', overall), 1, '产出指标 (50分)');
  // 拆违治违经费: an indicator scored 12 of 10; 执行率 99.97% (43.99 ÷ 44 = 99.977…%: within the amounts' rounding).
  const demolition = rowOf(s, '拆违治违经费', overall);
  set(s, rowOf(s, '员工人数', demolition), 7, 12);
  set(s, rowOf(s, '年度资金总额', demolition), 6, { v: 0.9997, numFmt: '0.00%' });
  // 机关干部进小区工作队工作经费: 总分 94.98 for 94.97 (within the scores' rounding).
  const team = rowOf(s, '机关干部进小区工作队工作经费', overall);
  set(s, rowOf(s, '总分', team), 6, 94.98);
  // 基础数据表: 编制数 21, 控制率 138.09% for 29 ÷ 21 = 138.095…% (cut off rather than rounded).
  set(s, rowOf(s, '财政供养人员情况') + 1, 1, 21);
  set(s, rowOf(s, '财政供养人员情况') + 1, 3, { v: 1.3809, numFmt: '0.00%' });
  return spec;
}

async function checkJson(file: string): Promise<{ code: number; out: string; findings: JsonFinding[] }> {
  let out = '';
  const code = await runCli(['check', file, '--json'], { stdout: (s) => (out += s), stderr: () => undefined });
  return { code, out, findings: JSON.parse(out).files[0].findings as JsonFinding[] };
}

const compares = (f: JsonFinding) => /^[RXPB]\d/.test(f.rule) && f.severity !== 'warning';
const isNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

let slipped: { code: number; out: string; findings: JsonFinding[] };
let sample: { code: number; out: string; findings: JsonFinding[] };
let slippedFile: string;
beforeAll(async () => {
  const sampleFile = path.join(dir, '样例.xlsx');
  fs.writeFileSync(sampleFile, await specToXlsx(sampleWorkbookSpec()));
  sample = await checkJson(sampleFile);
  slippedFile = path.join(dir, '样例-有笔误.xlsx');
  fs.writeFileSync(slippedFile, await specToXlsx(slippedSample()));
  slipped = await checkJson(slippedFile);
});

test('the project’s contract is the shared one', () => {
  const shared = path.join(root, '..', 'shared', 'contract', 'check-json.mjs');
  if (fs.existsSync(shared)) expect(fs.readFileSync(contract, 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  expect(fs.readFileSync(contract, 'utf8')).toContain('compares figures');
});

test('the slips are found, each by its rule', () => {
  const brief = slipped.findings.filter((f) => /^[PB]\d/.test(f.rule)).map((f) => `${f.rule} ${f.severity}`);
  for (const want of ['P01 error', 'P01 rounding', 'P02 error', 'P04 error', 'P05 error', 'P05 rounding', 'B01 warning', 'P08 error']) expect(brief).toContain(want);
});

test('every 绩效 finding that compares figures carries expected, actual and difference as numbers', () => {
  const missing = [...sample.findings, ...slipped.findings].filter((f) => compares(f) && ![f.expected, f.actual, f.difference].every(isNum));
  expect(missing.map((f) => `${f.rule} ${f.severity}: ${f.message}`)).toEqual([]);
});

test('a rate is a percentage number, and the message says so', () => {
  const p01 = slipped.findings.find((f) => f.rule === 'P01' && f.severity === 'error')!;
  expect([p01.expected, p01.actual, p01.difference, p01.unit]).toEqual([99.32, 98.32, 1, '%']);
  expect(p01.message).toContain('应为 99.32%');
  expect(p01.message).toContain('相差 1.00 个百分点');
  expect(p01.message).toContain('百分数');
  expect(p01.messageEn).toContain('percent');
  // Within the rounding of the amounts: 尾数误差, with its figures.
  const near = slipped.findings.find((f) => f.rule === 'P01' && f.severity === 'rounding')!;
  expect([near.expected, near.actual, near.difference, near.unit]).toEqual([99.98, 99.97, 0.01, '%']);
  // Cut off rather than rounded: a warning, with its figures all the same.
  const b01 = slipped.findings.find((f) => f.rule === 'B01')!;
  expect(b01.severity).toBe('warning');
  expect([b01.expected, b01.actual, b01.difference, b01.unit]).toEqual([138.1, 138.09, 0.01, '%']);
  expect(b01.message).toContain('截尾');
});

test('scores are in points', () => {
  const of = (rule: string, severity = 'error') => slipped.findings.filter((f) => f.rule === rule && f.severity === severity);
  expect(of('P02').map((f) => [f.expected, f.actual, f.difference, f.unit])).toEqual([[9.93, 9.5, 0.43, '分']]);
  expect(of('P04').map((f) => [f.expected, f.actual, f.difference, f.unit])).toEqual([[40, 50, 10, '分']]);
  // 总分 92.93 against the indicators 83 + 9.5; 员工人数 12 above its 10; 拆违治违经费 总分 100 against 102.
  expect(of('P05').map((f) => [f.expected, f.actual, f.difference, f.unit]).sort()).toEqual(
    [
      [92.5, 92.93, 0.43, '分'],
      [10, 12, 2, '分'],
      [102, 100, 2, '分'],
    ].sort(),
  );
  expect(of('P05', 'rounding').map((f) => [f.expected, f.actual, f.difference, f.unit])).toEqual([[94.97, 94.98, 0.01, '分']]);
  for (const f of [...of('P02'), ...of('P04'), ...of('P05')]) expect(f.message).toMatch(/相差 [\d.]+ 分|超出 [\d.]+ 分/);
});

test('amounts stay in 万元 without a unit; presence checks (P06, P09) are warnings without figures', () => {
  const p08 = sample.findings.find((f) => f.rule === 'P08')!;
  expect([p08.expected, p08.actual, p08.difference, p08.unit]).toEqual([0, 1407, 1407, undefined]);
  for (const f of slipped.findings.filter((x) => x.rule === 'P06' || x.rule === 'P09')) {
    expect(f.severity).toBe('warning');
    expect([f.expected, f.actual, f.difference]).toEqual([null, null, null]);
  }
});

test('the contract script holds on both outputs', () => {
  for (const r of [sample, slipped]) {
    const c = spawnSync(process.execPath, [contract, '-'], { input: r.out, encoding: 'utf8' });
    expect(c.stdout).toContain('contract holds');
    expect(c.status).toBe(0);
  }
});

test('the text report names the unit of the figures', async () => {
  let out = '';
  await runCli(['check', slippedFile], { stdout: (s) => (out += s), stderr: () => undefined });
  expect(out).toMatch(/\[P01\][^\n]*\n(?:[^\n]*\n)?\s*应为 99\.32%　实为 98\.32%　差额 1\.00 个百分点/);
  expect(out).toMatch(/\[P02\][^\n]*\n(?:[^\n]*\n)?\s*应为 9\.93　实为 9\.50　差额 0\.43（分）/);
  expect(out).toMatch(/\[P08\][^\n]*\n(?:[^\n]*\n)?\s*上限 0\.00　实为 1,407\.00　超出 1,407\.00（万元）/);
});
