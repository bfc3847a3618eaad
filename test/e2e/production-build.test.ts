/**
 * One production build for a unit's intranet server, as README's 内网部署
 * does it (`webpack --mode production --env baseUrl=https://jsgk.example.gov.cn/juesuan/`;
 * the browser page's entry is left out to save its minification, nothing
 * here looks at it), and what must hold of what it writes:
 * - the task pane and commands bundles, and every chunk they load, are
 *   ES2017 — what Excel's EdgeHTML webview parses — node_modules (React,
 *   Fluent UI) included;
 * - the manifest names only the unit's server (AppDomain too), every URL it
 *   names exists in dist/ (help.html included), and it validates;
 * - taskpane.html in Chromium: the pane as usual, no message; with Internet
 *   Explorer's user agent, or a bundle that cannot run, a Chinese message
 *   instead of a blank pane.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import webpack from 'webpack';
import { chromiumLaunch, serveCjkFont } from '../helpers/browser';
import { newerSyntax, parseErrorAs, summarize } from '../helpers/es-syntax';
import { manifestUrls, validateManifest } from '../helpers/manifest-schema';

const root = path.join(__dirname, '..', '..');
const shots = path.join(root, 'test', 'output');
const UNIT = 'https://jsgk.example.gov.cn/juesuan/';
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';

jest.setTimeout(300_000);

let dist: string;
let server: http.Server;
let origin: string;
let browser: Browser;

async function build(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({ baseUrl: UNIT }, { mode: 'production' });
  const entry = { ...(config.entry as Record<string, string>) };
  delete entry.web;
  await new Promise<void>((resolve, reject) =>
    webpack({ ...config, entry, context: root, output: { ...config.output, path: outDir } }, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'text/xml' };
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
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-dist-'));
  await build(dist);
  server = await serve(dist);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch((await chromiumLaunch()).options);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Syntax

describe('the task pane and commands bundles are ES2017 (Excel’s EdgeHTML webview)', () => {
  /** taskpane.js, commands.js and their chunks: every script in dist/ but office.js's own. */
  const scripts = () => fs.readdirSync(dist).filter((f) => f.endsWith('.js'));

  test('the build has the two bundles, and no browser page bundle (left out here)', () => {
    expect(scripts()).toEqual(expect.arrayContaining(['taskpane.js', 'commands.js']));
    expect(scripts()).not.toContain('web.js');
  });

  test('no syntax newer than ES2017 in any of them: no ?., ??, class fields, object spread, BigInt, lookbehind…', () => {
    const problems = scripts().flatMap((f) => summarize(newerSyntax(fs.readFileSync(path.join(dist, f), 'utf8'))).map((p) => `${f}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('acorn parses each of them as ES2017 and as ES2019', () => {
    for (const f of scripts()) {
      const source = fs.readFileSync(path.join(dist, f), 'utf8');
      expect({ f, es2017: parseErrorAs(source, 2017), es2019: parseErrorAs(source, 2019) }).toEqual({ f, es2017: undefined, es2019: undefined });
    }
  });
});

// ---------------------------------------------------------------------------
// The manifest and the pages it names

describe('dist/manifest.xml for the unit’s server', () => {
  const manifest = () => fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8');

  test('no localhost remains, every URL is under the unit’s server, the AppDomain is its origin', () => {
    expect(manifest()).not.toMatch(/localhost|127\.0\.0\.1|:3000/);
    const urls = manifestUrls(manifest());
    expect(urls.length).toBeGreaterThan(8);
    expect(urls.filter((u) => !u.startsWith(UNIT))).toEqual(['https://jsgk.example.gov.cn']);
    expect(manifest()).toContain('<AppDomain>https://jsgk.example.gov.cn</AppDomain>');
  });

  test('every URL it names exists in dist/ (help.html included)', () => {
    const files = manifestUrls(manifest())
      .filter((u) => u.startsWith(UNIT))
      .map((u) => u.slice(UNIT.length));
    expect(files).toEqual(expect.arrayContaining(['taskpane.html', 'commands.html', 'help.html', 'assets/icon-32.png']));
    expect(files.filter((f) => !fs.existsSync(path.join(dist, f)))).toEqual([]);
  });

  test('it validates against the Office add-in schemas', async () => {
    const r = await validateManifest(manifest());
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  test('help.html is built, and asks for nothing outside its own directory', () => {
    const help = fs.readFileSync(path.join(dist, 'help.html'), 'utf8');
    expect(help).toContain('决算公开助手');
    expect(help).not.toMatch(/\s(?:src|href)="(?:[a-z]+:)?\/\//i);
  });
});

// ---------------------------------------------------------------------------
// taskpane.html where the pane cannot run

describe('taskpane.html in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  async function open(options: { userAgent?: string; bundle?: (real: string) => string; before?: string } = {}): Promise<void> {
    context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', ...(options.userAgent ? { userAgent: options.userAgent } : {}) });
    await serveCjkFont(context);
    if (options.before) await context.addInitScript(options.before);
    if (options.bundle) {
      const real = fs.readFileSync(path.join(dist, 'taskpane.js'), 'utf8');
      await context.route(`${origin}/taskpane.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: options.bundle!(real) }));
    }
    page = await context.newPage();
    errors.length = 0;
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/taskpane.html`);
  }

  afterEach(async () => {
    await context?.close();
  });

  const message = () => page.locator('#juesuan-legacy');

  test('the pane as usual (outside Excel it says where to open it), and no message, even after a later error', async () => {
    await open();
    await page.getByText('这是 Excel 加载项的任务窗格，请在 Excel 中打开').waitFor();
    await page.screenshot({ path: path.join(shots, 'taskpane-chromium.png') });
    expect(errors).toEqual([]);
    expect(await message().isVisible()).toBe(false);
    expect(await message().textContent()).toBe('');
    // An error once the pane is up is not the webview's age.
    await page.evaluate(() => setTimeout(() => { throw new Error('later'); }, 0));
    await page.waitForTimeout(200);
    expect(errors).toEqual(['later']);
    expect(await message().isVisible()).toBe(false);
    expect(await page.locator('#root').isVisible()).toBe(true);
  });

  test('Internet Explorer (Trident): a Chinese message, the browser page’s address, no blank pane', async () => {
    await open({ userAgent: IE11 });
    await message().waitFor({ state: 'visible' });
    const text = (await message().textContent()) ?? '';
    expect(text).toContain('此版本的 Excel 使用的浏览器组件过旧，无法显示决算公开助手。请升级 Office');
    expect(text).toContain(`${origin}/index.html`);
    expect(await message().getAttribute('data-shown')).toBe('too-old');
    expect(await page.locator('#root').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(shots, 'taskpane-too-old.png') });
  });

  test('an engine without BigInt (EdgeHTML, the older Office webview): the same message, before the bundle runs', async () => {
    await open({ before: 'delete window.BigInt;' });
    await message().waitFor({ state: 'visible' });
    expect(await message().getAttribute('data-shown')).toBe('too-old');
    expect(await message().textContent()).toContain('missing: BigInt');
    expect(await page.locator('#root').isVisible()).toBe(false);
  });

  test('a bundle the webview cannot parse: the same message, with the error', async () => {
    await open({ bundle: (real) => `const tooNew = 1 +;\n${real}` });
    await message().waitFor({ state: 'visible' });
    expect(await message().getAttribute('data-shown')).toBe('too-old');
    expect(await message().textContent()).toContain('此版本的 Excel 使用的浏览器组件过旧');
    expect(await message().textContent()).toMatch(/SyntaxError.*taskpane\.js/);
    expect(await page.locator('#root').isVisible()).toBe(false);
  });

  test('a bundle that fails while starting: the pane did not start, the browser page instead, and the error', async () => {
    await open({ bundle: (real) => `throw new TypeError("Object doesn't support property or method 'flatMap'");\n${real}` });
    await message().waitFor({ state: 'visible' });
    expect(await message().getAttribute('data-shown')).toBe('failed');
    const text = (await message().textContent()) ?? '';
    expect(text).toContain('决算公开助手未能启动');
    expect(text).toContain(`${origin}/index.html`);
    expect(text).toContain("Object doesn't support property or method 'flatMap'");
  });
});
