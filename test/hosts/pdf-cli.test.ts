/**
 * `juesuan check 决算.pdf` and `juesuan convert 决算.pdf --out 决算.xlsx` on
 * the committed LibreOffice PDFs: findings that say on which page and in which
 * table cell, the JSON's "locations" (each cell with its page) within the
 * contract, a rebuilt workbook that checks as the PDF does, and an existing
 * --out left alone without --force.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { checkWorkbook } from '../../src/core/check';
import { readWorkbookFile } from '../../src/hosts/exceljs/read-file';
import { closePdfReader } from '../../src/hosts/pdf/node-pdfjs';
import { readPdfFile } from '../../src/hosts/pdf/read-file';

const root = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pdf');
const hunan = path.join(FIXTURES, 'seed000-hunan.pdf');
const national = path.join(FIXTURES, 'seed000-national-split-codes.pdf');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-pdf-cli-'));

afterAll(() => closePdfReader());

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const contract = () => [path.join(root, '..', 'shared', 'contract', 'check-json.mjs'), path.join(root, 'test', 'contract', 'check-json.mjs')].find((p) => fs.existsSync(p))!;

test('check 决算.pdf: the tables by page, each finding’s cells as 第 N 页 表名 单元格, exit 0', async () => {
  const r = await run(['check', hunan]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('PDF：共 16 页，读出 9 张表和情况说明');
  expect(r.out).toContain('公开01表 收入支出决算总表　第 1–2 页 收入支出决算总表（按标题）');
  expect(r.out).toContain('单元格：第 5 页 财政拨款收入支出决算总表 C7、F7、G7');
  // A finding over both pages of a table names each page.
  expect(r.out).toContain('单元格：第 2 页 收入支出决算总表 F34、第 1 页 收入支出决算总表 F8、F15、F16、F18、F26');
  // The narrative's paragraphs are its cells.
  expect(r.out).toMatch(/\[T05\][^\n]*\n\s+单元格：第 12 页 情况说明 A\d+/);
  expect(r.out).toContain('小结：错误 0 项，提示 3 项，尾数误差 7 项。');
});

test('--json: every cell with its page ("locations"), tables with their pages, within the contract', async () => {
  const r = await run(['check', hunan, national, '--json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out);
  const [h, n] = doc.files;
  expect(h).toMatchObject({ source: 'pdf', pages: 16, notices: [] });
  expect(h.tables['公开01表']).toMatchObject({ sheet: '收入支出决算总表', pages: [1, 2] });
  expect(n.tables['公开07表']).toMatchObject({ sheet: '财政拨款“三公”经费支出决算表' });
  for (const file of doc.files) {
    for (const f of file.findings) {
      expect(f.locations.map((l: { cell: string }) => l.cell)).toEqual(f.cells);
      for (const l of f.locations) expect(l.page).toEqual(expect.any(Number));
    }
  }
  const r03 = h.findings.find((f: { rule: string }) => f.rule === 'R03');
  expect(r03.locations.slice(0, 2)).toEqual([
    { cell: '收入支出决算总表!F34', page: 2 },
    { cell: '收入支出决算总表!F8', page: 1 },
  ]);
  const c = spawnSync(process.execPath, [contract(), '-'], { input: r.out, encoding: 'utf8' });
  expect(c.stdout).toContain('contract holds');
  expect(c.status).toBe(0);
});

test('the contract script run on the PDFs themselves', () => {
  // It runs the built CLI (npm install builds it): skipped when that build predates the PDF reader.
  if (!fs.existsSync(path.join(root, 'build', 'src', 'hosts', 'pdf', 'read-file.js'))) return;
  const r = spawnSync(process.execPath, [contract(), hunan, national], { cwd: root, encoding: 'utf8' });
  expect(r.stdout).toContain('contract holds');
  expect(r.status).toBe(0);
});

describe('convert', () => {
  test('writes the rebuilt workbook, which checks as the PDF does', async () => {
    const out = path.join(dir, '决算.xlsx');
    const r = await run(['convert', hunan, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已将重建的工作簿写到：${out}（共 16 页，9 张表，情况说明`);
    const pdf = await readPdfFile(hunan);
    const xlsx = await readWorkbookFile(out);
    expect(xlsx.sheets.map((s) => s.name)).toEqual(pdf.sheets.map((s) => s.name));
    for (const [i, s] of pdf.sheets.entries()) {
      const x = xlsx.sheets[i]!;
      for (let r2 = 0; r2 < s.rowCount; r2++) {
        for (let c = 0; c < s.colCount; c++) expect([s.name, r2, c, x.cell(r2, c)?.text ?? '']).toEqual([s.name, r2, c, s.cell(r2, c)?.text ?? '']);
      }
      expect(x.merges.length).toBe(s.merges.length);
    }
    const key = (f: { rule: string; severity: string; cells: readonly string[] }) => `${f.rule} ${f.severity} ${f.cells.join(',')}`;
    expect(checkWorkbook(xlsx).findings.map(key)).toEqual(checkWorkbook(pdf).findings.map(key));
  });

  test('an existing --out is left alone without --force, and written with it', async () => {
    const out = path.join(dir, '已有.xlsx');
    fs.writeFileSync(out, 'keep');
    const r = await run(['convert', national, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out 的文件已存在，未覆盖');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep');
    const f = await run(['convert', national, '--out', out, '--force']);
    expect(f.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  test('never over the PDF, only to .xlsx, only from a PDF', async () => {
    const copy = path.join(dir, 'copy.pdf');
    fs.copyFileSync(national, copy);
    expect((await run(['convert', copy, '--out', copy, '--force'])).code).toBe(2);
    expect((await run(['convert', copy, '--out', path.join(dir, 'x.csv')])).err).toContain('--out 的文件名应以 .xlsx 结尾');
    const notPdf = await run(['convert', path.join(dir, 'a.xlsx'), '--out', path.join(dir, 'b.xlsx')]);
    expect(notPdf.code).toBe(2);
    expect(notPdf.err).toContain('juesuan convert 只转换 PDF');
    expect(fs.readFileSync(copy).equals(fs.readFileSync(national))).toBe(true);
  });
});

test('--annotate on a PDF writes its rebuilt workbook marked: the findings’ cells filled, 检查结果 first, and the copy checks as the PDF does', async () => {
  const out = path.join(dir, 'hunan-标注.xlsx');
  const r = await run(['check', hunan, '--annotate', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`已将标注副本写到：${out}`);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
  expect(wb.worksheets[0]!.name).toBe('检查结果');
  const pdf = checkWorkbook(await readPdfFile(hunan));
  const marked = pdf.findings.flatMap((f) => f.refs)[0]!;
  expect(wb.getWorksheet(marked.sheet)!.getCell(marked.row + 1, marked.col + 1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
  const copy = checkWorkbook(await readWorkbookFile(out));
  expect(copy.findings.map((f) => [f.rule, f.cells])).toEqual(pdf.findings.map((f) => [f.rule, f.cells]));
});

test('a folder holding workbooks and published PDFs: each checked, in path order, in the summary with its unit', async () => {
  const folder = path.join(dir, '报送');
  fs.mkdirSync(path.join(folder, '公开'), { recursive: true });
  fs.copyFileSync(hunan, path.join(folder, '公开', '征地中心-决算公开.pdf'));
  fs.writeFileSync(path.join(folder, '征地中心.xlsx'), await (await import('../fixtures')).seed000Xlsx());
  fs.writeFileSync(path.join(folder, '通知.txt'), '请于 5 月底前报送');
  const report = path.join(dir, '汇总.csv');
  const r = await run(['check', folder, '--json', '--report', report]);
  expect(r.code).toBe(0);
  const files = (JSON.parse(r.out) as { files: Array<{ file: string; profile: string }> }).files;
  expect(files.map((f) => path.relative(folder, f.file))).toEqual([path.join('公开', '征地中心-决算公开.pdf'), '征地中心.xlsx']);
  const csv = fs.readFileSync(report, 'utf8');
  expect(csv.split('\n').filter((l) => l.includes('株洲市天元区征地工作协调服务中心'))).toHaveLength(2);
});
