#!/usr/bin/env node
'use strict';
// The CLI is compiled to build/ by `npm install` (the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'build', 'src', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('决算公开助手尚未编译：请先在项目目录运行 npm install（或 npm run build:node）。\n');
  process.exit(2);
}
require(compiled).main();
