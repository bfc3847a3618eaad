/**
 * Browser bundles:
 * - taskpane: the Excel task pane (Office.js host; no exceljs — it reads through Office.js);
 * - commands: the ribbon's ExecuteFunction handlers (一键检查, 清除标记);
 * - web: the browser page that opens an .xlsx (exceljs host), served by `npm start`.
 * help.html (the manifest's SupportUrl and LearnMoreUrl) is a plain page, copied.
 *
 * Syntax: ES2017. Excel builds on Windows that still use the EdgeHTML webview
 * (EdgeHTML 18) parse ES2017 and nothing newer: no optional chaining, ??,
 * class fields, object spread or optional catch binding (@babel/compat-data:
 * all of them arrive in Edge 79). Our TypeScript is compiled to ES2017, the
 * JavaScript of node_modules (React, Fluent UI…) is lowered to ES2017 by
 * scripts/downlevel-loader.js, and webpack's own runtime is written for ES2017.
 * test/e2e/production-build.test.ts parses the built bundles as ES2017.
 * Internet Explorer (Trident) cannot run the pane at all: taskpane.html says
 * so in Chinese instead of showing a blank pane.
 *
 * `--env baseUrl=https://server/path/` builds for a unit's intranet: the
 * manifest in dist/ points at that server (every URL and the AppDomain), and
 * office.js is served from it too (copied from @microsoft/office-js), so
 * nothing is fetched from the internet. Telemetry scripts of office.js are
 * not copied.
 *
 * `--env https` (npm run start:excel) serves https://localhost:3000 with the
 * certificate of office-addin-dev-certs (created offline, its CA trusted by
 * `npx office-addin-dev-certs install`): Excel refuses webpack-dev-server's
 * own self-signed one.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_BASE = 'https://localhost:3000/';
const OFFICE_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
/** pdfjs-dist, for the browser page's PDFs: its CJK character maps are served beside the page (src/web/pdf-in-page.ts). */
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
/** The syntax level of every bundle (see above). */
const ES_TARGET = 'es2017';

/**
 * The manifest for an add-in served from `baseUrl` (ending in `/`): every
 * URL under the development server is moved under baseUrl, and the
 * AppDomain becomes baseUrl's origin.
 */
function rebaseManifest(xml, baseUrl) {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:') throw new Error(`baseUrl 必须是 https 地址（Office 只加载 https 页面）：${baseUrl}`);
  if (!base.pathname.endsWith('/') || base.search || base.hash) throw new Error(`baseUrl 必须以 / 结尾，且不带 ? 或 #：${baseUrl}`);
  const devOrigin = new URL(DEV_BASE).origin;
  return xml
    .split(DEV_BASE)
    .join(base.href)
    .replace(/(<AppDomain>\s*)([^<]*?)(\s*<\/AppDomain>)/g, (m, open, domain, close) => (domain === devOrigin ? `${open}${base.origin}${close}` : m));
}

/** The configuration; a Promise of it with `--env https` (the certificate is read, or created, first). */
function config(env = {}, argv = {}) {
  const production = (argv.mode ?? 'production') === 'production';
  const baseUrl = (env.baseUrl ?? DEV_BASE).replace(/\/?$/, '/');
  if (env.baseUrl) rebaseManifest('', baseUrl); // a bad baseUrl stops the build before it starts
  const result = {
    mode: production ? 'production' : 'development',
    target: ['web', ES_TARGET],
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      web: './src/web/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // The page must not pull Node built-ins: exceljs resolves to its browser build.
      fallback: { fs: false, path: false, stream: false, crypto: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // useDefineForClassFields: class fields keep the semantics they have at ES2022 (tsconfig.json's target).
          options: { transpileOnly: true, compilerOptions: { module: 'es2020', target: ES_TARGET, useDefineForClassFields: true, sourceMap: !production } },
        },
        {
          test: /\.[cm]?js$/,
          include: /node_modules/,
          // exceljs and pdfjs-dist are only in the browser page (never in the pane), which modern browsers show:
          // their prebuilt files (1 MB; pdfjs 3.5 MB) are left as they are (lowering them costs seconds a build).
          exclude: /node_modules[\\/](exceljs|pdfjs-dist)[\\/]/,
          loader: path.resolve(__dirname, 'scripts/downlevel-loader.js'),
        },
      ],
    },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
    // Quiet: errors and warnings only (`npm start` says itself what it is doing).
    stats: 'errors-warnings',
    infrastructureLogging: { level: 'warn' },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/web/index.html', chunks: ['web'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]', noErrorOnMissing: true },
          { from: 'src/commands/result.html', to: 'result.html' },
          { from: 'src/help/help.html', to: 'help.html' },
          { from: 'assets/sample/*.xlsx', to: 'sample/[name][ext]', noErrorOnMissing: true },
          { from: path.join(PDFJS_DIR, 'cmaps').replace(/\\/g, '/'), to: 'pdfjs/cmaps', info: { minimized: true } },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => rebaseManifest(content.toString(), baseUrl) },
          // office.js and what it loads for Excel, served from our own origin.
          ...['office.js', 'o15apptofilemappingtable.js', 'es6-promise.js'].map((f) => ({ from: path.join(OFFICE_DIST, f), to: `office-js/${f}`, info: { minimized: true } })),
          { from: path.join(OFFICE_DIST, 'excel-*.js').replace(/\\/g, '/'), to: 'office-js/[name][ext]', globOptions: { ignore: ['**/*.debug.js'] }, info: { minimized: true } },
          ...['zh-cn', 'en-us'].map((l) => ({ from: path.join(OFFICE_DIST, l), to: `office-js/${l}`, globOptions: { ignore: ['**/*.debug.js'] }, info: { minimized: true } })),
        ],
      }),
    ],
    devServer: {
      port: 3000,
      host: 'localhost',
      static: false,
      hot: false,
      liveReload: false,
      client: false,
      open: false,
      headers: { 'Access-Control-Allow-Origin': 'same-origin' },
    },
  };
  if (!env.https) return result;
  return httpsServer().then((server) => ({ ...result, devServer: { ...result.devServer, server } }));
}

/**
 * webpack-dev-server's `server` option for https: the certificate and key
 * office-addin-dev-certs keeps in ~/.office-addin-dev-certs (it creates them,
 * offline, when missing or expired, and asks to trust its CA). The package
 * comes with office-addin-debugging (npm run start:excel).
 */
async function httpsServer() {
  let devCerts;
  try {
    devCerts = require('office-addin-dev-certs');
  } catch {
    throw new Error('找不到 office-addin-dev-certs（随 office-addin-debugging 安装）：请先运行 npm install。');
  }
  const { ca, cert, key } = await devCerts.getHttpsServerOptions();
  return { type: 'https', options: { ca, cert, key } };
}

module.exports = config;
module.exports.rebaseManifest = rebaseManifest;
module.exports.DEV_BASE = DEV_BASE;
