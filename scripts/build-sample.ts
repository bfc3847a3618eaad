/**
 * Writes the bundled sample workbook (assets/sample/决算公开样例-2024.xlsx)
 * from seed 000's published text, the same way the tests build it, so that
 * `npm start` shows the checker on a real disclosure with its real findings,
 * and the narrative drafted with only the reasons left to write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { specToXlsx } from '../test/fixtures';
import { sampleWorkbookSpec } from '../test/fixtures/sample';

export const SAMPLE_PATH = path.join(__dirname, '..', '..', 'assets', 'sample', '决算公开样例-2024.xlsx');

/** Writes the sample workbook to SAMPLE_PATH. */
export async function writeSample(): Promise<void> {
  const buf = await specToXlsx(sampleWorkbookSpec());
  fs.mkdirSync(path.dirname(SAMPLE_PATH), { recursive: true });
  fs.writeFileSync(SAMPLE_PATH, buf);
}

async function main(): Promise<void> {
  await writeSample();
  process.stdout.write(`样例工作簿：${path.relative(process.cwd(), SAMPLE_PATH)}\n\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`无法生成样例工作簿：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
