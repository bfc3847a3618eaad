/**
 * npm run bench — prints, measured side by side in one run, on seed 000's
 * workbook and on one 100 times larger: bare exceljs load, our load (grid),
 * mapping, check, the check's share of the total, and the whole CLI
 * pipeline against bare load. Targets: check ≤ 2 ms median on the
 * nine-table workbook; the CLI ≤ 10 % over bare load.
 */
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { performance } from 'node:perf_hooks';
import { checkTables } from '../src/core/check';
import { mapWorkbook } from '../src/core/mapping/detect';
import { readTables } from '../src/core/rules/table-values';
import { loadWorkbookGrid } from '../src/hosts/exceljs/exceljs-grid';
import { toJson } from '../src/cli/report';
import { checkWorkbook, summarize } from '../src/core/check';
import { cloneDisclosure, getTable, layoutWorkbook, seed000, specToXlsx } from '../test/fixtures';
import type { Disclosure } from '../test/fixtures';
import { chromiumLaunch } from '../test/helpers/browser';

/** Seed 000 with every 科目 list 100 times longer (distinct codes, same figures). */
function large(): Disclosure {
  const d = cloneDisclosure(seed000());
  for (const id of ['公开02表', '公开03表', '公开05表']) {
    const t = getTable(d, id);
    const lane = t.body.findIndex((r) => r[0] === '栏次');
    const head = t.body.slice(0, lane + 2); // 栏次 and 合计
    const items = t.body.slice(lane + 2);
    const rows: string[][] = [];
    for (let k = 0; k < 100; k++) {
      for (const r of items) {
        const code = r[0]!;
        const kuan = String((k % 90) + 10);
        rows.push([code.slice(0, 3) + kuan + code.slice(5), ...r.slice(1)]);
      }
    }
    t.body = [...head, ...rows];
  }
  return d;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(n: number, f: () => unknown | Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}


async function measure(name: string, buf: Buffer, runs: number): Promise<string[]> {
  // Warm up the JIT on this workbook first.
  for (let i = 0; i < 3; i++) checkWorkbook(await loadWorkbookGrid(buf));
  // Bare load and the whole CLI pipeline alternate,
  // so that both see the same machine; the pipeline's stages are timed inside it.
  const t = { bare: [] as number[], load: [] as number[], map: [] as number[], check: [] as number[], cli: [] as number[] };
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    t.bare.push(performance.now() - t0);
    t0 = performance.now();
    const grid = await loadWorkbookGrid(buf);
    const t1 = performance.now();
    const mapping = mapWorkbook(grid);
    const t2 = performance.now();
    const findings = checkTables(grid, mapping, readTables(grid, mapping));
    const t3 = performance.now();
    JSON.stringify(toJson([{ file: name, result: { mapping, findings, summary: summarize(findings) } }]));
    const t4 = performance.now();
    t.load.push(t1 - t0);
    t.map.push(t2 - t1);
    t.check.push(t3 - t2);
    t.cli.push(t4 - t0);
  }
  // The check alone, repeated, for a stable figure of the 2 ms target.
  const grid = await loadWorkbookGrid(buf);
  const mapping = mapWorkbook(grid);
  const checkOnly = await time(runs * 20, () => checkTables(grid, mapping, readTables(grid, mapping)));
  const cells = grid.sheets.reduce((n, s) => n + s.rowCount * s.colCount, 0);
  const f = (x: number) => `${x.toFixed(2)} ms`;
  const bare = median(t.bare);
  const cli = median(t.cli);
  return [
    name,
    `${(buf.length / 1024).toFixed(0)} KB, ${cells} cells`,
    f(bare),
    f(median(t.load)),
    f(median(t.map)),
    f(checkOnly),
    `${((median(t.check) / cli) * 100).toFixed(1)} %`,
    f(cli),
    `${(((cli - bare) / bare) * 100).toFixed(1)} %`,
  ];
}

/** Gzip size of each bundle in dist/ (run `npm run build` first). */
function bundleSizes(): string[] {
  const dist = path.join(__dirname, '..', '..', 'dist');
  if (!fs.existsSync(dist)) return ['dist/ not built: run npm run build'];
  const lines: string[] = [];
  for (const f of fs.readdirSync(dist).filter((x) => x.endsWith('.js')).sort()) {
    const raw = fs.readFileSync(path.join(dist, f));
    lines.push(`${f.padEnd(24)} ${(raw.length / 1024).toFixed(0).padStart(6)} KB  gzip ${(zlib.gzipSync(raw).length / 1024).toFixed(0).padStart(5)} KB`);
  }
  return lines;
}

/** Time from navigation to the first render of the pane, in Chromium (the system's, else @sparticuz/chromium's), over a local static server. */
async function firstRender(): Promise<string[]> {
  const dist = path.join(__dirname, '..', '..', 'dist');
  if (!fs.existsSync(dist)) return ['(needs dist/)'];
  const { from, options } = await chromiumLaunch();
  const server = http.createServer((req, res) => {
    const p = path.join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!fs.existsSync(p) || fs.statSync(p).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': p.endsWith('.html') ? 'text/html; charset=utf-8' : p.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
    fs.createReadStream(p).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch(options);
  const out: string[] = [`browser: ${from}`];
  try {
    for (const [page, selector, what] of [
      ['taskpane.html', '#root *', 'task pane (outside Office: its notice)'],
      ['index.html', 'button', 'browser page (pane rendered)'],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const ctx = await browser.newContext();
        const p = await ctx.newPage();
        const t0 = performance.now();
        await p.goto(`${origin}/${page}`);
        await p.waitForSelector(selector);
        times.push(performance.now() - t0);
        await ctx.close();
      }
      out.push(`${what.padEnd(40)} ${median(times).toFixed(0)} ms (median of 5, cold context)`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

async function main(): Promise<void> {
  const small = await specToXlsx(layoutWorkbook(seed000()));
  const big = await specToXlsx(layoutWorkbook(large()));
  const rows = [
    ['workbook', 'size', 'bare exceljs load', 'load → grid', 'mapping', 'check', 'check share', 'whole CLI', 'CLI over bare load'],
    await measure('seed 000 (9 tables)', small, 60),
    await measure('seed 000 × 100 科目 rows', big, 15),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n');
  process.stdout.write('\nmedians; check = reading the mapped figures + every rule and consistency check, after load and mapping.\n');
  process.stdout.write('targets: check ≤ 2 ms on the nine-table workbook; whole CLI ≤ 10 % over bare exceljs load.\n');
  process.stdout.write('\nbundles (target: taskpane.js ≤ 600 KB gzip; exceljs only in web.js):\n');
  for (const l of bundleSizes()) process.stdout.write(`  ${l}\n`);
  process.stdout.write('\nfirst render in Chromium:\n');
  for (const l of await firstRender()) process.stdout.write(`  ${l}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exitCode = 1;
});
