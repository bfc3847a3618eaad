/**
 * PDFs that cannot be checked are said so in Chinese, with exit 2, never
 * checked wrong: a scan (a page that is a picture), one with an open
 * password, one whose tables have no rulings (all of them, or one of the
 * disclosure's tables among ruled ones), a file that is not a PDF, a damaged
 * one, a missing one. The JSON gives each as the contract's M00.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { closePdfReader } from '../../src/hosts/pdf/node-pdfjs';
import { PdfReadError, type PdfReadReason } from '../../src/hosts/pdf/read';
import { readPdfFile } from '../../src/hosts/pdf/read-file';

const root = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pdf');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-pdf-bad-'));

afterAll(() => closePdfReader());

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const fixture = (name: string) => () => path.join(FIXTURES, `${name}.pdf`);
const written = (name: string, bytes: Buffer | string) => () => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

const CASES: Array<[string, () => string, PdfReadReason, RegExp]> = [
  ['a scan: the page is a picture', fixture('seed000-scanned'), 'scanned', /这是扫描件：各页是图片，没有文字层，无法读出其中的表格和数字，不能检查/],
  ['an open password', fixture('seed000-encrypted'), 'encrypted', /PDF 已加密（设置了打开密码），无法读取/],
  ['tables without rulings', fixture('seed000-no-rulings'), 'no-rulings', /PDF 中的表格没有框线（第 1 页“收入决算表”、第 2 页“支出决算表”）：没有框线就无法可靠地确定每个单元格，为免误报，不作检查/],
  ['one of the tables without rulings among ruled ones', fixture('seed000-one-unruled'), 'no-rulings', /PDF 中的表格没有框线（第 3 页“收入决算表”）/],
  ['not a PDF', written('说明.pdf', '这不是 PDF'), 'not-pdf', /不是 PDF 文件/],
  ['a damaged PDF', written('截断.pdf', fs.readFileSync(path.join(FIXTURES, 'seed000-encrypted.pdf')).subarray(0, 2000)), 'corrupt', /PDF 文件已损坏，无法读取/],
  ['a missing file', () => path.join(dir, '不存在.pdf'), 'missing', /找不到文件/],
];

describe.each(CASES)('%s', (_label, file, reason, message) => {
  test('is refused with its reason', async () => {
    const e = await readPdfFile(file()).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PdfReadError);
    expect((e as PdfReadError).pdfReason).toBe(reason);
    expect((e as PdfReadError).message).toMatch(message);
    expect((e as PdfReadError).message).toContain(file());
  });

  test('check: a Chinese message naming the file, exit 2, nothing checked', async () => {
    const f = file();
    const r = await run(['check', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toContain('无法检查：');
    expect(r.out).not.toContain('识别到的表');
  });

  test('check --json: the contract’s M00, exit 2', async () => {
    const r = await run(['check', file(), '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.files[0].findings).toEqual([expect.objectContaining({ rule: 'M00', severity: 'error', message: expect.stringMatching(message) })]);
    const contract = [path.join(root, '..', 'shared', 'contract', 'check-json.mjs'), path.join(root, 'test', 'contract', 'check-json.mjs')].find((p) => fs.existsSync(p))!;
    expect(spawnSync(process.execPath, [contract, '-'], { input: r.out, encoding: 'utf8' }).stdout).toContain('contract holds');
  });

  test('convert: the same message, exit 2, nothing written', async () => {
    const out = path.join(dir, `${reason}-${Math.random().toString(36).slice(2)}.xlsx`);
    const r = await run(['convert', file(), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
