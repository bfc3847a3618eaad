/**
 * Legacy .xls (Excel 97–2003, BIFF8): read through @e965/xlsx into the same
 * grid values as the .xlsx of the same workbook, and checked with the same
 * findings; the CLI and a batch folder take them like any workbook.
 */
import * as XLSX from '@e965/xlsx';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { runCli } from '../../src/cli/main';
import { readWorkbookFile } from '../../src/hosts/exceljs/read-file';
import { readXls } from '../../src/hosts/xlsx/read-xls';
import { seed000Grid, seed000Xlsx } from '../fixtures';
import { gridToXls } from '../fixtures/xls';

const toXls = gridToXls;

const key = (f: { rule: string; severity: string; cells: readonly string[]; message: string }) => `${f.rule} ${f.severity} ${f.cells.join(' ')} ${f.message}`;

describe('.xls', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'juesuan-xls-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('seed 000 as an .xls: the same values, merges and findings as its .xlsx', async () => {
    const grid = seed000Grid();
    const bytes = toXls(grid);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const xls = await readXls(new Uint8Array(bytes));
    expect(xls.sheets.map((s) => s.name)).toEqual(grid.sheets.map((s) => s.name));
    for (const s of grid.sheets) {
      const x = xls.sheets.find((y) => y.name === s.name)!;
      expect(x.merges).toEqual([...s.merges].sort((a, b) => a.top - b.top || a.left - b.left));
      for (let r = 0; r < s.rowCount; r++) for (let c = 0; c < s.colCount; c++) expect([s.name, r, c, x.cell(r, c)?.value]).toEqual([s.name, r, c, s.cell(r, c)?.value]);
    }
    const file = join(dir, '单位.xls');
    await writeFile(file, bytes);
    const xlsx = join(dir, '单位.xlsx');
    await writeFile(xlsx, await seed000Xlsx());
    const a = checkWorkbook(await readWorkbookFile(file));
    const b = checkWorkbook(await readWorkbookFile(xlsx));
    expect(Object.keys(a.mapping.tables).sort()).toEqual(Object.keys(b.mapping.tables).sort());
    expect(a.findings.map(key).sort()).toEqual(b.findings.map(key).sort());
  });

  test('the CLI checks an .xls, and a folder picks them up', async () => {
    const sub = join(dir, '报送');
    await rm(sub, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(sub, { recursive: true });
    await writeFile(join(sub, '甲.xls'), toXls(seed000Grid()));
    await writeFile(join(sub, '乙.xlsx'), await seed000Xlsx());
    let out = '';
    const code = await runCli(['check', sub, '--json'], { stdout: (s) => (out += s), stderr: () => undefined });
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual([join(sub, '乙.xlsx'), join(sub, '甲.xls')]);
    expect(Object.keys(doc.files[1].tables)).toHaveLength(9);
  });

  test('--annotate on an .xls writes an .xlsx of its cells, marked, and says what was not kept', async () => {
    const file = join(dir, '丙.xls');
    await writeFile(file, toXls(seed000Grid()));
    const copy = join(dir, '丙-检查结果.xlsx');
    let out = '';
    let err = '';
    const code = await runCli(['check', file, '--annotate', copy], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`已将标注副本写到：${copy}（由旧版 .xls 转成 .xlsx：数值、数字格式和合并单元格照原样，字体、边框和列宽未保留）`);
    const original = checkWorkbook(await readWorkbookFile(file));
    const marked = checkWorkbook(await readWorkbookFile(copy));
    expect(marked.findings.map(key)).toEqual(original.findings.map(key));
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    expect(wb.worksheets[0]!.name).toBe('检查结果');
    const ref = original.findings.flatMap((f) => f.refs)[0]!;
    expect(wb.getWorksheet(ref.sheet)!.getCell(ref.row + 1, ref.col + 1).fill).toMatchObject({ pattern: 'solid' });
  });
});
