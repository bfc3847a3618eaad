/**
 * npm run bench — prints, measured side by side in one run:
 *
 * 1. the finance bureau's batch (issue 12) on 500 generated workbooks of real
 *    layouts: the floor (unzip every part with node:zlib + a scan of its XML),
 *    our reader, exceljs, checkWorkbook per workbook, the CLI as a process for
 *    one workbook (node on the bin), and the CLI on the folder of 500 in one
 *    process (with --report 汇总.xlsx), with the ratios. Targets on the 2-core
 *    machine: batch ≥ 100 workbooks/s and ≤ 3 × the floor; one workbook as a
 *    process ≤ 0.3 s.
 * 2. on seed 000's workbook and on one 100 times larger: bare exceljs load,
 *    our load (grid), mapping, check, the check's share of the total, and the
 *    whole pipeline against bare load. Target: check ≤ 2 ms median on the
 *    nine-table workbook.
 * 3. bundle sizes and the first render in Chromium.
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
import { inflateWithZlib } from '../src/hosts/xlsx/inflate-node';
import { readXlsx } from '../src/hosts/xlsx/read-xlsx';
import { ZipPackage } from '../src/hosts/xlsx/zip';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { modelToDisclosure, roundLeaves, sampleModel } from '../test/fixtures/generator';
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
  for (let i = 0; i < 3; i++) checkWorkbook(readXlsx(buf, { inflate: inflateWithZlib }));
  // Bare load and the whole CLI pipeline alternate,
  // so that both see the same machine; the pipeline's stages are timed inside it.
  const t = { bare: [] as number[], load: [] as number[], map: [] as number[], check: [] as number[], cli: [] as number[] };
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    t.bare.push(performance.now() - t0);
    t0 = performance.now();
    const grid = readXlsx(buf, { inflate: inflateWithZlib });
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
  const grid = readXlsx(buf, { inflate: inflateWithZlib });
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

// ---------------------------------------------------------------------------
// The batch (issue 12).

const BATCH = 500;

/** 500 workbooks of generated units in real layouts (kept between runs in the temp folder). */
async function batchFolder(): Promise<string> {
  const dir = path.join(os.tmpdir(), `juesuan-bench-${BATCH}`);
  fs.mkdirSync(dir, { recursive: true });
  const layouts: Array<Parameters<typeof layoutWorkbook>[1]> = [{}, { placement: 'one-sheet' }, { blanks: '0.00' }, { titles: 'label-only', blanks: '-' }, { codes: 'number' }];
  for (let i = 0; i < BATCH; i++) {
    const file = path.join(dir, `单位${String(i).padStart(4, '0')}.xlsx`);
    if (fs.existsSync(file)) continue;
    const d = modelToDisclosure(sampleModel(1000 + i));
    fs.writeFileSync(file, await specToXlsx(layoutWorkbook(i % 2 ? roundLeaves(d) : d, layouts[i % layouts.length])));
  }
  return dir;
}

/** The floor: every part inflated with node:zlib and its text scanned once (counting tags). */
function floor(buf: Uint8Array): number {
  const zip = new ZipPackage(buf, inflateWithZlib);
  let tags = 0;
  for (const e of zip.entries) {
    if (!/\.(xml|rels)$/.test(e.name)) continue;
    const text = new TextDecoder().decode(zip.readEntry(e));
    for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) tags++;
  }
  return tags;
}

async function perFile(files: readonly Buffer[], f: (b: Buffer) => unknown): Promise<number> {
  const t0 = performance.now();
  for (const b of files) await f(b);
  return (performance.now() - t0) / files.length;
}

function processTime(args: string[], runs: number): number {
  const bin = path.join(__dirname, '..', '..', 'bin', 'juesuan.js');
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

async function batchBench(): Promise<void> {
  const dir = await batchFolder();
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort();
  const files = names.map((n) => fs.readFileSync(path.join(dir, n)));
  const mb = files.reduce((n, b) => n + b.length, 0) / 1024 / 1024;
  // Warm up each path on a few files, then time the whole set once (as a batch sees it).
  for (const b of files.slice(0, 20)) (floor(b), checkWorkbook(readXlsx(b, { inflate: inflateWithZlib })));
  const tFloor = await perFile(files, floor);
  const tOurs = await perFile(files, (b) => readXlsx(b, { inflate: inflateWithZlib }));
  const tExceljs = await perFile(files.slice(0, 100), async (b) => new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer));
  const grids = files.slice(0, 100).map((b) => readXlsx(b, { inflate: inflateWithZlib }));
  const t0 = performance.now();
  for (const g of grids) checkWorkbook(g);
  const tCheck = (performance.now() - t0) / grids.length;
  const one = processTime(['check', path.join(dir, names[0]!)], 7);
  const report = path.join(os.tmpdir(), `juesuan-bench-report-${process.pid}.xlsx`);
  const batch = (jobs: number) => {
    fs.rmSync(report, { force: true });
    const t = processTime(['check', dir, '--report', report, '--jobs', String(jobs)], 1);
    fs.rmSync(report, { force: true });
    return t;
  };
  const batch1 = batch(1);
  const batch2 = batch(2);
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  const out = process.stdout;
  out.write(`batch: ${files.length} generated workbooks (${mb.toFixed(1)} MB, ${dir}), ${os.cpus().length} cores\n`);
  out.write(`  floor (unzip all parts + scan)      ${f(tFloor).padStart(10)} per workbook\n`);
  out.write(`  our reader → grid                   ${f(tOurs).padStart(10)} per workbook   ${(tOurs / tFloor).toFixed(2)} × floor\n`);
  out.write(`  exceljs load (first 100)            ${f(tExceljs).padStart(10)} per workbook   ${(tExceljs / tFloor).toFixed(2)} × floor, ${(tExceljs / tOurs).toFixed(1)} × our reader\n`);
  out.write(`  checkWorkbook (first 100, in-process) ${f(tCheck).padStart(8)} per workbook\n`);
  out.write(`  CLI process, one workbook           ${f(one).padStart(10)}   (target ≤ 300 ms)\n`);
  for (const [jobs, t] of [[1, batch1], [2, batch2]] as const) {
    out.write(
      `  CLI process, folder of ${files.length} --report (--jobs ${jobs})  ${(t / 1000).toFixed(2)} s = ${((files.length / t) * 1000).toFixed(0)} workbooks/s, ${(t / files.length).toFixed(2)} ms each = ${(t / files.length / tFloor).toFixed(1)} × floor   (targets ≥ 100/s, ≤ 3 × floor)\n`,
    );
  }
  out.write('\n');
}

async function main(): Promise<void> {
  await batchBench();
  if (process.argv.includes('--batch-only')) return;
  const small = await specToXlsx(layoutWorkbook(seed000()));
  const big = await specToXlsx(layoutWorkbook(large()));
  const rows = [
    ['workbook', 'size', 'bare exceljs load', 'our reader → grid', 'mapping', 'check', 'check share', 'whole pipeline', 'pipeline vs exceljs load'],
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
