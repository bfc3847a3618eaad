/**
 * The browser page opens a PDF (its file picker, pdfjs in the page): the same
 * tables and findings as the CLI reads, the marked cells exactly the findings'
 * cells, each row's page on its row number, the marked copy a rebuilt
 * workbook, and a PDF it cannot check refused in Chinese. Only the page's
 * entry is built (webpack, development), served from a local origin and
 * driven in Chromium (test/helpers/browser.ts), nothing asked of another origin.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { type Browser, type Page, chromium } from 'playwright-core';
import webpack from 'webpack';
import { checkWorkbook } from '../../src/core/check';
import { cellA1 } from '../../src/core/grid/a1';
import { closePdfReader } from '../../src/hosts/pdf/node-pdfjs';
import { readPdfFile } from '../../src/hosts/pdf/read-file';
import { chromiumLaunch, serveCjkFont } from '../helpers/browser';

const root = path.join(__dirname, '..', '..');
const FIXTURES = path.join(root, 'test', 'fixtures', 'pdf');
const shots = path.join(root, 'test', 'output');

jest.setTimeout(240_000);

let server: http.Server;
let origin: string;
let browser: Browser;
let page: Page;
let out: string;
const outside: string[] = [];
const pageErrors: string[] = [];

async function build(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({}, { mode: 'development' });
  const entry = { web: (config.entry as Record<string, string>).web! };
  const plugins = (config.plugins ?? []).filter((p) => !(p && p.constructor.name === 'HtmlWebpackPlugin' && !/index\.html/.test(JSON.stringify((p as { userOptions?: unknown }).userOptions ?? {}))));
  await new Promise<void>((resolve, reject) =>
    webpack({ ...config, entry, plugins, devtool: false, context: root, output: { ...config.output, path: outDir } }, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.bcmap': 'application/octet-stream' };
  const s = http.createServer((req, res) => {
    const p = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!p.startsWith(dir) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(p)] ?? 'application/octet-stream' });
    fs.createReadStream(p).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-web-pdf-'));
  await build(out);
  server = await serve(out);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch((await chromiumLaunch()).options);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  await serveCjkFont(context);
  page = await context.newPage();
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/index.html`);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await closePdfReader();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test('the file picker takes PDFs; the CJK character maps are served beside the page', async () => {
  expect(await page.getByTestId('file-input').getAttribute('accept')).toContain('.pdf');
  expect(fs.existsSync(path.join(out, 'pdfjs', 'cmaps', 'UniGB-UCS2-H.bcmap'))).toBe(true);
});

test('opens a PDF: one sheet per table, the findings of the CLI, exactly their cells marked, the page of each row', async () => {
  const file = path.join(FIXTURES, 'seed000-hunan.pdf');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('pdf-summary').waitFor();
  await page.getByTestId('count-rounding').waitFor();
  expect(await page.getByTestId('pdf-summary').textContent()).toContain('PDF 共 16 页：读出 9 张表和情况说明');
  const expected = checkWorkbook(await readPdfFile(file));
  expect(await page.getByTestId('count-warning').textContent()).toBe(`提示 ${expected.summary.warning}`);
  expect(await page.getByTestId('count-rounding').textContent()).toBe(`尾数误差 ${expected.summary.rounding}`);
  await page.screenshot({ path: path.join(shots, 'web-pdf-1-checked.png') });
  for (const sheet of ['收入支出决算总表', '财政拨款收入支出决算总表']) {
    await page.getByRole('tab', { name: new RegExp(`^${sheet}`) }).click();
    await page.locator(`table[data-sheet="${sheet}"]`).waitFor();
    const marked = await page.locator(`table[data-sheet="${sheet}"] td[data-severity]`).evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.a1).sort());
    const want = [...new Set(expected.findings.flatMap((f) => f.refs.filter((r) => r.sheet === sheet).map((r) => cellA1(r.row, r.col))))].sort();
    expect(marked).toEqual(want);
  }
  // 收入支出决算总表 runs over pages 1 and 2: row 34 (本年支出合计) is on page 2.
  await page.getByRole('tab', { name: /^收入支出决算总表/ }).click();
  const rowHead = (n: number) => page.locator('table[data-sheet="收入支出决算总表"] tbody tr').nth(n - 1).locator('th');
  expect(await rowHead(8).getAttribute('title')).toBe('第 1 页');
  expect(await rowHead(34).getAttribute('title')).toBe('第 2 页');
  await page.screenshot({ path: path.join(shots, 'web-pdf-2-table.png') });
});

test('the marked copy of a PDF is its rebuilt workbook', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载带标记的副本' }).click()]);
  expect(download.suggestedFilename()).toBe('seed000-hunan-检查结果.xlsx');
  const file = path.join(shots, download.suggestedFilename());
  await download.saveAs(file);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  expect(copy.getWorksheet('检查结果')).toBeDefined();
  expect(copy.getWorksheet('收入支出决算总表')!.getCell('C8').value).toBe(1820.23);
  expect(copy.getWorksheet('收入支出决算总表')!.getCell('C8').numFmt).toBe('#,##0.00');
});

test('a PDF that is not one gets a Chinese message', async () => {
  await page.getByTestId('file-input').setInputFiles({ name: '决算.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n这不是 PDF') });
  await page.getByText(/无法读取“决算.pdf”：PDF 文件已损坏/).waitFor();
});

test('made no request outside its own origin and threw no error', () => {
  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
});
