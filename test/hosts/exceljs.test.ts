import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/grid';
import { readCellAmount, readCode } from '../../src/core/numbers/parse';
import { WorkbookReadError, sniffWorkbookBytes } from '../../src/hosts/exceljs/errors';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { readWorkbookFile } from '../../src/hosts/exceljs/read-file';

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A small 收入支出决算表-like sheet with the cell kinds a real file has. */
async function sampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公开01表');
  ws.getCell('A1').value = '收入支出决算总表';
  ws.mergeCells('A1:C1');
  ws.getCell('A2').value = '项目';
  ws.mergeCells('A2:A3');
  ws.getCell('B2').value = '决算数';
  ws.getCell('B3').value = '本年';
  ws.getCell('C3').value = { richText: [{ text: '上年' }, { text: '决算', font: { bold: true } }] };

  ws.getCell('A4').value = 2010301;
  ws.getCell('B4').value = 1820.23;
  ws.getCell('B4').numFmt = '#,##0.00';
  ws.getCell('C4').value = 1820.2345;
  ws.getCell('C4').numFmt = '#,##0.00';

  ws.getCell('A5').value = '2010302 一般行政管理事务';
  ws.getCell('B5').value = '2, 945. 90'; // a number typed as text
  ws.getCell('C5').value = -1234567.5;
  ws.getCell('C5').numFmt = '#,##0.00;(#,##0.00)';

  // A shared formula: B6 is the master, B7 a clone; both with cached results.
  ws.getCell('B6').value = { formula: 'B4*2', result: 3640.46 };
  ws.getCell('B7').value = { sharedFormula: 'B6', result: 5891.8 };
  ws.getCell('B6').numFmt = '#,##0.00';
  ws.getCell('B7').numFmt = '#,##0.00';
  // A formula written by a program and never calculated: no cached result.
  ws.getCell('C6').value = { formula: 'SUM(C4:C5)' } as ExcelJS.CellFormulaValue;
  ws.getCell('C7').value = { formula: '1/0', result: { error: '#DIV/0!' } };

  ws.getCell('A8').value = { text: '说明', hyperlink: 'https://example.org' };
  ws.getCell('B8').value = true;
  ws.getCell('C8').value = new Date(Date.UTC(2024, 11, 31));
  ws.getCell('A9').value = { error: '#N/A' };
  ws.getCell('B9').value = 0.1 + 0.2;

  const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
  hidden.getCell('B2').value = 'x';
  wb.addWorksheet('空表');
  return toBuffer(wb);
}

