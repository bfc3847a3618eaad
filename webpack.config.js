/**
 * Browser bundles. For now the pure core as a library (proof that it needs
 * nothing from Node); the task pane, the ribbon commands and the browser
 * page are added as entries by the add-in work.
 */
const path = require('node:path');

module.exports = (env, argv) => ({
  mode: argv.mode ?? 'production',
  target: 'web',
  entry: {
    'juesuan-core': './src/core/index.ts',
  },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    library: { name: 'JuesuanCore', type: 'umd' },
    clean: true,
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js'],
    // The core must not reach for Node built-ins: fail the build if it does.
    fallback: { fs: false, path: false, stream: false, crypto: false },
  },
  module: {
    rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true }, exclude: /node_modules/ }],
  },
  devtool: false,
  performance: { hints: false },
});
