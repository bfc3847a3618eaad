/**
 * `npm run build:wps` as README's WPS section does it (webpack.wps.config.js,
 * `--env baseUrl=https://jsgk.example.gov.cn/juesuan/`), built once, and what
 * must hold of the add-in folder it writes:
 *
 * - the files WPS looks for at the folder's root (index.html, ribbon.xml), the
 *   pane, the icons, and the lists for deployment (jsplugins.xml for a unit,
 *   install/publish.xml and install/local/publish.xml for one user), naming
 *   <baseUrl>wps/ — the same server as the Excel add-in;
 * - index.html loads main.js at once (not deferred), and main.js, run on its
 *   own, defines every callback ribbon.xml names; the icons it gives exist;
 * - every script is ES2017, as the Excel pane's;
 * - the built pane (taskpane.html and its scripts, run in jsdom) on the fake
 *   ET object model: 运行检查 lists the findings and marks the workbook.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as acorn from 'acorn';
import { JSDOM, VirtualConsole } from 'jsdom';
import webpack from 'webpack';
import { newerSyntax, parseErrorAs, summarize } from '../helpers/es-syntax';
import { seed000Spec } from '../fixtures';
import { FakeEt } from './wps.fake';

const root = path.join(__dirname, '..', '..');
const UNIT = 'https://jsgk.example.gov.cn/juesuan/';
const ADDIN = `${UNIT}wps/`;
const VERSION = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

jest.setTimeout(400_000);

let out: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-wps-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.wps.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({ baseUrl: UNIT, outDir: out }, { mode: 'production' });
  await new Promise<void>((resolve, reject) =>
    webpack({ ...config, context: root }, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

test('npm run build:wps is this configuration', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts['build:wps']).toBe('webpack --config webpack.wps.config.js --mode production');
});

test('the add-in folder: entry page, ribbon, pane, icons, and the lists for a unit and for one user, on the Excel add-in’s server', () => {
  for (const f of ['index.html', 'main.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'assets/icon-16.png', 'assets/icon-32.png', 'jsplugins.xml', 'install/publish.xml', 'install/local/publish.xml']) {
    expect({ f, exists: fs.existsSync(path.join(out, f)) }).toEqual({ f, exists: true });
  }
  expect(read('ribbon.xml')).toBe(fs.readFileSync(path.join(root, 'src', 'wps', 'ribbon.xml'), 'utf8'));
  expect(read('jsplugins.xml')).toContain(`<jspluginonline name="juesuan" type="et" url="${ADDIN}"/>`);
  expect(read('install/publish.xml')).toContain(`<jspluginonline name="juesuan" type="et" url="${ADDIN}" enable="enable_dev" install="null"/>`);
  expect(read('install/local/publish.xml')).toContain(`<jsplugin name="juesuan" type="et" url="juesuan_${VERSION}" version="${VERSION}" enable="enable_dev" install="null"/>`);
  // Relative paths only: the folder works from the server and copied into jsaddons alike.
  for (const page of ['index.html', 'taskpane.html']) expect(read(page)).not.toMatch(/\s(?:src|href)="?(?:[a-z]+:)?\/\//i);
  // No office.js: the WPS pane does not load it.
  expect(read('taskpane.html')).not.toMatch(/office\.js/);
  // The too-old message names the browser page on the same server.
  expect(read('taskpane.html')).toContain(`${UNIT}index.html`);
});

test('index.html loads main.js at once; main.js on its own defines every callback ribbon.xml names', () => {
  expect(read('index.html')).toMatch(/<head>.*<script src="?main\.js"?><\/script>.*<\/head>/s);
  expect(read('index.html')).not.toMatch(/defer|async|type="?module/);
  const sandbox: Record<string, unknown> = { location: { href: `${ADDIN}index.html` }, console: { log() {}, warn() {}, error() {} } };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.runInNewContext(read('main.js'), sandbox, { filename: 'main.js' });
  const callbacks = [...read('ribbon.xml').matchAll(/\b(?:onLoad|onAction|getImage)="([^"]+)"/g)].map((m) => m[1]!);
  for (const c of new Set(callbacks)) expect({ c, type: typeof sandbox[c] }).toEqual({ c, type: 'function' });
  const getImage = sandbox.GetImage as (c: { Id: string }) => string;
  for (const [, id] of read('ribbon.xml').matchAll(/<button id="([^"]+)"/g)) expect(fs.existsSync(path.join(out, getImage({ Id: id! })))).toBe(true);
  expect((sandbox.OnAddinLoad as (r: unknown) => boolean)({})).toBe(true);
});

test('every script is ES2017, as the Excel pane’s (whatever Chromium the WPS build embeds)', () => {
  const scripts = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  expect(scripts).toEqual(expect.arrayContaining(['main.js', 'taskpane.js']));
  const problems = scripts.flatMap((f) => summarize(newerSyntax(read(f))).map((p) => `${f}: ${p}`));
  expect(problems).toEqual([]);
  for (const f of scripts) expect({ f, es2017: parseErrorAs(read(f), 2017) }).toEqual({ f, es2017: undefined });
  // The pane's inline check runs before the bundle, in any engine: ES5.
  const inline = [...read('taskpane.html').matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(inline).toHaveLength(1);
  expect(() => acorn.parse(inline[0]!, { ecmaVersion: 5 })).not.toThrow();
});

test('the built pane on the fake ET: 运行检查 lists the findings and marks the workbook', async () => {
  const x = FakeEt.fromSpec(seed000Spec());
  const f8 = x.cellAt(x.sheet('公开01表'), 7, 5, true);
  f8.value = (f8.value as number) + 1;
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => errors.push(String(e.message)));
  const dom = new JSDOM(read('taskpane.html'), {
    url: `file://${path.join(out, 'taskpane.html')}`,
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      Object.assign(window, { Application: x.application, ResizeObserver: class { observe() {} unobserve() {} disconnect() {} } });
      Object.assign(window, { matchMedia: () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} }) });
    },
  });
  const doc = dom.window.document;
  const until = async (f: () => boolean, what: string) => {
    for (let i = 0; i < 400 && !f(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!f()) throw new Error(`${what}: ${errors.join(' | ')} ${doc.body.textContent?.slice(0, 300)}`);
  };
  const button = (name: string) => [...doc.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  await until(() => button('运行检查') !== undefined, 'the pane did not render');
  expect(doc.getElementById('juesuan-legacy')!.getAttribute('data-shown')).toBeNull();
  button('运行检查')!.click();
  await until(() => doc.querySelectorAll('[data-testid="finding"]').length > 0, 'no findings listed');
  await until(() => x.liveSheets().some((s) => s.name === '检查结果'), 'no 检查结果 sheet');
  expect(doc.querySelector('[data-testid="count-error"]')!.textContent).toMatch(/错误 [1-9]/);
  expect([...x.fills().keys()].some((k) => k.startsWith('公开01表!'))).toBe(true);
  expect(errors).toEqual([]);
  dom.window.close();
});