describe('loadWorkbookGrid', () => {
  let grid: WorkbookGrid;
  let s: SheetGrid;
  beforeAll(async () => {
    grid = await loadWorkbookGrid(await sampleWorkbook());
    s = sheet(grid, '公开01表');
  });

  test('keeps every sheet, hidden and empty ones included', () => {
    expect(grid.sheets.map((x) => x.name)).toEqual(['公开01表', '隐藏', '空表']);
    expect(sheet(grid, '隐藏').cell(1, 1)).toEqual({ value: 'x', text: 'x' });
    const empty = sheet(grid, '空表');
    expect([empty.rowCount, empty.colCount, empty.merges]).toEqual([0, 0, []]);
  });

  test('size and merges (0-based, value on the master only)', () => {
    expect(s.rowCount).toBe(9);
    expect(s.colCount).toBe(3);
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
    ]);
    expect(s.cell(0, 0)?.value).toBe('收入支出决算总表');
    expect(s.cell(0, 1)).toBeUndefined();
    expect(s.cell(0, 2)).toBeUndefined();
    expect(s.cell(1, 0)?.value).toBe('项目');
    expect(s.cell(2, 0)).toBeUndefined();
    expect(s.cell(100, 100)).toBeUndefined();
  });

  test('numbers carry their format and display text', () => {
    expect(s.cell(3, 1)).toEqual({ value: 1820.23, text: '1,820.23', numberFormat: '#,##0.00' });
    expect(s.cell(3, 2)).toEqual({ value: 1820.2345, text: '1,820.23', numberFormat: '#,##0.00' });
    expect(s.cell(4, 2)).toEqual({ value: -1234567.5, text: '(1,234,567.50)', numberFormat: '#,##0.00;(#,##0.00)' });
    expect(s.cell(8, 1)).toEqual({ value: 0.1 + 0.2, text: '0.3' });
    // What the rules will read from them.
    expect(readCellAmount(s.cell(3, 2), '万元')).toEqual({ kind: 'number', figure: { fen: 1_820_230_000, halfWidth: 5000 }, decimals: 2 });
    expect(readCellAmount(s.cell(4, 2), '万元')).toEqual({ kind: 'number', figure: { fen: -1_234_567_500_000, halfWidth: 5000 }, decimals: 2 });
  });

  test('text, text numbers, rich text, hyperlinks, booleans, errors, dates', () => {
    expect(s.cell(4, 1)).toEqual({ value: '2, 945. 90', text: '2, 945. 90' });
    expect(readCellAmount(s.cell(4, 1), '万元')).toEqual({ kind: 'number', figure: { fen: 2_945_900_000, halfWidth: 5000 }, decimals: 2 });
    expect(s.cell(2, 2)).toEqual({ value: '上年决算', text: '上年决算' });
    expect(s.cell(7, 0)).toEqual({ value: '说明', text: '说明' });
    expect(s.cell(7, 1)).toEqual({ value: true, text: 'TRUE' });
    expect(s.cell(7, 2)?.value).toBe('2024-12-31');
    expect(s.cell(8, 0)).toEqual({ value: '#N/A', text: '#N/A' });
  });

  test('codes', () => {
    expect(s.cell(3, 0)).toEqual({ value: 2010301, text: '2010301' });
    expect(readCode(s.cell(3, 0))).toEqual({ code: '2010301', rest: '' });
    expect(readCode(s.cell(4, 0))).toEqual({ code: '2010302', rest: '一般行政管理事务' });
  });

  test('formulas: cached results, shared formulas translated, missing results null', () => {
    expect(s.cell(5, 1)).toEqual({ value: 3640.46, text: '3,640.46', numberFormat: '#,##0.00', formula: 'B4*2' });
    expect(s.cell(6, 1)).toEqual({ value: 5891.8, text: '5,891.80', numberFormat: '#,##0.00', formula: 'B5*2' });
    expect(s.cell(5, 2)).toEqual({ value: null, formula: 'SUM(C4:C5)' });
    expect(s.cell(6, 2)).toEqual({ value: '#DIV/0!', text: '#DIV/0!', formula: '1/0' });
  });

  test('accepts ArrayBuffer and Uint8Array as well as Buffer', async () => {
    const buf = await sampleWorkbook();
    const u8 = new Uint8Array(buf);
    const ab = u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);
    for (const data of [u8, ab]) {
      const g = await loadWorkbookGrid(data);
      expect(sheet(g, '公开01表').cell(3, 1)?.value).toBe(1820.23);
    }
  });

  test('a large sheet loads quickly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('大表');
    const rows = 20_000;
    for (let r = 1; r <= rows; r++) {
      const row = ws.getRow(r);
      row.getCell(1).value = 2010301;
      row.getCell(2).value = `项目${r}`;
      for (let c = 3; c <= 10; c++) {
        const cell = row.getCell(c);
        cell.value = r * 10 + c + 0.25;
        cell.numFmt = '#,##0.00';
      }
    }
    ws.mergeCells('A1:J1');
    const buf = await toBuffer(wb);
    const t0 = Date.now();
    const g = await loadWorkbookGrid(buf);
    const ms = Date.now() - t0;
    const big = sheet(g, '大表');
    expect(big.rowCount).toBe(rows);
    expect(big.colCount).toBe(10);
    expect(big.cell(rows - 1, 9)?.text).toBe(`${(rows * 10 + 10).toLocaleString('en-US')}.25`);
    // 200,000 cells: exceljs itself needs a few seconds at most; the grid must not add a multiple of that.
    expect(ms).toBeLessThan(20_000);
  });
});

