/**
 * The browser page as an accountant works in it all day, at 1366×768 (the
 * common office screen): a national-template workbook of 12 sheets named as
 * units name them. Every sheet is reachable by mouse and by keyboard, the
 * assistant never leaves the screen (only the sheet area scrolls), and the
 * findings can be filtered and folded. Screenshots of each state go to
 * test/output/.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page, chromium } from 'playwright-core';
import webpack from 'webpack';
import { NATIONAL_TITLES, layoutWorkbook, seed000, specToXlsx, toNationalLayout } from '../fixtures';
import { nationalNarrative } from '../fixtures/corpus/national-narrative';
import { performanceSheet, seedText } from '../fixtures/performance';
import { chromiumLaunch, serveCjkFont } from '../helpers/browser';

const root = path.join(__dirname, '..', '..');
const shots = path.join(root, 'test', 'output');

jest.setTimeout(180_000);

let server: http.Server;
let origin: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Twelve sheets: the nine tables under their titles, 说明数据, the 绩效 tables and a written 情况说明. */
async function twelveSheets(): Promise<Buffer> {
  const spec = layoutWorkbook(toNationalLayout(seed000()), { sheetName: (t) => `${NATIONAL_TITLES[Number(t.id.slice(2, 4)) - 1]}` });
  spec.sheets.push(
    { name: '说明数据', rows: [['项目', '数值', '文字'], ['年度', 2024, null], ['上年收支总计', 531.62, null]], merges: [] },
    performanceSheet(seedText('000'), { typed: true, name: '2024年度整体支出及项目支出绩效自评表' }),
    // A draft written back with three reasons still to fill in: three T13 of one kind, to fold.
    { name: '情况说明', rows: nationalNarrative().map((l, i) => [/^[123]、/.test(l) && i > 0 ? l.replace(/主要用于：[^。]*。/, '主要用于：【请填写原因】。') : l]), merges: [] },
  );
  expect(spec.sheets).toHaveLength(12);
  return specToXlsx(spec);
}

async function build(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({}, { mode: 'development' });
  config.output = { ...config.output, path: outDir };
  config.devtool = false;
  config.context = root;
  config.entry = { web: './src/web/index.tsx' };
  config.plugins = (config.plugins ?? []).filter((p) => p?.constructor?.name === 'HtmlWebpackPlugin' && (p as unknown as { userOptions: { filename: string } }).userOptions.filename === 'index.html');
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };
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

/** The assistant's box on screen: it must stay at the left, whole, whatever happens in the sheet area. */
async function paneBox(): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('assistant').boundingBox();
  if (!box) throw new Error('the assistant pane is not on the page');
  return box;
}

async function expectPaneInPlace(): Promise<void> {
  const b = await paneBox();
  expect(b.x).toBe(0);
  expect(b.y).toBe(0);
  // The page itself never scrolls: only the sheet area and the pane's own content do.
  expect(await page.evaluate(() => [document.scrollingElement?.scrollTop ?? 0, document.scrollingElement?.scrollLeft ?? 0])).toEqual([0, 0]);
  expect(await page.evaluate(() => document.querySelector('[data-testid=page]')?.scrollLeft ?? 0)).toBe(0);
}

let workbook: Buffer;

beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-layout-'));
  workbook = await twelveSheets();
  await build(out);
  server = await serve(out);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch((await chromiumLaunch()).options);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await serveCjkFont(context);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/index.html`);
  await page.getByTestId('file-input').setInputFiles({ name: '区委办2024年度部门决算.xlsx', mimeType: 'application/octet-stream', buffer: workbook });
  await page.getByTestId('count-error').waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const SHEETS = () => [...NATIONAL_TITLES, '说明数据', '2024年度整体支出及项目支出绩效自评表', '情况说明'];

test('every one of the 12 sheets is reachable by mouse, and the assistant stays', async () => {
  await page.screenshot({ path: path.join(shots, 'layout-1-opened.png') });
  await expectPaneInPlace();
  for (const name of SHEETS()) {
    await page.getByTestId('sheet-picker').click();
    await page.getByRole('menuitemradio', { name: new RegExp(`^${name}`) }).click();
    await page.locator(`table[data-sheet="${name}"]`).waitFor();
    await expectPaneInPlace();
  }
  await page.screenshot({ path: path.join(shots, 'layout-2-last-sheet.png') });
});

test('every sheet is reachable with the keyboard along the tab strip, and the assistant stays', async () => {
  const tabs = page.getByRole('tablist', { name: '工作表' });
  await tabs.getByRole('tab').first().click();
  await page.locator(`table[data-sheet="${SHEETS()[0]}"]`).waitFor();
  for (const name of SHEETS().slice(1)) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator(`table[data-sheet="${name}"]`).waitFor();
    // The tab reached is on screen, inside the strip.
    const tab = tabs.getByRole('tab', { name: new RegExp(`^${name}`) });
    const box = (await tab.boundingBox())!;
    const strip = (await tabs.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(strip.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(strip.x + strip.width + 1);
    await expectPaneInPlace();
  }
  await page.screenshot({ path: path.join(shots, 'layout-3-keyboard.png') });
});

test('clicking a finding shows its cells without moving the assistant', async () => {
  const first = page.getByTestId('finding').first();
  await first.getByText(/定位到单元格/).click();
  await expectPaneInPlace();
  await page.screenshot({ path: path.join(shots, 'layout-4-finding.png') });
});

test('findings filter by severity and by table, and a rule on many cells folds into one line', async () => {
  const all = await page.getByTestId('finding').count();
  expect(all).toBeGreaterThan(3);
  await page.getByTestId('filter-severity').click();
  await page.getByRole('option', { name: /^尾数误差/ }).click();
  const rounding = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.severity));
  expect(rounding.length).toBeGreaterThan(0);
  expect(new Set(rounding)).toEqual(new Set(['rounding']));
  await page.screenshot({ path: path.join(shots, 'layout-5-filter-severity.png') });
  await page.getByTestId('filter-severity').click();
  await page.getByRole('option', { name: /^全部级别/ }).click();
  await page.getByTestId('filter-table').click();
  await page.getByRole('option', { name: /^公开04表/ }).click();
  const tables = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tables));
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) expect(t).toContain('公开04表');
  await page.getByTestId('filter-table').click();
  await page.getByRole('option', { name: /^全部表/ }).click();
  expect(await page.getByTestId('finding').count()).toBe(all);
  // The three 【请填写原因】 left in the 情况说明 (T13) fold into one line that opens.
  const folded = page.locator('[data-testid=folded][data-rule=T13]').first();
  const n = Number(await folded.getAttribute('data-count'));
  expect(n).toBeGreaterThanOrEqual(3);
  await folded.getByTestId('fold-toggle').click();
  expect(await folded.locator('[data-testid=finding][data-rule=T13]').count()).toBe(n);
  await page.screenshot({ path: path.join(shots, 'layout-6-folded-open.png') });
  // Groups in table order: 公开01表 … 公开09表, then 情况说明, then the 绩效 tables.
  const groups = await page.locator('[data-testid=assistant] [data-testid=group]').allTextContents();
  const order = groups.map((g) => (/^公开(\d\d)表/.exec(g) ? Number(/^公开(\d\d)表/.exec(g)![1]) : /^情况说明/.test(g) ? 100 : /绩效/.test(g) ? 200 : 300));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // No internal ids where users read: R10, not R10.total; no profile id.
  const text = (await page.getByTestId('assistant').textContent()) ?? '';
  expect(text).not.toMatch(/[RX]\d\d\.[a-z]/);
  expect(text).not.toMatch(/hunan-2024|national-2024/);
});

test('清除标记 clears the marks and keeps the list', async () => {
  const before = await page.getByTestId('finding').count();
  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText(/已清除单元格上的标记/).waitFor();
  expect(await page.locator('td[data-severity]').count()).toBe(0);
  expect(await page.getByTestId('finding').count()).toBe(before);
  await page.screenshot({ path: path.join(shots, 'layout-7-cleared.png') });
});

test('threw no error', () => {
  expect(pageErrors).toEqual([]);
});
