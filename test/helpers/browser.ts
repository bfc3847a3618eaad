/**
 * Chromium for the tests and the benchmark, with nothing installed by hand.
 *
 * - chromiumLaunch(): the browser to drive with playwright-core, in this
 *   order: $CHROMIUM_PATH, the system's /usr/bin/chromium, else the Chromium
 *   shipped inside the npm package @sparticuz/chromium (unpacked once to the
 *   temporary directory, ≈ 3 s, then reused).
 * - serveCjkFont(context): that Chromium has no CJK font, and a fresh machine
 *   may have none either, so Chinese text would not be drawn in screenshots.
 *   The pages get Noto Sans SC from the npm package @fontsource/noto-sans-sc,
 *   served from their own origin.
 *
 * Test-only code: used by test/e2e/ and scripts/bench.ts, never by src/.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, LaunchOptions } from 'playwright-core';

/** Flags for a closed network: no update, sync, QUIC or background requests, no GPU. */
const COMMON_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * @sparticuz/chromium's own flags (made for AWS Lambda) that are not taken:
 * playwright sets headless itself; the page must run with normal web security;
 * --single-process closes the whole browser with the first context closed.
 */
const DROPPED_ARGS = /^--(headless|disable-web-security|allow-running-insecure-content|single-process)\b/;

export interface ChromiumLaunch {
  /** Where the browser comes from, for messages: CHROMIUM_PATH, /usr/bin/chromium or @sparticuz/chromium <version>. */
  readonly from: string;
  /** For playwright-core's chromium.launch(). */
  readonly options: LaunchOptions & { executablePath: string };
}

export async function chromiumLaunch(): Promise<ChromiumLaunch> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (!fs.existsSync(env)) throw new Error(`CHROMIUM_PATH=${env} does not exist`);
    return { from: `CHROMIUM_PATH (${env})`, options: { executablePath: env, args: [...COMMON_ARGS, ...root] } };
  }
  if (fs.existsSync('/usr/bin/chromium')) return { from: '/usr/bin/chromium', options: { executablePath: '/usr/bin/chromium', args: [...COMMON_ARGS, ...root] } };
  const { dir, version, args } = await unpackNpmChromium();
  return {
    from: `@sparticuz/chromium ${version} (${dir})`,
    options: {
      executablePath: path.join(dir, 'chromium'),
      args: [...args.filter((a) => !DROPPED_ARGS.test(a)), ...COMMON_ARGS],
      // Its own fontconfig (Open Sans only), so that pages render the same whatever the machine has.
      env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'juesuan-fonts.conf') } as Record<string, string>,
    },
  };
}

/**
 * Unpacks @sparticuz/chromium into <tmp>/juesuan-chromium-<version>/ once.
 * The package is an ES module, which jest's require cannot load, so a child
 * node does the unpacking (into a private directory, renamed into place when
 * complete: an interrupted run leaves no half-written browser behind).
 */
async function unpackNpmChromium(): Promise<{ dir: string; version: string; args: string[] }> {
  const pkgDir = path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..');
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = path.join(os.tmpdir(), `juesuan-chromium-${version}`);
  const argsFile = path.join(dir, 'juesuan-args.json');
  if (!fs.existsSync(argsFile)) {
    const staging = fs.mkdtempSync(`${dir}.partial-`);
    try {
      const script = `import('@sparticuz/chromium').then(async ({ default: c }) => { await c.executablePath(); process.stdout.write(JSON.stringify(c.args)); })`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: pkgDir, env: { ...process.env, TMPDIR: staging }, maxBuffer: 1 << 20 });
      const fontsDir = path.join(dir, 'fonts', 'fonts');
      fs.writeFileSync(
        path.join(staging, 'juesuan-fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${fontsDir}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
      fs.writeFileSync(path.join(staging, 'juesuan-args.json'), stdout); // written last: its presence means complete
      try {
        fs.renameSync(staging, dir);
      } catch (e) {
        if (!fs.existsSync(argsFile)) throw e; // else another run finished first: use its copy
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return { dir, version, args: JSON.parse(fs.readFileSync(argsFile, 'utf8')) as string[] };
}

/**
 * The font families the pages ask for (src/web/index.html, the task pane,
 * Fluent UI's fontFamilyBase all start with 'Segoe UI'); none exists on
 * Linux. Each is given Noto Sans SC's faces, so the text is drawn in it.
 */
const PAGE_FAMILIES = ['Segoe UI', 'Microsoft YaHei', 'PingFang SC'];
const FONT_PATH = '/__test-cjk-font/';

/**
 * Gives every page of the context Noto Sans SC (@fontsource/noto-sans-sc,
 * woff2 subsets loaded by unicode-range) under its own origin: HTML documents
 * get a stylesheet link, and the stylesheet and font files are answered from
 * node_modules. No request leaves the page's origin.
 */
export async function serveCjkFont(context: BrowserContext): Promise<void> {
  const fontDir = path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));
  // Regular and bold (Fluent's semibold 600 takes the bold faces).
  const faces = ['400.css', '700.css'].map((f) => fs.readFileSync(path.join(fontDir, f), 'utf8')).join('\n');
  if (!faces.includes("font-family: 'Noto Sans SC';")) throw new Error('@fontsource/noto-sans-sc: unexpected CSS');
  const css = [faces, ...PAGE_FAMILIES.map((f) => faces.replaceAll("font-family: 'Noto Sans SC';", `font-family: '${f}';`))].join('\n');
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname.startsWith(FONT_PATH)) {
      const rest = url.pathname.slice(FONT_PATH.length);
      if (rest === 'fonts.css') return route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', body: css });
      const file = path.join(fontDir, 'files', path.basename(rest));
      if (!rest.startsWith('files/') || !fs.existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: file.endsWith('.woff2') ? 'font/woff2' : 'font/woff', body: fs.readFileSync(file) });
    }
    if (request.resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const type = response.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html')) return route.fulfill({ response });
    const html = await response.text();
    const link = `<link rel="stylesheet" href="${FONT_PATH}fonts.css">`;
    const body = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${link}</head>`) : link + html;
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([k]) => k !== 'content-length'));
    return route.fulfill({ response, body, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
  });
}
