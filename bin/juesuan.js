#!/usr/bin/env node
'use strict';
// The CLI is compiled to build/ by `npm install` (the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'build', 'src', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('决算公开助手尚未编译：请先在项目目录运行 npm install（或 npm run build:node）。\n');
  process.exit(2);
}
const { runCli } = require(main);
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`内部错误：${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
