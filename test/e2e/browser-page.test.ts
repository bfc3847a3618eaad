/**
 * The browser page end to end, as a newcomer uses it after `npm start`:
 * built with webpack, served from a local origin, driven in Chromium (the
 * system's, else the one in the npm package @sparticuz/chromium, with a CJK
 * font served to the page: test/helpers/browser.ts). Opens the bundled
 * sample, checks that the findings appear and that the marked cells are
 * exactly the findings' cells, downloads the annotated copy, saves
 * screenshots to test/output/, and fails if the page asks for anything
 * outside its own origin.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type Browser, type Page, chromium } from 'playwright-core';
import webpack from 'webpack';
import { checkWorkbook } from '../../src/core/check';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { readNarrativeInputs } from '../../src/core/narrative/inputs-sheet';
import { HUNAN_2024_NARRATIVE } from '../../src/core/narrative/patterns/hunan-2024';
import { cellA1 } from '../../src/core/grid/a1';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { seed000Grid, seed000Xlsx, specToXlsx } from '../fixtures';
import { gridToXls } from '../fixtures/xls';
import { chromiumLaunch, serveCjkFont } from '../helpers/browser';
import { sampleWorkbookSpec } from '../fixtures/sample';

const root = path.join(__dirname, '..', '..');
const shots = path.join(root, 'test', 'output');

jest.setTimeout(180_000);

let server: http.Server;
let origin: string;
let browser: Browser;
let page: Page;
const outside: string[] = [];
const pageErrors: string[] = [];

async function build(outDir: string, sample: Buffer): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({}, { mode: 'development' });
  config.output = { ...config.output, path: outDir };
  config.devtool = false;
  config.context = root;
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
  // The sample the page offers, built fresh from the seed text (after the build, which empties its output).
  fs.mkdirSync(path.join(outDir, 'sample'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'sample', '决算公开样例-2024.xlsx'), sample);
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xlsx': 'application/octet-stream', '.xml': 'text/xml' };
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

let sample: Buffer;

beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-web-'));
  // The sample `npm start` offers.
  sample = await specToXlsx(sampleWorkbookSpec());
  await build(out, sample);
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
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

test('opens the sample, lists the findings and marks exactly their cells', async () => {
  await page.goto(`${origin}/index.html`);
  await page.screenshot({ path: path.join(shots, 'web-1-start.png') });
  await page.getByRole('button', { name: '打开样例' }).click();
  await page.getByTestId('count-error').waitFor();
  expect(await page.getByTestId('count-error').textContent()).toBe('错误 1');
  expect(await page.getByTestId('count-warning').textContent()).toBe('提示 6');
  expect(await page.getByTestId('count-rounding').textContent()).toBe('尾数误差 8');
  expect(await page.getByTestId('finding').count()).toBe(15);
  // The one error is the seed's own: 1407 万元 called 上年结转 in a 绩效自评表 (notes §5.8).
  expect(await page.locator('[data-testid=finding][data-severity=error]').getAttribute('data-rule')).toBe('P08');
  await page.screenshot({ path: path.join(shots, 'web-2-checked.png') });

  // The same check in Node says which cells must be marked.
  const expected = checkWorkbook(await loadWorkbookGrid(sample));
  for (const sheet of ['公开01表', '公开04表', '公开06表', '绩效自评表']) {
    await page.getByRole('tab', { name: new RegExp(`^${sheet}`) }).click();
    await page.locator(`table[data-sheet="${sheet}"]`).waitFor();
    const marked = await page.locator(`table[data-sheet="${sheet}"] td[data-severity]`).evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.a1).sort());
    const want = [...new Set(expected.findings.flatMap((f) => f.refs.filter((r) => r.sheet === sheet).map((r) => cellA1(r.row, r.col))))].sort();
    expect(marked).toEqual(want);
  }
  // The reason is readable at the cell.
  await page.getByRole('tab', { name: /^公开01表/ }).click();
  expect(await page.locator('td[data-a1="F16"]').getAttribute('title')).toContain('X04');
});

test('clicking a finding brings its cells into view', async () => {
  const c05 = page.locator('[data-testid=finding][data-rule=C05]');
  await c05.getByText(/定位到单元格/).click();
  await page.locator('table[data-sheet="公开04表"]').waitFor();
  await page.screenshot({ path: path.join(shots, 'web-3-finding-selected.png') });
  expect(await page.locator('td[data-a1="F7"]').getAttribute('data-severity')).toBe('warning');
});

test('downloads an annotated copy with the marks and every value unchanged', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载带标记的副本' }).click()]);
  expect(download.suggestedFilename()).toBe('决算公开样例-2024-检查结果.xlsx');
  const file = path.join(shots, download.suggestedFilename());
  await download.saveAs(file);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const original = new ExcelJS.Workbook();
  await original.xlsx.load(sample as unknown as ArrayBuffer);
  expect(copy.getWorksheet('检查结果')).toBeDefined();
  original.eachSheet((ws) => {
    const other = copy.getWorksheet(ws.name)!;
    ws.eachRow((row, r) => row.eachCell((cell, c) => expect(other.getCell(r, c).value).toEqual(cell.value)));
  });
  const fill = copy.getWorksheet('公开01表')!.getCell('F16').fill as ExcelJS.FillPattern;
  expect(fill.fgColor?.argb?.slice(-6)).toBe('DDEBF7');
});

test('说明 drafts the narrative from the figures, leaving only the reasons to write', async () => {
  await page.getByRole('tab', { name: '说明', exact: true }).click();
  const narrative = page.getByTestId('narrative');
  await narrative.waitFor();
  const text = (await narrative.textContent()) ?? '';
  expect(text).toContain('2024年度收、支总计1820.23万元。与上年相比，增加1288.61万元，增长242.4%，主要是因为【请填写原因】。');
  expect(text).toContain('完成年初预算的97.6%，决算数小于年初预算数的主要原因是：【请填写原因】');
  // Every placeholder left is a reason, or the unit's own account asked for by name: never a figure.
  const labels = { ...HUNAN_2024_NARRATIVE.slotLabels, ...HUNAN_2024_NARRATIVE.report!.slotLabels };
  const asked = new Set(['【请填写原因】', ...Object.values(labels).map((l) => `【请填写：${l}】`)]);
  const left = await page.getByTestId('placeholder').allTextContents();
  expect(left.length).toBeGreaterThan(0);
  expect(left.filter((p) => !asked.has(p))).toEqual([]);
  expect(left).toContain('【请填写：单位主要职能】');
  await page.screenshot({ path: path.join(shots, 'web-4-narrative.png') });
  // The draft as a Word document, made in the page: 第三部分 and the 绩效自评报告 after it.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('narrative-docx').click()]);
  expect(docx.suggestedFilename()).toBe('株洲市天元区征地工作协调服务中心2024年度部门决算情况说明.docx');
  const file = path.join(shots, docx.suggestedFilename());
  await docx.saveAs(file);
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  expect(xml).toContain('十四、关于2024年度预算绩效情况的说明');
  expect(xml).toContain('整体支出绩效自评报告');
  await page.getByRole('tab', { name: '检查', exact: true }).click();
});

test('新年度 makes next year’s workbook from the open one and downloads it', async () => {
  await page.getByRole('tab', { name: '新年度', exact: true }).click();
  await page.getByTestId('newyear-year').waitFor();
  // The sample names its year (2024): the next is proposed, with its 部门.
  expect(await page.getByTestId('newyear-year').inputValue()).toBe('2025');
  expect(await page.getByTestId('newyear-department').inputValue()).toBe('株洲市天元区征地工作协调服务中心');
  await page.screenshot({ path: path.join(shots, 'web-7-new-year.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('newyear-make').click()]);
  expect(download.suggestedFilename()).toBe('2025年度部门决算公开-株洲市天元区征地工作协调服务中心.xlsx');
  const file = path.join(shots, download.suggestedFilename());
  await download.saveAs(file);
  const grid = await loadWorkbookGrid(fs.readFileSync(file));
  expect(mapWorkbook(grid).missing).toEqual([]);
  expect(readNarrativeInputs(grid).inputs.figures?.['total.prior']).toBe(1_820_230_000);
  await page.getByTestId('newyear-notice').waitFor();
  await page.getByRole('tab', { name: '检查', exact: true }).click();
});

test('switches to English', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Check again' }).click();
  await page.getByTestId('count-rounding').waitFor();
  expect(await page.getByTestId('count-rounding').textContent()).toBe('Rounding 8');
  await page.screenshot({ path: path.join(shots, 'web-5-english.png') });
});

test('a file that is not a workbook gets a Chinese message', async () => {
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('file-input').setInputFiles({ name: '说明.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('这不是工作簿') });
  await page.getByText(/无法读取“说明.xlsx”：不是 .xlsx 工作簿/).waitFor();
  await page.screenshot({ path: path.join(shots, 'web-6-bad-file.png') });
});

test('a legacy .xls opens and is checked like its .xlsx; its marked copy is an .xlsx of its cells, said so', async () => {
  await page.getByTestId('file-input').setInputFiles({ name: '征地中心.xls', mimeType: 'application/vnd.ms-excel', buffer: gridToXls(seed000Grid()) });
  // The counts of the file opened before stay until this one is checked: wait for this one's.
  const expected = checkWorkbook(seed000Grid()).summary;
  await page.locator('[data-testid=count-rounding]', { hasText: `尾数误差 ${expected.rounding}` }).waitFor();
  expect(await page.getByTestId('count-error').textContent()).toBe(`错误 ${expected.error}`);
  expect(await page.locator('table[data-sheet="公开01表"]').count()).toBe(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载带标记的副本' }).click()]);
  expect(download.suggestedFilename()).toBe('征地中心-检查结果.xlsx');
  await page.getByText(/旧版 .xls 的副本已转成 .xlsx/).waitFor();
  const file = path.join(shots, 'xls-copy.xlsx');
  await download.saveAs(file);
  // The copy holds the .xls's cells and checks as the .xls did.
  const again = checkWorkbook(await loadWorkbookGrid(fs.readFileSync(file)));
  expect(again.findings.map((f) => [f.rule, f.cells])).toEqual(checkWorkbook(seed000Grid()).findings.map((f) => [f.rule, f.cells]));
});

test('a macro workbook (.xlsm) comes back as an .xlsm, its macros kept', async () => {
  await page.getByTestId('file-input').setInputFiles({ name: '征地中心.xlsm', mimeType: 'application/vnd.ms-excel.sheet.macroEnabled.12', buffer: await seed000Xlsx() });
  await page.getByText('征地中心.xlsm').first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载带标记的副本' }).click()]);
  expect(download.suggestedFilename()).toBe('征地中心-检查结果.xlsm');
});

test('made no request outside its own origin and threw no error', () => {
  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
});
