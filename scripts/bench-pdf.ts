/**
 * npm run bench:pdf — the PDF path beside the .xlsx path on the same content:
 * the committed LibreOffice PDFs of test/fixtures/pdf and the workbooks they
 * were exported from (test/fixtures/pdf/specs.ts), each read into the grid and
 * checked. Prints, as medians: pdfjs (parse every page's operator list, in its
 * worker thread), our layout (glyphs, rulings, grids, paragraphs), the check,
 * pages per second for the whole PDF reading; the .xlsx read and check of the
 * same tables; and one `juesuan check` process on each file (cold: node, the
 * CLI, pdfjs loaded once).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkWorkbook } from '../src/core/check';
import { readWorkbookFile } from '../src/hosts/exceljs/read-file';
import { readPageContent } from '../src/hosts/pdf/content';
import { readDocument } from '../src/hosts/pdf/document';
import { closePdfReader, loadRawPdf } from '../src/hosts/pdf/node-pdfjs';
import { buildWorkbook } from '../src/hosts/pdf/workbook';
import { pdfFixture } from '../test/fixtures/pdf/specs';
import { specToXlsx } from '../test/fixtures/workbook-spec';

const ROOT = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;
const PDFS = path.join(ROOT, 'test', 'fixtures', 'pdf');
const RUNS = Number(process.env.RUNS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function bench(name: string): Promise<string[]> {
  const file = path.join(PDFS, `${name}.pdf`);
  const bytes = fs.readFileSync(file);
  const xlsxFile = path.join(os.tmpdir(), `juesuan-bench-${name}.xlsx`);
  fs.writeFileSync(xlsxFile, await specToXlsx(pdfFixture(name).spec));
  const xlsxBytes = fs.statSync(xlsxFile).size;
  const t = { pdfjs: [] as number[], layout: [] as number[], checkPdf: [] as number[], xlsx: [] as number[], checkXlsx: [] as number[] };
  let pages = 0;
  // Warm up: the worker thread and pdfjs load once per process.
  const t0 = performance.now();
  await loadRawPdf(bytes);
  const cold = performance.now() - t0;
  for (let i = 0; i < 2; i++) checkWorkbook(await readWorkbookFile(xlsxFile));
  for (let i = 0; i < RUNS; i++) {
    let a = performance.now();
    const raw = await loadRawPdf(bytes);
    let b = performance.now();
    t.pdfjs.push(b - a);
    a = b;
    const wb = buildWorkbook(readDocument(raw.pages.map(readPageContent)));
    b = performance.now();
    t.layout.push(b - a);
    a = b;
    checkWorkbook(wb);
    t.checkPdf.push(performance.now() - a);
    pages = raw.pages.length;
    a = performance.now();
    const grid = await readWorkbookFile(xlsxFile);
    b = performance.now();
    t.xlsx.push(b - a);
    checkWorkbook(grid);
    t.checkXlsx.push(performance.now() - b);
  }
  const read = median(t.pdfjs) + median(t.layout);
  const xlsxRead = median(t.xlsx);
  const cli = (f: string) => {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'juesuan.js'), 'check', f, '--json'], { encoding: 'utf8' });
      xs.push(performance.now() - s);
    }
    return median(xs);
  };
  const cliPdf = cli(file);
  const cliXlsx = cli(xlsxFile);
  fs.rmSync(xlsxFile, { force: true });
  return [
    `━━ ${name}.pdf — ${pages} 页，${(bytes.length / 1024).toFixed(0)} KB（同样内容的工作簿 ${(xlsxBytes / 1024).toFixed(0)} KB）`,
    `  PDF   pdfjs ${ms(median(t.pdfjs))} + 版面 ${ms(median(t.layout))} = 读取 ${ms(read)}　${(pages / (read / 1000)).toFixed(1)} 页/秒　检查 ${ms(median(t.checkPdf))}　（首次含启动 pdfjs：${ms(cold)}）`,
    `  .xlsx 读取 ${ms(xlsxRead)}　${(pages / (xlsxRead / 1000)).toFixed(1)} 页/秒（同样内容按 PDF 的页数计）　检查 ${ms(median(t.checkXlsx))}`,
    `  PDF 读取是 .xlsx 的 ${(read / xlsxRead).toFixed(1)} 倍`,
    `  juesuan check 一个进程：PDF ${ms(cliPdf)}，.xlsx ${ms(cliXlsx)}`,
  ];
}

async function main(): Promise<void> {
  console.log(`PDF 与 .xlsx 读取、检查的时间（中位数，${RUNS} 次；${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，Node ${process.version}）`);
  for (const name of ['seed000-hunan', 'seed000-national-split-codes']) console.log((await bench(name)).join('\n'));
  await closePdfReader();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
