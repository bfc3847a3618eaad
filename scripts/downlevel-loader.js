/**
 * webpack loader for the JavaScript of node_modules (webpack.config.js):
 * rewrites a module to ES2017 syntax with TypeScript's transpiler when it
 * uses anything newer (optional chaining, ??, class fields, object spread,
 * optional catch binding…), so that the task pane runs in Excel's EdgeHTML
 * webview, which parses ES2017 and nothing newer. A module that acorn
 * already parses as ES2017 is passed through untouched (most of them), which
 * keeps builds fast. What TypeScript cannot lower (BigInt literals, regular
 * expressions with lookbehind or named groups) stays as written:
 * test/e2e/production-build.test.ts finds it in the built bundles.
 */
const acorn = require('acorn'); // in node_modules through webpack's minimizer (terser)
const ts = require('typescript');

const ECMA_VERSION = 2017;

function parses(source, sourceType) {
  try {
    acorn.parse(source, { ecmaVersion: ECMA_VERSION, sourceType, allowHashBang: true, allowReturnOutsideFunction: true, allowImportExportEverywhere: true });
    return true;
  } catch {
    return false;
  }
}

module.exports = function downlevel(source) {
  if (parses(source, 'module') || parses(source, 'script')) return source;
  return ts.transpileModule(source, {
    fileName: this.resourcePath.replace(/\.[cm]js$/, '.js'),
    reportDiagnostics: false,
    compilerOptions: {
      allowJs: true,
      target: ts.ScriptTarget.ES2017,
      module: ts.ModuleKind.ESNext,
      // The module keeps its own semantics: no "use strict" added, class fields defined as the language defines them.
      alwaysStrict: false,
      useDefineForClassFields: true,
      importHelpers: false,
      sourceMap: false,
    },
  }).outputText;
};