describe('readWorkbookFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'juesuan-exceljs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function expectReadError(file: string, reason: WorkbookReadError['reason'], message: string | RegExp): Promise<void> {
    const err = await readWorkbookFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookReadError);
    const e = err as WorkbookReadError;
    expect(e.reason).toBe(reason);
    expect(e.file).toBe(file);
    expect(e.name).toBe('WorkbookReadError');
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  }

  /** An OLE2 compound file header followed by a directory sector holding the given stream names. */
  function ole2(names: string[]): Buffer {
    const header = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
    const dirSector = Buffer.alloc(512);
    names.forEach((n, i) => {
      // Directory entries are 128 bytes, the name first in UTF-16LE.
      Buffer.from(n, 'utf16le').copy(dirSector, i * 128);
    });
    return Buffer.concat([header, Buffer.alloc(512), dirSector]);
  }

  test('reads a good file', async () => {
    const file = join(dir, 'good.xlsx');
    await writeFile(file, await sampleWorkbook());
    const g = await readWorkbookFile(file);
    expect(sheet(g, '公开01表').cell(3, 1)?.value).toBe(1820.23);
  });

  test('missing file', async () => {
    const file = join(dir, '不存在.xlsx');
    await expectReadError(file, 'missing', `找不到文件：${file}`);
  });

  test('a text file renamed .xlsx', async () => {
    const file = join(dir, 'text.xlsx');
    await writeFile(file, '项目,金额\n合计,1820.23\n', 'utf8');
    await expectReadError(file, 'not-xlsx', `不是 .xlsx 工作簿：${file}`);
  });

  test('a pdf', async () => {
    const file = join(dir, 'doc.xlsx');
    await writeFile(file, '%PDF-1.7\n', 'latin1');
    await expectReadError(file, 'not-xlsx', `不是 .xlsx 工作簿：${file}`);
  });

  test('an empty file', async () => {
    const file = join(dir, 'empty.xlsx');
    await writeFile(file, Buffer.alloc(0));
    await expectReadError(file, 'not-xlsx', `不是 .xlsx 工作簿：${file}`);
  });

  test('a truncated zip', async () => {
    const file = join(dir, 'truncated.xlsx');
    const good = await sampleWorkbook();
    await writeFile(file, good.subarray(0, Math.floor(good.length / 2)));
    await expectReadError(file, 'corrupt', new RegExp(`^文件已损坏，无法读取：${escapeRegExp(file)}（.+）$`));
  });

  test('an encrypted workbook (OLE2 with EncryptionInfo)', async () => {
    const file = join(dir, 'encrypted.xlsx');
    await writeFile(file, ole2(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
    await expectReadError(file, 'encrypted', `文件已加密（设置了打开密码），请先在 Excel 中取消密码后再检查：${file}`);
  });

  test('an OLE2 file that is no valid .xls (read as an .xls since the batch reads them, and found damaged)', async () => {
    const file = join(dir, 'old.xls');
    await writeFile(file, ole2(['Root Entry', 'Workbook', '\u0005SummaryInformation']));
    await expectReadError(file, 'corrupt', new RegExp(`^文件已损坏，无法读取：${escapeRegExp(file)}（旧版 \\.xls 文件无法解析`));
  });

  test('a directory', async () => {
    await expectReadError(dir, 'not-xlsx', `不是 .xlsx 工作簿：${dir}`);
  });

  test('sniffWorkbookBytes', () => {
    expect(sniffWorkbookBytes(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffWorkbookBytes(ole2(['EncryptionInfo']))).toBe('ole-encrypted');
    expect(sniffWorkbookBytes(ole2(['Workbook']))).toBe('ole');
    // ASCII "EncryptionInfo" is not the UTF-16LE directory name.
    expect(sniffWorkbookBytes(Buffer.concat([ole2([]), Buffer.from('EncryptionInfo')]))).toBe('ole');
    expect(sniffWorkbookBytes(new Uint8Array([0x50, 0x4b]))).toBe('other');
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
