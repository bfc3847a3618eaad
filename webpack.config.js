/**
 * Browser bundles:
 * - taskpane: the Excel task pane (Office.js host; no exceljs — it reads through Office.js);
 * - commands: the ribbon's ExecuteFunction handlers (一键检查, 清除标记);
 * - web: the browser page that opens an .xlsx (exceljs host), served by `npm start`.
 *
 * `--env baseUrl=https://server/path/` builds for a unit's intranet: the
 * manifest in dist/ points at that server, and office.js is served from it
 * too (copied from @microsoft/office-js), so nothing is fetched from the
 * internet. Telemetry scripts of office.js are not copied.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_BASE = 'https://localhost:3000/';
const OFFICE_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? 'production') === 'production';
  const baseUrl = (env.baseUrl ?? DEV_BASE).replace(/\/?$/, '/');
  return {
    mode: production ? 'production' : 'development',
    target: 'web',
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
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: !production } }, exclude: /node_modules/ }],
    },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/web/index.html', chunks: ['web'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]', noErrorOnMissing: true },
          { from: 'src/commands/result.html', to: 'result.html' },
          { from: 'assets/sample/*.xlsx', to: 'sample/[name][ext]', noErrorOnMissing: true },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().split(DEV_BASE).join(baseUrl),
          },
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
      ...(env.https ? { server: 'https' } : {}),
    },
  };
};
