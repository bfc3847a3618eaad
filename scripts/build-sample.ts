/**
 * Writes the bundled sample workbook (assets/sample/决算公开样例-2024.xlsx)
 * from seed 000's published text, the same way the tests build it, so that
 * `npm start` shows the checker on a real disclosure with its real findings,
 * and the narrative drafted with only the reasons left to write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { layoutWorkbook, seed000, specToXlsx } from '../test/fixtures';
import { seed000InputsSheet } from '../test/fixtures/seed000-inputs';

export const SAMPLE_PATH = path.join(__dirname, '..', '..', 'assets', 'sample', '决算公开样例-2024.xlsx');

async function main(): Promise<void> {
  // The nine tables, and a 说明数据 sheet with the figures the narrative needs
  // (上年, 年初预算) but not the reasons: those are what the accountant writes.
  const spec = layoutWorkbook(seed000());
  const buf = await specToXlsx({ sheets: [...spec.sheets, seed000InputsSheet({ withReasons: false, withYear: true })] });
  fs.mkdirSync(path.dirname(SAMPLE_PATH), { recursive: true });
  fs.writeFileSync(SAMPLE_PATH, buf);
  process.stdout.write(`样例工作簿：${path.relative(process.cwd(), SAMPLE_PATH)}\n\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`无法生成样例工作簿：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
