/**
 * The WPS 加载项 (WPS 表格) build: `npm run build:wps` writes the add-in
 * folder to dist-wps/ (or --env outDir=…):
 *
 *   index.html, main.js   the add-in's entry page, which WPS loads when it
 *                         starts: the ribbon callbacks (src/wps/main.ts)
 *   ribbon.xml            the 决算公开 tab (src/wps/ribbon.xml)
 *   taskpane.html/.js     the task pane: the same React pane as in Excel, on
 *                         the WPS host (src/wps/taskpane.tsx)
 *   assets/icon-16.png, assets/icon-32.png
 *   jsplugins.xml         for a unit: the list WPS fetches from the server
 *                         named by oem.ini's JSPluginsServer
 *   install/publish.xml   for one user, the add-in loaded from the server
 *   install/local/publish.xml
 *                         for one user without a server: the folder copied
 *                         into the local jsaddons folder as juesuan_<version>
 *
 * `--env baseUrl=https://server/path/` is the same server and path as the
 * Excel add-in's build (webpack.config.js): the WPS folder is served from
 * <baseUrl>wps/, and the pane's message for a too-old WPS points to the
 * browser page at <baseUrl>index.html. WPS also loads add-ins over plain
 * http, so an http baseUrl is accepted here (the Excel add-in needs https).
 * Without baseUrl the lists point at http://127.0.0.1:3889/ (wpsjs's
 * development port), for a try on one machine.
 *
 * The file names and formats follow the vendor's toolkit, npm wpsjs 2.2.3:
 * ribbon.xml and index.html at the add-in folder's root, the online entry
 * <jspluginonline name type url …/> whose url + "ribbon.xml" must answer
 * (src/lib/publish.js, debug_publish.js), the local entry <jsplugin name
 * type url="<name>_<version>" version …/> (src/lib/build.js, the --exe
 * installer), enable="enable_dev" install="null" as wpsjs writes them.
 *
 * Syntax: the same ES2017 and loaders as the Excel pane (webpack.config.js's
 * module rules are reused, exceljs lowered too), so whatever Chromium a WPS
 * build embeds, an engine that parses ES2017 and has BigInt runs it; an
 * older one gets a Chinese message (src/wps/taskpane.html).
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const excelConfig = require('./webpack.config.js');

/** The add-in's name in WPS (jsplugins.xml, publish.xml, the local folder). */
const ADDIN_NAME = 'juesuan';
/** WPS 表格. */
const ADDIN_TYPE = 'et';
const DEV_BASE = 'http://127.0.0.1:3889/';

/** baseUrl → the WPS folder's URL (<baseUrl>wps/) and the browser page's. */
function urlsOf(baseUrl) {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`baseUrl 必须是 http 或 https 地址：${baseUrl}`);
  if (!base.pathname.endsWith('/') || base.search || base.hash) throw new Error(`baseUrl 必须以 / 结尾，且不带 ? 或 #：${baseUrl}`);
  return { addin: new URL('wps/', base).href, page: new URL('index.html', base).href };
}

const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** For a unit: the list WPS fetches from JSPluginsServer (oem.ini). */
function jspluginsXml(addinUrl) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${xmlEscape(addinUrl)}"/>\n</jsplugins>\n`;
}

/** For one user: the jsaddons folder's publish.xml, the add-in loaded from the server. */
function publishXmlOnline(addinUrl) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${xmlEscape(addinUrl)}" enable="enable_dev" install="null"/>\n</jsplugins>\n`;
}

/** For one user without a server: the folder copied into jsaddons as <name>_<version>. */
function publishXmlLocal(version) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${ADDIN_NAME}_${version}" version="${version}" enable="enable_dev" install="null"/>\n</jsplugins>\n`;
}

/**
 * The Excel build leaves exceljs as it is (only the browser page uses it
 * there); the WPS pane may load it (新年度 writes a workbook with it), and
 * nothing says which Chromium a WPS build embeds: here it is lowered too.
 */
function everythingLowered(rule) {
  if (!String(rule.loader ?? '').endsWith('downlevel-loader.js')) return rule;
  const { exclude: _exceljs, ...rest } = rule;
  return rest;
}

function config(env = {}, argv = {}) {
  const production = (argv.mode ?? 'production') === 'production';
  const version = require('./package.json').version;
  const given = env.baseUrl ? String(env.baseUrl).replace(/\/?$/, '/') : undefined;
  const urls = given ? urlsOf(given) : { addin: DEV_BASE, page: '' };
  // The Excel build's rules, resolution and target: one set of loaders and one syntax level.
  const excel = excelConfig({}, { mode: production ? 'production' : 'development' });
  const outDir = env.outDir ? path.resolve(String(env.outDir)) : path.resolve(__dirname, 'dist-wps');
  return {
    mode: production ? 'production' : 'development',
    target: excel.target,
    entry: {
      main: './src/wps/main.ts',
      taskpane: './src/wps/taskpane.tsx',
    },
    output: {
      path: outDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Relative: the folder works from the server and copied into jsaddons alike.
      publicPath: '',
      clean: true,
    },
    resolve: excel.resolve,
    module: { ...excel.module, rules: excel.module.rules.map(everythingLowered) },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
    stats: 'errors-warnings',
    infrastructureLogging: { level: 'warn' },
    plugins: [
      // The entry page: main.js in the head, not deferred, so the ribbon's callbacks exist before WPS calls them.
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/wps/index.html', chunks: ['main'], inject: 'head', scriptLoading: 'blocking' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/wps/taskpane.html', chunks: ['taskpane'], pageUrl: urls.page }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'assets/icon-16.png', to: 'assets/icon-16.png' },
          { from: 'assets/icon-32.png', to: 'assets/icon-32.png' },
        ],
      }),
      {
        // The lists for deployment, made from baseUrl and the version.
        apply(compiler) {
          compiler.hooks.thisCompilation.tap('JuesuanWpsLists', (compilation) => {
            compilation.hooks.processAssets.tap({ name: 'JuesuanWpsLists', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
              const { RawSource } = compiler.webpack.sources;
              compilation.emitAsset('jsplugins.xml', new RawSource(jspluginsXml(urls.addin)));
              compilation.emitAsset('install/publish.xml', new RawSource(publishXmlOnline(urls.addin)));
              compilation.emitAsset('install/local/publish.xml', new RawSource(publishXmlLocal(version)));
            });
          });
        },
      },
    ],
  };
}

module.exports = config;
module.exports.ADDIN_NAME = ADDIN_NAME;
module.exports.urlsOf = urlsOf;
