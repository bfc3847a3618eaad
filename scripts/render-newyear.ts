/**
 * npm run render:newyear — the new year's workbook as an accountant prints it:
 * made from the bundled sample (last year), once blank and once filled with
 * last year's leaf figures (calculated by HyperFormula, as Excel would),
 * converted to PDF by LibreOffice (headless) and to one PNG per page by
 * pdftoppm, so that the pages can be looked at. Needs Debian's
 * libreoffice-calc and poppler-utils; not part of npm test.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapWorkbook } from '../src/core/mapping/detect';
import { newYearPlan } from '../src/core/newyear/build';
import { carryOver } from '../src/core/newyear/carry-over';
import { readTables } from '../src/core/rules/table-values';
import type { ProfileId } from '../src/core/templates/types';
import { readWorkbookFile } from '../src/hosts/exceljs/read-file';
import { writePlan } from '../src/hosts/xlsx/write-plan';
import { evaluatePlan, fillPlan, resultsOf } from '../test/helpers/evaluate-plan';
import { SAMPLE_PATH } from './build-sample';

const OUT = path.join(__dirname, '..', '..', 'build', 'render');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} 失败：${r.error?.message ?? r.stderr}（需要 Debian 的 libreoffice-calc 和 poppler-utils）`);
}

async function render(name: string, bytes: Uint8Array): Promise<string[]> {
  const xlsx = path.join(OUT, `${name}.xlsx`);
  fs.writeFileSync(xlsx, bytes);
  run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, xlsx]);
  const pdf = path.join(OUT, `${name}.pdf`);
  run('pdftoppm', ['-png', '-r', '70', pdf, path.join(OUT, name)]);
  return fs.readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).map((f) => path.join(OUT, f));
}

async function main(): Promise<void> {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const lastYear = await readWorkbookFile(SAMPLE_PATH);
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  const from = carryOver(lastYear);
  for (const profile of ['hunan-2024', 'national-2024'] as ProfileId[]) {
    const plan = newYearPlan({ year: 2025, profile, from });
    const filled = fillPlan(plan, (cell) => {
      const f = cell.slot ? tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col) : undefined;
      return f && !f.empty && f.invalidText === undefined ? f.figure.fen / 1_000_000 : undefined;
    });
    const pages = [
      ...(await render(`${profile}-blank`, await writePlan(plan))),
      ...(await render(`${profile}-filled`, await writePlan(filled, { resultOf: resultsOf(evaluatePlan(filled)) }))),
    ];
    process.stdout.write(`${profile}：${pages.length} 页\n${pages.map((p) => `  ${path.relative(process.cwd(), p)}`).join('\n')}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
