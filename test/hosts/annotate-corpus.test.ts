/**
 * The annotated copy on every layout of the trust corpus (test/fixtures/corpus,
 * written as .xlsx): the copy's sheets read back cell for cell as the
 * original's, merged areas included, and checking the copy gives the
 * original's findings — whatever sheet names, merges, offsets and marked
 * blanks the layout has.
 */
import { checkWorkbook } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid/grid';
import { annotateWorkbook, RESULT_SHEET } from '../../src/hosts/xlsx/annotate/annotate';
import { inflateWithZlib } from '../../src/hosts/xlsx/inflate-node';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { specToXlsx } from '../fixtures';
import { CORPUS } from '../fixtures/corpus';

const read = (b: Uint8Array) => readXlsx(b, { inflate: inflateWithZlib });

function cells(s: SheetGrid): unknown[] {
  const out: unknown[] = [];
  for (let r = 0; r < s.rowCount; r++) for (let c = 0; c < s.colCount; c++) out.push(s.cell(r, c) ?? null);
  return out;
}

describe.each(CORPUS.filter((c) => !c.narrative).map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('the copy keeps every cell and checks as the original', async () => {
    const bytes = new Uint8Array(await specToXlsx(c.workbook()));
    const original = read(bytes);
    const result = checkWorkbook(original);
    const copy = read(await annotateWorkbook(bytes, result, { inflate: inflateWithZlib }));
    expect(copy.sheets.map((s) => s.name)).toEqual([RESULT_SHEET, ...original.sheets.map((s) => s.name)]);
    for (const s of original.sheets) {
      const t = copy.sheets.find((x) => x.name === s.name)!;
      expect([s.name, t.merges]).toEqual([s.name, s.merges]);
      expect([s.name, cells(t)]).toEqual([s.name, cells(s)]);
    }
    expect(checkWorkbook(copy).findings).toEqual(result.findings);
  });
});
