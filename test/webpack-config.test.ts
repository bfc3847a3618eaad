/**
 * The build configuration, without building (test/e2e/production-build.test.ts
 * builds once and checks what comes out):
 * - the bundles are written for ES2017 (Excel's EdgeHTML webview), node_modules
 *   included, through scripts/downlevel-loader.js — which lowers newer syntax
 *   without changing what the code does;
 * - `--env https` serves the certificate of office-addin-dev-certs (Excel
 *   refuses webpack-dev-server's self-signed one);
 * - the dev server is quiet, `npm start` prints the page's URL itself;
 * - taskpane.html's inline script is ES5 (it must run in Internet Explorer);
 * - help.html is built, in Chinese, with no external resources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as acorn from 'acorn';
import { newerSyntax, parseErrorAs, summarize } from './helpers/es-syntax';

const mockHttpsOptions = { ca: Buffer.from('ca'), cert: Buffer.from('cert'), key: Buffer.from('key') };
const mockGetHttpsServerOptions = jest.fn(async () => mockHttpsOptions);
jest.mock('office-addin-dev-certs', () => ({ getHttpsServerOptions: mockGetHttpsServerOptions }));

const root = path.join(__dirname, '..');
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => Config | Promise<Config>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const downlevel = require(path.join(root, 'scripts', 'downlevel-loader.js')) as (this: { resourcePath: string }, source: string) => string;

describe('https for Excel (npm run start:excel: webpack serve --env https)', () => {
  test('serves the certificate and key of office-addin-dev-certs', async () => {
    const config = await makeConfig({ https: true }, { mode: 'development' });
    expect(mockGetHttpsServerOptions).toHaveBeenCalledTimes(1);
    expect(config.devServer.server).toEqual({ type: 'https', options: mockHttpsOptions });
    expect(config.devServer.port).toBe(3000);
  });

  test('without --env https the configuration is plain http, given at once (no certificate asked for)', () => {
    mockGetHttpsServerOptions.mockClear();
    const config = makeConfig({}, { mode: 'development' }) as Config;
    expect(config).not.toBeInstanceOf(Promise);
    expect(config.devServer.server).toBeUndefined();
    expect(mockGetHttpsServerOptions).not.toHaveBeenCalled();
  });

  test('office-addin-dev-certs is installed (it comes with office-addin-debugging)', () => {
    const pkg = JSON.parse(fs.readFileSync(require.resolve('office-addin-dev-certs/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^\d+\./);
    expect(jest.requireActual<{ getHttpsServerOptions: unknown }>('office-addin-dev-certs').getHttpsServerOptions).toBeInstanceOf(Function);
  });
});

describe('quiet dev server, npm start prints the URL', () => {
  const config = makeConfig({}, { mode: 'development' }) as Config;

  test('webpack and the dev server log warnings and errors only', () => {
    expect(config.stats).toBe('errors-warnings');
    expect(config.infrastructureLogging).toEqual({ level: 'warn' });
  });

  test('npm start builds the sample, checks it and serves the page from scripts/check-sample.ts, which prints the URL last', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('tsc -p tsconfig.node.json && node build/scripts/check-sample.js');
    const script = fs.readFileSync(path.join(root, 'scripts', 'check-sample.ts'), 'utf8');
    const main = script.slice(script.indexOf('async function main()'));
    const at = ['生成样例工作簿…', '检查样例', '构建页面…', 'await serve()', '浏览器页面：${PAGE}'].map((s) => main.indexOf(s));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!))).toBe(true);
    expect(main.lastIndexOf('say(')).toBe(main.indexOf('say(`浏览器页面：${PAGE}'));
  });
});

describe('ES2017 bundles', () => {
  const config = makeConfig({}, { mode: 'production' }) as Config;

  test('webpack’s runtime, our TypeScript and the JavaScript of node_modules are all written for ES2017', () => {
    expect(config.target).toEqual(['web', 'es2017']);
    const [ts, js] = config.module.rules as Config[];
    expect(ts!.loader).toBe('ts-loader');
    expect(ts!.options.compilerOptions).toMatchObject({ target: 'es2017', useDefineForClassFields: true });
    expect(js!.loader).toBe(path.join(root, 'scripts', 'downlevel-loader.js'));
    expect(js!.include.test(path.join(root, 'node_modules', 'react', 'index.js'))).toBe(true);
    expect(js!.test.test('x.mjs')).toBe(true);
  });

  const loaded = (source: string) => downlevel.call({ resourcePath: path.join(root, 'node_modules', 'x', 'index.js') }, source);

  test('the loader passes ES2017 code through untouched', () => {
    const source = 'const f = async (a, ...b) => { for (const x of b) await x; return `${a}` ** 2; };\nmodule.exports = f;\n';
    expect(loaded(source)).toBe(source);
  });

  test('the loader lowers newer syntax to ES2017, and the code computes the same', () => {
    const source = [
      'class Counter { count = 1; #step = 2; static made = 0; next() { this.count += this.#step; return this.count; } }',
      'const o = { a: { b: null } }; const { a, ...rest } = { a: 1, b: 2, c: 3 };',
      'let r; try { JSON.parse("{"); } catch { r = "caught"; }',
      'let z = null; z ??= 5;',
      'return [new Counter().next(), o.a?.b ?? "none", o.x?.y, { ...rest, d: 4 }, r, z, 1_000];',
    ].join('\n');
    expect(newerSyntax(source).map((f) => f.es).sort()).toEqual([2018, 2018, 2019, 2020, 2020, 2020, 2021, 2021, 2022, 2022, 2022, 2022, 2022].sort());
    const lowered = loaded(source);
    expect(summarize(newerSyntax(lowered))).toEqual([]);
    expect(parseErrorAs(`(function () {\n${lowered}\n})`, 2017)).toBeUndefined();
    const run = (code: string) => new Function(code)() as unknown;
    expect(run(lowered)).toEqual([3, 'none', undefined, { b: 2, c: 3, d: 4 }, 'caught', 5, 1000]);
    expect(run(lowered)).toEqual(run(source));
  });

  test('what cannot be lowered (BigInt, regex lookbehind) stays, and is found', () => {
    const found = newerSyntax(loaded('module.exports = [10n ** 2n, /(?<!万)元$/.test("元")];'));
    expect(found.map((f) => f.feature)).toEqual(['BigInt literal 1n', 'BigInt literal 1n', 'regular expression lookbehind (?<= (?<!']);
  });

  test('newerSyntax sees each feature the EdgeHTML webview cannot parse, and nothing in ES2017 code', () => {
    const cases: Record<string, string> = {
      'optional chaining ?.': 'a?.b',
      'nullish coalescing ??': 'a ?? b',
      'class field': 'class A { x = 1 }',
      'object spread {...x}': 'x = { ...a }',
      'object rest {...x} =': 'const { ...r } = a',
      'optional catch binding catch {}': 'try {} catch {}',
      'async generator': 'async function* g() {}',
      'for await': 'async function f() { for await (const x of y); }',
      'BigInt literal 1n': 'x = 1n',
      'regular expression named group (?<name>': 'x = /(?<y>a)/',
      'regular expression flag s': 'x = /a.b/s',
      'regular expression \\p{…}': 'x = /\\p{L}/u',
    };
    for (const [feature, code] of Object.entries(cases)) {
      expect({ code, found: newerSyntax(code).map((f) => f.feature) }).toEqual({ code, found: [feature] });
      expect(parseErrorAs(code, 2017)).toBeDefined();
    }
    const es2017 = 'const f = async ({ a, b: [c] }, ...d) => { class K extends Array { static of() { return [...d]; } } for (const k in a) await c; return a ** 2 + `${c}`; };';
    expect(newerSyntax(es2017)).toEqual([]);
    expect(parseErrorAs(es2017, 2017)).toBeUndefined();
  });
});

describe('taskpane.html', () => {
  const html = fs.readFileSync(path.join(root, 'src', 'taskpane', 'taskpane.html'), 'utf8');
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

  test('its inline script, which must run in Internet Explorer, is ES5', () => {
    expect(inline).toHaveLength(1);
    expect(() => acorn.parse(inline[0]!, { ecmaVersion: 5 })).not.toThrow();
    expect(inline[0]).toContain('此版本的 Excel 使用的浏览器组件过旧');
  });

  test('it comes after #root and the message box, and the bundle is deferred to after it', () => {
    expect(html.indexOf('<script>')).toBeGreaterThan(html.indexOf('id="juesuan-legacy"'));
    const config = makeConfig({}, { mode: 'production' }) as Config;
    const pane = (config.plugins as Array<{ userOptions?: { filename?: string; scriptLoading?: string; inject?: unknown } }>).find((p) => p.userOptions?.filename === 'taskpane.html')!;
    expect(pane.userOptions!.scriptLoading ?? 'defer').toBe('defer');
  });
});

describe('help.html (the manifest’s SupportUrl and LearnMoreUrl)', () => {
  const file = path.join(root, 'src', 'help', 'help.html');
  const html = fs.readFileSync(file, 'utf8');

  test('is built into dist/', () => {
    const config = makeConfig({}, { mode: 'production' }) as Config;
    const copy = config.plugins.find((p: Config) => p.constructor.name === 'CopyPlugin') as Config;
    expect(copy.patterns).toContainEqual({ from: 'src/help/help.html', to: 'help.html' });
  });

  test('says in Chinese what the add-in does, how to install it for one user and where to get help', () => {
    expect(html).toContain('<html lang="zh-CN">');
    for (const heading of ['在 Excel 中使用', '为自己安装（一位用户）', '获取帮助']) expect(html).toContain(`<h2>${heading}</h2>`);
    for (const step of ['受信任的加载项目录', '上载我的加载项', 'index.html', '--env baseUrl=', 'https', 'manifest.xml']) expect(html).toContain(step);
  });

  test('is plain HTML with no external resource: no script, no stylesheet, image or font from anywhere', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    const refs = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['index.html']);
  });
});
