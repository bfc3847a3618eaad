#!/usr/bin/env node
/**
 * Writes test/hosts/wps-api-surface.json: the members of the WPS 表格 (ET)
 * object model that the WPS host and its fake may use, as Kingsoft's own type
 * declarations list them (npm package et-jsapi-declare, "用C++代码静态分析的
 * 方法分析api实现得到的类型定义": derived from WPS's implementation).
 *
 * Only member names and their kind are kept (method, property, read-only
 * property), for the interfaces named below; nothing of the declarations'
 * text. Run it when moving to a newer et-jsapi-declare:
 *
 *   npm pack et-jsapi-declare@<version> && tar xzf et-jsapi-declare-<version>.tgz
 *   node scripts/wps-api-surface.mjs package/
 *
 * The package is not a dependency of the project: the tests read the JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

/** namespace.Interface → kept. */
const WANTED = [
  'Et.Application',
  'Et.Workbook',
  'Et.Workbooks',
  'Et.Sheets',
  'Et.Worksheets',
  'Et.Worksheet',
  'Et.Range',
  'Et.Interior',
  'Et.Font',
  'Et.Comment',
  'Et.Names',
  'Et.Name',
  'Et.Hyperlinks',
  'Et.Hyperlink',
  'Et.PageSetup',
  'Et.Window',
  'Et.Protection',
  'WPS.AddonRoot',
  'WPS.CustomTaskpane',
  'WPS.PluginStorage',
  'WPS.RibbonUi',
  'Kso.RibbonControl',
];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/wps-api-surface.mjs <et-jsapi-declare package directory>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const files = ['index.d.ts', 'lib.et.d.ts', 'lib.kso.d.ts', 'addon.et.d.ts'].map((f) => path.join(dir, f));

const out = {};
for (const file of files) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node, ns) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, node.name.getText(sf));
      return;
    }
    if (ts.isInterfaceDeclaration(node) && ns) {
      const key = `${ns}.${node.name.text}`;
      if (!WANTED.includes(key)) return;
      const members = (out[key] ??= {});
      for (const m of node.members) {
        if (!m.name) continue;
        const name = m.name.getText(sf);
        if (ts.isMethodSignature(m)) members[name] = 'method';
        else if (ts.isPropertySignature(m)) {
          // A function-typed property (AddCustomFunction: (…) => void) is called like a method.
          const fn = m.type && ts.isFunctionTypeNode(m.type);
          const readonly = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
          if (fn) members[name] = 'method';
          else if (members[name] !== 'method') members[name] = readonly ? 'readonly' : 'property';
        }
      }
      return;
    }
    ts.forEachChild(node, (c) => visit(c, ns));
  };
  visit(sf, '');
}
const missing = WANTED.filter((k) => !out[k]);
if (missing.length) {
  console.error(`not found: ${missing.join(', ')}`);
  process.exit(1);
}
const sorted = Object.fromEntries(WANTED.map((k) => [k, Object.fromEntries(Object.entries(out[k]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]));
const json = { source: `${pkg.name}@${pkg.version}`, note: 'Member names and kinds only, read from the package by scripts/wps-api-surface.mjs.', interfaces: sorted };
const target = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'hosts', 'wps-api-surface.json');
fs.writeFileSync(target, `${JSON.stringify(json, null, 1)}\n`);
console.log(`${target}: ${WANTED.length} interfaces from ${json.source}`);
