/**
 * Workbooks kept with their formulas, as Excel saves them: <c><f>SUM(…)</f><v>0</v></c>.
 * The cached result is what the checks read; a zero total is a result like any
 * other, and only a formula with no <v> at all has none (M02).
 *
 * The files are written part by part with jszip, the way Excel lays them out
 * (shared formulas, t="str" / t="b" / t="e" results, sheet parts not numbered
 * in sheet order), not through exceljs's writer, which never produces them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/rules/finding';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/grid';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { formulaSeed, kinds, plainSeed } from './formula-workbooks';

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A1 → 0-based [row, col] (single letters are enough here). */
function at(a1: string): [number, number] {
  const m = /^([A-Z])(\d+)$/.exec(a1);
  if (!m) throw new Error(a1);
  return [Number(m[2]) - 1, m[1]!.charCodeAt(0) - 65];
}

function cellOf(grid: WorkbookGrid, sheetName: string, a1: string) {
  const [r, c] = at(a1);
  return sheet(grid, sheetName).cell(r, c);
}

const key = (f: Finding) => `${f.rule} ${f.severity} ${f.cells.join(' ')} ${f.message}`;

describe('formulas with cached results (a workbook saved by Excel with its formulas)', () => {
  let plain: WorkbookGrid;
  let formulas: WorkbookGrid;
  beforeAll(async () => {
    plain = await loadWorkbookGrid(await plainSeed());
    formulas = await loadWorkbookGrid(await formulaSeed());
  });

  test('a cached 0 is the formula’s result', () => {
    expect(cellOf(formulas, '公开02表', 'E8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(E9:E17)' });
    expect(cellOf(formulas, '公开07表', 'H8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'C8+D8-E8' });
    expect(cellOf(formulas, '公开08表', 'C8')?.value).toBe(0);
    for (const col of ['F', 'G', 'H']) expect(cellOf(formulas, '公开03表', `${col}8`)?.value).toBe(0);
  });

  test('a shared formula’s cells keep their cached 0 and their own formula', () => {
    expect(cellOf(formulas, '公开02表', 'F8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(F9:F17)' });
    expect(cellOf(formulas, '公开02表', 'G8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(G9:G17)' });
    expect(cellOf(formulas, '公开02表', 'H8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(H9:H17)' });
  });

  test('a t="str" result is its text; a formula without <v> has no result', () => {
    expect(cellOf(formulas, '公开01表', 'C9')).toMatchObject({ value: '-', text: '-', formula: `IF('公开07表'!D8=0,"-",'公开07表'!D8)` });
    expect(cellOf(formulas, '公开02表', 'I8')).toEqual({ value: null, numberFormat: '#,##0.00', formula: 'SUM(I9:I17)' });
  });

  test('every other cell reads as in the workbook without formulas (parts found through the relationships)', () => {
    const edited = new Set(['公开01表!C9', '公开02表!E8', '公开02表!F8', '公开02表!G8', '公开02表!H8', '公开02表!I8', '公开03表!F8', '公开03表!G8', '公开03表!H8', '公开07表!E8', '公开07表!H8', '公开08表!C8']);
    expect(formulas.sheets.map((s) => s.name)).toEqual(plain.sheets.map((s) => s.name));
    for (const p of plain.sheets) {
      const f = sheet(formulas, p.name);
      expect([f.rowCount, f.colCount]).toEqual([p.rowCount, p.colCount]);
      for (let r = 0; r < p.rowCount; r++) {
        for (let c = 0; c < p.colCount; c++) {
          if (edited.has(`${p.name}!${String.fromCharCode(65 + c)}${r + 1}`)) continue;
          expect([p.name, r, c, f.cell(r, c)]).toEqual([p.name, r, c, p.cell(r, c)]);
        }
      }
    }
  });

  test('checkWorkbook: no M02 for the cached zeros, one for the formula never calculated; otherwise the same findings', () => {
    const before = checkWorkbook(plain);
    const after = checkWorkbook(formulas);
    // All nine tables found in both.
    expect(Object.keys(after.mapping.tables).sort()).toEqual(Object.keys(before.mapping.tables).sort());
    const m02 = after.findings.filter((f) => f.rule === 'M02');
    expect(m02.map((f) => f.cells)).toEqual([['公开02表!I8']]);
    expect(m02[0]!.message).toContain('没有保存它的计算结果');
    expect(m02[0]!.message).toContain('=SUM(I9:I17)');
    expect(before.findings.filter((f) => f.rule === 'M02')).toEqual([]);
    // I8's true value is 0, so with it read as 0 every other check comes out as before.
    expect(after.findings.filter((f) => f.rule !== 'M02').map(key).sort()).toEqual(before.findings.map(key).sort());
  });
});

describe('cached results of every kind', () => {
  test('0, "", FALSE, TRUE, an error and an escaped text are kept as what they are; no <v> is no result', async () => {
    const g = await loadWorkbookGrid(await kinds());
    const s = sheet(g, '收&支<1>');
    expect(s.cell(0, 0)).toEqual({ value: 0, text: '0', formula: 'SUM(B1:B9)' });
    expect(s.cell(1, 0)).toEqual({ value: '', text: '', formula: 'IF(B1=0,"",B1)' });
    expect(s.cell(2, 0)).toEqual({ value: '', text: '', formula: 'IF(B1=0,"",B1)' });
    expect(s.cell(3, 0)).toEqual({ value: false, text: 'FALSE', formula: 'B1>0' });
    expect(s.cell(4, 0)).toEqual({ value: true, text: 'TRUE', formula: 'B1=0' });
    expect(s.cell(5, 0)).toEqual({ value: '#DIV/0!', text: '#DIV/0!', formula: '1/B1' });
    expect(s.cell(6, 0)).toEqual({ value: 'a&b <c>', text: 'a&b <c>', formula: '"a&b"' });
    expect(s.cell(7, 0)).toEqual({ value: null, formula: 'B1*2' });
    expect(s.cell(8, 0)?.value).toBe(-0);
    expect(sheet(g, '其他').cell(0, 0)).toEqual({ value: 0, text: '0', formula: 'SUM(B1:B2)' });
  });

  test('the file is not read a second time when every formula has its result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = { formula: 'SUM(B1:B2)', result: 0 };
    ws.getCell('A2').value = { formula: 'B1>0', result: false };
    ws.getCell('A3').value = { formula: 'B1*2', result: 5 };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const spy = jest.spyOn(JSZip, 'loadAsync');
    try {
      const g = await loadWorkbookGrid(bytes);
      expect(sheet(g, '表').cell(0, 0)?.value).toBe(0);
      expect(sheet(g, '表').cell(1, 0)?.value).toBe(false);
      // exceljs's own load, and nothing more.
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
